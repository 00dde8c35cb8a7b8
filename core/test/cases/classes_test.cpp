// Classes: fields, static blocks, private names, accessors, `accessor` fields, decorators,
// computed keys and heritage. Member names are not references; initializers, computed keys,
// decorators and `extends` are.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;

const FreeVariableCase kClasses[] = {
    // --- fields ---
    {"field_initializer_is_a_reference", JS, "spawn(() => class { x = y; });", "y:global"},
    {"static_field_initializer_is_a_reference", JS, "spawn(() => class { static z = w; });",
     "w:global"},
    {"field_name_is_not_a_reference", JS, "const y = 1;\nspawn(() => class { y = 1; });", ""},
    {"field_without_initializer", JS, "const y = 1;\nspawn(() => class { y; });", ""},
    {"string_and_numeric_field_names_are_not_references", JS,
     "spawn(() => class { 'a' = 1; 2 = b; });", "b:global"},
    {"computed_field_key_is_a_reference", JS, "spawn(() => class { [k] = 1; });", "k:global"},
    {"computed_method_key_is_a_reference", JS, "spawn(() => class { [Symbol.iterator]() {} });",
     "Symbol:global"},
    {"computed_static_key_is_a_reference", JS, "spawn(() => class { static [k + 1] = v; });",
     "k:global v:global"},
    // Field and method names that are contextual keywords are still just names.
    {"fields_named_get_set_and_static", JS, "spawn(() => class { get = g; set; static = s; });",
     "g:global s:global"},
    {"methods_named_like_keywords", JS,
     "spawn(() => class { get() {} set() {} static() {} async() {} await() {} });", ""},
    {"field_arrow_this_belongs_to_the_instance", JS,
     "spawn(() => class { h = () => this.x + y; });", "y:global"},

    // --- methods and accessors ---
    {"method_name_is_not_a_reference", JS, "const m = 1;\nspawn(() => class { m() {} });", ""},
    // A method's name does not bind inside its own body (unlike a named function expression).
    {"method_name_does_not_bind_inside_its_body", JS,
     "const m = 1;\nspawn(() => class { m() { return m; } });", "m:const"},
    {"getter_and_setter_bodies", JS,
     "spawn(() => class {\n  get v() { return a; }\n  set v(x) { b(x); }\n});",
     "a:global b:global"},
    {"static_getter", JS, "spawn(() => class { static get v() { return a; } });", "a:global"},
    {"static_method_body", JS, "spawn(() => class { static run() { return helper(); } });",
     "helper:global"},
    {"async_generator_method", JS, "spawn(() => class { async *gen() { yield* src; } });",
     "src:global"},
    {"method_parameters_bind", JS, "spawn(() => class { m(a, { b }) { return a + b + c; } });",
     "c:global"},

    // --- private names ---
    {"private_field_is_not_a_reference", JS,
     "const x = 1;\nspawn(() => class {\n  #x = 1;\n  m() { return this.#x; }\n});", ""},
    {"private_field_initializer_is_a_reference", JS,
     "const x = 1;\nspawn(() => class { #x = x; });", "x:const"},
    {"private_method_and_accessor", JS,
     "spawn(() => class {\n  #m() { return a; }\n  get #v() { return this.#m(); }\n});",
     "a:global"},
    // In `#x in o` the private name is not a reference; the right operand is.
    {"private_in_checks_its_right_operand", JS,
     "spawn(() => class {\n  #x;\n  static has(o) { return #x in o && #x in obj; }\n});",
     "obj:global"},
    {"static_private_field", JS, "spawn(() => class { static #p = q; });", "q:global"},
    {"private_access_on_other_object", JS,
     "spawn(() => class {\n  #x = 0;\n  static get(o) { return other.#x + o.#x; }\n});",
     "other:global"},

    // --- static blocks ---
    {"static_block_references", JS, "spawn(() => class { static { init(config); } });",
     "config:global init:global"},
    {"static_block_let_is_local", JS, "spawn(() => class { static { let a = 1; a; } });", ""},
    {"static_block_this_is_the_class", JS, "spawn(() => class { static { this.n = m; } });",
     "m:global"},

    // --- accessor fields (decorators proposal) ---
    {"accessor_field_initializer", JS, "spawn(() => class { accessor x = y; });", "y:global"},
    {"static_accessor_field", JS, "spawn(() => class { static accessor x = y; });", "y:global"},
    {"field_named_accessor", JS, "spawn(() => class { accessor = z; });", "z:global"},
    {"private_accessor_field", JS, "spawn(() => class { accessor #x = y; });", "y:global"},

    // --- decorators ---
    {"decorator_on_class_declaration", JS, "spawn(() => {\n  @sealed class K {}\n  return K;\n});",
     "sealed:global"},
    {"decorator_call_arguments_are_references", JS,
     "spawn(() => {\n  @component({ selector: tag }) class K {}\n});",
     "component:global tag:global"},
    {"decorator_member_expression", JS, "spawn(() => {\n  @ns.dec class K {}\n});", "ns:global"},
    {"decorators_on_method_field_and_accessor", JS,
     "spawn(() => class {\n  @log m() {}\n  @bound f = 1;\n  @tracked accessor a = 0;\n});",
     "bound:global log:global tracked:global"},
    {"decorator_on_static_member_and_getter", JS,
     "spawn(() => class {\n  @once static s() {}\n  @memo get g() { return 1; }\n});",
     "memo:global once:global"},
    {"decorator_on_class_expression", JS, "spawn(() => @dec class {});", "dec:global"},
    {"decorator_bound_in_closure", JS,
     "spawn(() => {\n  const dec = (c) => c;\n  @dec class K {}\n});", ""},
    {"parenthesized_decorator_expression", JS, "spawn(() => {\n  @(pick(1)) class K {}\n});",
     "pick:global"},

    // --- heritage ---
    {"extends_is_a_reference", JS, "spawn(() => class extends Base {});", "Base:global"},
    {"extends_call_expression", JS, "spawn(() => class extends mixin(A, B) {});",
     "A:global B:global mixin:global"},
    {"extends_member_expression", JS, "spawn(() => class extends React.Component {});",
     "React:global"},
    {"extends_null", JS, "spawn(() => class extends null {});", ""},
    {"constructor_super_call_and_body", JS,
     "spawn(() => class extends B {\n  constructor() { super(); this.x = c; }\n});",
     "B:global c:global"},

    // --- class names ---
    {"class_name_bound_inside_class_body", JS,
     "spawn(() => {\n  class K { static make() { return new K(); } }\n});", ""},
    {"class_declaration_visible_after_in_closure", JS,
     "spawn(() => {\n  class K {}\n  return new K();\n});", ""},
    {"outer_class_captured", JS, "class K {}\nspawn(() => new K());", "K:class"},
    {"closure_inside_method_captures_its_class", JS,
     "class K {\n  static m() { return spawn(() => new K()); }\n}", "K:class"},

    // Heritage and computed keys are evaluated in the class scope, where the class's own name
    // is already bound (in its TDZ): they refer to the inner binding, not an outer one.
    {"class_name_in_own_heritage_is_the_inner_binding", JS,
     "const B = 1;\nspawn(() => class B extends B {});", ""},
    {"class_name_in_own_computed_key_is_the_inner_binding", JS,
     "const C = 1;\nspawn(() => class C { [C.k] = 1; });", ""},
    {"class_expression_as_heritage", JS, "spawn(() => class extends class { x = y; } {});",
     "y:global"},
    {"static_async_generator_computed_method", JS, "spawn(() => class { static async *[k]() {} });",
     "k:global"},
    {"super_in_field_arrow_inside_closure_is_own", JS,
     "spawn(() => class extends B { f = () => super.x; });", "B:global"},
    // Class-element ASI: `async` on its own line is a field; `get` and `static` are not cut off.
    {"async_on_its_own_line_is_a_field", JS, "spawn(() => class { async\nm() { return a; } });",
     "a:global"},
    {"getter_split_across_lines", JS, "spawn(() => class { get\nx() { return a; } });", "a:global"},
    {"static_split_across_lines", JS, "spawn(() => class { static\nx = y; });", "y:global"},
    {"class_captured_from_its_static_block", JS, "class K {\n  static { spawn(() => K); }\n}",
     "K:class"},
    {"class_captured_from_its_field_initializer", JS, "class K {\n  f = spawn(() => K);\n}",
     "K:class"},
    {"named_class_expression_captured_from_inside", JS,
     "const X = class Inner {\n  m() { return spawn(() => Inner); }\n};", "Inner:class"},
};

class Classes : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Classes, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Classes, ::testing::ValuesIn(kClasses), CaseName());

}  // namespace
}  // namespace xthreads::test
