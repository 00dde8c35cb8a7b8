// The call-site query: given the position a stack frame reports for a `spawn(...)` call, find the
// closure passed to it and what the closure needs from outside itself.
#pragma once

#include <vector>

#include "xthreads/analysis.h"

namespace xthreads {

struct FreeVariable {
  std::string_view name;
  Id binding = kNone;          // kNone: a global
  std::vector<Id> references;  // every reference to it inside the closure, in source order
};

struct Closure {
  Id call = kNone;
  Id function = kNone;             // the function literal, or the declaration an identifier names
  std::vector<FreeVariable> free;  // sorted by name
  std::vector<Id> outer_special_uses;  // `this`/`arguments`/`super`/`new.target` of an
                                       // enclosing function (SpecialUse ids)
  std::vector<Id> dynamic_scopes;      // direct eval / with inside the closure
};

struct ClosureResult {
  Closure closure;
  std::vector<Diagnostic> diagnostics;  // non-empty: no closure was found, or the file is invalid
  bool ok() const { return diagnostics.empty(); }
};

// `position` may be the start of the call expression, the callee identifier, the property name
// of a member callee (`threads.spawn`), or the open parenthesis: V8 and JavaScriptCore report
// different ones.
ClosureResult find_closure(const Analysis& analysis, const LineMap& lines, LineColumn position);

// The free variables of a function, by the same rules: references inside the function that
// resolve to bindings outside it (its own name counts as inside), grouped by name.
Closure closure_of_function(const Analysis& analysis, Id function);

}  // namespace xthreads
