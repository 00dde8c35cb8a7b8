// Writes: assignment, compound and logical assignment, update, destructuring assignment targets
// and for-in/of targets mark the variable `+write`. Member targets (`o.p = 1`) only read the
// object; a read-only use has no `+write`.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;

const FreeVariableCase kWrites[] = {
    // --- plain writes ---
    {"assignment", JS, "let x = 0;\nspawn(() => { x = 1; });", "x:let+write"},
    {"compound_assignment", JS, "let x = 0;\nspawn(() => { x += 1; });", "x:let+write"},
    {"logical_assignments", JS, "spawn(() => { a ||= 1; b &&= 2; c ?\?= 3; });",
     "a:global+write b:global+write c:global+write"},
    {"arithmetic_and_bitwise_assignments", JS,
     "spawn(() => { a **= 2; b >>>= 1; c <<= 1; d |= e; });",
     "a:global+write b:global+write c:global+write d:global+write e:global"},
    {"postfix_increment", JS, "let x = 0;\nspawn(() => x++);", "x:let+write"},
    {"prefix_decrement", JS, "let x = 0;\nspawn(() => --x);", "x:let+write"},
    {"read_only_use_has_no_write", JS, "let x = 0;\nspawn(() => x + 1);", "x:let"},
    {"read_then_write_is_a_write", JS, "let x = 0;\nspawn(() => { const y = x; x = y; });",
     "x:let+write"},
    {"parenthesized_assignment_target", JS, "spawn(() => { (x) = 1; });", "x:global+write"},
    {"chained_assignment", JS, "spawn(() => { a = b = c; });",
     "a:global+write b:global+write c:global"},
    {"write_to_global", JS, "spawn(() => { counter = 0; });", "counter:global+write"},

    // --- destructuring assignment ---
    {"array_destructuring_assignment", JS, "spawn(() => { [x] = arr; });",
     "arr:global x:global+write"},
    {"array_destructuring_with_holes_and_rest", JS, "spawn(() => { [, a, ...b] = arr; });",
     "a:global+write arr:global b:global+write"},
    {"nested_array_destructuring_with_default", JS, "spawn(() => { [[x], [y = d]] = arr; });",
     "arr:global d:global x:global+write y:global+write"},
    {"object_destructuring_shorthand", JS, "spawn(() => { ({ x } = o); });",
     "o:global x:global+write"},
    // In `{ a: x }` the key `a` is a property name; `x` is the target.
    {"object_destructuring_renamed", JS, "spawn(() => { ({ a: x } = o); });",
     "o:global x:global+write"},
    {"object_destructuring_default_and_rest", JS, "spawn(() => { ({ x = d, ...rest } = o); });",
     "d:global o:global rest:global+write x:global+write"},
    {"object_destructuring_nested", JS, "spawn(() => { ({ a: { b: [x] } } = o); });",
     "o:global x:global+write"},
    {"object_destructuring_computed_key_is_read", JS, "spawn(() => { ({ [k]: x } = o); });",
     "k:global o:global x:global+write"},
    {"destructuring_assignment_as_expression_value", JS, "spawn(() => ({ a } = src));",
     "a:global+write src:global"},

    // --- loop targets ---
    {"for_of_target", JS, "spawn(() => { for (x of xs) {} });", "x:global+write xs:global"},
    {"for_in_target", JS, "spawn(() => { for (x in o) {} });", "o:global x:global+write"},
    {"for_of_destructuring_target", JS, "spawn(() => { for ([a, { b }] of pairs) {} });",
     "a:global+write b:global+write pairs:global"},
    {"for_await_of_target", JS, "spawn(async () => { for await (x of xs) {} });",
     "x:global+write xs:global"},
    {"outer_variable_as_for_of_target", JS, "let last;\nspawn(() => { for (last of [1, 2]) {} });",
     "last:let+write"},
    {"update_in_for_head", JS, "let i = 0;\nspawn(() => { for (; i < 3; i++) {} });",
     "i:let+write"},
    {"for_let_of_is_a_declaration_not_a_write", JS, "spawn(() => { for (let x of xs) x; });",
     "xs:global"},
    {"write_to_for_let_binding_is_local", JS, "spawn(() => { for (let x of xs) x = 1; });",
     "xs:global"},

    // --- member targets only read the object ---
    {"member_assignment_reads_object", JS, "spawn(() => { o.p = 1; o[k] = v; });",
     "k:global o:global v:global"},
    {"member_update_reads_object", JS, "spawn(() => { o.n++; --o[k]; });", "k:global o:global"},
    {"member_destructuring_targets_read_object", JS,
     "spawn(() => { [o.p, o[k]] = arr; ({ a: o.q } = src); });",
     "arr:global k:global o:global src:global"},
    {"member_for_of_target_reads_object", JS, "spawn(() => { for (o.p of xs) {} });",
     "o:global xs:global"},
    {"delete_member_is_not_a_write", JS, "spawn(() => { delete o.p; });", "o:global"},

    // --- not writes ---
    {"typeof_is_not_a_write", JS, "spawn(() => typeof x);", "x:global"},
    {"comparison_is_not_a_write", JS, "spawn(() => x == 1 || x === 2);", "x:global"},
    {"arrow_returning_comparison_is_not_a_write", JS, "spawn(() => x >= 1);", "x:global"},
    {"default_in_declaration_pattern_is_a_read", JS,
     "spawn(() => { const { a = d } = o; return a; });", "d:global o:global"},
    {"shorthand_with_default_in_assignment", JS, "spawn(() => { ({ a = 1 } = o); });",
     "a:global+write o:global"},
    {"local_writes_are_not_free", JS,
     "spawn(() => { let x = 0; x++; [x] = [1]; ({ x } = { x: 2 }); });", ""},

    // --- kinds of written bindings ---
    {"write_in_nested_function_inside_closure", JS,
     "let count = 0;\nspawn(() => { const inc = () => { count += 1; }; inc(); });",
     "count:let+write"},
    {"write_to_enclosing_parameter", JS, "function f(p) {\n  spawn(() => { p = 1; });\n}",
     "p:parameter+write"},
    // Assigning a const throws at run time; it is still a write.
    {"write_to_const_is_still_a_write", JS, "const c = 1;\nspawn(() => { c = 2; });",
     "c:const+write"},
    {"write_to_import", JS, "import { v } from \"m\";\nspawn(() => { v = 1; });", "v:import+write"},
    {"write_to_function_declaration", JS, "function g() {}\nspawn(() => { g = null; });",
     "g:function+write"},

    // --- TypeScript assignment targets ---
    {"ts_non_null_assignment_target", TS, "let x: number | undefined;\nspawn(() => { x! = 1; });",
     "x:let+write"},
    {"ts_as_assignment_target", TS, "let x: unknown;\nspawn(() => { (x as number) = 1; });",
     "x:let+write"},
    {"ts_angle_assertion_assignment_target", TS,
     "let x: unknown;\nspawn(() => { (<number>x) = 1; });", "x:let+write"},
    {"ts_non_null_increment", TS, "let n: number | undefined;\nspawn(() => { n!++; });",
     "n:let+write"},
};

class Writes : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Writes, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Writes, ::testing::ValuesIn(kWrites), CaseName());

}  // namespace
}  // namespace xthreads::test
