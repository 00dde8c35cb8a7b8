// `let`, `const`, `class`, `using` and (with strict / ES-module semantics) function declarations
// in blocks are block scoped; loop heads and `catch` parameters bind in their own scopes; the
// nearest binding wins at every level.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;

const FreeVariableCase kBlockScoping[] = {
    // --- lexical declarations stay in their block ---
    {"let_in_block_not_visible_after_block", JS,
     "spawn(() => {\n  { let a = 1; }\n  return a;\n});", "a:global"},
    {"const_in_block_not_visible_after_block", JS,
     "spawn(() => {\n  if (c) { const a = 1; }\n  return a;\n});", "a:global c:global"},
    {"class_declaration_is_block_scoped", JS,
     "spawn(() => {\n  { class K {} }\n  return new K();\n});", "K:global"},
    // Strict mode: a function declared in a block is bound in that block only (no Annex B).
    {"block_function_declaration_is_block_scoped", JS,
     "spawn(() => {\n  { function g() {} }\n  return g();\n});", "g:global"},
    {"block_function_declaration_hoisted_within_its_block", JS,
     "spawn(() => {\n  {\n    g();\n    function g() {}\n  }\n});", ""},
    {"function_in_if_block_is_block_scoped", JS,
     "spawn(() => {\n  if (c) { function g() {} }\n  return g;\n});", "c:global g:global"},
    {"function_in_switch_case_is_scoped_to_the_switch", JS,
     "spawn(() => {\n  switch (x) { case 1: function g() {} }\n  return g;\n});",
     "g:global x:global"},
    {"function_in_loop_body_is_block_scoped", JS,
     "spawn(() => {\n  for (;;) { function g() {} break; }\n  return g;\n});", "g:global"},
    // All cases of a switch share one block.
    {"let_in_switch_case_shared_by_all_cases", JS,
     R"js(spawn(() => {
  switch (x) {
    case 0: let a = 1; break;
    default: a;
  }
});)js",
     "x:global"},
    {"let_in_switch_not_visible_after_switch", JS,
     "spawn(() => {\n  switch (x) { case 0: let a = 1; }\n  return a;\n});", "a:global x:global"},
    // Resolution is static: a use in the temporal dead zone still refers to the later `let`.
    {"let_used_before_declaration_is_bound", JS, "spawn(() => {\n  a;\n  let a = 1;\n});", ""},
    {"labelled_block_let_not_visible_after", JS,
     "spawn(() => {\n  lbl: { let a = 1; }\n  return a;\n});", "a:global"},
    {"let_in_catch_block_not_visible_after", JS,
     "spawn(() => {\n  try {} catch (e) { let a = e; }\n  return a;\n});", "a:global"},
    {"let_in_finally_not_visible_after", JS,
     "spawn(() => {\n  try {} finally { const a = 1; }\n  return a;\n});", "a:global"},

    // --- outside the closure ---
    {"outer_block_let_captured", JS, "{\n  let a = 1;\n  spawn(() => a);\n}", "a:let"},
    {"outer_const_declared_after_the_call_in_same_block", JS,
     "{\n  spawn(() => a);\n  const a = 1;\n}", "a:const"},
    {"sibling_block_binding_not_visible", JS, "{ let a = 1; }\n{ spawn(() => a); }", "a:global"},
    {"block_function_in_enclosing_block_captured", JS,
     "{\n  function g() {}\n  spawn(() => g());\n}", "g:function"},
    {"block_function_in_sibling_block_not_visible", JS, "{ function g() {} }\nspawn(() => g());",
     "g:global"},
    {"block_class_in_enclosing_block_captured", JS, "{\n  class K {}\n  spawn(() => new K());\n}",
     "K:class"},

    // --- loop heads ---
    {"for_let_visible_in_loop_body", JS, "spawn(() => {\n  for (let i = 0; i < n; i++) { i; }\n});",
     "n:global"},
    {"for_let_not_visible_after_loop", JS,
     "spawn(() => {\n  for (let i = 0; i < 3; i++) {}\n  return i;\n});", "i:global"},
    {"for_const_of_not_visible_after_loop", JS,
     "spawn(() => {\n  for (const x of xs) { x; }\n  return x;\n});", "x:global xs:global"},
    {"for_let_in_not_visible_after_loop", JS,
     "spawn(() => {\n  for (let k in o) {}\n  return k;\n});", "k:global o:global"},
    {"for_of_destructuring_head_binds", JS,
     "spawn(() => {\n  for (const [k, { v }] of entries) k + v;\n});", "entries:global"},
    // The iterated expression is evaluated in a scope that already holds the (uninitialized)
    // loop binding, so `x` in `of x` is the loop's own `x` (a TDZ error), not the outer one.
    {"for_of_expression_sees_loop_binding_not_outer", JS,
     "const x = [1];\nspawn(() => {\n  for (const x of x) {}\n});", ""},
    {"for_let_head_shadows_outer", JS,
     "const i = 5;\nspawn(() => {\n  for (let i = 0; i < 3; i++) {}\n});", ""},
    {"outer_for_let_captured", JS, "for (let i = 0; i < 3; i++) {\n  spawn(() => i);\n}", "i:let"},
    {"outer_for_const_of_captured", JS, "for (const x of xs) spawn(() => x);", "x:const"},
    {"outer_for_let_in_captured", JS, "for (let k in o) spawn(() => k);", "k:let"},
    {"outer_for_var_in_captured", JS, "for (var k in o) spawn(() => k);", "k:var"},

    // --- catch ---
    {"catch_parameter_scoped_to_catch_block", JS,
     "spawn(() => {\n  try {} catch (e) { e; }\n  return e;\n});", "e:global"},
    {"catch_destructuring_binds_in_catch_block", JS,
     "spawn(() => {\n  try {} catch ({ message, cause: [first] }) { return message + first; }\n});",
     ""},
    {"catch_destructuring_key_is_not_bound", JS,
     "spawn(() => {\n  try {} catch ({ cause: c }) { return cause; }\n});", "cause:global"},
    {"catch_without_binding", JS, "spawn(() => {\n  try { f(); } catch { return e; }\n});",
     "e:global f:global"},
    {"catch_parameter_shadows_outer", JS,
     "const e = 1;\nspawn(() => {\n  try {} catch (e) { return e; }\n});", ""},

    // --- using ---
    {"using_is_block_scoped", JS, "spawn(() => {\n  { using r = open(); }\n  return r;\n});",
     "open:global r:global"},
    {"await_using_is_block_scoped", JS,
     "spawn(async () => {\n  { await using r = open(); r; }\n  return r;\n});",
     "open:global r:global"},
    {"using_in_for_of_head_binds", JS, "spawn(() => {\n  for (using r of rs) r;\n});", "rs:global"},

    // --- shadowing at every level ---
    {"shadowing_innermost_block_wins", JS,
     R"js(var a = 1;
function outer() {
  let a = 2;
  {
    const a = 3;
    spawn(() => a);
  }
})js",
     "a:const"},
    {"shadowing_enclosing_function_let_wins_over_module", JS,
     "var a = 1;\nfunction outer() {\n  let a = 2;\n  { spawn(() => a); }\n}", "a:let"},
    {"shadowing_enclosing_parameter_by_block_let", JS,
     "function outer(a) {\n  { let a = 1; spawn(() => a); }\n}", "a:let"},
    {"shadowing_module_binding_by_enclosing_parameter", JS,
     "const a = 1;\nfunction outer(a) {\n  spawn(() => a);\n}", "a:parameter"},
    {"shadowing_by_enclosing_catch_parameter", JS,
     "const a = 1;\ntry {} catch (a) {\n  spawn(() => a);\n}", "a:catch"},
    {"shadowing_inside_closure_block_only", JS,
     "const a = 1;\nspawn(() => {\n  { let a = 2; a; }\n  return a;\n});", "a:const"},
    {"shadowing_closure_let_hides_outer", JS,
     "const a = 1;\nspawn(() => {\n  let a = 2;\n  return a;\n});", ""},
    {"shadowing_global_by_local", JS,
     "spawn(() => {\n  const console = { log() {} };\n  console.log(1);\n});", ""},
    {"shadowing_by_nested_function_parameter", JS, "const a = 1;\nspawn(() => [(a) => a, a]);",
     "a:const"},
    {"shadowing_by_class_name_in_inner_block", JS,
     "const K = 1;\nspawn(() => {\n  { class K {} }\n  return K;\n});", "K:const"},
    {"shadowing_by_block_function_in_inner_block", JS,
     "const g = 1;\nspawn(() => {\n  { function g() {} }\n  return g;\n});", "g:const"},
};

class BlockScoping : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(BlockScoping, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, BlockScoping, ::testing::ValuesIn(kBlockScoping), CaseName());

}  // namespace
}  // namespace xthreads::test
