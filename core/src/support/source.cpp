#include "xthreads/source.h"

#include <algorithm>

#include "support/text.h"
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
  bool ascii = true;  // the current line so far
  const auto next_line = [&](std::size_t start, bool line_ascii) {
    ascii_lines_.push_back(line_ascii);
    line_starts_.push_back(static_cast<std::uint32_t>(start));
    ascii = true;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(source[i]);
    if (c == '\n') {
      next_line(i + 1, ascii);
    } else if (c == '\r') {
      if (i + 1 < n && source[i + 1] == '\n') ++i;
      next_line(i + 1, ascii);
    } else if (is_unicode_line_separator_at(source, i)) {
      i += 2;
      next_line(i + 1, false);
    } else if (c >= 0x80) {
      ascii = false;
    }
  }
  ascii_lines_.push_back(ascii);
}

LineColumn LineMap::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(source_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  if (ascii_lines_[line - 1])
    return {static_cast<std::uint32_t>(line), offset - line_starts_[line - 1] + 1};
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
  if (ascii_lines_[position.line - 1]) {  // one byte per column
    if (position.column - 1 > end - begin) return std::nullopt;
    return begin + position.column - 1;
  }
  std::uint32_t column = 1;
  for (std::uint32_t i = begin; i <= end; ++i) {
    if (column == position.column) return i;
    if (i == end || column > position.column) break;
    column += utf16_units_for_lead_byte(static_cast<unsigned char>(source_[i]));
  }
  return std::nullopt;
}

std::vector<Range> leading_comments(std::string_view source) {
  std::vector<Range> comments;
  const std::size_t n = source.size();
  std::size_t i = source.substr(0, 2) == "#!" ? std::min(source.find('\n'), n) : 0;
  while (i < n) {
    const char c = source[i];
    std::size_t end = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (source.substr(i, 2) == "//") {
      end = std::min(source.find_first_of("\r\n", i), n);
    } else if (source.substr(i, 2) == "/*") {
      const std::size_t close = source.find("*/", i + 2);
      end = close == std::string_view::npos ? n : close + 2;
    } else {
      break;
    }
    comments.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)});
    i = end;
  }
  return comments;
}

}  // namespace xthreads
