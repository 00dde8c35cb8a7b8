// `this`, `arguments`, `super` and `new.target` are reported (`@this` ...) only when they belong
// to an enclosing function, field initializer, static block or the module — never when they
// belong to the closure itself or to a function nested in it. Direct `eval(...)` and `with`
// inside the closure are reported as `@eval` / `@with`.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;

const FreeVariableCase kSpecialUses[] = {
    // --- this ---
    {"this_of_enclosing_method", JS, "class K {\n  m() { return spawn(() => this.x); }\n}",
     "@this"},
    {"this_at_module_level", JS, "spawn(() => this);", "@this"},
    {"this_of_enclosing_function", JS, "function f() {\n  return spawn(() => this);\n}", "@this"},
    {"this_of_enclosing_constructor", JS, "class K {\n  constructor() { spawn(() => this); }\n}",
     "@this"},
    {"this_of_enclosing_object_method", JS,
     "const o = {\n  m() { return spawn(() => this.v); }\n};", "@this"},
    {"this_of_enclosing_getter", JS, "class K {\n  get v() { return spawn(() => this); }\n}",
     "@this"},
    {"this_of_enclosing_field_initializer", JS, "class K {\n  task = spawn(() => this.data);\n}",
     "@this"},
    {"this_of_enclosing_static_field", JS, "class K {\n  static task = spawn(() => this.name);\n}",
     "@this"},
    {"this_of_enclosing_static_block", JS, "class K {\n  static { spawn(() => this); }\n}",
     "@this"},
    {"own_this_of_function_closure", JS, "spawn(function () { return this; });", ""},
    {"own_this_of_async_function_closure", JS,
     "class K {\n  m() { return spawn(async function () { return this; }); }\n}", ""},
    {"this_in_arrow_inside_function_closure_is_own", JS,
     "spawn(function () { return () => this; });", ""},
    {"this_in_nested_function_inside_arrow_closure_is_not_outer", JS,
     "class K {\n  m() { return spawn(() => function () { return this; }); }\n}", ""},
    {"this_in_nested_arrows_inside_arrow_closure_is_outer", JS,
     "class K {\n  m() { return spawn(() => () => () => this); }\n}", "@this"},
    {"this_in_method_of_class_inside_closure_is_not_outer", JS,
     "spawn(() => class { m() { return this; } });", ""},
    {"this_in_field_initializers_inside_closure_is_not_outer", JS,
     "spawn(() => class { x = this; static y = this; });", ""},
    {"this_in_static_block_inside_closure_is_not_outer", JS,
     "spawn(() => class { static { this.z = 1; } });", ""},
    {"this_in_object_method_inside_closure_is_not_outer", JS,
     "spawn(() => ({ m() { return this; } }));", ""},
    // Computed keys and `extends` are evaluated outside the class body's own `this`.
    {"this_in_computed_key_inside_closure_is_outer", JS,
     "class K {\n  m() { return spawn(() => class { [this.key] = 1; }); }\n}", "@this"},
    {"this_in_class_heritage_inside_closure_is_outer", JS,
     "class K {\n  m() { return spawn(() => class extends this.Base {}); }\n}", "@this"},
    {"this_in_arrow_parameter_default_is_outer", JS,
     "class K {\n  m() { return spawn((a = this) => a); }\n}", "@this"},
    {"this_in_function_parameter_default_is_own", JS, "spawn(function (a = this) { return a; });",
     ""},
    {"ts_this_parameter_is_not_a_use", TS,
     "class K {\n  m() { return spawn(function (this: K) { return 1; }); }\n}", ""},

    // --- arguments ---
    {"arguments_of_enclosing_function", JS,
     "function f() {\n  return spawn(() => arguments[0]);\n}", "@arguments"},
    {"own_arguments_of_function_closure", JS,
     "function f() {\n  return spawn(function () { return arguments.length; });\n}", ""},
    {"arguments_in_nested_function_inside_arrow_closure_is_not_outer", JS,
     "function f() {\n  return spawn(() => function () { return arguments; });\n}", ""},
    {"arguments_in_nested_arrow_inside_arrow_closure_is_outer", JS,
     "function f() {\n  return spawn(() => () => arguments);\n}", "@arguments"},
    {"arguments_of_enclosing_method", JS,
     "class K {\n  m() { return spawn(() => arguments.length); }\n}", "@arguments"},

    // --- super ---
    {"super_property_of_enclosing_method", JS,
     "class B extends A {\n  m() { return spawn(() => super.m()); }\n}", "@super"},
    {"super_of_enclosing_object_method", JS,
     "const o = {\n  m() { return spawn(() => super.toString()); }\n};", "@super"},
    {"super_of_enclosing_static_method", JS,
     "class B extends A {\n  static s() { return spawn(() => super.s()); }\n}", "@super"},
    {"own_super_of_method_inside_closure", JS,
     "spawn(() => class extends Base { m() { return super.m(); } });", "Base:global"},
    {"super_call_in_constructor_inside_closure_is_own", JS,
     "spawn(() => class extends Base { constructor() { super(); } });", "Base:global"},

    // --- new.target ---
    {"new_target_of_enclosing_function", JS, "function F() {\n  spawn(() => new.target);\n}",
     "@new.target"},
    {"own_new_target_of_function_closure", JS, "spawn(function () { return new.target; });", ""},
    {"new_target_in_nested_function_inside_arrow_closure_is_not_outer", JS,
     "function F() {\n  spawn(() => function () { return new.target; });\n}", ""},

    // --- several ---
    {"several_outer_special_uses_are_sorted", JS,
     "class B extends A {\n  m() { return spawn(() => [super.x, this, arguments]); }\n}",
     "@arguments @super @this"},
    {"outer_special_use_after_free_variables", JS,
     "function f(p) {\n  return spawn(() => this.run(p));\n}", "p:parameter @this"},

    // --- direct eval and with ---
    // `eval` is still an identifier reference to the global `eval`.
    {"direct_eval", JS, "spawn(() => eval(code));", "code:global eval:global @eval"},
    {"direct_eval_in_nested_function_inside_closure", JS,
     "spawn(() => { function g() { return eval(s); } });", "eval:global s:global @eval"},
    {"indirect_eval_through_comma", JS, "spawn(() => (0, eval)(code));", "code:global eval:global"},
    // An optional call is never a direct eval.
    {"optional_call_of_eval_is_indirect", JS, "spawn(() => eval?.(code));",
     "code:global eval:global"},
    {"member_call_of_eval_is_indirect", JS, "spawn(() => globalThis.eval(code));",
     "code:global globalThis:global"},
    {"eval_as_a_value_is_not_direct", JS, "spawn(() => [eval].map((e) => e(code)));",
     "code:global eval:global"},
    // The `eval` bridge around `spawn` is the caller's, not the closure's.
    {"eval_bridge_around_spawn_is_not_inside_the_closure", JS, "await eval(spawn(() => a));",
     "a:global"},
    {"direct_eval_outside_closure_is_not_reported", JS, "eval(\"1\");\nspawn(() => a);",
     "a:global"},
    {"with_statement", JS, "spawn(() => {\n  with (o) { x; }\n});", "o:global x:global @with"},
    {"with_and_direct_eval_together", JS, "spawn(() => {\n  with (o) eval(s);\n});",
     "eval:global o:global s:global @eval @with"},
    {"with_in_nested_function_inside_closure", JS, "spawn(() => { function g() { with (o) {} } });",
     "o:global @with"},
    {"with_outside_closure_is_not_reported", JS, "with (o) {}\nspawn(() => a);", "a:global"},

    {"super_of_enclosing_field_initializer", JS,
     "class K extends B {\n  f = spawn(() => super.x);\n}", "@super"},
    {"new_target_of_enclosing_field_initializer", JS,
     "class K {\n  f = spawn(() => new.target);\n}", "@new.target"},
    {"eval_as_a_plain_value", JS, "spawn(() => eval);", "eval:global"},
    {"direct_eval_with_arguments_on_next_line", JS, "spawn(() => eval\n(x));",
     "eval:global x:global @eval"},
    // A parenthesized expression keeps its Reference: `(eval)(x)` is a direct eval
    // (unlike `(0, eval)(x)`).
    {"parenthesized_eval_call_is_direct", JS, "spawn(() => (eval)(x));",
     "eval:global x:global @eval"},
    {"new_eval_is_not_a_direct_eval", JS, "spawn(() => new eval(x));", "eval:global x:global"},
    {"member_of_direct_eval_result", JS, "spawn(() => eval(x).y);", "eval:global x:global @eval"},
    {"tagged_template_eval_is_not_a_direct_eval", JS, "spawn(() => eval`x`);", "eval:global"},
};

class SpecialUses : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(SpecialUses, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, SpecialUses, ::testing::ValuesIn(kSpecialUses), CaseName());

}  // namespace
}  // namespace xthreads::test
