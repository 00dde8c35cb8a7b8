// Small text facts shared by the stages: the two Unicode line terminators beyond CR and LF, and
// how diagnostics quote a name and name a position.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "xthreads/source.h"

namespace xthreads {

// U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR (UTF-8 E2 80 A8 / E2 80 A9) at `at`.
inline bool is_unicode_line_separator_at(std::string_view text, std::size_t at) {
  return at + 2 < text.size() && static_cast<unsigned char>(text[at]) == 0xE2 &&
         static_cast<unsigned char>(text[at + 1]) == 0x80 &&
         (static_cast<unsigned char>(text[at + 2]) & 0xFE) == 0xA8;
}

// A name as diagnostics quote it: `name`.
inline std::string quoted(std::string_view name) {
  std::string out = "`";
  out += name;
  out += '`';
  return out;
}

// An offset as diagnostics name it: LINE:COLUMN, both from 1.
inline std::string position_text(const LineMap& lines, std::uint32_t offset) {
  const LineColumn at = lines.position(offset);
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

}  // namespace xthreads
