// TypeScript inside expressions: type arguments of calls, `new` and tagged templates, `<T>expr`
// assertions (in `.ts`), `as`, `as const`, `satisfies`, non-null `!`, generic arrows — and the
// places where `<` is a comparison after all.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect TS = Dialect::TypeScript;

const FreeVariableCase kTypeScriptExpressions[] = {
    // --- type arguments ---
    {"call_type_arguments_are_erased", TS, "spawn(() => f<T>(x));", "f:global x:global"},
    {"nested_type_arguments_closed_by_shift_token", TS, "spawn(() => f<A, B<C<D>>>(x));",
     "f:global x:global"},
    {"new_with_type_arguments", TS, "spawn(() => new C<T>());", "C:global"},
    {"new_with_type_arguments_and_arguments", TS, "spawn(() => new Map<K, V>(entries));",
     "Map:global entries:global"},
    {"member_call_with_type_arguments", TS, "spawn(() => api.get<User[]>(url));",
     "api:global url:global"},
    {"instantiation_expression", TS, "spawn(() => {\n  const g = f<string>;\n  return g;\n});",
     "f:global"},
    {"type_arguments_on_tagged_template", TS, "spawn(() => tag<T>`x${y}`);", "tag:global y:global"},
    {"optional_call_with_type_arguments", TS, "spawn(() => f?.<T>(x));", "f:global x:global"},
    {"generic_call_with_arrow_argument", TS, "spawn(() => run<number>((n) => n + k));",
     "k:global run:global"},
    {"spawn_with_type_arguments", TS, "spawn<number>(() => a);", "a:global"},

    // --- `<` that is a comparison ---
    {"comparison_is_not_type_arguments", TS, "spawn(() => a < b && c > d);",
     "a:global b:global c:global d:global"},
    // `a < b > c`: what follows `>` can start an expression, so these are comparisons.
    {"comparisons_followed_by_identifier", TS, "spawn(() => a < b > c);",
     "a:global b:global c:global"},
    {"less_than_literal", TS, "spawn(() => i < 10);", "i:global"},
    {"comparison_in_for_head", TS, "spawn(() => { for (let i = 0; i < n; i++) {} });", "n:global"},

    // --- assertions ---
    {"angle_bracket_assertion", TS, "spawn(() => <Foo>x);", "x:global"},
    {"angle_bracket_assertion_with_generic_type", TS, "spawn(() => (<Array<number>>xs).length);",
     "xs:global"},
    {"as_expression", TS, "spawn(() => x as Foo);", "x:global"},
    {"double_as_expression", TS, "spawn(() => x as unknown as Bar);", "x:global"},
    {"as_in_parenthesized_member", TS, "spawn(() => (x as any).y);", "x:global"},
    {"as_const", TS, "spawn(() => [a, b] as const);", "a:global b:global"},
    {"satisfies_expression", TS, "spawn(() => ({ a: v } satisfies Record<string, T>));",
     "v:global"},
    // `keyof typeof o` after `as` is a type: `o` is not a reference.
    {"as_keyof_typeof_is_not_a_reference", TS,
     "const o = { a: 1 };\nspawn(() => k as keyof typeof o);", "k:global"},
    {"as_followed_by_newline_statement", TS,
     "spawn(() => {\n  const v = x as T\n  y\n  return v\n});", "x:global y:global"},

    // --- non-null ---
    {"non_null_assertion", TS, "spawn(() => x!.y);", "x:global"},
    {"non_null_chain", TS, "spawn(() => a!.b![c]!);", "a:global c:global"},
    {"non_null_after_call", TS, "spawn(() => get()!.value);", "get:global"},
    {"optional_chain_with_non_null", TS, "spawn(() => a?.b!.c);", "a:global"},
    {"non_null_then_inequality", TS, "spawn(() => a! != b);", "a:global b:global"},

    // --- arrows ---
    {"generic_arrow_function", TS, "spawn(() => <T,>(x: T) => x);", ""},
    {"generic_async_arrow", TS, "spawn(() => async <T>(x: T): Promise<T> => x);", ""},
    {"generic_function_expression", TS, "spawn(() => function <T>(x: T): T { return x; });", ""},
    {"arrow_with_return_type_annotation", TS, "spawn(() => (a: number): string => s + a);",
     "s:global"},
    {"arrow_parameter_with_object_type", TS, "spawn(() => ({ a }: { a: A }) => a);", ""},
    {"conditional_with_parenthesized_branch", TS, "spawn(() => a ? (b) : c);",
     "a:global b:global c:global"},
    // `(b): T => b` is an arrow with a return type in the true branch.
    {"conditional_with_typed_arrow_branch", TS, "spawn(() => a ? (b): T => b : c);",
     "a:global c:global"},

    // --- contextual keywords stay identifiers in expressions ---
    {"contextual_keywords_as_identifiers", TS,
     "spawn(() => [type, namespace, declare, abstract, module, is, asserts, infer, keyof, "
     "readonly, satisfies]);",
     "abstract:global asserts:global declare:global infer:global is:global keyof:global "
     "module:global namespace:global readonly:global satisfies:global type:global"},
    {"type_as_a_local_variable", TS, "spawn(() => {\n  let type = 1;\n  type = type + 1;\n});", ""},

    {"generic_arrow_with_constraint", TS, "spawn(<T extends object>(x: T) => x);", ""},
    {"generic_arrow_with_default_type", TS, "spawn(<T = string>(x: T) => x);", ""},
    {"optional_chain_generic_call", TS, "spawn(() => a?.b<T>());", "a:global"},
    {"satisfies_then_as", TS, "spawn(() => x satisfies T as U);", "x:global"},
    {"new_with_type_arguments_without_parentheses", TS, "spawn(() => new C<T>);", "C:global"},

    {"comparisons_in_separate_declarations", TS, "spawn(() => { let a = b < c; let d = e > f; });",
     "b:global c:global e:global f:global"},
    // Type arguments followed by `(` make a call even across a line break.
    {"type_arguments_then_call_on_next_line", TS, "spawn(() => f<T>\n(x));", "f:global x:global"},
    {"as_with_union_type", TS, "spawn(() => a as any as T[] | U);", "a:global"},
    {"generic_async_arrow_closure", TS, "spawn(async <T,>(x: T): Promise<void> => { await x; });",
     ""},
    {"angle_const_assertion", TS, "spawn(() => { const x = <const>[\"a\"]; return x; });", ""},
    {"non_null_in_update_target", TS, "spawn(() => { let v = obj!; v!.x!++; });", "obj:global"},
    {"as_in_for_of_expression", TS, "spawn(() => { for (const x of xs as number[]) {} });",
     "xs:global"},
    {"angle_assertion_in_for_of_expression", TS,
     "spawn(() => { label: for (const x of <any[]>xs) break label; });", "xs:global"},
    {"comparison_with_parenthesized_as", TS, "spawn(() => a < (b as number));",
     "a:global b:global"},
    {"satisfies_in_conditional_test", TS, "spawn(() => a satisfies B ? c : d);",
     "a:global c:global d:global"},
    {"arrow_returning_type_predicate", TS, "spawn(() => (a: number, b?: string): a is 1 => true);",
     ""},
    {"generic_arrow_without_comma_in_ts", TS, "spawn(() => <T>(x: T) => x);", ""},
};

class TypeScriptExpressions : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(TypeScriptExpressions, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, TypeScriptExpressions, ::testing::ValuesIn(kTypeScriptExpressions),
                         CaseName());

}  // namespace
}  // namespace xthreads::test
