#include "xthreads/source.h"

#include <algorithm>

#include "support/unicode.h"

namespace xthreads {

std::optional<Dialect> dialect_for_path(std::string_view path) {
  const auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".d.ts") || ends_with(".d.mts") || ends_with(".d.cts")) return std::nullopt;
  if (ends_with(".js") || ends_with(".mjs") || ends_with(".cjs")) return Dialect::JavaScript;
  if (ends_with(".jsx")) return Dialect::JSX;
  if (ends_with(".ts") || ends_with(".mts") || ends_with(".cts")) return Dialect::TypeScript;
  if (ends_with(".tsx")) return Dialect::TSX;
  return std::nullopt;
}

std::string_view dialect_name(Dialect dialect) {
  switch (dialect) {
    case Dialect::JavaScript: return "javascript";
    case Dialect::JSX: return "jsx";
    case Dialect::TypeScript: return "typescript";
    case Dialect::TSX: return "tsx";
  }
  return "?";
}

LineMap::LineMap(std::string_view source) : source_(source) {
  line_starts_.push_back(0);
  const std::size_t n = source.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(source[i]);
    if (c == '\n') {
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (c == '\r') {
      if (i + 1 < n && source[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(source[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(source[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(source[i + 2]) == 0xA9)) {
      i += 2;  // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
}

LineColumn LineMap::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(source_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  std::uint32_t column = 1;
  for (std::uint32_t i = line_starts_[line - 1]; i < offset; ++i) {
    column += utf16_units_for_lead_byte(static_cast<unsigned char>(source_[i]));
  }
  return {static_cast<std::uint32_t>(line), column};
}

std::optional<std::uint32_t> LineMap::offset(LineColumn position) const {
  if (position.line == 0 || position.line > line_starts_.size() || position.column == 0) {
    return std::nullopt;
  }
  const std::uint32_t begin = line_starts_[position.line - 1];
  const std::uint32_t end = position.line < line_starts_.size()
                                ? line_starts_[position.line]
                                : static_cast<std::uint32_t>(source_.size());
  std::uint32_t column = 1;
  for (std::uint32_t i = begin; i <= end; ++i) {
    if (column == position.column) return i;
    if (i == end || column > position.column) break;
    column += utf16_units_for_lead_byte(static_cast<unsigned char>(source_[i]));
  }
  return std::nullopt;
}

}  // namespace xthreads
