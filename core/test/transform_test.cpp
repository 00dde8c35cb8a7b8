// Compile mode's whole-file transform (xthreads/transform.h): which calls are sites, how a site is
// rewritten, and what is left alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "../src/compile/transform.h"

namespace xthreads {
namespace {

constexpr std::string_view kImport = "import { spawn } from \"experimental-threads\";\n";

Transformed run(const std::string& source, Dialect dialect = Dialect::JavaScript) {
  return transform_file(source, dialect);
}

std::size_t lines(std::string_view text) { return std::count(text.begin(), text.end(), '\n'); }

TEST(Transform, RewritesASiteAsACallOfItsPrecompiledSiteWithItsValues) {
  const std::string source = std::string(kImport) + "const w = 1;\nexport const r = eval(spawn(() => w + 1));\n";
  const Transformed t = run(source);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t.sites.size(), 1u);
  EXPECT_EQ(t.sites[0].name, "__xt_s0");
  EXPECT_NE(t.text.find("export const r = __xt_spawn(__xt_s0,[w]"), std::string::npos) << t.text;
  EXPECT_EQ(t.text.find("eval("), std::string::npos);
  EXPECT_EQ(lines(t.text), lines(source));
}

TEST(Transform, KeepsLinesAndTheOptionsOfAMultiLineSite) {
  const std::string source = std::string(kImport) +
                             "const n = 2;\nconst r = eval(spawn(async () => {\n  return n;\n}, { timeout: 5 }));\nconst after = 1;\n";
  const Transformed t = run(source);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(lines(t.text), lines(source));
  EXPECT_NE(t.text.find(", { timeout: 5 } );\nconst after = 1;"), std::string::npos) << t.text;
}

TEST(Transform, LeavesAFileWithoutTheSpawnOfThePackageUnchanged) {
  const std::string source = "function spawn(f) { return f; }\nconst r = eval(spawn(() => 1));\n";
  const Transformed t = run(source);
  EXPECT_TRUE(t.ok());
  EXPECT_TRUE(t.sites.empty());
  EXPECT_EQ(t.text, source);
}

TEST(Transform, IsIdempotent) {
  const std::string source = std::string(kImport) + "const w = 1;\nconst r = eval(spawn(() => w));\n";
  const Transformed once = run(source);
  const Transformed twice = run(once.text);
  EXPECT_TRUE(twice.sites.empty());
  EXPECT_EQ(twice.text, once.text);
}

TEST(Transform, RecognisesANamespaceImportAndARenamedImport) {
  const std::string source =
      "import * as xt from \"experimental-threads\";\nimport { spawn as go } from \"experimental-threads\";\n"
      "const a = eval(xt.spawn(() => 1));\nconst b = eval(go(() => 2));\n";
  const Transformed t = run(source);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.sites.size(), 2u);
}

TEST(Transform, ReportsASpawnThatIsNotTheArgumentOfEval) {
  const std::string source = std::string(kImport) + "const script = spawn(() => 1);\n";
  const Transformed t = run(source);
  ASSERT_EQ(t.diagnostics.size(), 1u);
  EXPECT_NE(t.diagnostics[0].message.find("not the argument of eval"), std::string::npos);
  EXPECT_TRUE(t.sites.empty());
}

TEST(Transform, LeavesANestedSpawnToTheWorkerModuleOfItsClosure) {
  const std::string source = std::string(kImport) +
                             "const w = 1;\nconst r = eval(spawn(async () => eval(spawn(() => w))));\n";
  const Transformed t = run(source);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t.sites.size(), 1u);
  EXPECT_NE(t.sites[0].module.text.find("eval(spawn(() => w))"), std::string::npos);
}

TEST(Transform, LeavesASiteWithErrorsAsWrittenAndReportsThem) {
  const std::string source = std::string(kImport) + "let n = 0;\nconst r = eval(spawn(() => { n++; }));\n";
  const Transformed t = run(source);
  EXPECT_FALSE(t.ok());
  EXPECT_NE(t.text.find("eval(spawn(() => { n++; }))"), std::string::npos);
}

// fn.length, as eval mode's spawn reads it: parameters before a default value or a rest one.
TEST(Transform, RefusesAClosureOfMoreThanOneParameterAsEvalModeDoes) {
  const std::string source = std::string(kImport) + "const r = eval(spawn((a, b) => a));\n";
  const Transformed t = run(source);
  ASSERT_EQ(t.sites.size(), 1u);
  ASSERT_EQ(t.sites[0].diagnostics.size(), 1u);
  EXPECT_NE(t.sites[0].diagnostics[0].message.find("takes 2 parameters; it may take one, the task context"),
            std::string::npos);
  EXPECT_NE(t.text.find("eval(spawn((a, b) => a))"), std::string::npos) << t.text;
  for (const char* one : {"(ctx) => 1", "ctx => 1", "(ctx, b = 2) => 1", "(ctx, ...rest) => 1",
                          "function (ctx, b = 1, c) { return 1; }", "() => 1"}) {
    const Transformed ok = run(std::string(kImport) + "const r = eval(spawn(" + one + "));\n");
    EXPECT_TRUE(ok.ok()) << one << ": " << (ok.diagnostics.empty() ? "" : ok.diagnostics[0].message);
  }
  const Transformed typed =
      run(std::string(kImport) + "const r = eval(spawn(function (this: unknown, a?: number) { return a; }));\n",
          Dialect::TypeScript);
  EXPECT_TRUE(typed.ok()) << (typed.diagnostics.empty() ? "" : typed.diagnostics[0].message);
}

TEST(Transform, MarksAGeneratorClosureAsStreamed) {
  const std::string source = std::string(kImport) + "const s = eval(spawn(function* () { yield 1; }));\n";
  const Transformed t = run(source);
  ASSERT_EQ(t.sites.size(), 1u);
  EXPECT_TRUE(t.sites[0].streamed);
}

TEST(Transform, RewritesTypeScriptAndKeepsItsTypes) {
  const std::string source = std::string(kImport) + "const w: number = 1;\nconst r = eval(spawn((): number => w));\n";
  const Transformed t = run(source, Dialect::TypeScript);
  ASSERT_TRUE(t.ok());
  EXPECT_NE(t.text.find("const w: number = 1;"), std::string::npos);
  EXPECT_NE(t.text.find("__xt_spawn(__xt_s0,[w]"), std::string::npos);
}

}  // namespace
}  // namespace xthreads
