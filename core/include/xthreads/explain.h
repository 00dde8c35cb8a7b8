// One call for the runtime and the CLI: source, dialect and a call-site position in, a JSON
// document out. This is what crosses the WebAssembly boundary.
#pragma once

#include <string>
#include <string_view>

#include "xthreads/source.h"

namespace xthreads {

// The document, keys in the order they are written, every key camelCase (its TypeScript type is
// src/compiler/wasm.d.ts; "?" marks a key that may be absent):
// {"ok": bool,                         true when there is no diagnostic
//  "diagnostics": [{"message", "line", "column"}],  syntax errors, no closure at the position,
//                                       the plan's and the module's errors, in that order
//  "closure"?: {                       present when a closure was found at the position
//    "line", "column", "endLine", "endColumn",       the function's first byte, and just past
//                                       its last
//    "captures": [{"name", "kind", "initializer"?, "line"?, "column"?, "written"}],
//                                       its free variables, sorted by name: `kind` is a binding
//                                       kind (`const`, `function`, `import`...) or `global`;
//                                       `initializer` (`none`, `arrow`, `new-global`...) and the
//                                       declaring name's position are absent for globals;
//                                       `written`: the closure assigns to it
//    "plan": [{"name", "capture", "direct", "line"?, "column"?,
//              "specifier"?, "imported"?, "require"?}],
//                                       every variable the closure needs, directly or through
//                                       captured code (`direct` false), sorted by name: `capture`
//                                       is `import`, `code`, `shared-global`, `value` or `global`;
//                                       the declaring name's position unless a global; for an
//                                       import, its specifier without quotes, the imported name
//                                       (`default`, `*`, a name, or "" for a whole require) and
//                                       whether it is a CommonJS require
//    "notes": [{"message", "line", "column"}],       remarks that are not errors
//    "outerUses": [{"kind", "line", "column"}],      `this`, `arguments`, `super`, `new.target`
//                                       of an enclosing function
//    "dynamic": [{"kind", "line", "column"}]},       `eval` (direct) or `with` in the closure
//  "module"?: {                        present when the worker module was emitted without error
//    "text": string,                   the worker module (worker_module.h)
//    "slots": [{"kind", "begin", "end", "specifier"?}],
//                                       string literals in `text` the runtime rewrites: `kind`
//                                       `import` (resolve `specifier`, as written without
//                                       quotes) or `original-url`; [begin, end) in UTF-16 code
//                                       units of `text`, quotes included
//    "epilogue": number,               where the epilogue (imports, helpers, __xt_run) starts in
//                                       `text`, in UTF-16 code units: before it, the source's lines
//    "values": [string],               the value captures: the keys of __xt_run's argument
//    "jsx"?: {"line", "column"},       the first JSX element in kept code: the module needs a
//                                       runtime that transforms JSX
//    "copy"?: {"line", "originalLine"},  the closure copied into the epilogue: module lines from
//                                       `line` on are source lines from `originalLine` on
//    "globals": [{"line", "column"}]}} each kept `new Global(...)`: its position in the source
// Positions are 1-based, columns in UTF-16 code units, and in the source unless said otherwise.
std::string explain_json(std::string_view source, Dialect dialect, LineColumn call_site);

}  // namespace xthreads
