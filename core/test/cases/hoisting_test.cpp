// `var` and function declarations hoist to the enclosing function (or module): out of blocks,
// loops, `switch` cases, `catch` blocks and labelled statements — but never out of a function,
// method, arrow or class static block.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;

const FreeVariableCase kHoisting[] = {
    // --- inside the closure: hoisted vars are bound by the closure ---
    {"var_hoisted_out_of_nested_block", JS, "spawn(() => {\n  { { var a = 1; } }\n  return a;\n});",
     ""},
    {"var_hoisted_out_of_if_and_else_branches", JS,
     "spawn(() => {\n  if (c) { var a = 1; } else { var b = 2; }\n  return a + b;\n});",
     "c:global"},
    {"var_hoisted_out_of_braceless_if", JS, "spawn(() => {\n  if (c) var a = 1;\n  return a;\n});",
     "c:global"},
    {"var_hoisted_out_of_for_body", JS,
     "spawn(() => {\n  for (;;) { var a = 1; break; }\n  return a;\n});", ""},
    {"var_in_for_head_hoisted", JS,
     "spawn(() => {\n  for (var i = 0; i < n; i++) {}\n  return i;\n});", "n:global"},
    {"var_in_for_in_head_hoisted", JS, "spawn(() => {\n  for (var k in o) {}\n  return k;\n});",
     "o:global"},
    {"var_in_for_of_head_hoisted", JS, "spawn(() => {\n  for (var x of xs) {}\n  return x;\n});",
     "xs:global"},
    {"var_hoisted_out_of_while_and_do_while", JS,
     "spawn(() => {\n  while (c) { var a = 1; }\n  do { var b = 2; } while (d);\n  return a + "
     "b;\n});",
     "c:global d:global"},
    {"var_hoisted_out_of_switch_case", JS,
     R"js(spawn(() => {
  switch (x) {
    case 1: var a = 1; break;
    default: var b = 2;
  }
  return a + b;
});)js",
     "x:global"},
    {"var_hoisted_out_of_labelled_block", JS,
     "spawn(() => {\n  lbl: { var a = 1; break lbl; }\n  return a;\n});", ""},
    {"var_hoisted_out_of_labelled_loops", JS,
     "spawn(() => {\n  outer: for (;;) { inner: while (c) { var a = 1; break outer; } }\n  return "
     "a;\n});",
     "c:global"},
    {"var_hoisted_out_of_try_catch_finally", JS,
     "spawn(() => {\n  try { var a = 1; } catch (e) { var b = e; } finally { var c = 3; }\n  "
     "return a + b + c;\n});",
     ""},
    {"var_hoisted_out_of_catch_block", JS,
     "spawn(() => {\n  try { f(); } catch (e) { var a = e; }\n  return a;\n});", "f:global"},
    // Hoisting binds uses that come before the declaration, including writes.
    {"var_used_before_its_declaration_is_bound", JS,
     "spawn(() => {\n  a = 1;\n  if (x) { var a; }\n  return a;\n});", "x:global"},
    {"var_destructuring_hoisted_out_of_block", JS,
     "spawn(() => {\n  { var { a, b: [c] } = o; }\n  return a + c;\n});", "o:global"},
    {"var_in_closure_shadows_outer_binding", JS,
     "const a = 1;\nspawn(() => {\n  if (x) { var a = 2; }\n  return a;\n});", "x:global"},
    {"var_in_nested_block_of_function_closure", JS,
     "spawn(function () {\n  { var a = 1; }\n  return a;\n});", ""},
    {"function_declaration_hoisted_within_closure", JS,
     "spawn(() => {\n  return g();\n  function g() { return 1; }\n});", ""},
    {"async_and_generator_declarations_hoisted_within_closure", JS,
     "spawn(async () => {\n  await g();\n  return [...h()];\n  async function g() {}\n  function* "
     "h() {}\n});",
     ""},
    {"recursive_inner_function_declaration", JS,
     "spawn(() => {\n  function loop(n) { return n && loop(n - 1); }\n  return loop(3);\n});", ""},

    // --- hoisting stops at function boundaries ---
    {"var_does_not_hoist_out_of_nested_function", JS,
     "spawn(() => {\n  function g() { var a = 1; }\n  return a;\n});", "a:global"},
    {"var_does_not_hoist_out_of_nested_arrow", JS,
     "spawn(() => {\n  const g = () => { { var a = 1; } };\n  return a;\n});", "a:global"},
    {"var_does_not_hoist_out_of_object_method", JS,
     "spawn(() => {\n  const o = { m() { var a = 1; } };\n  return a;\n});", "a:global"},
    {"var_does_not_hoist_out_of_class_method", JS,
     "spawn(() => {\n  class K { m() { var a = 1; } }\n  return a;\n});", "a:global"},
    // A class static block is its own var scope.
    {"var_does_not_hoist_out_of_static_block", JS,
     "spawn(() => {\n  class K { static { var a = 1; } }\n  return a;\n});", "a:global"},

    // --- outside the closure: hoisted vars of the enclosing function are captured ---
    {"outer_var_hoisted_from_later_block_of_enclosing_function", JS,
     "function outer() {\n  spawn(() => a);\n  if (c) { var a = 1; }\n}", "a:var"},
    {"outer_var_hoisted_from_switch_case_of_enclosing_function", JS,
     "function outer(x) {\n  switch (x) { case 1: var a = 1; }\n  spawn(() => a);\n}", "a:var"},
    {"outer_var_in_for_head_of_enclosing_function", JS,
     "function outer() {\n  for (var i = 0; i < 3; i++) {}\n  spawn(() => i);\n}", "i:var"},
    {"outer_var_hoisted_from_catch_block", JS,
     "function outer() {\n  try {} catch (e) { var a = e; }\n  spawn(() => a);\n}", "a:var"},
    {"outer_var_declared_in_loop_body_around_the_call", JS,
     "function outer(xs) {\n  for (const x of xs) {\n    var last = x;\n  }\n  spawn(() => "
     "last);\n}",
     "last:var"},
    {"module_var_in_block_hoisted_to_module", JS, "{ var a = 1; }\nspawn(() => a);", "a:var"},
    {"module_var_in_labelled_block_hoisted_to_module", JS, "lbl: { var a = 1; }\nspawn(() => a);",
     "a:var"},
    {"module_var_in_for_of_head", JS, "for (var x of [1]) {}\nspawn(() => x);", "x:var"},
    {"function_declared_later_in_enclosing_function", JS,
     "function outer() {\n  spawn(() => g());\n  function g() {}\n}", "g:function"},
    {"function_declared_later_at_module_level", JS, "spawn(() => g());\nfunction g() {}",
     "g:function"},
    {"var_of_sibling_function_not_visible", JS,
     "function one() { var a = 1; }\nfunction two() {\n  spawn(() => a);\n}", "a:global"},
    {"var_of_nested_function_of_enclosing_function_not_visible", JS,
     "function outer() {\n  function inner() { var a = 1; }\n  spawn(() => a);\n}", "a:global"},
    {"var_in_enclosing_function_shadows_module_let", JS,
     "let a = 1;\nfunction outer() {\n  { var a = 2; }\n  spawn(() => a);\n}", "a:var"},
};

class Hoisting : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Hoisting, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Hoisting, ::testing::ValuesIn(kHoisting), CaseName());

}  // namespace
}  // namespace xthreads::test
