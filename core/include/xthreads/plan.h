// The capture plan: for a `spawn(...)` call site, how each free variable of the closure reaches
// the worker (../shared/design/capture-semantics.md, "How each free variable reaches the
// worker"), followed transitively through captured code, with every error that can be decided
// before any worker is involved.
#pragma once

#include <string>
#include <vector>

#include "xthreads/analysis.h"
#include "xthreads/closure.h"

namespace xthreads {

enum class CaptureKind : std::uint8_t {
  Import,        // the worker imports (or requires) the same binding from the same specifier
  Code,          // the declaration is re-created in the worker module
  SharedGlobal,  // code: a `const x = new Global(...)` attached to the caller's shared memory
  Value,         // read at the call site, sent by structured clone (or transferred / shared)
  Global,        // not bound in the file: the worker's own global of that name
};

struct Capture {
  std::string_view name;
  CaptureKind kind;
  Id binding = kNone;  // kNone for globals
  Id import = kNone;   // Import: the Analysis::imports entry
  bool direct = true;  // used by the closure itself; false: only by captured code
};

// Something `explain` points out that is not an error.
struct Note {
  std::string message;
  std::uint32_t offset = 0;
};

struct CapturePlan {
  Id call = kNone;                      // kNone: made by plan_function
  Id function = kNone;                  // the closure
  std::vector<Capture> captures;        // sorted by name
  std::vector<Diagnostic> diagnostics;  // non-empty: spawn must throw a SpawnError
  std::vector<Note> notes;
  bool ok() const { return diagnostics.empty(); }
};

std::string_view to_string(CaptureKind kind);

// The plan of `closure`, the closure find_closure found at a spawn call site.
CapturePlan plan_capture(std::string_view source, const Analysis& analysis, const LineMap& lines,
                         const Closure& closure);

// find_closure at `call_site`, then the plan of what it found (or its diagnostics). For callers
// that do not need the closure itself.
CapturePlan plan_capture(std::string_view source, const Analysis& analysis, const LineMap& lines,
                         LineColumn call_site);

// The plan `function` would have as the closure of a spawn call written where it is: a literal
// passed in place, or a declaration passed by name from its own scope. It lets every function of
// real code be planned and emitted as if spawned (the corpus check of worker modules).
CapturePlan plan_function(std::string_view source, const Analysis& analysis, const LineMap& lines,
                          Id function);

}  // namespace xthreads
