// One call for the runtime and the CLI: source, dialect and a call-site position in, a JSON
// document out. This is what crosses the WebAssembly boundary.
#pragma once

#include <string>
#include <string_view>

#include "xthreads/source.h"

namespace xthreads {

// The whole document, every key camelCase (its TypeScript type is src/compiler/wasm.d.ts):
// {"ok":bool,"diagnostics":[{"message","line","column"}],
//  "closure":{"line","column","endLine","endColumn",
//             "captures":[{"name","kind","initializer","line","column","written"}],
//             "plan":[{"name","capture","direct","line","column","specifier","imported","require"}],
//             "notes":[{"message","line","column"}],
//             "outerUses":[{"kind","line","column"}],
//             "dynamic":[{"kind","line","column"}]},
//  "module":{"text","slots":[{"kind","begin","end","specifier"}],"values":[name],
//            "jsx":{"line","column"},"copy":{"line","originalLine"},"globals":[{"line","column"}]}}
// `closure` is present when the closure was found, `module` when it can run. `kind` of a capture
// is a binding kind (`const`, `function`, `import`...) or `global`; its line and column are those
// of the declaring name (absent for globals). `capture` says how it reaches the worker (`import`,
// `code`, `shared-global`, `value`, `global`). Slot offsets are UTF-16 code units of `text`.
// Positions are 1-based, columns in UTF-16 code units.
std::string explain_json(std::string_view source, Dialect dialect, LineColumn call_site);

}  // namespace xthreads
