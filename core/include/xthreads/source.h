// Source text basics shared by every stage: dialects, byte ranges, and the mapping between byte
// offsets and the (line, column) positions that V8 and JavaScriptCore print in stack traces.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xthreads {

// The language of a source file, decided by its extension.
enum class Dialect : std::uint8_t { JavaScript, JSX, TypeScript, TSX };

// `.js .mjs .cjs` → JavaScript, `.jsx` → JSX, `.ts .mts .cts` → TypeScript, `.tsx` → TSX.
// Anything else (including `.d.ts`, which holds no run-time code) → nullopt.
std::optional<Dialect> dialect_for_path(std::string_view path);
std::string_view dialect_name(Dialect dialect);
inline bool is_typescript(Dialect d) {
  return d == Dialect::TypeScript || d == Dialect::TSX;
}
inline bool has_jsx(Dialect d) {
  return d == Dialect::JSX || d == Dialect::TSX;
}

// A half-open range of byte offsets into the UTF-8 source.
struct Range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool contains(std::uint32_t offset) const { return begin <= offset && offset < end; }
  bool contains(Range other) const { return begin <= other.begin && other.end <= end; }
};

// 1-based line; 1-based column counted in UTF-16 code units, as engines report them.
struct LineColumn {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(LineColumn, LineColumn) = default;
};

// Maps byte offsets to line/column and back. Line terminators are LF, CR, CRLF, U+2028 and
// U+2029, as in ECMAScript. Holds a view of the source: the source must outlive the map.
class LineMap {
 public:
  explicit LineMap(std::string_view source);
  LineColumn position(std::uint32_t offset) const;
  // The byte offset of a position, or nullopt when the line does not exist or the column is
  // past the end of the line (the end of the line itself is accepted).
  std::optional<std::uint32_t> offset(LineColumn position) const;
  std::size_t line_count() const { return line_starts_.size(); }

 private:
  std::string_view source_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<bool> ascii_lines_;  // lines of ASCII only: columns are byte counts (minified code
                                   // has lines of megabytes)
};

// The comments before a file's first token (after a `#!` line): where pragmas such as
// `/** @jsx h */` live. Each range is one comment, `//` ones without their line break.
std::vector<Range> leading_comments(std::string_view source);

// Something wrong with the input: what happened and where.
struct Diagnostic {
  std::string message;
  std::uint32_t offset = 0;  // byte offset of the offending token
};

}  // namespace xthreads
