// Unicode facts the lexer needs: identifier characters, UTF-8 decoding, UTF-16 lengths.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xthreads {

bool is_id_start(char32_t cp);
bool is_id_continue(char32_t cp);

// Decodes one UTF-8 sequence at `text[at]`; sets `length` to the bytes consumed (at least 1).
// Malformed input yields U+FFFD and length 1, so the caller always advances.
char32_t decode_utf8(std::string_view text, std::size_t at, std::uint32_t& length);
void append_utf8(std::string& out, char32_t cp);

// Number of UTF-16 code units of a code point encoded in UTF-8 by its first byte.
inline std::uint32_t utf16_units_for_lead_byte(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xC0) == 0x80) return 0;  // continuation byte
  return lead >= 0xF0 ? 2 : 1;
}

}  // namespace xthreads
