// Parameter scopes (defaults, destructuring, rest), the own name of named function and class
// expressions, arrow functions (async, `async` as an identifier) and generators.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;

const FreeVariableCase kParameters[] = {
    // --- the closure's own parameters ---
    {"simple_parameters_bound", JS, "spawn((a, b) => a + b + c);", "c:global"},
    {"function_closure_parameters_bound", JS, "spawn(function (a, b) { return a + b + c; });",
     "c:global"},
    // In `{ a, b: c }` the key `b` is a property name, only `c` is bound.
    {"object_destructuring_parameter_binds_values_not_keys", JS,
     "spawn(({ a, b: c }) => a + b + c);", "b:global"},
    {"array_destructuring_parameter_with_holes", JS, "spawn(([a, , b]) => a + b);", ""},
    {"rest_parameter", JS, "spawn((a, ...rest) => rest.concat(a));", ""},
    {"rest_destructuring_parameter", JS, "spawn((...[a, b]) => a + b);", ""},
    {"object_rest_in_parameter", JS, "spawn(({ a, ...others }) => [a, others]);", ""},
    {"nested_destructuring_defaults_are_references", JS,
     "spawn(({ a = d, b: [c = e] = [] }) => a + c);", "d:global e:global"},
    {"computed_key_in_parameter_pattern_is_a_reference", JS, "spawn(({ [key]: v }) => v);",
     "key:global"},
    {"default_value_is_a_reference", JS, "spawn((a = fallback) => a);", "fallback:global"},
    // Defaults are evaluated in the parameter scope: a body `var b` is a different binding
    // from the `b` a default sees.
    {"default_sees_outer_not_body_var", JS,
     "const b = 1;\nspawn(function (a = b) {\n  var b = 2;\n  return a + b;\n});", "b:const"},
    {"default_in_arrow_sees_outer_not_body_var", JS,
     "const b = 1;\nspawn((a = b) => {\n  var b = 2;\n  return a + b;\n});", "b:const"},
    {"default_sees_earlier_parameter", JS, "spawn((a, b = a) => b);", ""},
    // A later parameter is in scope (in its TDZ): still bound by the closure.
    {"default_sees_later_parameter", JS, "spawn((a = b, b) => a);", ""},
    {"default_does_not_see_body_function", JS,
     "spawn(function (a = g()) {\n  function g() {}\n  return a;\n});", "g:global"},
    {"default_does_not_see_body_let", JS, "spawn((a = x) => {\n  let x = 1;\n  return a + x;\n});",
     "x:global"},
    {"closure_in_default_does_not_see_body", JS,
     "spawn((a = () => x) => {\n  let x = 1;\n  return a;\n});", "x:global"},
    {"parameter_shadows_outer", JS, "const a = 1;\nspawn((a) => a);", ""},
    {"destructured_parameter_shadows_outer", JS, "const a = 1;\nspawn(({ a }) => a);", ""},
    {"rest_parameter_shadows_outer", JS, "const r = 1;\nspawn((...r) => r);", ""},
    {"own_arguments_is_not_a_free_variable", JS,
     "spawn(function () {\n  return arguments.length;\n});", ""},

    // --- parameters of enclosing functions ---
    {"enclosing_function_destructured_and_rest_parameters", JS,
     "function f({ p }, [q], ...r) {\n  spawn(() => p + q + r.length);\n}",
     "p:parameter q:parameter r:parameter"},
    {"enclosing_function_default_parameter", JS, "function f(p = 1) {\n  spawn(() => p);\n}",
     "p:parameter"},
    {"enclosing_method_parameter", JS, "class K {\n  m(p) { return spawn(() => p); }\n}",
     "p:parameter"},
    {"enclosing_setter_parameter", JS, "const o = {\n  set v(p) { spawn(() => p); }\n};",
     "p:parameter"},
    {"enclosing_constructor_parameter", JS, "class K {\n  constructor(p) { spawn(() => p); }\n}",
     "p:parameter"},
    {"enclosing_parameter_with_spawn_in_its_default", JS, "function f(p, q = spawn(() => p)) {}",
     "p:parameter"},

    // --- own names of function and class expressions ---
    {"named_function_expression_name_bound_inside", JS,
     "spawn(function f(n) {\n  return n ? f(n - 1) : 0;\n});", ""},
    {"named_function_expression_name_shadows_outer", JS,
     "const f = 1;\nspawn(function f() {\n  return f;\n});", ""},
    {"named_function_expression_name_not_visible_outside", JS,
     "spawn(() => {\n  const g = function f() {};\n  return f;\n});", "f:global"},
    {"parameter_shadows_function_expression_name", JS, "spawn(function f(f) {\n  return f;\n});",
     ""},
    {"enclosing_named_function_expression_name", JS,
     "const g = function outer() {\n  spawn(() => outer);\n};", "outer:function"},
    {"named_class_expression_name_bound_inside", JS,
     "spawn(() => class C {\n  static make() { return new C(); }\n});", ""},
    {"named_class_expression_name_not_visible_outside", JS,
     "spawn(() => {\n  const K = class C {};\n  return C;\n});", "C:global"},

    // --- arrows and async ---
    {"async_arrow", JS, "spawn(async () => await load(x));", "load:global x:global"},
    {"async_arrow_single_parameter", JS, "spawn(async a => a + b);", "b:global"},
    {"async_arrow_inside_closure", JS, "spawn(() => async (y) => y + z);", "z:global"},
    {"async_function_expression", JS, "spawn(async function () { await a; });", "a:global"},
    // Without `=>`, `async(x)` is a call of a function named `async`.
    {"async_as_identifier_call", JS, "spawn(() => async(x));", "async:global x:global"},
    {"async_as_identifier_value", JS, "const async = 1;\nspawn(() => async + 1);", "async:const"},
    {"async_as_arrow_parameter_name", JS, "spawn((async) => async);", ""},
    {"parenthesized_expression_is_not_arrow_parameters", JS, "spawn(() => (a, b) + c);",
     "a:global b:global c:global"},
    {"arrow_parameters_inside_closure_bind", JS, "spawn(() => ((a, b) => c));", "c:global"},
    {"arrow_single_parameter_without_parentheses", JS, "spawn(() => a => a + b);", "b:global"},
    {"arrow_returning_object_literal", JS, "spawn(() => ({ a: b }));", "b:global"},
    {"object_method_parameters_bind", JS, "spawn(() => ({ m(a) { return a + b; } }));", "b:global"},

    // --- generators ---
    {"generator_yield_operands", JS, "spawn(function* () {\n  yield a;\n  yield* b;\n});",
     "a:global b:global"},
    {"async_generator_for_await", JS,
     "spawn(async function* () {\n  for await (const x of xs) yield x;\n});", "xs:global"},
    {"generator_method_in_object", JS, "spawn(() => ({ *gen() { yield v; } }));", "v:global"},
    {"await_in_async_arrow_operand", JS, "spawn(async () => { const r = await p; return r; });",
     "p:global"},

    // --- TypeScript parameters ---
    {"ts_optional_typed_and_rest_parameters", TS,
     "spawn((a?: number, b: string = s, ...r: T[]): void => {});", "s:global"},
    {"ts_generic_arrow_with_comma", TS, "spawn(<T,>(x: T): T => x);", ""},
    {"ts_generic_arrow", TS, "spawn(<T>(x: T) => x);", ""},
    {"ts_destructured_parameter_with_type", TS, "spawn(({ a }: { a: Foo }) => a);", ""},
    {"ts_default_with_type_annotation", TS, "spawn((a: number = limit) => a);", "limit:global"},

    {"conditional_with_arrow_in_true_branch", JS, "spawn(() => a ? (b) => c : d);",
     "a:global c:global d:global"},
    {"conditional_with_arrow_in_false_branch", JS, "spawn(() => a ? b : (c) => d);",
     "a:global b:global d:global"},
    {"destructuring_default_sees_earlier_element", JS, "spawn(({ a, b = a }) => b);", ""},
    {"defaults_chain_through_earlier_patterns", JS, "spawn((a, { b } = a, [c] = b) => c);", ""},
    // The own name of a named function expression is in scope in its parameter defaults.
    {"function_name_visible_in_parameter_default", JS, "spawn(function f(a = f) { return a; });",
     ""},
    {"curried_arrows", JS, "spawn(() => x => y => x + y + z);", "z:global"},
    {"destructuring_with_computed_key_default_and_rest", JS,
     "spawn(() => { const { [a]: b = c, ...d } = e; return b + d; });",
     "a:global c:global e:global"},
};

class Parameters : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Parameters, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Parameters, ::testing::ValuesIn(kParameters), CaseName());

}  // namespace
}  // namespace xthreads::test
