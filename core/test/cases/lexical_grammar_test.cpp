// The lexical grammar decides what is code: regular expressions vs division, template literals
// (nested), automatic semicolon insertion, numeric literals (separators, bigint), unicode escapes
// in identifiers, comments, line terminators and the hashbang line.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;

const FreeVariableCase kLexicalGrammar[] = {
    // --- regex vs division ---
    {"division_chain", JS, "spawn(() => a / b / c);", "a:global b:global c:global"},
    {"regex_literal_is_not_a_reference", JS, "spawn(() => /abc/.test(s));", "s:global"},
    // After `)` of a parenthesized expression, `/` divides: `g` is an identifier, not a flag.
    {"division_after_parenthesized_expression", JS, "spawn(() => (a) / b / g);",
     "a:global b:global g:global"},
    // After `)` of an `if`/`while` head, `/` starts a regex.
    {"regex_after_if_condition", JS, "spawn(() => {\n  if (a) /b/g.exec(c);\n});",
     "a:global c:global"},
    {"regex_after_while_condition", JS, "spawn(() => {\n  while (a) /b/.exec(c);\n});",
     "a:global c:global"},
    {"regex_after_for_head", JS, "spawn(() => {\n  for (;;) /b/.exec(c);\n});", "c:global"},
    {"regex_after_block", JS, "spawn(() => {\n  {}\n  /b/.exec(c);\n});", "c:global"},
    {"regex_after_function_declaration", JS,
     "spawn(() => {\n  function g() {}\n  /b/.exec(c);\n});", "c:global"},
    {"division_after_function_expression", JS,
     "spawn(() => {\n  const r = function () {} / d / e;\n  return r;\n});", "d:global e:global"},
    {"division_after_object_literal_in_parentheses", JS, "spawn(() => ({}) / d / e);",
     "d:global e:global"},
    {"regex_with_slash_in_class", JS, "spawn(() => /[/]+x/.test(s));", "s:global"},
    {"regex_with_escaped_slash", JS, R"js(spawn(() => /a\/b/g.test(s));)js", "s:global"},
    {"regex_with_all_flags", JS, "spawn(() => /x/dgimsuy.test(s));", "s:global"},
    {"regex_with_v_flag_and_class_set", JS, R"js(spawn(() => /[\p{L}--[a-z]]/v.test(s));)js",
     "s:global"},
    {"regex_containing_quotes_and_backtick", JS, "spawn(() => /['\"`]/.test(s));", "s:global"},
    {"regex_starting_with_equals", JS, "spawn(() => {\n  const r = /=+/;\n  return r.test(s);\n});",
     "s:global"},
    {"regex_containing_braces_and_parentheses", JS, "spawn(() => /[{(]\\}\\)/.test(s));",
     "s:global"},
    {"regex_after_return", JS, "spawn(() => {\n  return /b/.test(c);\n});", "c:global"},
    {"regex_after_operators_and_keywords", JS,
     "spawn(() => [typeof /x/, !/y/.test(a), a && /z/, a ? /p/ : /q/, void /v/]);", "a:global"},
    {"regex_after_case", JS, "spawn(() => {\n  switch (k) { case /x/.source: return 1; }\n});",
     "k:global"},
    {"regex_after_yield", JS, "spawn(function* () {\n  yield /x/g;\n});", ""},
    {"regex_after_arrow", JS, "spawn(() => () => /x/.test(s));", "s:global"},
    {"regex_as_call_arguments", JS, "spawn(() => f(/a/, /b/));", "f:global"},
    {"division_after_member_call_and_index", JS, "spawn(() => a.b / c(d) / e[f] / g);",
     "a:global c:global d:global e:global f:global g:global"},
    {"division_after_literals", JS, "spawn(() => 1 / a / 2 + 'x' / b);", "a:global b:global"},
    {"division_after_postfix_increment", JS, "spawn(() => a++ / b / c);",
     "a:global+write b:global c:global"},
    {"division_after_this", JS, "spawn(function () {\n  return this / a / b;\n});",
     "a:global b:global"},
    {"division_assignment", JS, "spawn(() => {\n  let x = 1;\n  x /= a / b;\n  return x;\n});",
     "a:global b:global"},

    // --- templates ---
    {"template_literal_expressions", JS, "spawn(() => `a${b}c${d}`);", "b:global d:global"},
    {"nested_template_literals", JS, "spawn(() => `x${`y${z}`}${w}`);", "w:global z:global"},
    {"template_in_template_in_template", JS, "spawn(() => `${`${`${deep}`}`}`);", "deep:global"},
    {"template_with_object_literal_and_brace_in_string", JS,
     "spawn(() => `${ { k: v }.k }${\"}\" + y}`);", "v:global y:global"},
    {"template_text_is_not_code", JS, "spawn(() => `hello world // not /* a comment ${x}`);",
     "x:global"},
    {"escaped_template_placeholder", JS, R"js(spawn(() => `\${notRef} ${r}`);)js", "r:global"},
    {"tagged_template", JS, "spawn(() => tag`a${b}`);", "b:global tag:global"},
    {"template_with_regex_containing_brace", JS, "spawn(() => `${/}/.test(s)}`);", "s:global"},
    {"template_with_arrow_and_block", JS, "spawn(() => `${(() => { return q; })()}`);", "q:global"},
    {"multiline_template", JS, "spawn(() => `line1\nline2 ${a}\n${b}`);", "a:global b:global"},
    {"division_after_template", JS, "spawn(() => `${a}` / b / c);", "a:global b:global c:global"},

    // --- strings and comments ---
    {"string_with_template_like_text", JS, "spawn(() => \"${a}\" + '${b}' + c);", "c:global"},
    {"strings_with_escaped_quotes", JS, R"js(spawn(() => 'it\'s' + "say \"hi\"" + c);)js",
     "c:global"},
    {"string_line_continuation", JS, "spawn(() => 'a\\\nb' + c);", "c:global"},
    {"comments_are_not_code", JS, "spawn(() => /* a */ b // c\n);", "b:global"},
    {"block_comment_spanning_lines", JS, "spawn(() => {\n  /* x\n  y */\n  return z;\n});",
     "z:global"},
    // U+2028 LINE SEPARATOR ends a single-line comment.
    {"line_separator_ends_line_comment", JS,
     "spawn(() => {\n  // note\xE2\x80\xA8"
     "return b;\n});",
     "b:global"},

    // --- automatic semicolon insertion ---
    {"asi_after_return_leaves_expression_statement", JS, "spawn(() => {\n  return\n  x;\n});",
     "x:global"},
    // `a\n++b` is `a; ++b;`: the update applies to `b`, not `a`.
    {"asi_before_prefix_increment", JS, "spawn(() => {\n  a\n  ++b\n});",
     "a:global b:global+write"},
    {"asi_before_prefix_decrement", JS, "spawn(() => {\n  a\n  --b\n});",
     "a:global b:global+write"},
    {"statements_without_semicolons", JS,
     "spawn(() => {\n  let x = 1\n  let y = x + z\n  return y\n})", "z:global"},
    // No ASI before `(`: the next line continues the expression as a call.
    {"no_asi_before_parenthesis_is_a_call", JS,
     "spawn(() => {\n  const v = a\n  (b)\n  return v\n});", "a:global b:global"},
    // No ASI before `/`: `a\n/re/g.test(b)` is `a / re / g.test(b)`.
    {"no_asi_before_slash_is_division", JS,
     "spawn(() => {\n  const q = a\n  /re/g.test(b)\n  return q\n});",
     "a:global b:global g:global re:global"},
    {"asi_at_closing_brace", JS, "spawn(() => { a = 1 })", "a:global+write"},

    // --- numbers ---
    {"numeric_separators", JS,
     "spawn(() => 1_000_000 + 0xFF_FF + 0b1010_0101 + 0o7_7 + 1_0.0_1e1_0 + a);", "a:global"},
    {"bigint_literals", JS, "spawn(() => 10n + 0x1Fn + 0b1n + 0o7n + 1_000n + a);", "a:global"},
    {"decimal_forms", JS, "spawn(() => .5 + 5. + 1e-7 + 2E+3 + a);", "a:global"},
    {"member_access_on_number_literals", JS,
     "spawn(() => 1..toString() + 1.5.toFixed() + 2 .toString());", ""},

    // --- identifiers ---
    {"unicode_escape_in_declaration", JS, R"js(const \u0061 = 1;
spawn(() => a);)js",
     "a:const"},
    {"unicode_escape_in_reference", JS, R"js(const a = 1;
spawn(() => \u0061);)js",
     "a:const"},
    {"unicode_code_point_escape_in_reference", JS, R"js(spawn(() => \u{62}c);)js", "bc:global"},
    {"unicode_escape_local_binding", JS, R"js(spawn(() => {
  let \u0063 = 1;
  return c;
});)js",
     ""},
    {"unicode_escape_in_property_name", JS, R"js(spawn(() => o.\u0062);)js", "o:global"},
    {"non_ascii_identifiers", JS, "const café = 1;\nspawn(() => café + π);", "café:const π:global"},
    {"dollar_and_underscore_identifiers", JS, "spawn(() => $ + _ + $a_1);",
     "$:global $a_1:global _:global"},
    {"contextual_keywords_as_identifiers", JS,
     "spawn(() => [of, get, set, from, as, target, meta, accessor]);",
     "accessor:global as:global from:global get:global meta:global of:global set:global "
     "target:global"},
    {"using_as_identifier", JS, "spawn(() => using + 1);", "using:global"},
    {"keyword_prefixed_identifiers", JS, "spawn(() => [iff, newer, classy, thisOne, typeofx]);",
     "classy:global iff:global newer:global thisOne:global typeofx:global"},

    // --- hashbang ---
    {"hashbang_line", JS, "#!/usr/bin/env node\nconst a = 1;\nspawn(() => a);", "a:const"},
    {"hashbang_text_is_not_code", JS, "#!/usr/bin/env node --x=y\nspawn(() => x);", "x:global"},

    // --- more ASI and regex-vs-division after `}` ---
    // `{}` here is an object literal on the right of `=`: no ASI, the next line divides it.
    {"no_asi_after_object_literal_before_slash", JS, "spawn(() => { x = {}\n/foo/g.test(s) });",
     "foo:global g:global s:global x:global+write"},
    {"regex_after_if_block", JS, "spawn(() => { if (a) {} /re/.test(b) });", "a:global b:global"},
    // No ASI before `[`: `let a = b\n[c] = d` is `let a = b[c] = d`.
    {"no_asi_before_bracket_is_member_assignment", JS, "spawn(() => { let a = b\n[c] = d });",
     "b:global c:global d:global"},
    {"no_asi_before_template_is_tagged_template", JS, "spawn(() => { const f = a\n`t` });",
     "a:global"},
    {"no_asi_before_slash_in_concise_arrow_body", JS, "spawn(() => x\n/y/g);",
     "g:global x:global y:global"},
    {"do_while_without_semicolons", JS, "spawn(() => { do x++; while (y) });",
     "x:global+write y:global"},
};

class LexicalGrammar : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(LexicalGrammar, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, LexicalGrammar, ::testing::ValuesIn(kLexicalGrammar), CaseName());

}  // namespace
}  // namespace xthreads::test
