// TypeScript erasure, as the emitter will do it: blank every erased range (newlines stay, so
// positions are kept) and the rest must read as the JavaScript that tsc would emit, token for
// token. Run-time TypeScript (enum, namespace, parameter properties) is kept for lowering.
#include <gtest/gtest.h>

#include <string>

#include "xthreads/analysis.h"

namespace xthreads {
namespace {

std::string blank_erased(std::string_view source, const Analysis& analysis) {
  std::string out(source);
  for (const Range& r : analysis.erased) {
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
    }
  }
  for (const auto& [from, to] : analysis.moved_parens) {
    out[from] = ' ';
    out[to] = ')';
  }
  for (const std::uint32_t at : analysis.field_semicolons) out[at] = ';';
  return out;
}

// The comparison is about tokens, not layout: blanks are dropped except one between two word
// characters (`let x`), where it separates tokens.
std::string squeeze(std::string_view text) {
  const auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c == '"';
  };
  std::string out;
  bool pending_blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      pending_blank = true;
      continue;
    }
    if (pending_blank && !out.empty() && word(out.back()) && word(c)) out += ' ';
    pending_blank = false;
    out += c;
  }
  return out;
}

struct ErasureCase {
  const char* name;
  Dialect dialect;
  const char* source;
  const char* javascript;
};

const ErasureCase kCases[] = {
    {"variable_type_annotation", Dialect::TypeScript, "let x: number = 1;", "let x = 1;"},
    {"definite_assignment", Dialect::TypeScript, "let y!: number;", "let y;"},
    {"function_signature_types", Dialect::TypeScript, "function f<T>(a: T, b?: string): void {}",
     "function f(a, b) {}"},
    {"this_parameter", Dialect::TypeScript, "function f(this: Window, a) {}", "function f(a) {}"},
    {"interface", Dialect::TypeScript, "interface I { a: string; m(): void }\nlet v = 1;",
     "let v = 1;"},
    {"type_alias", Dialect::TypeScript, "type T<K> = K extends string ? 1 : 2;\nf();", "f();"},
    {"as_and_satisfies", Dialect::TypeScript, "g(x as any, y satisfies T, z as const);",
     "g(x, y, z);"},
    {"non_null_assertion", Dialect::TypeScript, "a!.b!.c();", "a.b.c();"},
    {"type_arguments_in_calls", Dialect::TypeScript, "f<T>(x); new C<A, B>();", "f(x); new C();"},
    {"angle_bracket_assertion", Dialect::TypeScript, "let n = <number>v;", "let n = v;"},
    {"generic_arrow", Dialect::TypeScript, "const id = <T,>(v: T): T => v;",
     "const id = (v) => v;"},
    {"import_type", Dialect::TypeScript,
     "import type { A } from \"a\";\nimport { type B, C } from \"b\";", "import { C } from \"b\";"},
    {"export_type", Dialect::TypeScript,
     "export type { A };\nexport type B = 1;\nexport const c = 1;", "export const c = 1;"},
    {"declare_statements", Dialect::TypeScript,
     "declare const x: number;\ndeclare module \"m\" { export const y: 1; }\ndeclare global { var "
     "z: 1 }\nf(x);",
     "f(x);"},
    {"overloads", Dialect::TypeScript,
     "function f(a: string): void;\nfunction f(a: number): void;\nfunction f(a) { return a; }",
     "function f(a) { return a; }"},
    {"class_members", Dialect::TypeScript,
     "abstract class C<T> extends B<T> implements I, J {\n  private x: number = 1;\n  declare y: "
     "string;\n"
     "  abstract m(): void;\n  [key: string]: any;\n  static s?: T;\n  n(): void;\n  n() {}\n}",
     "class C extends B { x = 1; static s; n() {} }"},
    {"parameter_property_modifiers", Dialect::TypeScript,
     "class P { constructor(private readonly a: number, public b = 2) {} }",
     "class P { constructor(a, b = 2) {} }"},
    {"optional_method_and_field", Dialect::TypeScript, "class Q { a?: number; m?(): void {} }",
     "class Q { a; m() {} }"},
    {"enum_and_namespace_are_kept", Dialect::TypeScript,
     "enum E { A = 1 }\nnamespace N { export const v: number = 1; }",
     "enum E { A = 1 } namespace N { export const v = 1; }"},
    {"arrow_return_type_and_predicate", Dialect::TypeScript,
     "const isS = (v: unknown): v is string => typeof v === \"string\";",
     "const isS = (v) => typeof v === \"string\";"},
    {"multi_line_arrow_return_type", Dialect::TypeScript,
     "const f = (a: number): Promise<\n  number\n> => g(a);", "const f = (a) => g(a);"},
    {"field_ended_by_its_type", Dialect::TypeScript,
     "class F {\n  get: number\n  get other() { return 1; }\n}", "class F { get; get other() { return 1; } }"},
    {"tsx_generic_component", Dialect::TSX,
     "const C = <T,>(p: { v: T }) => <div>{p.v as any}</div>;",
     "const C = (p) => <div>{p.v}</div>;"},
};

class Erasure : public ::testing::TestWithParam<ErasureCase> {};

TEST_P(Erasure, LeavesTheJavaScript) {
  const ErasureCase& c = GetParam();
  const Analysis analysis = analyze(c.source, c.dialect);
  ASSERT_TRUE(analysis.ok()) << analysis.diagnostics.front().message;
  const std::string blanked = blank_erased(c.source, analysis);
  EXPECT_EQ(squeeze(blanked), squeeze(c.javascript)) << c.source;
  EXPECT_EQ(blanked.size(), std::string_view(c.source).size());
  // What is left must itself parse as JavaScript (JSX for TSX), unless it keeps an enum or a
  // namespace for the emitter to lower.
  for (const RuntimeTs& kept : analysis.runtime_ts) {
    if (kept.kind == RuntimeTsKind::Enum || kept.kind == RuntimeTsKind::Namespace) return;
  }
  const Analysis again =
      analyze(blanked, c.dialect == Dialect::TSX ? Dialect::JSX : Dialect::JavaScript);
  EXPECT_TRUE(again.ok()) << blanked << "\n"
                          << (again.ok() ? "" : again.diagnostics.front().message);
}

INSTANTIATE_TEST_SUITE_P(Cases, Erasure, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xthreads
