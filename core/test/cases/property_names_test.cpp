// Property names are not references: `a.b` uses only `a`, `{ b: 1 }` and `{ b() {} }` use
// nothing; shorthand properties `{ b }`, computed keys and spreads are references. Optional
// chaining follows the same rules. Labels are not references either.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;

const FreeVariableCase kPropertyNames[] = {
    // --- member access ---
    {"member_access_uses_only_the_object", JS, "spawn(() => a.b);", "a:global"},
    {"member_chain_uses_only_the_root", JS, "spawn(() => a.b.c.d);", "a:global"},
    {"member_name_same_as_outer_binding", JS, "const b = 1;\nspawn(() => a.b);", "a:global"},
    {"computed_member_is_a_reference", JS, "spawn(() => a[b]);", "a:global b:global"},
    {"keyword_member_names", JS, "spawn(() => a.if.class.new.this.default);", "a:global"},
    {"member_named_like_global", JS, "spawn(() => o.console.Math);", "o:global"},
    {"member_access_across_newlines", JS, "spawn(() => a\n  .b\n  .c);", "a:global"},
    {"member_call_arguments", JS, "spawn(() => a.b(c));", "a:global c:global"},
    {"member_of_call_result", JS, "spawn(() => f().g.h);", "f:global"},
    {"member_of_literal_and_parenthesized", JS, "spawn(() => [1].length + (x).y + 'a'.z);",
     "x:global"},
    {"super_property_is_not_a_reference", JS, "spawn(() => ({ m() { return super.x; } }));", ""},
    {"in_operator_with_string_key", JS, "spawn(() => 'b' in a);", "a:global"},

    // --- object literals ---
    {"object_literal_key_is_not_a_reference", JS, "const b = 1;\nspawn(() => ({ b: 1 }));", ""},
    {"shorthand_property_is_a_reference", JS, "spawn(() => ({ b }));", "b:global"},
    {"shorthand_and_keys_mixed", JS, "spawn(() => ({ a: x, b, c: { d } }));",
     "b:global d:global x:global"},
    {"computed_key_is_a_reference", JS, "spawn(() => ({ [b]: 1 }));", "b:global"},
    {"computed_method_key_is_a_reference", JS, "spawn(() => ({ [b]() {} }));", "b:global"},
    {"method_key_is_not_a_reference", JS, "const b = 1;\nspawn(() => ({ b() { return 1; } }));",
     ""},
    {"object_method_name_does_not_bind_inside_its_body", JS,
     "const b = 1;\nspawn(() => ({ b() { return b; } }));", "b:const"},
    {"getter_setter_keys_are_not_references", JS,
     "spawn(() => ({ get b() { return c; }, set b(v) {} }));", "c:global"},
    {"spread_property_is_a_reference", JS, "spawn(() => ({ ...b }));", "b:global"},
    {"string_and_numeric_keys", JS, "spawn(() => ({ 'b': 1, 2: c, 0x10: d }));",
     "c:global d:global"},
    {"keyword_keys", JS, "spawn(() => ({ if: 1, class: 2, new: 3, this: 4 }));", ""},
    {"contextual_keyword_keys_and_shorthand", JS,
     "spawn(() => ({ get: 1, set: 2, async: 3, of }));", "of:global"},
    {"proto_key_value_is_a_reference", JS, "spawn(() => ({ __proto__: p }));", "p:global"},
    {"async_and_generator_methods", JS,
     "spawn(() => ({ async m() { await a; }, *g() { yield b; } }));", "a:global b:global"},
    {"nested_object_values", JS, "spawn(() => ({ a: { b: { c: d } } }));", "d:global"},

    // --- destructuring keys ---
    {"destructuring_key_is_not_a_reference", JS,
     "spawn(() => {\n  const { b: c } = o;\n  return c;\n});", "o:global"},
    {"destructuring_shorthand_binds", JS, "spawn(() => {\n  const { b } = o;\n  return b;\n});",
     "o:global"},
    {"destructuring_computed_key_is_a_reference", JS,
     "spawn(() => {\n  const { [k]: v } = o;\n  return v;\n});", "k:global o:global"},

    // --- optional chaining ---
    {"optional_member_access", JS, "spawn(() => a?.b);", "a:global"},
    {"optional_call", JS, "spawn(() => a?.(b));", "a:global b:global"},
    {"optional_computed_member", JS, "spawn(() => a?.[b]);", "a:global b:global"},
    {"optional_chain_continues", JS, "spawn(() => a?.b.c?.d());", "a:global"},
    {"optional_method_call_arguments", JS, "spawn(() => a?.b(c)?.d(e));",
     "a:global c:global e:global"},
    // `?.` followed by a digit is a conditional operator and a number: `a ? .5 : b`.
    {"question_dot_digit_is_a_conditional", JS, "spawn(() => a?.5:b);", "a:global b:global"},
    {"nullish_coalescing", JS, "spawn(() => a ?? b.c);", "a:global b:global"},

    // --- labels ---
    {"label_is_not_a_reference", JS, "spawn(() => {\n  outer: for (;;) { break outer; }\n});", ""},
    {"label_same_name_as_binding", JS,
     "const a = 1;\nspawn(() => {\n  a: for (;;) { continue a; }\n});", ""},
    {"labelled_expression_statement_body", JS, "spawn(() => {\n  lbl: x++;\n});", "x:global+write"},
    {"nested_labels_break_and_continue", JS,
     R"js(spawn(() => {
  outer: for (const x of xs) {
    inner: for (const y of ys) { if (y) continue outer; else break inner; }
  }
});)js",
     "xs:global ys:global"},
    {"labelled_block_break", JS, "spawn(() => {\n  done: { if (c) break done; f(); }\n});",
     "c:global f:global"},

    // `{ a: b }` as an arrow body is a block holding a labelled statement, not an object.
    {"block_body_with_label_is_not_an_object", JS, "spawn(() => { a: b });", "b:global"},
    {"async_generator_and_computed_setter_keys", JS,
     "spawn(() => ({ async *[k]() {}, async: 1, get: 2, set [s](v) {} }));", "k:global s:global"},
    {"getter_named_get", JS, "spawn(() => ({ get get() { return a; } }));", "a:global"},
    {"optional_chain_then_nullish", JS, "spawn(() => a ?? b ?? c?.d);",
     "a:global b:global c:global"},
};

class PropertyNames : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(PropertyNames, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, PropertyNames, ::testing::ValuesIn(kPropertyNames), CaseName());

}  // namespace
}  // namespace xthreads::test
