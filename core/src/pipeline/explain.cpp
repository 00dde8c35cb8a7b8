// The explain pipeline: the stages run in order for one call site, the closure found once.
#include "pipeline/explain.h"

namespace xthreads {

Explanation explain(std::string_view source, Dialect dialect, LineColumn call_site) {
  Explanation e{source, analyze(source, dialect), LineMap(source), {}, {}, {}, {}};
  e.found = find_closure(e.analysis, e.lines, call_site);
  if (e.found.ok()) e.plan = plan_capture(source, e.analysis, e.lines, e.found.closure);
  if (e.found.ok() && e.plan.ok())
    e.module = emit_worker_module(source, e.analysis, e.lines, e.plan);
  for (const std::vector<Diagnostic>* stage :
       {&e.found.diagnostics, &e.plan.diagnostics, &e.module.diagnostics}) {
    e.diagnostics.insert(e.diagnostics.end(), stage->begin(), stage->end());
  }
  return e;
}

}  // namespace xthreads
