// The C ABI of the WebAssembly build: what src/compiler/wasm.js calls.
//
// Every pointer is an offset into the module's exported `memory`; every integer is an i32.
//
//   xt_alloc(size) -> ptr         a buffer for the caller to fill (the source text, a path);
//                                 0 when memory cannot grow
//   xt_free(ptr)                  gives back a buffer from xt_alloc (0 is accepted)
//   xt_explain(src, len, dialect, line, column) -> result
//                                 runs xthreads::explain_json on the UTF-8 bytes [src, src+len).
//                                 dialect: 0 javascript, 1 jsx, 2 typescript, 3 tsx; line and
//                                 column are 1-based, the column in UTF-16 code units, as stack
//                                 traces print them. The caller keeps ownership of src.
//                                 Returns 0 for an unknown dialect or when memory cannot grow;
//                                 otherwise a result laid out as
//                                   [u32 little-endian byte length n][n bytes of UTF-8 JSON]
//                                 The JSON's shape is explain.h's; fields will be added to it,
//                                 the layout above stays.
//   xt_transform(src, len, dialect) -> result
//                                 xthreads::transform_json (compile mode's whole-file
//                                 transform) on [src, src+len); the result as xt_explain's
//   xt_result_free(result)        gives back a result (0 is accepted)
//   xt_dialect_for_path(path, len) -> dialect
//                                 xthreads::dialect_for_path on a UTF-8 path: 0..3 as above, or
//                                 -1 when the file holds no run-time code (.d.ts, unknown)
//
// Nothing throws across this boundary (the library is built without exceptions): a failed
// analysis is data in the JSON. A wasm trap (out of memory inside the standard library) leaves
// the instance unusable; the loader then discards it and instantiates the module again.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "xthreads/explain.h"
#include "xthreads/source.h"
#include "xthreads/transform.h"

namespace {

constexpr std::uint32_t kDialectCount = 4;

std::string_view bytes(const void* data, std::uint32_t length) {
  return {static_cast<const char*>(data), length};
}

// [u32 length][bytes]: a result the caller reads and gives back with xt_result_free.
std::uint8_t* result_of(const std::string& json) {
  const auto size = static_cast<std::uint32_t>(json.size());
  auto* result = static_cast<std::uint8_t*>(std::malloc(sizeof size + size));
  if (result == nullptr) return nullptr;
  std::memcpy(result, &size, sizeof size);  // wasm32 is little-endian
  std::memcpy(result + sizeof size, json.data(), size);
  return result;
}

}  // namespace

// Exported by name with -Wl,--export (core/wasm/CMakeLists.txt).
extern "C" {

void* xt_alloc(std::uint32_t size) {
  return std::malloc(size == 0 ? 1 : size);
}

void xt_free(void* ptr) {
  std::free(ptr);
}

std::uint8_t* xt_explain(const void* source, std::uint32_t length, std::uint32_t dialect,
                         std::uint32_t line, std::uint32_t column) {
  if (dialect >= kDialectCount) return nullptr;
  return result_of(xthreads::explain_json(bytes(source, length),
                                          static_cast<xthreads::Dialect>(dialect), {line, column}));
}

std::uint8_t* xt_transform(const void* source, std::uint32_t length, std::uint32_t dialect) {
  if (dialect >= kDialectCount) return nullptr;
  return result_of(
      xthreads::transform_json(bytes(source, length), static_cast<xthreads::Dialect>(dialect)));
}

void xt_result_free(std::uint8_t* result) {
  std::free(result);
}

std::int32_t xt_dialect_for_path(const void* path, std::uint32_t length) {
  const auto dialect = xthreads::dialect_for_path(bytes(path, length));
  return dialect ? static_cast<std::int32_t>(*dialect) : -1;
}

}  // extern "C"
