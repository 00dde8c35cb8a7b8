// TypeScript syntax erased at run time is invisible to capture: annotations, interfaces, type
// aliases, every type form, `declare`, type-only imports and exports, `implements`, overloads,
// `this` parameters, abstract members and modifiers. A name used only in type positions is never
// free, and an ambient declaration binds nothing at run time (its name is a global).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect TS = Dialect::TypeScript;
constexpr Dialect TSX = Dialect::TSX;

const FreeVariableCase kTypeScriptErasure[] = {
    // --- annotations ---
    {"variable_type_annotation", TS, "spawn(() => {\n  let a: Foo = b;\n  return a;\n});",
     "b:global"},
    {"parameter_and_return_annotations", TS, "spawn((a: Foo, b: Bar<Baz>): Qux => a);", ""},
    {"class_used_only_as_type_is_not_captured", TS,
     "class K {}\nspawn(() => {\n  let k: K | null = null;\n  return k;\n});", ""},
    {"class_used_as_value_and_type_is_captured", TS,
     "class K {}\nspawn(() => {\n  const k: K = new K();\n  return k;\n});", "K:class"},
    {"type_and_value_with_same_name", TS,
     "const X = 1;\ntype X = string;\nspawn(() => {\n  const a: X = String(X);\n  return a;\n});",
     "String:global X:const"},
    {"interface_and_value_with_same_name", TS,
     "interface Foo { a: number }\nconst Foo = 1;\nspawn(() => Foo);", "Foo:const"},
    {"catch_clause_type_annotation", TS,
     "spawn(() => {\n  try {} catch (e: unknown) { return e; }\n});", ""},
    {"type_annotation_in_tsx", TSX, "spawn((p: Props): Result => p.x);", ""},

    // --- declarations that are only types ---
    {"interface_declaration_in_closure", TS,
     "spawn(() => {\n  interface I extends J { x: Y; m(a: Z): void }\n  return 1;\n});", ""},
    {"type_alias_in_closure", TS,
     "spawn(() => {\n  type T = U | V<W>;\n  const t: T = v;\n  return t;\n});", "v:global"},
    {"generic_parameters_with_constraints_and_defaults", TS,
     "spawn(() => {\n  function f<T extends U, V = W>(x: T): V { return x as any; }\n  return "
     "f;\n});",
     ""},
    {"const_type_parameter_and_variance", TS,
     "spawn(() => {\n  function f<const T>(x: T) { return x; }\n  interface I<in A, out B> {}\n  "
     "return f;\n});",
     ""},
    {"generic_class_declaration", TS,
     "spawn(() => {\n  class Box<T extends U = V> { value?: T; }\n  return Box;\n});", ""},

    // --- type forms ---
    // `typeof x` in a type is a type query: no run-time reference.
    {"typeof_in_type_is_not_a_reference", TS,
     "const x = 1;\nspawn(() => {\n  let y: typeof x = 2;\n  return y;\n});", ""},
    {"keyof_typeof_is_not_a_reference", TS, "const o = { a: 1 };\nspawn((k: keyof typeof o) => k);",
     ""},
    {"typeof_import_and_qualified_type", TS,
     "spawn((m: typeof import(\"m\"), n: N.Inner) => [m, n]);", ""},
    {"import_type_expression", TS, "spawn((x: import(\"m\").T<U>) => x);", ""},
    {"conditional_and_infer_types", TS,
     "spawn(() => {\n  type R<T> = T extends (...a: any[]) => infer U ? U : never;\n  let r: R<F> "
     "= g();\n  return r;\n});",
     "g:global"},
    {"mapped_type_with_as_clause_and_modifiers", TS,
     "spawn(() => {\n  let m: { readonly [K in keyof T as `get${K & string}`]-?: T[K] } = src;\n  "
     "return m;\n});",
     "src:global"},
    {"template_literal_type", TS, "spawn((s: `a${B}c${D}`) => s);", ""},
    {"tuple_with_labels_optional_and_rest", TS,
     "spawn((t: [first: A, second?: B, ...rest: C[]]) => t);", ""},
    {"function_and_constructor_types", TS,
     "spawn((f: (x: A) => B, c: new (y: C) => D, ac: abstract new () => E) => [f, c, ac]);", ""},
    {"unique_symbol_type", TS,
     "spawn(() => {\n  const s: unique symbol = Symbol();\n  return s;\n});", "Symbol:global"},
    {"readonly_array_union_and_intersection_types", TS,
     "spawn((a: readonly string[], b: A | B & C, c: (D)[]) => [a, b, c]);", ""},
    {"indexed_access_and_literal_types", TS,
     "spawn((a: T[\"k\"], b: 1 | \"s\" | true | null | undefined | -1) => [a, b]);", ""},
    {"object_type_literal_with_methods", TS,
     "spawn((o: { m(a: A): B; new (): C; (x: D): E; readonly p?: F }) => o);", ""},
    {"index_signature_in_type_literal", TS, "spawn((o: { [key: string]: V }) => o);", ""},
    // A computed key inside a type literal is part of the type: erased.
    {"computed_key_in_type_literal_is_not_a_reference", TS,
     "spawn((o: { [Symbol.iterator](): It }) => o);", ""},
    {"type_predicate_return", TS, "spawn((x: unknown): x is Foo => x != null);", ""},
    {"asserts_return_types", TS,
     "spawn(() => {\n  function check(v: unknown): asserts v is string {}\n  function ok(v: "
     "unknown): asserts v {}\n  return [check, ok];\n});",
     ""},
    {"enum_used_only_as_type_is_not_captured", TS, "enum E { A }\nspawn((e: E) => e);", ""},
    {"enum_member_type_is_not_captured", TS, "enum E { A }\nspawn((e: E.A) => e);", ""},
    {"namespace_used_only_as_type_is_not_captured", TS,
     "namespace N { export interface I {} }\nspawn((i: N.I) => i);", ""},

    // --- this parameters, optional members, definite assignment, index signatures ---
    {"this_parameter_is_erased", TS, "spawn(function (this: Window, x: number) {\n  return x;\n});",
     ""},
    {"this_parameter_only", TS, "spawn(function (this: Foo) {});", ""},
    {"optional_property_and_method_in_class", TS,
     "spawn(() => class {\n  x?: number;\n  m?(): void;\n});", ""},
    {"definite_assignment_in_closure", TS, "spawn(() => {\n  let x!: number;\n  return x;\n});",
     ""},
    {"outer_definite_assignment_binding", TS, "let x!: number;\nspawn(() => x);", "x:let"},
    // `[key: string]: number` in a class body is an index signature, not a computed field.
    {"index_signature_in_class_is_not_a_computed_key", TS,
     "spawn(() => class {\n  [key: string]: number;\n});", ""},
    {"static_index_signature_in_class", TS,
     "spawn(() => class {\n  static [key: string]: Foo;\n});", ""},

    // --- classes ---
    {"abstract_class_and_members", TS,
     "spawn(() => {\n  abstract class A {\n    abstract m(): void;\n    abstract x: T;\n    run() "
     "{ return helper(); }\n  }\n  return A;\n});",
     "helper:global"},
    {"accessibility_and_readonly_modifiers", TS,
     "spawn(() => class {\n  private x = a;\n  protected static y = b;\n  public readonly z = c;\n "
     " override w = d;\n});",
     "a:global b:global c:global d:global"},
    {"declare_field_is_erased", TS, "spawn(() => class {\n  declare x: Foo;\n});", ""},
    {"implements_clause_is_erased", TS,
     "spawn(() => class K extends Base<T> implements I, J<U> {});", "Base:global"},
    {"implements_without_extends", TS, "spawn(() => class implements Runnable {});", ""},
    {"method_overload_signatures", TS,
     "spawn(() => class {\n  m(a: string): void;\n  m(a: any) { return b; }\n});", "b:global"},
    {"constructor_overload_signatures", TS,
     "spawn(() => class {\n  constructor(a: string);\n  constructor(a: any) { init(a); }\n});",
     "init:global"},

    // --- overloads ---
    {"function_overload_signatures", TS,
     "spawn(() => {\n  function f(a: string): void;\n  function f(a: number): void;\n  function "
     "f(a: any) { return a; }\n  return f;\n});",
     ""},

    // --- ambient declarations: bind nothing at run time ---
    {"declare_const_is_a_global", TS, "declare const x: number;\nspawn(() => x);", "x:global"},
    {"declare_let_and_var_are_globals", TS,
     "declare let a: number;\ndeclare var b: string;\nspawn(() => a + b);", "a:global b:global"},
    {"declare_function_class_enum_namespace_are_globals", TS,
     "declare function f(): void;\ndeclare class C {}\ndeclare enum E { A }\n"
     "declare namespace N { const y: number; }\nspawn(() => [f, C, E, N]);",
     "C:global E:global N:global f:global"},
    {"declare_global_block", TS, "declare global {\n  var g: number;\n}\nspawn(() => g);",
     "g:global"},
    {"declare_module_block", TS,
     "declare module \"m\" {\n  export const x: number;\n}\nspawn(() => x);", "x:global"},
    {"exported_declare_const_is_a_global", TS, "export declare const v: number;\nspawn(() => v);",
     "v:global"},

    // --- type-only imports and exports ---
    {"import_type_binds_nothing", TS, "import type { X } from \"m\";\nspawn((x: X) => x);", ""},
    {"import_type_specifier_binds_only_values", TS,
     "import { type X, y } from \"m\";\nspawn(() => {\n  const v: X = y;\n  return v;\n});",
     "y:import"},
    {"import_type_default", TS, "import type D from \"m\";\nspawn((d: D) => d);", ""},
    {"import_type_namespace", TS, "import type * as T from \"m\";\nspawn((t: T.X) => t);", ""},
    {"export_type_binds_nothing", TS, "export type { X } from \"m\";\nspawn((x: X) => x);", ""},
    {"export_type_alias_and_interface", TS,
     "export type A = number;\nexport interface B {}\nspawn((a: A, b: B) => [a, b]);", ""},
    {"import_value_used_only_as_type", TS, "import { Model } from \"m\";\nspawn((x: Model) => x);",
     ""},

    {"typeof_import_type_annotation", TS, "spawn(() => { let x: typeof import(\"m\") = y; });",
     "y:global"},
    {"asserts_predicate_on_arrow", TS, "spawn((x): asserts x is string => {});", ""},
    {"generic_object_method", TS, "spawn(() => ({ m<T>(x: T) { return x; } }));", ""},
    {"generic_class_method", TS, "spawn(() => class { m<T>(x: T): T { return x; } });", ""},
    {"qualified_generic_array_type", TS, "spawn((x: A.B.C<D>[]) => x);", ""},
    {"this_void_parameter", TS, "spawn(function (this: void) {});", ""},
    {"import_type_default_specifier", TS,
     "import { type default as D } from \"m\";\nspawn((d: D) => d);", ""},
    {"getter_return_type", TS, "spawn(() => class { get v(): number { return a; } });", "a:global"},
    {"static_unique_symbol_property", TS,
     "spawn(() => class { static readonly s: unique symbol = Symbol(); });", "Symbol:global"},
    {"typed_destructured_parameter_with_default", TS, "spawn(({ a = d }: { a?: A } = {}) => a);",
     "d:global"},

    {"generic_function_type_annotation", TS, "spawn(() => { let f: <T>(x: T) => T = g; });",
     "g:global"},
    {"mapped_type_alias_in_closure", TS,
     "spawn(() => { type A = { [K in B]: C }; const x: A = y; });", "y:global"},
    {"indexed_type_literal", TS, "spawn((a: { b: C }[\"b\"]) => a);", ""},
    {"parameter_properties_with_modifiers", TS,
     "spawn(() => class { constructor(readonly a = b, override c?: D) {} });", "b:global"},
    {"abstract_accessor_signature", TS,
     "spawn(() => { abstract class A { protected abstract get v(): number; } });", ""},
    {"declare_readonly_and_static_declare_fields", TS,
     "spawn(() => class { declare readonly x: number; static declare y: T; });", ""},
    {"overload_with_type_predicate", TS,
     "spawn(() => { function f(x: number): x is 1; function f(x: any) { return x; } });", ""},
    {"asserts_and_is_as_type_names", TS, "spawn(() => { let x: asserts; let y: is; });", ""},
    {"keyof_indexed_and_readonly_tuple_types", TS,
     "spawn((x: keyof T, y: T[keyof T], z: readonly [a: A]) => [x, y, z]);", ""},
    {"typeof_in_type_arguments", TS, "spawn(() => { let x: Array<typeof y> = []; });", ""},
    {"typeof_import_in_as_type", TS, "spawn(() => import(\"m\") as Promise<typeof import(\"m\")>);",
     ""},
    {"generic_class_expression_with_heritage", TS, "spawn(() => class<T> extends Base<T> {});",
     "Base:global"},
    {"generic_function_with_this_parameter", TS,
     "spawn(function <T>(this: T, x: T) { return x; });", ""},
    {"conditional_type_annotation", TS, "spawn(() => { let x: T extends U ? V : W; });", ""},
    {"instantiation_expression_in_typeof", TS, "spawn(() => { let fn: typeof f<string>; });", ""},
    {"parenthesized_typeof_indexed", TS, "spawn(() => { let x: (typeof a)[number]; });", ""},
    {"call_and_construct_signatures_in_type_literal", TS,
     "spawn(() => { let x: { new <T>(a: T): T; <U>(b: U): U }; });", ""},
    {"typeof_in_template_literal_type", TS, "spawn(() => { let x: `${typeof a}`; });", ""},
    // `export default interface` declares a type only: `I` has no run-time binding.
    {"export_default_interface_binds_no_value", TS,
     "export default interface I { a: number }\nspawn(() => I);", "I:global"},
    {"export_default_abstract_class", TS, "export default abstract class A {}\nspawn(() => A);",
     "A:class"},
    {"annotated_declarators", TS, "spawn(() => { let a: number, b: string = c; });", "c:global"},
    {"annotated_destructuring_declaration", TS,
     "spawn(() => { const { a, b }: { a: A; b: B } = o; return a + b; });", "o:global"},
};

class TypeScriptErasure : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(TypeScriptErasure, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, TypeScriptErasure, ::testing::ValuesIn(kTypeScriptErasure),
                         CaseName());

}  // namespace
}  // namespace xthreads::test
