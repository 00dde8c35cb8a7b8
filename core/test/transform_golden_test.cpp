// Golden tests of compile mode's whole-file transform: core/test/golden/transform/<file> →
// <file>.expected.txt, which holds the rewritten file, then each site (name, position, value
// captures, whether it streams) with its worker module, then the diagnostics. Run with
// XTHREADS_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
//
// Every case must also keep the file's line count, be idempotent (the rewritten file transformed
// again is unchanged and has no site), and leave no `eval(` of a compiled site.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "../src/compile/transform.h"

namespace xthreads {
namespace {

const char* const kFiles[] = {"server.mjs", "typed.ts", "required.cjs", "refused.mjs"};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string at(const LineMap& lines, std::uint32_t offset) {
  const LineColumn p = lines.position(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

// The transform's result as reviewable text.
std::string describe(const Transformed& t) {
  std::string out = t.text;
  for (const TransformedSite& site : t.sites) {
    out += "\n---- site " + site.name + " at " + at(t.lines, t.analysis.calls[site.spawn_call].range.begin);
    if (!site.ok()) {
      out += ": not compiled\n";
      continue;
    }
    out += site.streamed ? ", streamed" : "";
    out += ", values [";
    for (std::size_t k = 0; k < site.module.values.size(); ++k) {
      out += (k ? ", " : "") + std::string(site.module.values[k]);
    }
    out += "]\n" + site.module.text;
  }
  out += "\n---- diagnostics\n";
  for (const Diagnostic& d : t.diagnostics) out += at(t.lines, d.offset) + ": " + d.message + "\n";
  return out;
}

std::size_t line_count(std::string_view text) { return std::count(text.begin(), text.end(), '\n'); }

class TransformGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(TransformGolden, MatchesTheExpectedFileSitesAndDiagnostics) {
  const std::string path = std::string(XTHREADS_SOURCE_DIR) + "/core/test/golden/transform/" + GetParam();
  const std::string source = read(path);
  ASSERT_FALSE(source.empty()) << path;
  const Dialect dialect = *dialect_for_path(GetParam());
  const Transformed t = transform_file(source, dialect);
  const std::string actual = describe(t);
  const std::string expected_path = path + ".expected.txt";
  if (std::getenv("XTHREADS_UPDATE_GOLDEN")) std::ofstream(expected_path, std::ios::binary) << actual;
  EXPECT_EQ(actual, read(expected_path)) << "regenerate with XTHREADS_UPDATE_GOLDEN=1 and review";

  EXPECT_EQ(line_count(t.text), line_count(source)) << "the rewritten file's lines moved";
  const Transformed again = transform_file(t.text, dialect);
  EXPECT_EQ(again.text, t.text) << "not idempotent";
  std::size_t compiled = 0;
  for (const TransformedSite& site : t.sites) compiled += site.ok() ? 1 : 0;
  EXPECT_GT(compiled, 0u) << "every golden file has a site that compiles";
  for (const TransformedSite& site : again.sites) {
    EXPECT_FALSE(site.ok()) << "a compiled site was found again at " << at(again.lines, again.analysis.calls[site.spawn_call].range.begin);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, TransformGolden, ::testing::ValuesIn(kFiles), [](const auto& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
});

}  // namespace
}  // namespace xthreads
