// TypeScript syntax with run-time meaning: `enum`, `const enum`, `namespace` (and `A.B`),
// parameter properties, decorators, `import x = require(...)`, `import x = A.B`, `export =`.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect TS = Dialect::TypeScript;

const FreeVariableCase kTypeScriptRuntime[] = {
    // --- enums ---
    {"enum_declaration_captured", TS, "enum Color { Red, Green }\nspawn(() => Color.Red);",
     "Color:enum"},
    {"const_enum_captured_as_enum", TS, "const enum Dir { Up = 1 }\nspawn(() => Dir.Up);",
     "Dir:enum"},
    {"exported_enum", TS, "export enum E { A }\nspawn(() => E);", "E:enum"},
    {"declare_enum_is_a_global", TS, "declare enum Ext { A }\nspawn(() => Ext.A);", "Ext:global"},
    {"declare_const_enum_is_a_global", TS, "declare const enum Ext { A }\nspawn(() => Ext.A);",
     "Ext:global"},
    {"enum_declared_inside_closure", TS, "spawn(() => {\n  enum E { A, B }\n  return E.B;\n});",
     ""},
    {"enum_member_refers_to_earlier_member", TS,
     "spawn(() => {\n  enum E { A = 1, B = A * 2 }\n  return E.B;\n});", ""},
    {"enum_member_initializer_references_outer", TS,
     "const k = 2;\nspawn(() => {\n  enum E { A = k }\n  return E.A;\n});", "k:const"},
    {"enum_member_not_visible_outside_enum", TS, "spawn(() => {\n  enum E { A }\n  return A;\n});",
     "A:global"},
    {"enum_string_member_names", TS,
     "spawn(() => {\n  enum E { 'a-b' = 1, C = \"c\" }\n  return E;\n});", ""},
    // A closure inside an enum initializer sees the members (TypeScript resolves `A` to `E.A`).
    {"enum_member_from_closure_in_initializer", TS, "enum E { A = 1, B = spawn(() => A).length }",
     "A:enum-member"},
    {"enum_shadows_outer_binding", TS,
     "const E = 1;\nspawn(() => {\n  enum E { A }\n  return E;\n});", ""},

    // --- namespaces ---
    {"namespace_captured", TS, "namespace N { export const x = 1; }\nspawn(() => N.x);",
     "N:namespace"},
    {"dotted_namespace_binds_its_first_name", TS,
     "namespace A.B.C { export const x = 1; }\nspawn(() => A.B.C.x);", "A:namespace"},
    {"dotted_namespace_inner_names_are_not_bound_outside", TS,
     "namespace A.B { export const x = 1; }\nspawn(() => B);", "B:global"},
    {"nested_namespace_declarations", TS,
     "namespace A { export namespace B { export const x = 1; } }\nspawn(() => A.B.x);",
     "A:namespace"},
    {"module_keyword_namespace", TS, "module M { export const x = 1; }\nspawn(() => M.x);",
     "M:namespace"},
    {"exported_namespace", TS, "export namespace N { export const x = 1; }\nspawn(() => N);",
     "N:namespace"},
    {"closure_inside_namespace_sees_namespace_members", TS,
     "namespace N {\n  const hidden = 1;\n  export const shown = 2;\n  spawn(() => hidden + "
     "shown);\n}",
     "hidden:const shown:const"},
    {"closure_inside_namespace_sees_namespace_functions", TS,
     "namespace N {\n  export function f() {}\n  spawn(() => f());\n}", "f:function"},
    {"namespace_members_not_visible_outside", TS,
     "namespace N { export const x = 1; }\nspawn(() => x);", "x:global"},
    {"declare_namespace_is_a_global", TS,
     "declare namespace D { const x: number; }\nspawn(() => D.x);", "D:global"},

    // --- parameter properties ---
    {"parameter_property_default_is_a_reference", TS,
     "spawn(() => class {\n  constructor(private x: number, public readonly y = z) {}\n});",
     "z:global"},
    {"parameter_property_is_a_parameter_in_constructor", TS,
     "spawn(() => class {\n  constructor(protected x: number) { use(x); }\n});", "use:global"},
    {"parameter_property_of_enclosing_constructor", TS,
     "class P {\n  constructor(private x: number) {\n    spawn(() => x);\n  }\n}", "x:parameter"},
    {"class_with_parameter_properties_captured", TS,
     "class P { constructor(public x: number) {} }\nspawn(() => new P(1));", "P:class"},

    // --- decorators (TypeScript experimental decorators included) ---
    {"decorator_with_arguments", TS,
     "spawn(() => {\n  @Component({ selector: sel })\n  class K {}\n  return K;\n});",
     "Component:global sel:global"},
    {"parameter_decorator", TS,
     "spawn(() => class {\n  constructor(@Inject(TOKEN) private dep: Dep) {}\n});",
     "Inject:global TOKEN:global"},
    {"decorator_on_abstract_class", TS,
     "spawn(() => {\n  @register abstract class A {}\n  return A;\n});", "register:global"},

    // --- import equals ---
    {"import_equals_require", TS, "import fs = require(\"fs\");\nspawn(() => fs.readFileSync);",
     "fs:import-equals(require)"},
    {"import_equals_entity_name", TS,
     "namespace A { export namespace B { export const c = 1; } }\nimport x = A.B;\nspawn(() => "
     "x.c);",
     "x:import-equals"},
    // The alias is the binding the closure uses; its target `A` is read by the declaration,
    // outside the closure.
    {"import_equals_entity_name_target_not_captured", TS, "import x = A.B;\nspawn(() => x);",
     "x:import-equals"},
    {"export_import_equals", TS, "export import y = N.y;\nspawn(() => y);", "y:import-equals"},
    {"import_equals_inside_namespace", TS,
     "namespace Outer {\n  import z = Other.z;\n  spawn(() => z);\n}", "z:import-equals"},

    // --- other declarations ---
    {"export_assignment_binds_nothing", TS, "const foo = 1;\nexport = foo;\nspawn(() => foo);",
     "foo:const"},
    {"abstract_class_captured", TS, "abstract class A { abstract m(): void; }\nspawn(() => A);",
     "A:class"},
    {"function_with_overloads_captured_once", TS,
     "function f(a: string): void;\nfunction f(a: any) {}\nspawn(() => f);", "f:function"},

    {"enum_member_computed_by_call", TS, "spawn(() => { enum E { A = f() } });", "f:global"},
    {"declare_inside_namespace_is_a_global", TS,
     "namespace N {\n  declare const x: number;\n  spawn(() => x);\n}", "x:global"},
};

class TypeScriptRuntime : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(TypeScriptRuntime, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, TypeScriptRuntime, ::testing::ValuesIn(kTypeScriptRuntime),
                         CaseName());

}  // namespace
}  // namespace xthreads::test
