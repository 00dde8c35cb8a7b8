// Table-driven tests of the call-site query read like a specification: a source with one
// `spawn(...)` call → the closure's free variables, in one line.
//
// The description format (`describe_spawn_closure`):
//   - each free variable as `name:kind`, sorted by name, separated by single spaces; kind is the
//     binding kind (`var let const using function class parameter catch import import-equals
//     enum enum-member namespace`) or `global`;
//   - a variable initializer that matters to capture is appended in parentheses:
//     `f:const(arrow)`, `g:let(function)`, `C:var(class)`, `m:const(new-global)`,
//     `fs:const(require)`;
//   - `+write` is appended when the closure writes the variable (`x:let+write`);
//   - then, sorted, `@this @arguments @super @new.target` for uses that belong to an enclosing
//     function or the module, and `@eval` / `@with` for direct eval and `with` inside the closure;
//   - when the query fails, `error: <message of the first diagnostic> at <line>:<column>`.
// The call site is the first `spawn` followed by `(` or `<` in the source; the query is made at
// the position of its `s`, as V8 reports it.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "xthreads/analysis.h"
#include "xthreads/closure.h"

namespace xthreads::test {

struct FreeVariableCase {
  const char* name;  // the rule, in snake_case: it becomes part of the test name
  Dialect dialect;
  const char* source;
  const char* expected;  // see the format above; "" when the closure uses nothing from outside
};

// Test names and failure messages show the case's name, not its bytes.
inline void PrintTo(const FreeVariableCase& c, std::ostream* os) {
  *os << c.name;
}

std::string describe_closure(const Analysis& analysis, const LineMap& lines, LineColumn position);
std::string describe_spawn_closure(std::string_view source, Dialect dialect);

// Checks one case; an expected value of exactly "error" means: the query fails, whatever the
// message.
void expect_case(const FreeVariableCase& c);

// Names each parameterized test after its case.
struct CaseName {
  template <class Info>
  std::string operator()(const Info& info) const {
    return std::string(info.param.name);
  }
};

// Position of the first `spawn(` / `spawn<` in `source` (1-based line, UTF-16 column).
LineColumn spawn_position(std::string_view source);

}  // namespace xthreads::test
