#include "support/unicode.h"

#include <algorithm>

namespace xthreads {
namespace {

struct CodePointRange {
  char32_t first;
  char32_t last;
};

#include "support/unicode_tables.inc"

template <std::size_t N>
bool in_table(const CodePointRange (&table)[N], char32_t cp) {
  const CodePointRange* it =
      std::upper_bound(table, table + N, cp,
                       [](char32_t value, const CodePointRange& r) { return value < r.first; });
  return it != table && cp <= (it - 1)->last;
}

}  // namespace

bool is_id_start(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '$' || cp == '_';
  return in_table(kIdStart, cp);
}

bool is_id_continue(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '$' || cp == '_';
  }
  return in_table(kIdContinue, cp);
}

char32_t decode_utf8(std::string_view text, std::size_t at, std::uint32_t& length) {
  const auto byte = [&](std::size_t i) -> unsigned { return static_cast<unsigned char>(text[i]); };
  const unsigned b0 = byte(at);
  length = 1;
  if (b0 < 0x80) return b0;
  std::uint32_t need;
  char32_t cp;
  if ((b0 & 0xE0) == 0xC0) {
    need = 1;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    need = 2;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    need = 3;
    cp = b0 & 0x07;
  } else
    return 0xFFFD;
  if (at + need >= text.size()) return 0xFFFD;
  for (std::uint32_t i = 1; i <= need; ++i) {
    const unsigned b = byte(at + i);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  length = need + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace xthreads
