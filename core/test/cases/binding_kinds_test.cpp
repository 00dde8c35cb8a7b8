// Binding kinds and initializer annotations: which kind of declaration a free variable resolves
// to decides how it reaches the worker (import, code, new-global, value, global).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;

const FreeVariableCase kBindingKinds[] = {
    // --- one case per binding kind ---
    {"module_var", JS, "var a = 1;\nspawn(() => a);", "a:var"},
    {"var_without_initializer", JS, "var a;\nspawn(() => a);", "a:var"},
    {"module_let", JS, "let a = 1;\nspawn(() => a);", "a:let"},
    {"module_const", JS, "const a = 1;\nspawn(() => a);", "a:const"},
    {"block_using", JS, "{\n  using r = open();\n  spawn(() => r);\n}", "r:using"},
    // `await using` is reported with the same kind as `using`.
    {"await_using_is_using", JS,
     "async function f() {\n  await using r = open();\n  spawn(() => r);\n}", "r:using"},
    {"function_declaration", JS, "function g() {}\nspawn(() => g());", "g:function"},
    {"async_function_declaration", JS, "async function g() {}\nspawn(() => g());", "g:function"},
    {"generator_function_declaration", JS, "function* g() {}\nspawn(() => g());", "g:function"},
    {"async_generator_function_declaration", JS, "async function* g() {}\nspawn(() => g());",
     "g:function"},
    {"class_declaration", JS, "class C {}\nspawn(() => new C());", "C:class"},
    {"parameter_of_enclosing_function", JS, "function f(p) {\n  spawn(() => p);\n}", "p:parameter"},
    {"parameter_of_enclosing_arrow", JS, "const f = (p) => spawn(() => p);", "p:parameter"},
    {"catch_parameter", JS, "try {} catch (err) {\n  spawn(() => err);\n}", "err:catch"},
    {"catch_destructured_parameter", JS, "try {} catch ({ message }) {\n  spawn(() => message);\n}",
     "message:catch"},
    {"import_default", JS, "import d from \"m\";\nspawn(() => d);", "d:import"},
    {"import_namespace", JS, "import * as ns from \"m\";\nspawn(() => ns);", "ns:import"},
    // `import x = require("m")` is annotated `(require)`, which tells it apart from the
    // namespace alias `import x = A.B` (no annotation).
    {"ts_import_equals_require", TS, "import fs = require(\"fs\");\nspawn(() => fs);",
     "fs:import-equals(require)"},
    {"ts_import_equals_entity_name", TS, "import x = A.B;\nspawn(() => x);", "x:import-equals"},
    {"ts_enum", TS, "enum E { A }\nspawn(() => E.A);", "E:enum"},
    {"ts_namespace", TS, "namespace N { export const x = 1; }\nspawn(() => N.x);", "N:namespace"},
    // Inside an enum, member names are in scope for later initializers, also inside a nested
    // arrow (TypeScript rewrites `A` to `E.A`).
    {"ts_enum_member_from_closure_in_enum_initializer", TS,
     "enum E { A = 1, B = spawn(() => A).length }", "A:enum-member"},
    {"global_when_unbound", JS, "spawn(() => fetch(url));", "fetch:global url:global"},
    // `undefined` is an ordinary identifier that resolves to a global property.
    {"undefined_is_a_global_identifier", JS, "spawn(() => undefined);", "undefined:global"},
    {"free_variables_sorted_by_name_bytewise", JS,
     "const b = 1, a = 2, B = 3;\nspawn(() => b + a + B + Z);", "B:const Z:global a:const b:const"},
    {"one_entry_per_name_with_several_references", JS, "const a = 1;\nspawn(() => a + a * a);",
     "a:const"},

    // --- initializer annotations ---
    {"const_arrow_initializer", JS, "const f = () => 1;\nspawn(() => f());", "f:const(arrow)"},
    {"const_async_arrow_initializer", JS, "const f = async (x) => x;\nspawn(() => f(1));",
     "f:const(arrow)"},
    {"let_function_initializer", JS, "let g = function () {};\nspawn(() => g());",
     "g:let(function)"},
    {"var_named_function_initializer", JS, "var g = function named() {};\nspawn(() => g());",
     "g:var(function)"},
    {"const_async_function_initializer", JS, "const g = async function () {};\nspawn(() => g());",
     "g:const(function)"},
    {"const_generator_function_initializer", JS, "const g = function* () {};\nspawn(() => g());",
     "g:const(function)"},
    {"var_class_initializer", JS, "var C = class {};\nspawn(() => new C());", "C:var(class)"},
    {"const_class_with_heritage_initializer", JS,
     "const C = class extends Base {};\nspawn(() => new C());", "C:const(class)"},
    {"const_new_global_initializer", JS, "const g = new Global(0);\nspawn(() => g.value);",
     "g:const(new-global)"},
    {"const_new_threads_global_initializer", JS,
     "import * as threads from \"experimental-threads\";\n"
     "const g = new threads.Global(0);\nspawn(() => g.value);",
     "g:const(new-global)"},
    {"const_require_initializer", JS, "const fs = require(\"fs\");\nspawn(() => fs.readFileSync);",
     "fs:const(require)"},
    {"destructured_require_initializer", JS,
     "const { readFile, stat: st } = require(\"fs\");\nspawn(() => [readFile, st]);",
     "readFile:const(require) st:const(require)"},
    {"const_data_has_no_annotation", JS, "const n = 1, s = \"x\", o = {};\nspawn(() => [n, s, o]);",
     "n:const o:const s:const"},
    {"const_call_result_has_no_annotation", JS, "const v = make();\nspawn(() => v);", "v:const"},
    // The initializer is a conditional expression, not a function literal: a value.
    {"conditional_of_arrows_is_not_an_arrow_initializer", JS,
     "const f = ok ? () => 1 : () => 2;\nspawn(() => f());", "f:const"},
    {"object_holding_arrow_is_not_a_function_initializer", JS,
     "const o = { f: () => 1 };\nspawn(() => o.f());", "o:const"},
    // Only `Global` is the shared-memory global; other constructors are values.
    {"new_other_class_is_not_new_global", JS, "const m = new Mutex(0);\nspawn(() => m);",
     "m:const"},
    {"each_declarator_has_its_own_initializer", JS,
     "const f = () => 1, n = 2;\nspawn(() => f() + n);", "f:const(arrow) n:const"},
    // Parentheses do not change what the initializer is.
    {"parenthesized_arrow_initializer", JS, "const f = (() => 1);\nspawn(() => f());",
     "f:const(arrow)"},
    {"destructured_data_has_no_annotation", JS, "const { a, b: [c] } = obj;\nspawn(() => a + c);",
     "a:const c:const"},
    {"ts_typed_arrow_initializer", TS, "const f = (x: number): number => x;\nspawn(() => f(1));",
     "f:const(arrow)"},
    {"ts_annotated_const_arrow_initializer", TS,
     "const f: (x: number) => number = (x) => x;\nspawn(() => f(1));", "f:const(arrow)"},
    {"ts_new_global_with_type_arguments", TS, "const g = new Global<number>(0);\nspawn(() => g);",
     "g:const(new-global)"},

    // Only object destructuring names exports; an array pattern over a module is a plain value.
    {"destructured_array_require_initializer", JS, "const [a] = require(\"m\");\nspawn(() => a);",
     "a:const"},
    // Only a call with a literal specifier is a CommonJS import.
    {"require_with_computed_specifier_is_data", JS, "const m = require(name);\nspawn(() => m);",
     "m:const"},
    {"const_new_global_without_arguments", JS, "const g = new threads.Global;\nspawn(() => g);",
     "g:const(new-global)"},
    {"const_async_generator_initializer", JS, "const f = async function* () {};\nspawn(() => f);",
     "f:const(function)"},
    {"const_named_class_initializer", JS, "const C = class Named {};\nspawn(() => C);",
     "C:const(class)"},
    {"const_from_loop_destructuring", JS,
     "for (const [k, v] of Object.entries(o)) spawn(() => k + v);", "k:const v:const"},
};

class BindingKinds : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(BindingKinds, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, BindingKinds, ::testing::ValuesIn(kBindingKinds), CaseName());

}  // namespace
}  // namespace xthreads::test
