// Compile mode's whole-file transform: every `eval(spawn(closure, options?))` of a file becomes a
// plain call naming a precompiled site, `__xt_spawn(__xt_sN, [captured values], options?)`, and each
// site's worker module is emitted. No eval, stack, source or compiler is needed when it runs.
#pragma once

#include <string>
#include <string_view>

#include "xthreads/source.h"

namespace xthreads {

// The JSON document of a transform (TypeScript type: src/compiler/wasm.d.ts, TransformDocument):
// {"ok": bool,                          true when no site has a diagnostic
//  "diagnostics": [{"message", "line", "column"}],   syntax errors, a spawn outside eval, and
//                                        each site's closure, plan and module errors
//  "text": string,                       the file with every site rewritten in place: lines and
//                                        the columns of code after each site are kept; the same
//                                        as the source when "sites" is empty
//  "sites": [{"line", "column",          the spawn call (where eval mode's stack points)
//             "name",                    `__xt_sN`, the hoisted function the front door declares
//             "streamed": bool,          the closure is a generator: the task streams
//             "module": {...}}]}         explain.h's "module" object
// Sites with errors are left as written and listed in "diagnostics" only.
std::string transform_json(std::string_view source, Dialect dialect);

}  // namespace xthreads
