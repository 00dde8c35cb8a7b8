// ES module syntax: imports bind local names (kind `import`); export aliases and re-exports bind
// nothing; `import.meta` and import attributes are not references.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;

const FreeVariableCase kModules[] = {
    // --- imports ---
    {"import_default", JS, "import d from \"m\";\nspawn(() => d);", "d:import"},
    {"import_named", JS, "import { a, b } from \"m\";\nspawn(() => a + b);", "a:import b:import"},
    {"import_renamed_binds_local_name", JS, "import { n as m } from \"x\";\nspawn(() => m);",
     "m:import"},
    {"import_renamed_original_name_is_not_bound", JS,
     "import { n as m } from \"x\";\nspawn(() => n);", "n:global"},
    {"import_namespace", JS, "import * as ns from \"m\";\nspawn(() => ns.f());", "ns:import"},
    {"import_default_and_named", JS, "import d, { a as b } from \"m\";\nspawn(() => [d, b]);",
     "b:import d:import"},
    {"import_default_and_namespace", JS, "import d, * as ns from \"m\";\nspawn(() => [d, ns]);",
     "d:import ns:import"},
    {"import_default_specifier_renamed", JS, "import { default as d } from \"m\";\nspawn(() => d);",
     "d:import"},
    {"import_string_name_renamed", JS, "import { \"a-b\" as ab } from \"m\";\nspawn(() => ab);",
     "ab:import"},
    {"side_effect_import_binds_nothing", JS, "import \"m\";\nspawn(() => m);", "m:global"},
    {"import_with_json_attributes", JS,
     "import data from \"./d.json\" with { type: \"json\" };\nspawn(() => data);", "data:import"},
    {"import_attribute_key_is_not_a_binding", JS,
     "import data from \"./d.json\" with { type: \"json\" };\nspawn(() => type);", "type:global"},
    {"side_effect_import_with_attributes", JS,
     "import \"./s.css\" with { type: \"css\" };\nspawn(() => type);", "type:global"},
    {"import_shadowed_in_closure", JS,
     "import { a } from \"m\";\nspawn(() => {\n  const a = 1;\n  return a;\n});", ""},
    {"import_declared_after_the_call", JS, "spawn(() => a);\nimport { a } from \"m\";", "a:import"},
    {"import_used_in_nested_function_in_closure", JS,
     "import { h } from \"m\";\nspawn(() => () => h());", "h:import"},
    {"import_shadowed_by_enclosing_parameter", JS,
     "import { a } from \"m\";\nfunction f(a) {\n  spawn(() => a);\n}", "a:parameter"},
    {"imported_name_as_property_name_only", JS,
     "import { a } from \"m\";\nspawn(() => o.a + ({ a: 1 }).a);", "o:global"},

    // --- exports ---
    {"export_alias_is_not_a_binding", JS, "const a = 1;\nexport { a as b };\nspawn(() => b);",
     "b:global"},
    {"export_alias_local_name_stays_bound", JS, "const a = 1;\nexport { a as b };\nspawn(() => a);",
     "a:const"},
    {"export_as_default_binds_nothing", JS,
     "const a = 1;\nexport { a as default };\nspawn(() => a);", "a:const"},
    {"reexport_binds_nothing", JS, "export { a } from \"m\";\nspawn(() => a);", "a:global"},
    {"reexport_renamed_binds_nothing", JS, "export { a as b } from \"m\";\nspawn(() => [a, b]);",
     "a:global b:global"},
    {"export_star_as_binds_nothing", JS, "export * as ns from \"m\";\nspawn(() => ns);",
     "ns:global"},
    {"export_star_binds_nothing", JS, "export * from \"m\";\nspawn(() => m);", "m:global"},
    {"export_const", JS, "export const x = 1;\nspawn(() => x);", "x:const"},
    {"export_let_and_var", JS, "export let a = 1;\nexport var b = 2;\nspawn(() => a + b);",
     "a:let b:var"},
    {"export_destructured_const", JS, "export const { a, b: [c] } = obj;\nspawn(() => a + c);",
     "a:const c:const"},
    {"export_function", JS, "export function f() {}\nspawn(() => f());", "f:function"},
    {"export_class", JS, "export class K {}\nspawn(() => new K());", "K:class"},
    {"export_default_function_binds_its_name", JS,
     "export default function g() {}\nspawn(() => g());", "g:function"},
    {"export_default_class_binds_its_name", JS, "export default class K {}\nspawn(() => new K());",
     "K:class"},
    {"export_default_expression_binds_nothing", JS, "export default (a) => a;\nspawn(() => a);",
     "a:global"},
    {"export_default_anonymous_function_binds_nothing", JS,
     "export default function () {}\nspawn(() => f);", "f:global"},
    {"decorated_exported_class", JS, "export @dec class K {}\nspawn(() => new K());", "K:class"},

    // --- import.meta, dynamic import, top-level await ---
    {"import_meta_is_not_a_reference", JS, "spawn(() => import.meta.url);", ""},
    {"dynamic_import_specifier_is_a_reference", JS, "spawn(() => import(spec));", "spec:global"},
    {"dynamic_import_with_options", JS,
     "spawn(() => import(\"./d.json\", { with: { type: kind } }));", "kind:global"},
    {"dynamic_import_literal", JS, "spawn(async () => (await import(\"m\")).default);", ""},
    {"top_level_await_call_site", JS, "const a = await load();\nawait eval(spawn(() => a));",
     "a:const"},
};

class Modules : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Modules, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Modules, ::testing::ValuesIn(kModules), CaseName());

}  // namespace
}  // namespace xthreads::test
