// The explain pipeline for one call site: analyze the file, find the closure passed to the call,
// plan its captures, emit its worker module. Each stage runs only when the one before succeeded.
#pragma once

#include <string_view>
#include <vector>

#include "xthreads/analysis.h"
#include "xthreads/closure.h"
#include "xthreads/plan.h"
#include "xthreads/source.h"
#include "xthreads/worker_module.h"

namespace xthreads {

// Every stage's result. Names and positions in it are views into the source (or into
// `analysis`), so the source must outlive it.
struct Explanation {
  std::string_view source;
  Analysis analysis;
  LineMap lines;
  ClosureResult found;  // the closure at the call site, or why there is none (syntax errors too)
  CapturePlan plan;     // empty unless a closure was found
  WorkerModule module;  // empty unless the plan is ok
  // The diagnostics of `found`, `plan` and `module`, in that order: empty when every stage
  // succeeded.
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

Explanation explain(std::string_view source, Dialect dialect, LineColumn call_site);

}  // namespace xthreads
