// Invalid input is reported, never guessed at: syntax errors (and the early errors of strict /
// module code that change what a name means) make the query fail with `error: ...`. The exact
// messages are the implementation's; an expected value of exactly "error" accepts any of them.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect JSX = Dialect::JSX;
constexpr Dialect TS = Dialect::TypeScript;
constexpr Dialect TSX = Dialect::TSX;

const FreeVariableCase kDiagnostics[] = {
    // --- tokens ---
    {"unterminated_string", JS, "spawn(() => 'abc);", "error"},
    {"newline_in_string", JS, "spawn(() => 'a\nb');", "error"},
    {"unterminated_template", JS, "spawn(() => `abc${x});", "error"},
    {"unterminated_template_substitution", JS, "spawn(() => `abc${x);", "error"},
    {"unterminated_regex", JS, "spawn(() => /abc);", "error"},
    {"unterminated_block_comment", JS, "spawn(() => a); /* never closed", "error"},
    {"invalid_numeric_separator", JS, "spawn(() => 1__0);", "error"},
    {"trailing_numeric_separator", JS, "spawn(() => 1_);", "error"},
    {"identifier_directly_after_number", JS, "spawn(() => 3in[x]);", "error"},
    {"invalid_unicode_escape_in_identifier", JS, R"js(spawn(() => \u00G1);)js", "error"},
    {"stray_character", JS, "spawn(() => a # b);", "error"},

    // --- structure ---
    {"unbalanced_braces", JS, "spawn(() => { return a;\n", "error"},
    {"missing_close_parenthesis", JS, "spawn(() => a;", "error"},
    {"extra_close_brace", JS, "spawn(() => a);\n}", "error"},
    {"unexpected_token", JS, "spawn(() => a b);", "error"},
    {"invalid_assignment_target", JS, "spawn(() => { 1 = a; });", "error"},
    {"const_without_initializer", JS, "spawn(() => { const a; });", "error"},
    {"reserved_word_as_binding", JS, "spawn(() => { const class = 1; });", "error"},
    {"rest_parameter_not_last", JS, "spawn((...a, b) => a);", "error"},
    {"line_break_before_arrow", JS, "spawn((a)\n=> a);", "error"},
    {"syntax_error_elsewhere_in_the_file", JS, "spawn(() => a);\nconst = 1;", "error"},

    // --- early errors that change scoping ---
    {"duplicate_let_declaration", JS, "spawn(() => { let a = 1; let a = 2; });", "error"},
    {"let_and_var_conflict", JS, "spawn(() => { let a = 1; { var a = 2; } });", "error"},
    {"let_and_parameter_conflict", JS, "spawn((a) => { let a = 1; });", "error"},
    {"duplicate_import_binding", JS,
     "import { a } from \"m\";\nimport { a } from \"n\";\nspawn(() => a);", "error"},
    {"let_and_function_conflict_in_block", JS, "spawn(() => { { let g = 1; function g() {} } });",
     "error"},

    // --- strict mode and module code ---
    // Strict-only early errors that change no scope are left to the engine: a `.js` or `.cjs`
    // file may be a sloppy script, where they are valid (docs/semantics.md, "Accepted syntax").
    {"legacy_octal_literal_is_left_to_the_engine", JS, "spawn(() => 017);", ""},
    {"strict_reserved_word_as_binding_is_left_to_the_engine", JS,
     "spawn(() => { let static = 1; });", ""},
    {"delete_of_identifier_is_left_to_the_engine", JS, "spawn(() => { delete x; });", "x:global"},
    {"await_in_non_async_closure", JS, "spawn(() => await x);", "error"},
    {"yield_in_non_generator_function", JS, "spawn(function () { yield 1; });", "error"},
    {"new_target_outside_functions", JS, "spawn(() => new.target);", "error"},
    {"super_outside_methods", JS, "spawn(() => super.x);", "error"},
    {"break_to_unknown_label", JS, "spawn(() => { for (;;) break nope; });", "error"},
    {"continue_outside_loop", JS, "spawn(() => { continue; });", "error"},
    {"import_declaration_inside_closure", JS, "spawn(() => { import x from \"m\"; });", "error"},
    {"export_declaration_inside_closure", JS, "spawn(() => { export const a = 1; });", "error"},
    {"undeclared_private_name", JS, "spawn(() => class { m() { return this.#x; } });", "error"},
    {"private_name_outside_class", JS, "spawn(() => o.#x);", "error"},
    {"using_without_initializer", JS, "spawn(() => { using r; });", "error"},

    // --- dialects ---
    {"type_annotation_in_javascript", JS, "spawn((x: number) => x);", "error"},
    {"interface_in_javascript", JS, "interface I {}\nspawn(() => 1);", "error"},
    {"enum_in_javascript", JS, "enum E { A }\nspawn(() => E);", "error"},
    {"jsx_in_javascript", JS, "spawn(() => <div />);", "error"},
    // In `.ts`, `<div>` is a type assertion: the closing tag cannot parse.
    {"jsx_in_typescript", TS, "spawn(() => <div>text</div>);", "error"},
    // In `.tsx`, `<T>x` opens an element that is never closed.
    {"angle_assertion_in_tsx", TSX, "spawn(() => <T>x);", "error"},
    {"missing_type_after_as", TS, "spawn(() => x as);", "error"},
    {"unclosed_type_arguments_in_annotation", TS, "spawn(() => { let a: Array<number = []; });",
     "error"},
    {"mismatched_jsx_closing_tag", JSX, "spawn(() => <a></b>);", "error"},
    {"unclosed_jsx_element", JSX, "spawn(() => <div>text);", "error"},
    {"empty_jsx_attribute_expression", JSX, "spawn(() => <div a={} />);", "error"},
    {"adjacent_jsx_elements_without_fragment", JSX, "spawn(() => <a /><b />);", "error"},

    // Strict mode: a function declaration cannot be the body of an `if`.
    // Annex B allows it in sloppy scripts, which a `.js` file may be; TypeScript does not.
    {"function_declaration_as_if_body_in_typescript", Dialect::TypeScript,
     "spawn(() => { if (a) function f() {} });", "error"},
    {"function_declaration_as_if_body_in_javascript_is_annex_b", JS,
     "spawn(() => { if (a) function f() {} });", "a:global"},
    {"tagged_template_in_optional_chain", JS, "spawn(() => a?.b`t`);", "error"},
};

class Diagnostics : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Diagnostics, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Diagnostics, ::testing::ValuesIn(kDiagnostics), CaseName());

}  // namespace
}  // namespace xthreads::test
