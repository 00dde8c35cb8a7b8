// One call for the runtime and the CLI: source, dialect and a call-site position in, a JSON
// document out. This is what crosses the WebAssembly boundary.
#pragma once

#include <string>
#include <string_view>

#include "xthreads/source.h"

namespace xthreads {

// {"ok":bool,"diagnostics":[{"message","line","column"}],
//  "closure":{"line","column","end_line","end_column",
//             "captures":[{"name","kind","initializer","line","column","written"}],
//             "outer_uses":[{"kind","line","column"}],
//             "dynamic":[{"kind","line","column"}]}}
// `kind` of a capture is a binding kind (`const`, `function`, `import`...) or `global`; its line
// and column are those of the declaring name (absent for globals). Positions are 1-based, columns
// in UTF-16 code units.
std::string explain_json(std::string_view source, Dialect dialect, LineColumn call_site);

}  // namespace xthreads
