// The whole-file transform (xthreads/transform.h) as data, for the JSON writer and the tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xthreads/analysis.h"
#include "xthreads/closure.h"
#include "xthreads/plan.h"
#include "xthreads/worker_module.h"

namespace xthreads {

struct TransformedSite {
  Id eval_call = kNone;
  Id spawn_call = kNone;
  std::string name;  // __xt_s0, __xt_s1, ... in source order
  bool streamed = false;
  ClosureResult found;
  CapturePlan plan;
  WorkerModule module;
  std::vector<Diagnostic> diagnostics;  // of found, plan and module, in that order
  bool ok() const { return diagnostics.empty(); }
};

struct Transformed {
  std::string_view source;
  Analysis analysis;
  LineMap lines;
  std::string text;                     // the rewritten file
  std::vector<TransformedSite> sites;   // every spawn call inside a direct eval, in source order
  std::vector<Diagnostic> diagnostics;  // syntax errors, spawn outside eval, and every site's
  bool ok() const { return diagnostics.empty(); }
};

// `spawn` is recognised where it names the package's export: `import { spawn [as x] } from
// "experimental-threads"`, a namespace or CommonJS import of it (`xt.spawn`), or
// `require("experimental-threads").spawn` destructured. A file that imports no spawn is returned
// unchanged, with no site.
Transformed transform_file(std::string_view source, Dialect dialect);

}  // namespace xthreads
