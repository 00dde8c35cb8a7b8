// The call-site query: the position a stack frame reports for `spawn(...)` — the start of the
// call, the callee identifier, the property name of a member callee (`threads.spawn`) or the open
// parenthesis — with 1-based lines and UTF-16 columns; `spawn(identifier)` of a named function;
// and the errors when there is no call there or its first argument is not a function.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;
constexpr Dialect JSX = Dialect::JSX;

// Like FreeVariableCase, plus the queried position. Line 0 means: the default position, the `s`
// of the first `spawn(` / `spawn<` (see spawn_position). Columns count UTF-16 code units.
struct CallSiteCase {
  const char* name;
  Dialect dialect;
  const char* source;
  std::uint32_t line;
  std::uint32_t column;
  const char* expected;  // "error": the query fails, whatever the message
};

const CallSiteCase kCallSite[] = {
    // --- positions engines report: start of call, callee, member name, open parenthesis ---
    {"position_at_callee_identifier", JS, "const a = 1;\nspawn(() => a);", 2, 1, "a:const"},
    {"position_at_open_parenthesis", JS, "const a = 1;\nspawn(() => a);", 2, 6, "a:const"},
    {"position_at_start_of_member_call", JS, "const a = 1;\nthreads.spawn(() => a);", 2, 1,
     "a:const"},
    {"position_at_member_property_name", JS, "const a = 1;\nthreads.spawn(() => a);", 2, 9,
     "a:const"},
    {"position_at_member_call_open_parenthesis", JS, "const a = 1;\nthreads.spawn(() => a);", 2, 14,
     "a:const"},
    {"member_call_across_lines_at_start", JS, "const a = 1;\nthreads\n  .spawn(() => a);", 2, 1,
     "a:const"},
    {"member_call_across_lines_at_property_name", JS, "const a = 1;\nthreads\n  .spawn(() => a);",
     3, 4, "a:const"},
    {"whitespace_before_parenthesis_at_callee", JS, "const a = 1;\nspawn (() => a);", 2, 1,
     "a:const"},
    {"whitespace_before_parenthesis_at_parenthesis", JS, "const a = 1;\nspawn (() => a);", 2, 7,
     "a:const"},
    {"first_of_two_calls_on_a_line", JS, "const a = 1, b = 2;\nspawn(() => a); spawn(() => b);", 2,
     1, "a:const"},
    {"second_of_two_calls_on_a_line_at_callee", JS,
     "const a = 1, b = 2;\nspawn(() => a); spawn(() => b);", 2, 17, "b:const"},
    {"second_of_two_calls_on_a_line_at_parenthesis", JS,
     "const a = 1, b = 2;\nspawn(() => a); spawn(() => b);", 2, 22, "b:const"},
    {"call_inside_await_eval_at_callee", JS, "const a = 1;\nconst r = await eval(spawn(() => a));",
     2, 22, "a:const"},
    {"call_inside_await_eval_at_parenthesis", JS,
     "const a = 1;\nconst r = await eval(spawn(() => a));", 2, 27, "a:const"},
    // The outer call's closure contains the inner call: `spawn` itself is then a free (global)
    // name.
    {"nested_spawn_outer_call", JS, "const a = 1;\nspawn(() => spawn(() => a));", 2, 1,
     "a:const spawn:global"},
    {"nested_spawn_inner_call", JS, "const a = 1;\nspawn(() => spawn(() => a));", 2, 13, "a:const"},
    {"nested_spawn_inner_parenthesis", JS, "const a = 1;\nspawn(() => spawn(() => a));", 2, 18,
     "a:const"},
    {"typescript_call_with_type_arguments_at_callee", TS, "const a = 1;\nspawn<number>(() => a);",
     2, 1, "a:const"},
    {"typescript_call_with_type_arguments_at_parenthesis", TS,
     "const a = 1;\nspawn<number>(() => a);", 2, 14, "a:const"},
    {"options_argument_is_outside_the_closure", JS,
     "const a = 1;\nspawn(() => a, { transfer: [buf] });", 0, 0, "a:const"},
    // --- lines and columns: 1-based lines, UTF-16 columns ---
    {"tab_counts_one_column", JS, "const a = 1;\n\t\tspawn(() => a);", 2, 3, "a:const"},
    // é is one UTF-16 unit but two UTF-8 bytes.
    {"accent_before_closure_on_same_line", JS,
     "const a = 1;\nconst s = \"héllo\"; spawn(() => a + s);", 2, 20, "a:const s:const"},
    {"accent_before_closure_at_parenthesis", JS,
     "const a = 1;\nconst s = \"héllo\"; spawn(() => a + s);", 2, 25, "a:const s:const"},
    // An emoji outside the BMP is a surrogate pair: two UTF-16 columns, four UTF-8 bytes.
    {"emoji_before_closure_counts_two_columns", JS,
     "const a = 1;\nconst s = \"😀\"; spawn(() => a + s);", 2, 17, "a:const s:const"},
    {"emoji_before_closure_at_parenthesis", JS,
     "const a = 1;\nconst s = \"😀\"; spawn(() => a + s);", 2, 22, "a:const s:const"},
    {"mixed_accents_and_emoji_before_closure", JS,
     "const a = 1;\nconst s = \"é😀ü🎉\"; spawn(() => a + s);", 2, 21, "a:const s:const"},
    {"cjk_before_closure", JS, "const a = 1;\nconst s = \"日本語\"; spawn(() => a + s);", 2, 18,
     "a:const s:const"},
    {"non_ascii_identifier_before_closure", JS, "const café = 1; spawn(() => café);", 1, 17,
     "café:const"},
    {"emoji_inside_earlier_closure_on_same_line", JS,
     "const a = 1, b = 2;\nspawn(() => \"😀\" + a); spawn(() => b);", 2, 24, "b:const"},
    {"emoji_in_comment_before_member_call", JS, "const a = 1;\n/* 🎉🎉 */ threads.spawn(() => a);", 2,
     20, "a:const"},
    {"emoji_on_previous_line_does_not_shift_column", JS, "const s = \"😀😀\";\nspawn(() => s);", 2, 1,
     "s:const"},
    {"jsx_with_emoji_before_call", JSX, "const a = 1;\nconst el = <p>😀</p>; spawn(() => a);", 2, 23,
     "a:const"},
    {"crlf_line_endings", JS, "const a = 1;\r\nconst b = 2;\r\nspawn(() => a + b);", 3, 1,
     "a:const b:const"},
    {"carriage_return_line_endings", JS, "const a = 1;\rspawn(() => a);", 2, 1, "a:const"},
    // U+2028 LINE SEPARATOR is a line terminator: it ends the comment and starts line 2.
    {"line_separator_starts_a_new_line", JS,
     "const a = 1; // c\xE2\x80\xA8"
     "spawn(() => a);",
     2, 1, "a:const"},
    {"paragraph_separator_starts_a_new_line", JS,
     "const a = 1;\xE2\x80\xA9"
     "spawn(() => a);",
     2, 1, "a:const"},
    {"hashbang_line_counts_as_a_line", JS, "#!/usr/bin/env node\nconst a = 1;\nspawn(() => a);", 3,
     1, "a:const"},
    // --- spawn(identifier): the named function's own free variables ---
    {"spawn_named_function_declaration", JS,
     "const a = 1;\nfunction work() {\n  return a + b;\n}\nspawn(work);", 0, 0, "a:const b:global"},
    {"spawn_function_declared_after_the_call", JS, "spawn(work);\nfunction work() { return c; }", 0,
     0, "c:global"},
    // The function's own name is inside it: recursion captures nothing.
    {"spawn_recursive_function_declaration", JS,
     "spawn(fib);\nfunction fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }", 0, 0, ""},
    {"spawn_function_declaration_using_another_function", JS,
     "function helper() {}\nfunction work() { return helper(); }\nspawn(work);", 0, 0,
     "helper:function"},
    {"spawn_async_function_declaration", JS,
     "async function work() { return await load(); }\nspawn(work);", 0, 0, "load:global"},
    {"spawn_const_arrow", JS, "const k = 2;\nconst double = (x) => x * k;\nspawn(double);", 0, 0,
     "k:const"},
    {"spawn_const_function_expression", JS, "const work = function () { return m; };\nspawn(work);",
     0, 0, "m:global"},
    {"spawn_const_named_function_expression", JS,
     "const work = function inner() { return [inner, q]; };\nspawn(work);", 0, 0, "q:global"},
    {"spawn_nested_function_declaration_uses_enclosing_parameter", JS,
     "function outer(p) {\n  function work() { return p; }\n  return spawn(work);\n}", 0, 0,
     "p:parameter"},
    // A function declaration's `this` is its own, even when spawned from a method.
    {"spawn_function_declaration_this_is_its_own", JS,
     "class K {\n  m() {\n    function work() { return this; }\n    return spawn(work);\n  }\n}", 0,
     0, ""},
    {"spawn_arrow_declared_in_method_uses_outer_this", JS,
     "class K {\n  m() {\n    const work = () => this.x;\n    return spawn(work);\n  }\n}", 0, 0,
     "@this"},
    {"spawn_typescript_function_declaration", TS,
     "function work(n: number): number { return n * factor; }\nspawn(work);", 0, 0,
     "factor:global"},
    {"spawn_function_expression_argument", JS, "spawn(function () { return a; });", 0, 0,
     "a:global"},
    {"spawn_async_function_expression_argument", JS,
     "spawn(async function () { return await a; });", 0, 0, "a:global"},
    // --- errors: no call there, or the first argument is not a function ---
    {"no_spawn_call_is_an_error", JS, "const a = 1;\nrun(() => a);", 0, 0, "error"},
    {"position_not_at_a_call_is_an_error", JS, "const a = 1;\nspawn(() => a);", 1, 1, "error"},
    {"position_inside_the_closure_body_is_an_error", JS, "const a = 1;\nspawn(() => a);", 2, 13,
     "error"},
    {"position_past_the_end_of_the_file_is_an_error", JS, "const a = 1;\nspawn(() => a);", 9, 1,
     "error"},
    {"position_past_the_end_of_the_line_is_an_error", JS, "const a = 1;\nspawn(() => a);", 2, 40,
     "error"},
    {"spawn_without_arguments_is_an_error", JS, "spawn();", 0, 0, "error"},
    {"spawn_of_number_is_an_error", JS, "spawn(42);", 0, 0, "error"},
    {"spawn_of_string_is_an_error", JS, "spawn(\"work\");", 0, 0, "error"},
    {"spawn_of_object_literal_is_an_error", JS, "spawn({ run() {} });", 0, 0, "error"},
    {"spawn_of_data_const_is_an_error", JS, "const x = 1;\nspawn(x);", 0, 0, "error"},
    // `spawn` wrapped in a helper: the argument is a parameter, not a function literal.
    {"spawn_of_parameter_is_an_error", JS, "function helper(fn) {\n  return spawn(fn);\n}", 0, 0,
     "error"},
    {"spawn_of_unbound_identifier_is_an_error", JS, "spawn(work);", 0, 0, "error"},
    {"spawn_of_call_result_is_an_error", JS, "spawn(make());", 0, 0, "error"},
    {"spawn_of_member_expression_is_an_error", JS, "spawn(obj.run);", 0, 0, "error"},
    // A class cannot be called: not a closure.
    {"spawn_of_class_is_an_error", JS, "class Work {}\nspawn(Work);", 0, 0, "error"},
    {"spawn_with_spread_argument_is_an_error", JS, "spawn(...fns);", 0, 0, "error"},
};

std::string Describe(const CallSiteCase& c) {
  if (c.line == 0) return describe_spawn_closure(c.source, c.dialect);
  const Analysis analysis = analyze(c.source, c.dialect);
  const LineMap lines(c.source);
  return describe_closure(analysis, lines, LineColumn{c.line, c.column});
}

class CallSite : public ::testing::TestWithParam<CallSiteCase> {};
TEST_P(CallSite, FreeVariables) {
  const CallSiteCase& c = GetParam();
  const std::string actual = Describe(c);
  if (std::string_view(c.expected) == "error") {
    EXPECT_EQ(actual.rfind("error: ", 0), 0u) << "expected an error, got: " << actual << "\n"
                                              << c.source;
  } else {
    EXPECT_EQ(actual, c.expected) << c.source << "\nat " << c.line << ":" << c.column;
  }
}
INSTANTIATE_TEST_SUITE_P(Cases, CallSite, ::testing::ValuesIn(kCallSite),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xthreads::test
