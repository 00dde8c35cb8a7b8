// The capture plan, one rule per case: source with one `spawn(...)` → how each needed variable
// reaches the worker (`name:capture`, sorted; `~` marks a variable needed only by captured
// code), or → the first diagnostic's text fragment.
#include <gtest/gtest.h>

#include "free_variables.h"
#include "xthreads/plan.h"

namespace xthreads::test {
namespace {

struct PlanCase {
  const char* name;
  Dialect dialect;
  const char* source;
  const char* expected;  // "error: <fragment>" matches the first diagnostic containing it
};

void PrintTo(const PlanCase& c, std::ostream* os) { *os << c.name; }

std::string describe_plan(const PlanCase& c) {
  const Analysis analysis = analyze(c.source, c.dialect);
  const LineMap lines(c.source);
  const CapturePlan plan = plan_capture(c.source, analysis, lines, spawn_position(c.source));
  if (!plan.ok()) return "error: " + plan.diagnostics.front().message;
  std::string out;
  for (const Capture& capture : plan.captures) {
    if (!out.empty()) out += ' ';
    if (!capture.direct) out += '~';
    out += capture.name;
    out += ':';
    out += to_string(capture.kind);
  }
  return out;
}

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;

const PlanCase kCases[] = {
    // imports
    {"named_import_is_import", JS, "import { a } from \"m\";\nspawn(() => a);", "a:import"},
    {"default_and_namespace_imports", JS,
     "import d, * as ns from \"m\";\nspawn(() => [d, ns]);", "d:import ns:import"},
    {"commonjs_require_is_import", JS, "const fs = require(\"fs\");\nspawn(() => fs.statSync);",
     "fs:import"},
    {"destructured_require_is_import", JS,
     "const { readFileSync: read } = require(\"fs\");\nspawn(() => read);", "read:import"},
    {"require_inside_a_function_is_a_value", JS,
     "function f() { const fs = require(\"fs\"); return spawn(() => fs); }", "fs:value"},
    {"import_equals_require_is_import", TS, "import fs = require(\"fs\");\nspawn(() => fs);",
     "fs:import"},
    // code
    {"function_declaration_is_code", JS, "function h() { return 1; }\nspawn(() => h());",
     "h:code"},
    {"class_declaration_is_code", JS, "class C {}\nspawn(() => new C());", "C:code"},
    {"const_arrow_is_code", JS, "const h = () => 1;\nspawn(() => h());", "h:code"},
    {"let_function_never_reassigned_is_code", JS, "let h = function () {};\nspawn(() => h());",
     "h:code"},
    {"reassigned_function_variable_is_an_error", JS,
     "let h = () => 1;\nh = () => 2;\nspawn(() => h());", "error: `h` holds a function"},
    {"code_is_followed_transitively", JS,
     "import { z } from \"m\";\nconst k = 2;\nfunction g() { return z * k; }\nfunction h() { return g(); }\n"
     "spawn(() => h());",
     "~g:code h:code ~k:value ~z:import"},
    {"recursive_helper_needs_only_itself", JS,
     "function fact(n) { return n ? n * fact(n - 1) : 1; }\nspawn(() => fact(5));", "fact:code"},
    {"helper_inside_enclosing_function_is_code", JS,
     "function outer(n) { function twice() { return n * 2; } return spawn(() => twice()); }",
     "~n:value twice:code"},
    {"new_global_is_shared_global", JS,
     "import { Global } from \"experimental-threads\";\nconst g = new Global(new SharedArrayBuffer(4));\n"
     "spawn(() => g.value);",
     "~Global:import ~SharedArrayBuffer:global g:shared-global"},
    // values and globals
    {"data_is_a_value", JS, "const n = 1, o = { a: 1 };\nspawn(() => n + o.a);", "n:value o:value"},
    {"parameter_is_a_value", JS, "function f(x) { return spawn(() => x); }", "x:value"},
    {"unbound_name_is_a_global", JS, "spawn(() => Math.max(1, 2));", "Math:global"},
    {"type_only_name_is_not_captured", TS,
     "type T = number;\nconst v: T = 1;\nspawn(() => v as T);", "v:value"},
    {"nested_spawn_in_closure_is_allowed", JS,
     "import { spawn } from \"experimental-threads\";\nspawn(async () => await eval(spawn(() => 1)));",
     "eval:global spawn:import"},
    // errors at the call site
    {"outer_this_is_an_error", JS,
     "class A { m() { return spawn(() => this.x); } }", "error: the closure uses `this`"},
    {"outer_arguments_is_an_error", JS,
     "function f() { return spawn(() => arguments[0]); }", "error: the closure uses `arguments`"},
    {"own_this_is_fine", JS, "spawn(function () { return this; });", ""},
    {"assignment_to_capture_is_an_error", JS, "let n = 0;\nspawn(() => { n++; });",
     "error: the closure assigns to `n`"},
    {"destructuring_assignment_to_capture_is_an_error", JS, "let a;\nspawn(() => { [a] = [1]; });",
     "error: the closure assigns to `a`"},
    {"assignment_to_local_is_fine", JS, "spawn(() => { let n = 0; n++; return n; });", ""},
    {"direct_eval_is_an_error", JS, "spawn(() => eval(\"x\"));", "error: the closure calls eval"},
    {"with_is_an_error", JS, "spawn(() => { with (o) { x; } });", "error: the closure contains a `with`"},
    {"helper_using_outer_this_is_an_error", JS,
     "class A { m() { const h = () => this.v; return spawn(() => h()); } }",
     "error: `h`, which the closure needs, uses `this`"},
    {"shadowed_value_at_call_site_is_an_error", JS,
     "const limit = 1;\nfunction h() { return limit; }\nfunction f(limit) { return spawn(() => h()); }",
     "error: `limit` (declared at 1:7), read by `h`, is shadowed"},
    {"two_variables_with_one_name_is_an_error", JS,
     "const v = 1;\nfunction h() { return v; }\nfunction f() { const w = 2; { const v = 3; return spawn(() => h() + v); } }",
     "error: `v` (declared at 1:7), read by `h`, is shadowed"},
    {"not_a_function_argument_is_an_error", JS, "spawn(42);", "error: the first argument"},
};

class Plan : public ::testing::TestWithParam<PlanCase> {};

TEST_P(Plan, Captures) {
  const PlanCase& c = GetParam();
  const std::string actual = describe_plan(c);
  const std::string expected = c.expected;
  if (expected.rfind("error: ", 0) == 0) {
    EXPECT_EQ(actual.rfind(expected, 0), 0u) << "expected " << expected << "\ngot " << actual;
  } else {
    EXPECT_EQ(actual, expected) << c.source;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Plan, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xthreads::test
