// Edge cases of the capture planner (plan/) and the worker module emitter (emit/), each named
// after the behaviour it pins. Two tables, with the harness of plan_test.cpp:
//  - PlanEdgeCases: source with one `spawn(...)` → `name:capture` (sorted, `~` = needed only by
//    captured code), or "error: <fragment>" (some diagnostic contains the fragment), or
//    "no-error-containing: <fragment>" (the plan may succeed or fail, but no diagnostic may say
//    that: used for messages that are wrong for the case).
//  - ModuleEdgeCases: the emitted worker module → "parses" (it is JavaScript and every identifier
//    before the epilogue is where it was in the source, as in worker_module_test.cpp), or the
//    same "error: ..." / "no-error-containing: ..." forms for the emitter's diagnostics.
// Most were found by reviews and by emitting a module for every function of the npm corpus
// (emit_corpus.test.mjs); the comment above a case says what went wrong before, where it matters.
#include <gtest/gtest.h>

#include "free_variables.h"
#include "xthreads/plan.h"
#include "xthreads/worker_module.h"

namespace xthreads::test {
namespace {

struct EdgeCase {
  const char* name;
  Dialect dialect;
  const char* source;
  const char* expected;
  const char* site = "spawn(";  // the call site: the first occurrence of this text
  // ModuleEdgeCases only: `site` is the first byte of a function, planned by plan_function as if it
  // were spawned where it stands (the corpus check's path for functions not passed to a call).
  bool function_site = false;
};

void PrintTo(const EdgeCase& c, std::ostream* os) {
  *os << c.name;
}

LineColumn site_of(const EdgeCase& c) {
  const std::string_view source = c.source;
  const std::size_t at = source.find(c.site);
  if (at == std::string_view::npos) return {};
  return LineMap(source).position(static_cast<std::uint32_t>(at));
}

constexpr Dialect JS = Dialect::JavaScript;
constexpr Dialect TS = Dialect::TypeScript;
constexpr Dialect JSX = Dialect::JSX;

std::string describe_captures(const CapturePlan& plan) {
  std::string out;
  for (const Capture& capture : plan.captures) {
    if (!out.empty()) out += ' ';
    if (!capture.direct) out += '~';
    out += capture.name;
    out += ':';
    out += to_string(capture.kind);
  }
  return out;
}

std::string all_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.message + "\n";
  return out;
}

// Checks "error: ..." and "no-error-containing: ..." expectations; false when `expected` is
// neither.
bool check_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::string& expected,
                       const std::string& what) {
  const std::string error = "error: ";
  const std::string none = "no-error-containing: ";
  if (expected.rfind(error, 0) == 0) {
    const std::string fragment = expected.substr(error.size());
    bool found = false;
    for (const Diagnostic& d : diagnostics) found |= d.message.find(fragment) != std::string::npos;
    EXPECT_TRUE(found) << "expected a diagnostic containing: " << fragment << "\ngot: "
                       << (diagnostics.empty() ? "no diagnostic, " + what
                                               : all_messages(diagnostics));
    return true;
  }
  if (expected.rfind(none, 0) == 0) {
    const std::string fragment = expected.substr(none.size());
    for (const Diagnostic& d : diagnostics) {
      EXPECT_EQ(d.message.find(fragment), std::string::npos)
          << "misleading diagnostic: " << d.message;
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The plan

const EdgeCase kPlanCases[] = {
    // Refused or accepted where an earlier planner did the opposite.
    {"reassigned_function_declaration_refused", JS,
     "function log() { return 1; }\nif (globalThis.debug) log = () => 2;\nspawn(() => log());",
     // As for `let h = () => 1; h = ...`: the closure calls whatever `log` holds when spawn runs.
     "error: `log` holds a function"},
    {"var_function_declared_twice_refused", JS,
     "var pick = () => 1;\nvar pick = () => 2;\nspawn(() => pick());",
     // One binding, two initializers: the worker keeps the first, the caller calls the second.
     "error: `pick` holds a function"},
    {"spawned_function_reading_a_name_shadowed_at_the_call_refused", JS,
     "const limit = 1;\nfunction work() { return limit; }\nfunction f(limit) { return spawn(work); "
     "}",
     // `work` reads the module's `limit`; the eval snippet at the call site reads the parameter.
     "error: is shadowed where spawn is called"},
    {"spawned_function_reading_a_module_name_the_caller_shadows_refused", JS,
     "function work() { return limit; }\nfunction f() { const limit = 1; return spawn(work); }\n"
     "const limit = 9;",
     "error: is shadowed where spawn is called"},
    // Fixed by accepting it: a `let` only ever given a function is the function, as for code.
    {"spawned_let_function_accepted", JS, "let work = () => 1;\nspawn(work);", ""},

    // Behaviour no other test pins.
    {"let_value_and_code_in_one_statement", JS, "let x = 1, f = () => x;\nspawn(() => f());",
     "f:code ~x:value"},
    {"destructured_values", JS,
     "const obj = { a: 1, b: 2 };\nconst { a, b } = obj;\nspawn(() => a + b);", "a:value b:value"},
    {"string_named_import", JS, "import { \"a-b\" as ab } from \"m\";\nspawn(() => ab);",
     "ab:import"},
    {"export_default_function_helper", JS,
     "export default function h() { return 1; }\nspawn(() => h());", "h:code"},
    {"class_static_block_reads_value", JS,
     "const cfg = { n: 1 };\nclass C { static n; static { C.n = cfg.n; } }\nspawn(() => C.n);",
     // A static block runs when the worker module loads, before the values arrive: refused.
     "error: `cfg` is read by `C` while the worker module loads"},
    {"using_is_a_value", JS, "{\n  using r = null;\n  spawn(() => r);\n}", "r:value"},
    {"default_parameter_reads_outer_value", JS,
     "const k = 2;\nspawn(function* (a = k) { yield a; }, { transfer: false });", "k:value"},
    {"satisfies_arrow_is_code", TS,
     "type F = () => number;\nconst h = (() => 1) satisfies F;\nspawn(() => h());", "h:code"},
    {"helper_calls_later_helper", JS, "const a = () => b();\nconst b = () => 1;\nspawn(() => a());",
     "a:code ~b:code"},
    // Classic JSX calls the pragma's factory wherever an element is: the closure needs it.
    {"jsx_classic_factory_captured", JSX, "/** @jsx h */\nfunction h() {}\nspawn(() => <b />);",
     "h:code"},
    {"jsx_factory_of_a_helper_captured", JSX,
     "/* @jsx h */\n/* @jsxFrag F */\nconst h = () => 1, F = 2;\nconst v = () => <></>;\n"
     "spawn(() => v());",
     "F:value h:code v:code"},
    {"jsx_line_comment_pragma_after_hashbang", JSX,
     "#!/usr/bin/env bun\n// @jsx h\nfunction h() {}\nspawn(() => <b />);", "h:code"},
    {"jsx_automatic_runtime_needs_nothing", JSX, "function h() {}\nspawn(() => <b />);", ""},
    {"import_meta_in_helper_needs_nothing", JS,
     "function where() { return import.meta.url; }\nspawn(() => where());", "where:code"},
    {"global_shadowed_by_module_const", JS,
     "const Math = { twice: (n) => n * 2 };\nfunction h() { return Math.twice(2); }\nspawn(() => "
     "h());",
     "~Math:value h:code"},
};

class PlanEdgeCases : public ::testing::TestWithParam<EdgeCase> {};

TEST_P(PlanEdgeCases, Captures) {
  const EdgeCase& c = GetParam();
  const Analysis analysis = analyze(c.source, c.dialect);
  ASSERT_TRUE(analysis.ok()) << analysis.diagnostics.front().message;
  const LineMap lines(c.source);
  const CapturePlan plan = plan_capture(c.source, analysis, lines, site_of(c));
  if (check_diagnostics(plan.diagnostics, c.expected, "plan: " + describe_captures(plan))) return;
  ASSERT_TRUE(plan.ok()) << all_messages(plan.diagnostics);
  EXPECT_EQ(describe_captures(plan), c.expected) << c.source;
}

INSTANTIATE_TEST_SUITE_P(Cases, PlanEdgeCases, ::testing::ValuesIn(kPlanCases),
                         [](const auto& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------------------------
// The worker module

const EdgeCase kModuleCases[] = {
    // Emitted wrongly, or refused with a wrong message, by an earlier emitter.
    {"string_named_import_starting_with_a_letter", JS,
     "import { \"a-b\" as ab } from \"m\";\nspawn(() => ab);",
     // The epilogue writes `import { a-b as ab } from "m";`.
     "parses"},
    {"kept_destructuring_declaring_a_value_capture_name_refused", JS,
     "const { sep, delimiter } = require(\"node:path\");\n"
     "function join2(delimiter) { return spawn(() => sep + delimiter); }",
     // `const { sep, delimiter } = ...` is kept for `sep`, and the epilogue adds `var delimiter`.
     "error: the worker module keeps the declaration of `delimiter`"},
    // Was refused with a message that named neither `Shape` nor its declaration; now the class
    // is kept whole and the closure copied into the epilogue.
    {"closure_reads_enclosing_class", JS,
     "class Shape {\n  static unit = 2;\n  area() { const s = this.size; return spawn(() => "
     "Shape.unit * s); }\n}",
     "parses"},
    {"no_room_before_a_short_callee_does_not_blame_the_closure_line", JS,
     "import { spawn as s } from \"experimental-threads\";\nconst n = 2;\ns(() => n * 2);",
     // The closure *is* on the same line as the open parenthesis; what is missing is room for
     // the name before `s(` at the start of the line.
     "no-error-containing: with the closure on the same line as the open parenthesis", "s(() =>"},

    // Behaviour no other test pins.
    {"export_const_helper", JS, "export const h = () => 1;\nspawn(() => h());", "parses"},
    {"middle_declarator_kept", JS, "const a = 1, f = () => a + 1, c = 3;\nspawn(() => f());",
     "parses"},
    {"let_value_and_code_in_one_statement", JS, "let x = 1, f = () => x;\nspawn(() => f());",
     "parses"},
    {"first_and_third_declarators_kept", JS,
     "const f = () => g(), b = 2, g = () => 3;\nspawn(() => f());", "parses"},
    {"declarator_followed_by_comment_then_comma", JS,
     "const f = () => 1 /* one */, g = 2;\nspawn(() => f());", "parses"},
    {"spawn_with_options_argument", JS,
     "const k = 2;\nspawn(function* (a = k) { yield a; }, { transfer: false });", "parses"},
    {"async_generator_closure_in_then_chain", JS,
     "spawn(async function* () { yield 1; }).then((r) => r);", "parses"},
    {"type_arguments_on_spawn", TS, "const n: number = 1;\nspawn<number>(() => n as number);",
     "parses", "spawn<"},
    {"export_default_function_helper", JS,
     "export default function h() { return 1; }\nspawn(() => h());", "parses"},
    {"class_with_static_block_helper", JS,
     "const cfg = { n: 1 };\nclass C { static n; static { C.n = cfg.n; } }\nspawn(() => C.n);",
     "error: `cfg` is read by `C` while the worker module loads"},
    {"enum_helper_lowered", TS, "enum Level { Low = 1, High = Low * 4 }\nspawn(() => Level.High);",
     "parses"},
    {"string_named_import_not_an_identifier_start", JS,
     "import { \"1x\" as one } from \"m\";\nspawn(() => one);", "parses"},
    {"closure_reads_value_named_like_epilogue_helper", JS,
     "function f(__xt_meta) { return spawn(() => __xt_meta); }", "parses"},

    // Found by emitting a module for every function of the npm corpus (emit_corpus.test.mjs).
    {"enum_declared_in_closure", TS, "spawn(() => {\n  enum E { A = 1, B }\n  return E.B;\n});",
     "parses"},
    {"enum_exported_from_captured_namespace", TS,
     "namespace N {\n  export enum E { A }\n  export const a = E.A;\n}\nspawn(() => N.a);",
     "parses"},
    {"parameter_property_of_class_in_closure", TS,
     "spawn(() => {\n  class P {\n    constructor(private x: number) {\n      void 0;\n    }\n  }\n"
     "  return new P(1);\n});",
     "parses"},
    {"sloppy_yield_variable_refused", JS,
     "function h() { var yield = 1; return yield; }\nspawn(() => h());",
     "error: the worker module is strict code, where the name `yield`"},
    {"eval_parameter_refused", JS, "function h(eval) { return eval; }\nspawn(() => h(1));",
     "error: declaring `eval`"},
    {"repeated_parameter_refused", JS, "function h(a, a) { return a; }\nspawn(() => h(1, 2));",
     "error: the repeated parameter name `a`"},

    // A closure inside the function it calls (recursion): the function is kept with its spawn
    // call, the closure copied into the epilogue, its locals sent as values.
    {"recursive_closure_copied", JS,
     "async function sum(list) {\n  const left = list.slice(1);\n"
     "  return list[0] + await eval(spawn(() => sum(left)));\n}",
     "parses"},
    {"recursive_closure_local_named_like_a_value", JS,
     "function f(n) {\n  const m = n - 1;\n  return spawn(() => f(m));\n}\nconst m = 0;", "parses"},
    {"recursive_closure_with_its_own_spawn_refused", JS,
     "function f(n) {\n  return spawn(() => eval(spawn(() => f(n - 1))));\n}",
     "error: the closure sits inside `f` (function declared at 1:10), which it needs, and calls "
     "spawn itself"},

    // A mark of the analysis tables had room for 14 of 15 tables: the stack depth overwrote the
    // last one's size, and a rollback filled the legacy octal table with offset 0, a bogus
    // "legacy octal literal" error whenever the file's first byte was kept.
    {"analysis_rollback_keeps_the_legacy_octal_table", JS,
     "function h() { return 1; }\nconst g = (a) => { if (a) { return [(x) => x, (y) => (z) => "
     "((w) => w)]; } };\nspawn(() => h() + (1, 2));",
     "parses"},

    // From a review of the copied-closure path and of name writing.
    {"copied_closure_using_a_helper_nested_in_its_function_refused", JS,
     "export async function outer(n) {\n  function helper(x) { return x * 2; }\n"
     "  return eval(spawn(() => helper(n) + outer(n - 1)));\n}",
     "error: declared inside that declaration too"},
    {"copied_closure_using_a_private_name_refused", JS,
     "export class A {\n  #x = 1;\n  run() {\n    return eval(spawn(() => new A().#x));\n  }\n}",
     "error: uses the private name `#x`"},
    {"enum_in_closure_followed_on_its_line_refused", TS,
     "spawn(() => {\n  enum E { A = 5 } const v = E.A;\n  return v;\n});",
     "error: nothing may follow it there"},
    {"copied_closure_with_every_name_taken_refused", JS,
     "export async function sum(n) {\n  return eval(spawn(() => sum(n - 1)));\n}\n"
     "let __xt_fn, $xt, $x;",
     "error: every name the worker module could give the closure"},
    {"named_closure_nested_in_a_kept_function_refused", JS,
     "export function outer(n) {\n  function inner() { return n <= 0 ? 0 : outer(n - 1); }\n"
     "  return eval(spawn(inner));\n}",
     "error: is declared inside code the worker also needs"},
    {"name_written_over_blanked_code_not_counted_as_kept", JS, "var a=1,b=function(){return a};",
     "parses", "function(){", true},

    // plan_function: functions planned where they stand.
    {"function_site_expression_then_kept_declaration", JS,
     "I.s=function(e){return is(e)};function is(t){return t}", "parses", "function(e)", true},
    {"function_site_arrow_at_line_start_named_on_line_before", JS,
     "const a = 1;\nfoo(1,\n() => a);", "parses", "() => a", true},
    {"function_site_arrow_ends_its_line", JS, "const a = 1;\nconst f = () => a\nfoo();", "parses",
     "() => a", true},
    {"function_site_declaration_by_name", JS, "const k = 2;\nfunction work(a) { return a * k; }",
     "parses", "function work", true},
    {"function_site_inside_kept_var_statement_refused", JS,
     "var h = () => 1, f = function () { return h(); };",
     "error: the function is written in the statement that declares `h`", "function ()", true},
};

class ModuleEdgeCases : public ::testing::TestWithParam<EdgeCase> {};

TEST_P(ModuleEdgeCases, Emits) {
  const EdgeCase& c = GetParam();
  const std::string source = c.source;
  const Analysis analysis = analyze(source, c.dialect);
  ASSERT_TRUE(analysis.ok()) << analysis.diagnostics.front().message;
  const LineMap lines(source);
  CapturePlan plan;
  if (c.function_site) {
    const std::uint32_t at = static_cast<std::uint32_t>(source.find(c.site));
    Id function = kNone;
    for (Id f = 0; f < analysis.functions.size(); ++f) {
      if (analysis.functions[f].range.begin == at) function = f;
    }
    ASSERT_NE(function, kNone) << "no function starts at " << c.site;
    plan = plan_function(source, analysis, lines, function);
  } else {
    plan = plan_capture(source, analysis, lines, site_of(c));
  }
  const WorkerModule module = emit_worker_module(source, analysis, lines, plan);
  if (check_diagnostics(module.diagnostics, c.expected, "module:\n" + module.text)) return;
  ASSERT_EQ(std::string(c.expected), "parses");
  ASSERT_TRUE(module.ok()) << all_messages(module.diagnostics);

  const Analysis emitted = analyze(module.text, Dialect::JavaScript);
  ASSERT_TRUE(emitted.ok())
      << emitted.diagnostics.front().message << " at line "
      << LineMap(module.text).position(emitted.diagnostics.front().offset).line << " of\n"
      << module.text;
  // Every identifier before the epilogue is where it was in the source.
  const LineMap out_lines(module.text);
  const std::uint32_t source_lines = static_cast<std::uint32_t>(lines.line_count());
  ASSERT_TRUE(!plan.ok() || module.text.size() > 0);
  const auto check = [&](std::string_view name, std::uint32_t offset) {
    const LineColumn pos = out_lines.position(offset);
    if (pos.line > source_lines || name.rfind("__xt_", 0) == 0 || name.rfind("$x", 0) == 0) return;
    const std::optional<std::uint32_t> original = lines.offset(pos);
    if (!original) return;  // text added at a line's end (lowered TypeScript): nothing moved
    EXPECT_EQ(source.substr(*original, name.size()), name)
        << name << " moved: at " << pos.line << ":" << pos.column << "\n"
        << module.text;
  };
  for (const Reference& r : emitted.references) check(r.name, r.range.begin);
  for (const Binding& b : emitted.bindings) check(b.name, b.name_range.begin);
}

INSTANTIATE_TEST_SUITE_P(Cases, ModuleEdgeCases, ::testing::ValuesIn(kModuleCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xthreads::test
