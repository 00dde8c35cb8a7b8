#include "free_variables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace xthreads::test {

LineColumn spawn_position(std::string_view source) {
  std::size_t at = 0;
  while ((at = source.find("spawn", at)) != std::string_view::npos) {
    const std::size_t after = at + 5;
    if (after < source.size() && (source[after] == '(' || source[after] == '<')) break;
    at = after;
  }
  if (at == std::string_view::npos) return {};
  return LineMap(source).position(static_cast<std::uint32_t>(at));
}

namespace {

std::string_view special_name(SpecialKind kind) {
  switch (kind) {
    case SpecialKind::This: return "@this";
    case SpecialKind::Arguments: return "@arguments";
    case SpecialKind::Super: return "@super";
    case SpecialKind::NewTarget: return "@new.target";
  }
  return "@?";
}

}  // namespace

std::string describe_closure(const Analysis& analysis, const LineMap& lines, LineColumn position) {
  if (!analysis.ok()) {
    const Diagnostic& d = analysis.diagnostics.front();
    const LineColumn at = lines.position(d.offset);
    return "error: " + d.message + " at " + std::to_string(at.line) + ":" +
           std::to_string(at.column);
  }
  const ClosureResult result = find_closure(analysis, lines, position);
  if (!result.ok()) {
    const Diagnostic& d = result.diagnostics.front();
    const LineColumn at = lines.position(d.offset);
    return "error: " + d.message + " at " + std::to_string(at.line) + ":" +
           std::to_string(at.column);
  }
  std::vector<std::string> parts;
  for (const FreeVariable& v : result.closure.free) {
    std::string part(v.name);
    part += ':';
    if (v.binding == kNone) {
      part += "global";
    } else {
      const Binding& b = analysis.bindings[v.binding];
      part += to_string(b.kind);
      if (b.initializer != InitializerKind::None && b.initializer != InitializerKind::Other) {
        part += '(';
        part += to_string(b.initializer);
        part += ')';
      }
    }
    const bool written = std::any_of(v.references.begin(), v.references.end(),
                                     [&](Id r) { return analysis.references[r].is_write(); });
    if (written) part += "+write";
    parts.push_back(std::move(part));
  }
  std::vector<std::string> extras;
  for (Id u : result.closure.outer_special_uses) {
    extras.emplace_back(special_name(analysis.special_uses[u].kind));
  }
  for (Id d : result.closure.dynamic_scopes) {
    extras.emplace_back(analysis.dynamic_scopes[d].kind == DynamicScopeKind::DirectEval ? "@eval"
                                                                                        : "@with");
  }
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  parts.insert(parts.end(), extras.begin(), extras.end());
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::string describe_spawn_closure(std::string_view source, Dialect dialect) {
  const Analysis analysis = analyze(source, dialect);
  const LineMap lines(source);
  return describe_closure(analysis, lines, spawn_position(source));
}

void expect_case(const FreeVariableCase& c) {
  const std::string actual = describe_spawn_closure(c.source, c.dialect);
  if (std::string_view(c.expected) == "error") {
    EXPECT_EQ(actual.rfind("error: ", 0), 0u) << "expected an error, got: " << actual << "\n"
                                              << c.source;
  } else {
    EXPECT_EQ(actual, c.expected) << c.source;
  }
}

}  // namespace xthreads::test
