// The worker module: one JavaScript ES module per call site, made from the caller's own source
// text. Every kept token stays at its original line and column (what is not needed becomes
// spaces; line breaks stay), so stack traces in the worker already point at the user's lines.
// TypeScript-only syntax is blanked the same way. An epilogue after the last line imports what
// the closure needs and exports the closure as a function of its captured values.
#pragma once

#include <string>
#include <vector>

#include "xthreads/analysis.h"
#include "xthreads/plan.h"

namespace xthreads {

// A string literal in the module the runtime must rewrite before loading it.
enum class Placeholder : std::uint8_t {
  ImportSpecifier,  // resolve it as the original file would: write the resolved URL
  OriginalUrl,      // write the original module's URL
};

struct ModuleSlot {
  Placeholder kind;
  Range range;                 // in WorkerModule::text, quotes included
  std::string_view specifier;  // ImportSpecifier: the specifier as written, without quotes
};

struct WorkerModule {
  std::string text;
  std::vector<ModuleSlot> slots;
  std::uint32_t epilogue = 0;            // where the epilogue starts in `text` (its "\n;")
  std::vector<std::string_view> values;  // value captures, the keys of run()'s argument
  std::vector<LineColumn> globals;       // each kept `new Global(...)`: its original position
  // A closure inside a declaration it needs is defined in the epilogue from a copy of its text,
  // at the original columns: lines from `copy_line` on are lines from `copy_original_line` on
  // (0: no copy). The runtime maps stack frames there back to the user's lines.
  std::uint32_t copy_line = 0;
  std::uint32_t copy_original_line = 0;
  // The first JSX element in kept code (offset in the source), or kNone: the module is then
  // JavaScript with JSX, which only a runtime that transforms JSX can load (Bun). The file's
  // leading `@jsx...` pragma comments are kept with it.
  std::uint32_t jsx = kNone;
  std::vector<Diagnostic> diagnostics;  // offsets in the original source
  bool ok() const { return diagnostics.empty(); }
};

// The module exports `__xt_run(values)`: it stores the values under their own names (module
// variables, so captured helpers see them too: one task at a time per worker) and calls the
// closure. It also exports `__xt_globals`, the [line, column] of each kept `new Global(...)`.
WorkerModule emit_worker_module(std::string_view source, const Analysis& analysis,
                                const LineMap& lines, const CapturePlan& plan);

}  // namespace xthreads
