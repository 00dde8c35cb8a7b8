// xthreads-scan: the front end on real files, for the differential test and for people.
//
//   xthreads-scan --functions FILE...   one JSON line per file: every function with a body and
//                                       its free variables (references that resolve outside it)
//   xthreads-scan --closure FILE:LINE:COLUMN [--emit]   the closure passed to the call at that
//                                       position: its capture plan, and with --emit the module
//   xthreads-scan --time FILE...        parse + scope analysis throughput
//   xthreads-scan --emit-check [--dump DIR] [--max-sites N] [--show] FILE...   the worker module
//                                       of every function, checked (see emit_check_mode)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "json/json_writer.h"
#include "xthreads/analysis.h"
#include "xthreads/closure.h"
#include "xthreads/plan.h"
#include "xthreads/worker_module.h"

using namespace xthreads;

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

// Free variables of every function, as scope analysers define them: a reference is free in
// each function it lies in, up to (not including) the scope that declares its binding.
std::vector<std::vector<std::string_view>> free_variables_of_all_functions(const Analysis& a) {
  std::vector<std::vector<std::string_view>> free(a.functions.size());
  for (const Reference& ref : a.references) {
    Id stop = ref.binding != kNone ? a.bindings[ref.binding].scope : kNone;
    if (ref.is_implicit_arguments()) {
      for (const SpecialUse& use : a.special_uses) {
        if (use.kind == SpecialKind::Arguments && use.range.begin == ref.range.begin)
          stop = use.owner;
      }
    }
    for (Id s = ref.scope; s != kNone && s != stop; s = a.scopes[s].parent) {
      if (a.scopes[s].kind == ScopeKind::Function) free[a.scopes[s].function].push_back(ref.name);
    }
  }
  for (auto& names : free) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
  }
  return free;
}

int functions_mode(const std::vector<std::string>& files) {
  for (const std::string& path : files) {
    std::string source;
    JsonWriter json;
    json.begin_object();
    json.key("file");
    json.value(path);
    const auto diagnostic = [&](std::string_view message, LineColumn at) {
      json.begin_object();
      json.key("message");
      json.value(message);
      json.key("line");
      json.value(at.line);
      json.key("column");
      json.value(at.column);
      json.end_object();
    };
    const std::optional<Dialect> dialect = dialect_for_path(path);
    if (!read_file(path, source) || !dialect) {
      json.key("ok");
      json.value(false);
      json.key("diagnostics");
      json.begin_array();
      diagnostic(!dialect ? "not a JavaScript or TypeScript file" : "cannot read the file", {0, 0});
      json.end_array();
      json.key("functions");
      json.begin_array();
      json.end_array();
      json.end_object();
      std::cout << json.take() << '\n';
      continue;
    }
    const Analysis a = analyze(source, *dialect);
    const LineMap lines(source);
    json.key("ok");
    json.value(a.ok());
    json.key("diagnostics");
    json.begin_array();
    for (const Diagnostic& d : a.diagnostics) diagnostic(d.message, lines.position(d.offset));
    json.end_array();
    json.key("functions");
    json.begin_array();
    if (a.ok()) {
      const auto free = free_variables_of_all_functions(a);
      for (Id f = 0; f < a.functions.size(); ++f) {
        const Function& fn = a.functions[f];
        const LineColumn start = lines.position(fn.range.begin);
        const LineColumn body = lines.position(fn.body.begin);
        json.begin_object();
        json.key("line");
        json.value(start.line);
        json.key("column");
        json.value(start.column);
        json.key("body_line");
        json.value(body.line);
        json.key("body_column");
        json.value(body.column);
        json.key("free");
        json.begin_array();
        for (const std::string_view name : free[f]) json.value(name);
        json.end_array();
        json.end_object();
      }
    }
    json.end_array();
    json.end_object();
    std::cout << json.take() << '\n';
  }
  return 0;
}

int closure_mode(const std::string& site, bool emit) {
  const std::size_t last = site.rfind(':');
  const std::size_t middle =
      last == std::string::npos || last == 0 ? std::string::npos : site.rfind(':', last - 1);
  if (middle == std::string::npos) {
    std::cerr << "expected FILE:LINE:COLUMN, got " << site << '\n';
    return 2;
  }
  const std::string path = site.substr(0, middle);
  const std::string line_text = site.substr(middle + 1, last - middle - 1);
  const std::string column_text = site.substr(last + 1);
  const auto number = [](const std::string& text) -> std::uint32_t {
    if (text.empty() || text.size() > 9 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      return 0;
    }
    return static_cast<std::uint32_t>(std::stoul(text));
  };
  const LineColumn position{number(line_text), number(column_text)};
  if (position.line == 0 || position.column == 0) {
    std::cerr << "expected FILE:LINE:COLUMN with a line and column from 1, got " << site << '\n';
    return 2;
  }
  std::string source;
  const std::optional<Dialect> dialect = dialect_for_path(path);
  if (!dialect) {
    std::cerr << path << ": not a .js .mjs .cjs .jsx .ts .mts .cts or .tsx file\n";
    return 2;
  }
  if (!read_file(path, source)) {
    std::cerr << path << ": cannot read the file\n";
    return 2;
  }
  const Analysis a = analyze(source, *dialect);
  const LineMap lines(source);
  const auto where = [&](std::uint32_t offset) {
    const LineColumn at = lines.position(offset);
    return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  };
  const ClosureResult found = find_closure(a, lines, position);
  if (!found.ok()) {
    for (const Diagnostic& d : found.diagnostics)
      std::cout << where(d.offset) << ": error: " << d.message << '\n';
    return 1;
  }
  const CapturePlan plan = plan_capture(source, a, lines, found.closure);
  std::cout << "closure at " << where(a.functions[found.closure.function].range.begin) << '\n';
  for (const Capture& c : plan.captures) {
    std::cout << "  " << c.name << ": " << to_string(c.kind);
    if (c.binding != kNone) {
      const Binding& b = a.bindings[c.binding];
      std::cout << " (" << to_string(b.kind) << " declared at " << where(b.name_range.begin) << ')';
    }
    if (c.import != kNone) {
      const Import& imp = a.imports[c.import];
      std::cout << " from "
                << source.substr(imp.specifier.begin, imp.specifier.end - imp.specifier.begin);
    }
    if (!c.direct) std::cout << ", needed by captured code";
    std::cout << '\n';
  }
  for (const Note& n : plan.notes) std::cout << where(n.offset) << ": note: " << n.message << '\n';
  for (const Diagnostic& d : plan.diagnostics)
    std::cout << where(d.offset) << ": error: " << d.message << '\n';
  if (!plan.ok()) return 1;
  const WorkerModule module = emit_worker_module(source, a, lines, plan);
  for (const Diagnostic& d : module.diagnostics)
    std::cout << where(d.offset) << ": error: " << d.message << '\n';
  if (!module.ok()) return 1;
  if (emit) std::cout << "--- worker module\n" << module.text;
  return 0;
}

// Lines of spaces and tabs only, dropped: the module as an independent parser needs it (same
// syntax, a fraction of the size, since a module keeps its file's length in blank lines).
std::string without_blank_lines(const std::string& text) {
  std::string out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view line(text.data() + begin, end - begin);
    if (line.find_first_not_of(" \t\r\n") != std::string_view::npos) out.append(line);
    begin = end;
  }
  return out;
}

// Every function of every file (function expressions, arrows and declarations: what spawn
// accepts), treated as the closure of a spawn call: its module must parse as JavaScript and keep
// every identifier where it was. A function passed as the first argument of a call is planned
// from that call site (spawn's own path); any other from where it stands (plan_function). With
// `--dump DIR`, the modules of each file (blank lines dropped) are written to DIR/N.mjs.txt,
// separated by NUL bytes, for an independent parser. `--max-sites N` keeps N functions per file,
// spread over it. `--show` prints the first invalid module and why functions were refused.
int emit_check_mode(const std::vector<std::string>& args) {
  std::string dump;
  std::size_t max_sites = std::numeric_limits<std::size_t>::max();
  bool show = false;  // print the first invalid module
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--max-sites" && i + 1 < args.size()) {
      max_sites = std::stoul(args[++i]);
    } else if (args[i] == "--dump" && i + 1 < args.size()) {
      dump = args[++i];
    } else if (args[i] == "--show") {
      show = true;
    } else {
      files.push_back(args[i]);
    }
  }
  std::map<std::string, std::size_t> refusals;  // first words of the first diagnostic → count
  std::size_t sites = 0, from_calls = 0, emitted = 0, refused = 0, invalid = 0, dumped = 0;
  for (const std::string& path : files) {
    std::string source;
    const std::optional<Dialect> dialect = dialect_for_path(path);
    if (!dialect || !read_file(path, source)) continue;
    const Analysis a = analyze(source, *dialect);
    if (!a.ok()) continue;
    const LineMap lines(source);
    const std::uint32_t source_lines = static_cast<std::uint32_t>(lines.line_count());
    std::vector<Id> call_of(a.functions.size(), kNone);  // the call a function is passed to
    for (Id c = 0; c < a.calls.size(); ++c) {
      if (a.calls[c].first_argument == ArgumentKind::Function) call_of[a.calls[c].argument] = c;
    }
    std::vector<Id> candidates;
    for (Id f = 0; f < a.functions.size(); ++f) {
      const FunctionKind kind = a.functions[f].kind;
      if (kind == FunctionKind::Declaration || kind == FunctionKind::Expression ||
          kind == FunctionKind::Arrow) {
        candidates.push_back(f);
      }
    }
    const std::size_t step =
        candidates.size() > max_sites ? (candidates.size() + max_sites - 1) / max_sites : 1;
    std::string modules;  // this file's, for --dump
    for (std::size_t k = 0; k < candidates.size(); k += step) {
      const Id f = candidates[k];
      ++sites;
      LineColumn site = lines.position(a.functions[f].range.begin);
      CapturePlan plan;
      if (call_of[f] != kNone) {
        ++from_calls;
        site = lines.position(a.calls[call_of[f]].callee_name);
        plan = plan_capture(source, a, lines, site);
      } else {
        plan = plan_function(source, a, lines, f);
      }
      const WorkerModule module =
          plan.ok() ? emit_worker_module(source, a, lines, plan) : WorkerModule{};
      if (!plan.ok() || !module.ok()) {
        ++refused;
        const Diagnostic& d = plan.ok() ? module.diagnostics.front() : plan.diagnostics.front();
        std::string reason;  // the message's first clause, names and numbers left out
        bool quoted = false;
        for (const char ch : d.message.substr(0, d.message.find_first_of(":("))) {
          if (ch == '`') {
            quoted = !quoted;
            if (quoted) reason += "`…`";
          } else if (!quoted && !(ch >= '0' && ch <= '9')) {
            reason += ch;
          }
        }
        ++refusals[reason];
        continue;
      }
      ++emitted;
      const Analysis out =
          analyze(module.text, has_jsx(*dialect) ? Dialect::JSX : Dialect::JavaScript);
      std::string problem;
      if (!out.ok()) {
        const LineColumn at = LineMap(module.text).position(out.diagnostics.front().offset);
        problem = "does not parse: " + out.diagnostics.front().message + " at " +
                  std::to_string(at.line) + ":" + std::to_string(at.column);
      } else {
        const LineMap out_lines(module.text);
        const auto moved = [&](std::string_view name, std::uint32_t offset) {
          const LineColumn pos = out_lines.position(offset);
          if (pos.line > source_lines || name.rfind("__xt_", 0) == 0 || name.rfind("$x", 0) == 0)
            return false;
          const std::optional<std::uint32_t> original = lines.offset(pos);
          if (!original) return false;  // added past the line's end (lowered TypeScript)
          return source.substr(*original, name.size()) != name;
        };
        for (const Reference& r : out.references) {
          if (problem.empty() && moved(r.name, r.range.begin))
            problem = "moved: " + std::string(r.name);
        }
        for (const Binding& b : out.bindings) {
          if (problem.empty() && moved(b.name, b.name_range.begin))
            problem = "moved: " + std::string(b.name);
        }
      }
      if (!problem.empty()) {
        if (++invalid <= 20) {
          std::cout << path << ':' << site.line << ':' << site.column << ": " << problem << '\n';
          if (show && invalid == 1) std::cout << module.text << '\n';
        }
      } else if (!dump.empty() && !has_jsx(*dialect)) {
        ++dumped;
        modules += without_blank_lines(module.text);
        modules += '\0';
      }
    }
    if (!modules.empty()) {
      static std::size_t file_number = 0;
      std::ofstream(dump + "/" + std::to_string(file_number++) + ".mjs.txt", std::ios::binary)
          << modules;
    }
  }
  if (show) {  // why functions were refused, most frequent first
    std::vector<std::pair<std::size_t, std::string>> by_count;
    for (const auto& [message, n] : refusals) by_count.emplace_back(n, message);
    std::sort(by_count.rbegin(), by_count.rend());
    for (const auto& [n, message] : by_count)
      std::cout << "  refused " << n << ": " << message << '\n';
  }
  std::cout << "functions " << sites << " (" << from_calls << " passed to a call), emitted "
            << emitted << ", refused with a diagnostic " << refused << ", invalid " << invalid
            << ", dumped " << dumped << '\n';
  return invalid == 0 ? 0 : 1;
}

int time_mode(const std::vector<std::string>& files) {
  std::vector<std::pair<std::string, Dialect>> sources;
  std::size_t bytes = 0;
  for (const std::string& path : files) {
    std::string source;
    const std::optional<Dialect> dialect = dialect_for_path(path);
    if (!dialect || !read_file(path, source)) continue;
    bytes += source.size();
    sources.emplace_back(std::move(source), *dialect);
  }
  std::vector<double> rounds;
  std::size_t failures = 0;
  for (int round = 0; round < 7; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& [source, dialect] : sources) failures += analyze(source, dialect).ok() ? 0 : 1;
    rounds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(rounds.begin(), rounds.end());
  const double median = rounds[rounds.size() / 2];
  std::cout << sources.size() << " files, " << bytes / 1e6 << " MB, median " << median * 1e3
            << " ms, " << bytes / 1e6 / median << " MB/s, " << failures / 7 << " files rejected\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "--functions") {
    return functions_mode({args.begin() + 1, args.end()});
  }
  if (args.size() == 2 && args[0] == "--closure") return closure_mode(args[1], false);
  if (args.size() == 3 && args[0] == "--closure" && args[2] == "--emit")
    return closure_mode(args[1], true);
  if (args.size() >= 2 && args[0] == "--time") return time_mode({args.begin() + 1, args.end()});
  if (args.size() >= 2 && args[0] == "--emit-check") {
    return emit_check_mode({args.begin() + 1, args.end()});
  }
  std::cerr
      << "usage: xthreads-scan --functions FILE... | --closure FILE:LINE:COLUMN [--emit] | --time "
         "FILE... | --emit-check [--dump DIR] [--max-sites N] [--show] FILE...\n";
  return 2;
}
