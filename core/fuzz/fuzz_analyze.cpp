// libFuzzer target over the whole compiler: lexer, parser, scopes, the closure query, capture
// plans, worker modules and the JSON document.
// The first byte picks the dialect and a call-site position; the rest is the source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "xthreads/analysis.h"
#include "xthreads/closure.h"
#include "xthreads/explain.h"
#include "xthreads/plan.h"
#include "xthreads/transform.h"
#include "xthreads/worker_module.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto dialect = static_cast<xthreads::Dialect>(data[0] & 3);
  const std::string_view source(reinterpret_cast<const char*>(data + 1), size - 1);
  const xthreads::Analysis analysis = xthreads::analyze(source, dialect);
  const xthreads::LineMap lines(source);
  // Ask about every call the parser recorded, and one arbitrary position.
  for (const xthreads::Call& call : analysis.calls) {
    const xthreads::LineColumn site = lines.position(call.callee_name);
    const xthreads::ClosureResult found = xthreads::find_closure(analysis, lines, site);
    if (!found.ok()) continue;
    const xthreads::CapturePlan plan =
        xthreads::plan_capture(source, analysis, lines, found.closure);
    if (plan.ok()) xthreads::emit_worker_module(source, analysis, lines, plan);
  }
  if (!analysis.calls.empty()) {
    xthreads::explain_json(source, dialect, lines.position(analysis.calls.front().callee_name));
  }
  xthreads::find_closure(analysis, lines, {1u + (data[0] >> 2), 1u + (data[0] >> 4)});
  // Compile mode's whole-file transform (it re-analyses: only where it can find a site).
  if (source.find("experimental-threads") != std::string_view::npos) xthreads::transform_json(source, dialect);
  for (xthreads::Id f = 0; f < analysis.functions.size() && analysis.ok(); ++f) {
    xthreads::closure_of_function(analysis, f);
    // Every function as a spawned closure where it stands (the corpus check's path).
    const xthreads::CapturePlan plan = xthreads::plan_function(source, analysis, lines, f);
    if (plan.ok()) xthreads::emit_worker_module(source, analysis, lines, plan);
  }
  return 0;
}
