// Golden tests of emitted worker modules: core/test/golden/<file> with the spawn call on a given
// line → <file>.expected.js (the module text, or the diagnostics when there is none). Run with
// XTHREADS_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
//
// Every module must also parse as JavaScript, and every identifier in it (before the epilogue)
// must stand at the same line and column as in the source.
#include "xthreads/worker_module.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "xthreads/analysis.h"
#include "xthreads/plan.h"

namespace xthreads {
namespace {

struct GoldenCase {
  const char* file;
  std::uint32_t line;  // the line of the spawn call; its first `spawn(` is the site
};

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.file;
}

const GoldenCase kCases[] = {
    {"helpers.ts", 20},       {"commonjs.cjs", 11}, {"named_function.mjs", 15},
    {"import_equals.ts", 13}, {"lowering.ts", 15},  {"dynamic_import.mjs", 9},
    {"recursion.mjs", 12},
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string golden_dir() {
  return std::string(XTHREADS_SOURCE_DIR) + "/core/test/golden/";
}

std::string emit_or_diagnose(const std::string& source, Dialect dialect, LineColumn site,
                             WorkerModule& module) {
  const Analysis analysis = analyze(source, dialect);
  const LineMap lines(source);
  const CapturePlan plan = plan_capture(source, analysis, lines, site);
  module = emit_worker_module(source, analysis, lines, plan);
  if (module.ok()) return module.text;
  std::string out;
  for (const Diagnostic& d : module.diagnostics) {
    const LineColumn at = lines.position(d.offset);
    out +=
        std::to_string(at.line) + ":" + std::to_string(at.column) + ": error: " + d.message + "\n";
  }
  return out;
}

class WorkerModuleGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(WorkerModuleGolden, MatchesExpectedModule) {
  const GoldenCase& c = GetParam();
  const std::string path = golden_dir() + c.file;
  const std::string source = read(path);
  ASSERT_FALSE(source.empty()) << path;
  const Dialect dialect = *dialect_for_path(c.file);
  const LineMap lines(source);
  const std::uint32_t line_start = *lines.offset({c.line, 1});
  const std::size_t at = source.find("spawn(", line_start);
  ASSERT_NE(at, std::string::npos);
  WorkerModule module;
  const std::string actual =
      emit_or_diagnose(source, dialect, lines.position(static_cast<std::uint32_t>(at)), module);
  const std::string expected_path = path + ".expected.js";
  if (std::getenv("XTHREADS_UPDATE_GOLDEN")) {
    std::ofstream(expected_path, std::ios::binary) << actual;
  }
  EXPECT_EQ(actual, read(expected_path)) << "regenerate with XTHREADS_UPDATE_GOLDEN=1 and review";
  if (!module.ok()) return;

  // The module is JavaScript.
  const Analysis emitted = analyze(module.text, Dialect::JavaScript);
  ASSERT_TRUE(emitted.ok())
      << emitted.diagnostics.front().message << " at "
      << LineMap(module.text).position(emitted.diagnostics.front().offset).line;
  // Every identifier before the epilogue is where it was in the source.
  const LineMap out_lines(module.text);
  const std::uint32_t source_lines = static_cast<std::uint32_t>(lines.line_count());
  std::size_t checked = 0;
  const auto check = [&](std::string_view name, std::uint32_t offset) {
    const LineColumn pos = out_lines.position(offset);
    if (pos.line > source_lines || name.rfind("__xt_", 0) == 0 || name.rfind("$x", 0) == 0) return;
    const std::optional<std::uint32_t> original = lines.offset(pos);
    if (!original) return;  // past the original line's end: text added there (lowered TypeScript)
    EXPECT_EQ(source.substr(*original, name.size()), name)
        << name << " moved: at " << pos.line << ":" << pos.column;
    ++checked;
  };
  for (const Reference& r : emitted.references) check(r.name, r.range.begin);
  for (const Binding& b : emitted.bindings) check(b.name, b.name_range.begin);
  EXPECT_GT(checked, 0u);
}

INSTANTIATE_TEST_SUITE_P(Files, WorkerModuleGolden, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string name = info.param.file;
                           for (char& ch : name) {
                             if (ch == '.') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace xthreads
