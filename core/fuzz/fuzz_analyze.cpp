// libFuzzer target over the whole front end: lexer, parser, scopes and the closure query.
// The first byte picks the dialect and a call-site position; the rest is the source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "xthreads/analysis.h"
#include "xthreads/closure.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto dialect = static_cast<xthreads::Dialect>(data[0] & 3);
  const std::string_view source(reinterpret_cast<const char*>(data + 1), size - 1);
  const xthreads::Analysis analysis = xthreads::analyze(source, dialect);
  const xthreads::LineMap lines(source);
  // Ask about every call the parser recorded, and one arbitrary position.
  for (const xthreads::Call& call : analysis.calls) {
    xthreads::find_closure(analysis, lines, lines.position(call.callee_name));
  }
  xthreads::find_closure(analysis, lines, {1u + (data[0] >> 2), 1u + (data[0] >> 4)});
  for (xthreads::Id f = 0; f < analysis.functions.size() && analysis.ok(); ++f) {
    xthreads::closure_of_function(analysis, f);
  }
  return 0;
}
