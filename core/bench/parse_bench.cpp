// Parse throughput benchmark: xthreads::analyze (parse + scope analysis) side by side with a
// tree-sitter parse (tree-sitter-typescript grammar, C runtime from npm) of the same bytes.
//
//   xthreads-parse-bench [--rounds N] [--min-round-seconds S] [--tools xthreads,tree-sitter]
//                        --input NAME PATH... [--input NAME PATH...]
//
// A PATH of the form @FILE names a file that lists paths, one a line. Each input is measured as
// a whole: one "pass" parses every file of the input once. Each round runs passes until at least
// --min-round-seconds have gone by, and records the mean time of one pass; the tools take turns
// round by round (so drifts in machine speed hit them alike), and the report gives the median
// round. Results go to stdout as JSON; progress goes to stderr.
//
// This is a benchmark, not a test: it checks nothing, it only counts how many files each tool
// reported errors for, so a reader can tell if error recovery paths are being measured.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>

#include "xthreads/analysis.h"
#include "xthreads/source.h"

#if XTHREADS_BENCH_TREE_SITTER
#include <tree_sitter/api.h>
extern "C" const TSLanguage* tree_sitter_typescript(void);
extern "C" const TSLanguage* tree_sitter_tsx(void);
#endif

#ifndef XTHREADS_BENCH_BUILD_TYPE
#define XTHREADS_BENCH_BUILD_TYPE "unknown"
#endif
#ifndef XTHREADS_BENCH_CXX_FLAGS
#define XTHREADS_BENCH_CXX_FLAGS "unknown"
#endif
#ifndef XTHREADS_BENCH_C_FLAGS
#define XTHREADS_BENCH_C_FLAGS ""
#endif
#ifndef XTHREADS_BENCH_TREE_SITTER_NOTE
#define XTHREADS_BENCH_TREE_SITTER_NOTE ""
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct File {
  std::string path;
  std::string text;
  xthreads::Dialect dialect;
};

struct Input {
  std::string name;
  std::vector<File> files;
  std::vector<std::string> skipped;  // paths with no dialect (e.g. .d.ts) or unreadable
  std::uint64_t bytes = 0;
};

struct ToolResult {
  std::string tool;
  std::vector<double> round_seconds;  // mean wall-clock seconds of one pass, per round
  std::vector<double> round_cpu_seconds;  // mean CPU seconds of one pass, per round
  std::vector<std::uint32_t> passes_per_round;
  std::uint32_t files_with_errors = 0;
  std::uint64_t checksum = 0;  // counts from the warm-up pass (also keeps the work observable)
  std::string counts;          // JSON object text with per-tool counts from the warm-up pass
};

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string json_string(std::string_view s) { return "\"" + json_escape(s) + "\""; }

std::string json_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// --- the tools -------------------------------------------------------------------------------

// One pass of xthreads::analyze over every file. Returns a value derived from the results so the
// work cannot be optimised away.
std::uint64_t xthreads_pass(const Input& input, std::uint32_t* files_with_errors) {
  std::uint64_t sum = 0;
  std::uint32_t errors = 0;
  for (const File& f : input.files) {
    xthreads::Analysis a = xthreads::analyze(f.text, f.dialect);
    sum += a.scopes.size() + a.bindings.size() + a.references.size();
    if (!a.ok()) ++errors;
  }
  if (files_with_errors) *files_with_errors = errors;
  return sum;
}

#if XTHREADS_BENCH_TREE_SITTER
struct TreeSitter {
  TSParser* typescript = nullptr;
  TSParser* tsx = nullptr;
  TreeSitter() {
    typescript = ts_parser_new();
    tsx = ts_parser_new();
    if (!ts_parser_set_language(typescript, tree_sitter_typescript()) ||
        !ts_parser_set_language(tsx, tree_sitter_tsx())) {
      std::fprintf(stderr, "tree-sitter: the grammar's ABI version is not supported by the runtime\n");
      std::exit(2);
    }
  }
  ~TreeSitter() {
    ts_parser_delete(typescript);
    ts_parser_delete(tsx);
  }
  TreeSitter(const TreeSitter&) = delete;
  TreeSitter& operator=(const TreeSitter&) = delete;
};

// The tsx grammar for .tsx and .jsx, the typescript grammar for everything else.
std::uint64_t tree_sitter_pass(TreeSitter& ts, const Input& input, std::uint32_t* files_with_errors,
                               std::uint64_t* nodes) {
  std::uint64_t sum = 0;
  std::uint32_t errors = 0;
  for (const File& f : input.files) {
    TSParser* parser = xthreads::has_jsx(f.dialect) ? ts.tsx : ts.typescript;
    TSTree* tree = ts_parser_parse_string(parser, nullptr, f.text.data(),
                                          static_cast<std::uint32_t>(f.text.size()));
    if (!tree) {
      ++errors;
      continue;
    }
    TSNode root = ts_tree_root_node(tree);
    sum += ts_node_child_count(root) + ts_node_end_byte(root);
    if (ts_node_has_error(root)) ++errors;
    if (nodes) *nodes += ts_node_descendant_count(root);
    ts_tree_delete(tree);
  }
  if (files_with_errors) *files_with_errors = errors;
  return sum;
}
#endif

// --- driver ----------------------------------------------------------------------------------

struct Options {
  int rounds = 7;
  double min_round_seconds = 0.3;
  bool run_xthreads = true;
  bool run_tree_sitter = true;
  std::vector<Input> inputs;
};

[[noreturn]] void usage(const char* message) {
  if (message) std::fprintf(stderr, "xthreads-parse-bench: %s\n", message);
  std::fprintf(stderr,
               "usage: xthreads-parse-bench [--rounds N] [--min-round-seconds S]\n"
               "                            [--tools xthreads,tree-sitter]\n"
               "                            --input NAME PATH... [--input NAME PATH...]\n"
               "  PATH may be @FILE: a file listing paths, one a line.\n");
  std::exit(2);
}

void add_path(Input& input, const std::string& path) {
  std::optional<xthreads::Dialect> dialect = xthreads::dialect_for_path(path);
  if (!dialect) {
    input.skipped.push_back(path);
    return;
  }
  std::optional<std::string> text = read_file(path);
  if (!text) {
    std::fprintf(stderr, "xthreads-parse-bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  input.bytes += text->size();
  input.files.push_back(File{path, std::move(*text), *dialect});
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage("missing value");
      return argv[++i];
    };
    if (arg == "--rounds") {
      o.rounds = std::atoi(next().c_str());
      if (o.rounds < 1) usage("--rounds must be at least 1");
    } else if (arg == "--min-round-seconds") {
      o.min_round_seconds = std::atof(next().c_str());
    } else if (arg == "--tools") {
      std::string tools = next();
      o.run_xthreads = tools.find("xthreads") != std::string::npos;
      o.run_tree_sitter = tools.find("tree-sitter") != std::string::npos;
    } else if (arg == "--input") {
      Input input;
      input.name = next();
      while (i + 1 < argc && std::string_view(argv[i + 1]).substr(0, 2) != "--") {
        std::string path = argv[++i];
        if (!path.empty() && path[0] == '@') {
          std::ifstream list(path.substr(1));
          if (!list) usage(("cannot read list " + path.substr(1)).c_str());
          std::string line;
          while (std::getline(list, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) add_path(input, line);
          }
        } else {
          add_path(input, path);
        }
      }
      if (input.files.empty()) usage(("input " + input.name + " has no parseable file").c_str());
      o.inputs.push_back(std::move(input));
    } else if (arg == "--help" || arg == "-h") {
      usage(nullptr);
    } else {
      usage(("unknown argument " + std::string(arg)).c_str());
    }
  }
  if (o.inputs.empty()) usage("no --input");
  return o;
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Round {
  double seconds = 0;      // wall clock, mean of one pass
  double cpu_seconds = 0;  // CPU time of this (single-threaded) process, mean of one pass
  std::uint32_t passes = 0;
};

// Runs `pass` repeatedly for at least `min_seconds` of wall-clock time (at least once).
template <typename Pass>
Round timed_round(double min_seconds, Pass&& pass, std::uint64_t& sink) {
  Round r;
  double cpu_start = cpu_seconds();
  Clock::time_point start = Clock::now();
  double elapsed = 0;
  do {
    sink += pass();
    ++r.passes;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  r.seconds = elapsed / r.passes;
  r.cpu_seconds = (cpu_seconds() - cpu_start) / r.passes;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_args(argc, argv);
#if !XTHREADS_BENCH_TREE_SITTER
  if (o.run_tree_sitter) {
    std::fprintf(stderr,
                 "xthreads-parse-bench: built WITHOUT tree-sitter (%s); measuring xthreads only\n",
                 XTHREADS_BENCH_TREE_SITTER_NOTE);
    o.run_tree_sitter = false;
  }
#else
  TreeSitter ts;
#endif

  std::uint64_t sink = 0;
  std::string out = "{\n";
  out += "  \"build_type\": " + json_string(XTHREADS_BENCH_BUILD_TYPE) + ",\n";
  out += "  \"cxx_flags\": " + json_string(XTHREADS_BENCH_CXX_FLAGS) + ",\n";
  out += "  \"c_flags\": " + json_string(XTHREADS_BENCH_C_FLAGS) + ",\n";
  out += "  \"compiler\": " + json_string(__VERSION__) + ",\n";
#if XTHREADS_BENCH_TREE_SITTER
  out += "  \"tree_sitter\": {\"built\": true, \"runtime_abi\": " +
         std::to_string(TREE_SITTER_LANGUAGE_VERSION) + ", \"typescript_grammar_abi\": " +
         std::to_string(ts_language_abi_version(tree_sitter_typescript())) +
         ", \"tsx_grammar_abi\": " + std::to_string(ts_language_abi_version(tree_sitter_tsx())) +
         "},\n";
#else
  out += "  \"tree_sitter\": {\"built\": false, \"note\": " +
         json_string(XTHREADS_BENCH_TREE_SITTER_NOTE) + "},\n";
#endif
  out += "  \"rounds\": " + std::to_string(o.rounds) + ",\n";
  out += "  \"min_round_seconds\": " + json_number(o.min_round_seconds) + ",\n";
  out += "  \"inputs\": [";

  for (std::size_t k = 0; k < o.inputs.size(); ++k) {
    const Input& input = o.inputs[k];
    std::fprintf(stderr, "input %s: %zu files, %.2f MB\n", input.name.c_str(), input.files.size(),
                 input.bytes / 1e6);

    std::vector<ToolResult> results;
    // Warm-up pass per tool: faults the pages in, sizes the allocator, and records counts.
    if (o.run_xthreads) {
      ToolResult r;
      r.tool = "xthreads";
      std::uint64_t scopes = 0, bindings = 0, references = 0;
      for (const File& f : input.files) {
        xthreads::Analysis a = xthreads::analyze(f.text, f.dialect);
        scopes += a.scopes.size();
        bindings += a.bindings.size();
        references += a.references.size();
        if (!a.ok()) {
          ++r.files_with_errors;
          if (r.files_with_errors <= 5)
            std::fprintf(stderr, "  xthreads: diagnostics in %s at %u: %s\n", f.path.c_str(),
                         a.diagnostics[0].offset, a.diagnostics[0].message.c_str());
        }
      }
      r.checksum = scopes + bindings + references;
      r.counts = "{\"scopes\": " + std::to_string(scopes) +
                 ", \"bindings\": " + std::to_string(bindings) +
                 ", \"references\": " + std::to_string(references) + "}";
      results.push_back(std::move(r));
    }
#if XTHREADS_BENCH_TREE_SITTER
    if (o.run_tree_sitter) {
      ToolResult r;
      r.tool = "tree-sitter";
      std::uint64_t nodes = 0;
      r.checksum = tree_sitter_pass(ts, input, &r.files_with_errors, &nodes);
      r.counts = "{\"nodes\": " + std::to_string(nodes) + "}";
      results.push_back(std::move(r));
    }
#endif

    for (int round = 0; round < o.rounds; ++round) {
      for (ToolResult& r : results) {
        Round t;
        if (r.tool == "xthreads") {
          t = timed_round(o.min_round_seconds, [&] { return xthreads_pass(input, nullptr); }, sink);
        }
#if XTHREADS_BENCH_TREE_SITTER
        else {
          t = timed_round(o.min_round_seconds,
                          [&] { return tree_sitter_pass(ts, input, nullptr, nullptr); }, sink);
        }
#endif
        r.round_seconds.push_back(t.seconds);
        r.round_cpu_seconds.push_back(t.cpu_seconds);
        r.passes_per_round.push_back(t.passes);
      }
    }

    out += k ? ",\n" : "\n";
    out += "    {\"name\": " + json_string(input.name) +
           ", \"files\": " + std::to_string(input.files.size()) +
           ", \"bytes\": " + std::to_string(input.bytes) +
           ", \"skipped\": " + std::to_string(input.skipped.size()) + ", \"results\": {";
    for (std::size_t j = 0; j < results.size(); ++j) {
      const ToolResult& r = results[j];
      double med = median(r.round_seconds);
      double med_cpu = median(r.round_cpu_seconds);
      std::fprintf(stderr,
                   "  %-12s median %9.3f ms  %8.2f MB/s  (CPU time: %8.2f MB/s)  (%u files with "
                   "errors)\n",
                   r.tool.c_str(), med * 1e3, input.bytes / 1e6 / med, input.bytes / 1e6 / med_cpu,
                   r.files_with_errors);
      out += j ? ", " : "";
      out += json_string(r.tool) + ": {\"median_s\": " + json_number(med) +
             ", \"median_cpu_s\": " + json_number(med_cpu) +
             ", \"min_s\": " +
             json_number(*std::min_element(r.round_seconds.begin(), r.round_seconds.end())) +
             ", \"max_s\": " +
             json_number(*std::max_element(r.round_seconds.begin(), r.round_seconds.end())) +
             ", \"rounds_s\": [";
      for (std::size_t q = 0; q < r.round_seconds.size(); ++q)
        out += (q ? ", " : "") + json_number(r.round_seconds[q]);
      out += "], \"rounds_cpu_s\": [";
      for (std::size_t q = 0; q < r.round_cpu_seconds.size(); ++q)
        out += (q ? ", " : "") + json_number(r.round_cpu_seconds[q]);
      out += "], \"passes_per_round\": [";
      for (std::size_t q = 0; q < r.passes_per_round.size(); ++q)
        out += (q ? ", " : "") + std::to_string(r.passes_per_round[q]);
      out += "], \"files_with_errors\": " + std::to_string(r.files_with_errors) +
             ", \"counts\": " + r.counts + "}";
    }
    out += "}}";
  }
  out += "\n  ],\n  \"sink\": " + std::to_string(sink % 1000) + "\n}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
