#include "lexer/lexer.h"

#include <array>
#include <cstring>

#include "support/text.h"
#include "support/unicode.h"

namespace xthreads {
namespace {

struct KeywordEntry {
  std::string_view word;
  Kw kw;
};

constexpr KeywordEntry kKeywords[] = {
    {"abstract", Kw::Abstract},
    {"accessor", Kw::Accessor},
    {"any", Kw::Any},
    {"as", Kw::As},
    {"asserts", Kw::Asserts},
    {"async", Kw::Async},
    {"await", Kw::Await},
    {"bigint", Kw::Bigint},
    {"boolean", Kw::Boolean},
    {"break", Kw::Break},
    {"case", Kw::Case},
    {"catch", Kw::Catch},
    {"class", Kw::Class},
    {"const", Kw::Const},
    {"continue", Kw::Continue},
    {"debugger", Kw::Debugger},
    {"declare", Kw::Declare},
    {"default", Kw::Default},
    {"delete", Kw::Delete},
    {"do", Kw::Do},
    {"else", Kw::Else},
    {"enum", Kw::Enum},
    {"export", Kw::Export},
    {"extends", Kw::Extends},
    {"false", Kw::False},
    {"finally", Kw::Finally},
    {"for", Kw::For},
    {"from", Kw::From},
    {"function", Kw::Function},
    {"get", Kw::Get},
    {"global", Kw::Global},
    {"if", Kw::If},
    {"implements", Kw::Implements},
    {"import", Kw::Import},
    {"in", Kw::In},
    {"infer", Kw::Infer},
    {"instanceof", Kw::Instanceof},
    {"interface", Kw::Interface},
    {"is", Kw::Is},
    {"keyof", Kw::Keyof},
    {"let", Kw::Let},
    {"meta", Kw::Meta},
    {"module", Kw::Module},
    {"namespace", Kw::Namespace},
    {"never", Kw::Never},
    {"new", Kw::New},
    {"null", Kw::Null},
    {"number", Kw::Number},
    {"object", Kw::Object},
    {"of", Kw::Of},
    {"out", Kw::Out},
    {"override", Kw::Override},
    {"package", Kw::Package},
    {"private", Kw::Private},
    {"protected", Kw::Protected},
    {"public", Kw::Public},
    {"readonly", Kw::Readonly},
    {"require", Kw::Require},
    {"return", Kw::Return},
    {"satisfies", Kw::Satisfies},
    {"set", Kw::Set},
    {"static", Kw::Static},
    {"string", Kw::String},
    {"super", Kw::Super},
    {"switch", Kw::Switch},
    {"symbol", Kw::Symbol},
    {"target", Kw::Target},
    {"this", Kw::This},
    {"throw", Kw::Throw},
    {"true", Kw::True},
    {"try", Kw::Try},
    {"type", Kw::Type},
    {"typeof", Kw::Typeof},
    {"undefined", Kw::Undefined},
    {"unique", Kw::Unique},
    {"unknown", Kw::Unknown},
    {"using", Kw::Using},
    {"var", Kw::Var},
    {"void", Kw::Void},
    {"while", Kw::While},
    {"with", Kw::With},
    {"yield", Kw::Yield},
};

// For each first letter, the slice of kKeywords (sorted) that starts with it.
struct KeywordIndex {
  std::array<std::uint8_t, 27> start{};
  constexpr KeywordIndex() {
    std::size_t i = 0;
    for (int c = 0; c < 26; ++c) {
      start[c] = static_cast<std::uint8_t>(i);
      while (i < std::size(kKeywords) && kKeywords[i].word[0] == 'a' + c) ++i;
    }
    start[26] = static_cast<std::uint8_t>(i);
  }
};
constexpr KeywordIndex kKeywordIndex;

enum CharClass : std::uint8_t { kOther = 0, kIdStart = 1, kIdPart = 2, kDigit = 4, kSpace = 8 };

struct CharTable {
  std::array<std::uint8_t, 256> cls{};
  constexpr CharTable() {
    for (int c = 'a'; c <= 'z'; ++c) cls[c] = kIdStart | kIdPart;
    for (int c = 'A'; c <= 'Z'; ++c) cls[c] = kIdStart | kIdPart;
    cls['$'] = cls['_'] = kIdStart | kIdPart;
    for (int c = '0'; c <= '9'; ++c) cls[c] = kIdPart | kDigit;
    cls[' '] = cls['\t'] = cls['\v'] = cls['\f'] = kSpace;
  }
};
constexpr CharTable kChars;

inline bool ascii_id_part(unsigned char c) {
  return kChars.cls[c] & kIdPart;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Kw keyword_of(std::string_view word) {
  if (word.size() < 2 || word.size() > 10) return Kw::None;
  const char c = word[0];
  if (c < 'a' || c > 'z') return Kw::None;
  const int slot = c - 'a';
  for (std::size_t i = kKeywordIndex.start[slot]; i < kKeywordIndex.start[slot + 1]; ++i) {
    if (kKeywords[i].word == word) return kKeywords[i].kw;
  }
  return Kw::None;
}

Lexer::Lexer(std::string_view source, std::deque<std::string>& decoded_names, bool html_comments)
    : src_(source), decoded_names_(decoded_names), html_comments_(html_comments) {
  if (src_.size() >= 3 && static_cast<unsigned char>(src_[0]) == 0xEF &&
      static_cast<unsigned char>(src_[1]) == 0xBB && static_cast<unsigned char>(src_[2]) == 0xBF) {
    pos_ = 3;  // byte order mark
  }
  if (src_.size() >= pos_ + 2 && src_[pos_] == '#' && src_[pos_ + 1] == '!') {
    while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;  // hashbang
  }
}

void Lexer::fail(const char* message, std::uint32_t offset) {
  if (!error_) {
    error_ = message;
    error_offset_ = offset;
  }
}

void Lexer::set(Tok kind, std::uint32_t start, std::uint32_t end) {
  token_.kind = kind;
  token_.keyword = Kw::None;
  token_.escaped = false;
  token_.begin = start;
  token_.end = end;
  token_.text = src_.substr(start, end - start);
}

std::uint32_t Lexer::find_byte(std::uint32_t from, std::uint32_t to, char byte) const {
  if (from >= to) return to;
  const void* hit = std::memchr(src_.data() + from, byte, to - from);
  return hit ? static_cast<std::uint32_t>(static_cast<const char*>(hit) - src_.data()) : to;
}

bool Lexer::is_separator_at(std::uint32_t at) const {
  return is_unicode_line_separator_at(src_, at);
}

void Lexer::skip_trivia() {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  const unsigned char* const bytes = reinterpret_cast<const unsigned char*>(src_.data());
  while (pos_ < n) {
    // Runs of spaces, tabs and newlines (indentation) in a register-held loop.
    std::uint32_t p = pos_;
    bool newline = false;
    while (p < n) {
      const unsigned char c = bytes[p];
      if (kChars.cls[c] & kSpace) {
        ++p;
      } else if (c == '\n' || c == '\r') {
        newline = true;
        ++p;
      } else {
        break;
      }
    }
    pos_ = p;
    if (newline) token_.newline_before = true;
    if (pos_ >= n) return;
    const unsigned char c = bytes[pos_];
    const bool line_start = pos_ == 0 || token_.newline_before || token_.end == 0;
    if (html_comments_ && ((c == '<' && src_.substr(pos_, 4) == "<!--") ||
                           (c == '-' && line_start && src_.substr(pos_, 3) == "-->"))) {
      // An HTML-like comment runs to the end of the line, like `//`.
      std::uint32_t end = find_byte(pos_, n, '\n');
      end = find_byte(pos_, end, '\r');
      pos_ = end;
      continue;
    }
    if (c == '/') {
      if (pos_ + 1 >= n) return;
      const char d = src_[pos_ + 1];
      if (d == '/') {
        // Up to the line terminator: LF (found fast), or CR, U+2028, U+2029 before it.
        const std::uint32_t from = pos_ + 2;
        std::uint32_t end = find_byte(from, n, '\n');
        end = find_byte(from, end, '\r');
        for (std::uint32_t e = find_byte(from, end, '\xE2'); e < end;
             e = find_byte(e + 1, end, '\xE2')) {
          if (is_separator_at(e)) {
            end = e;
            break;
          }
        }
        pos_ = end;
      } else if (d == '*') {
        const std::uint32_t start = pos_;
        const std::size_t close = src_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) {
          fail("unterminated comment", start);
          pos_ = n;
          return;
        }
        const std::uint32_t end = static_cast<std::uint32_t>(close);
        if (find_byte(pos_ + 2, end, '\n') < end || find_byte(pos_ + 2, end, '\r') < end) {
          token_.newline_before = true;
        } else {
          for (std::uint32_t e = find_byte(pos_ + 2, end, '\xE2'); e < end;
               e = find_byte(e + 1, end, '\xE2')) {
            if (is_separator_at(e)) {
              token_.newline_before = true;
              break;
            }
          }
        }
        pos_ = end + 2;
      } else {
        return;
      }
    } else if (c >= 0x80) {
      std::uint32_t len;
      const char32_t cp = decode_utf8(src_, pos_, len);
      if (cp == 0x2028 || cp == 0x2029) {
        token_.newline_before = true;
      } else if (!(cp == 0xA0 || cp == 0xFEFF || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
                   cp == 0x202F || cp == 0x205F || cp == 0x3000)) {
        return;
      }
      pos_ += len;
    } else {
      return;
    }
  }
}

void Lexer::next() {
  token_.newline_before = false;
  skip_trivia();
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  const std::uint32_t start = pos_;
  if (pos_ >= n) {
    set(Tok::EndOfFile, n, n);
    return;
  }
  const unsigned char c = static_cast<unsigned char>(src_[pos_]);
  if (kChars.cls[c] & kIdStart) {
    scan_identifier(start, false);
    return;
  }
  if (kChars.cls[c] & kDigit) {
    scan_number(start);
    return;
  }
  const auto at = [&](std::uint32_t k) -> char { return pos_ + k < n ? src_[pos_ + k] : '\0'; };
  const auto punct = [&](Tok kind, std::uint32_t len) {
    pos_ += len;
    set(kind, start, pos_);
  };
  switch (c) {
    case '{': return punct(Tok::LBrace, 1);
    case '}': return punct(Tok::RBrace, 1);
    case '(': return punct(Tok::LParen, 1);
    case ')': return punct(Tok::RParen, 1);
    case '[': return punct(Tok::LBracket, 1);
    case ']': return punct(Tok::RBracket, 1);
    case ';': return punct(Tok::Semicolon, 1);
    case ',': return punct(Tok::Comma, 1);
    case ':': return punct(Tok::Colon, 1);
    case '~': return punct(Tok::Tilde, 1);
    case '@': return punct(Tok::At, 1);
    case '.':
      if (at(1) >= '0' && at(1) <= '9') return scan_number(start);
      if (at(1) == '.' && at(2) == '.') return punct(Tok::Ellipsis, 3);
      return punct(Tok::Dot, 1);
    case '?':
      if (at(1) == '?')
        return at(2) == '=' ? punct(Tok::QuestionQuestionEq, 3) : punct(Tok::QuestionQuestion, 2);
      if (at(1) == '.' && !(at(2) >= '0' && at(2) <= '9')) return punct(Tok::QuestionDot, 2);
      return punct(Tok::Question, 1);
    case '<':
      if (at(1) == '<') return at(2) == '=' ? punct(Tok::LessLessEq, 3) : punct(Tok::LessLess, 2);
      if (at(1) == '=') return punct(Tok::LessEq, 2);
      return punct(Tok::Less, 1);
    case '>':
      return punct(Tok::Greater, 1);  // combined by rescan_greater() where operators may follow
    case '=':
      if (at(1) == '>') return punct(Tok::Arrow, 2);
      if (at(1) == '=') return at(2) == '=' ? punct(Tok::EqEqEq, 3) : punct(Tok::EqEq, 2);
      return punct(Tok::Eq, 1);
    case '!':
      if (at(1) == '=') return at(2) == '=' ? punct(Tok::NotEqEq, 3) : punct(Tok::NotEq, 2);
      return punct(Tok::Bang, 1);
    case '+':
      if (at(1) == '+') return punct(Tok::PlusPlus, 2);
      if (at(1) == '=') return punct(Tok::PlusEq, 2);
      return punct(Tok::Plus, 1);
    case '-':
      if (at(1) == '-') return punct(Tok::MinusMinus, 2);
      if (at(1) == '=') return punct(Tok::MinusEq, 2);
      return punct(Tok::Minus, 1);
    case '*':
      if (at(1) == '*') return at(2) == '=' ? punct(Tok::StarStarEq, 3) : punct(Tok::StarStar, 2);
      if (at(1) == '=') return punct(Tok::StarEq, 2);
      return punct(Tok::Star, 1);
    case '/':
      if (at(1) == '=') return punct(Tok::SlashEq, 2);
      return punct(Tok::Slash, 1);
    case '%':
      if (at(1) == '=') return punct(Tok::PercentEq, 2);
      return punct(Tok::Percent, 1);
    case '&':
      if (at(1) == '&') return at(2) == '=' ? punct(Tok::AmpAmpEq, 3) : punct(Tok::AmpAmp, 2);
      if (at(1) == '=') return punct(Tok::AmpEq, 2);
      return punct(Tok::Amp, 1);
    case '|':
      if (at(1) == '|') return at(2) == '=' ? punct(Tok::PipePipeEq, 3) : punct(Tok::PipePipe, 2);
      if (at(1) == '=') return punct(Tok::PipeEq, 2);
      return punct(Tok::Pipe, 1);
    case '^':
      if (at(1) == '=') return punct(Tok::CaretEq, 2);
      return punct(Tok::Caret, 1);
    case '"':
    case '\'': return scan_string(start, static_cast<char>(c));
    case '`': return scan_template(start, true);
    case '#':
      if (pos_ + 1 < n &&
          ((kChars.cls[static_cast<unsigned char>(src_[pos_ + 1])] & kIdStart) ||
           src_[pos_ + 1] == '\\' || static_cast<unsigned char>(src_[pos_ + 1]) >= 0x80)) {
        ++pos_;
        return scan_identifier(start, true);
      }
      break;
    case '\\': return scan_identifier(start, false);
    default:
      if (c >= 0x80) {
        std::uint32_t len;
        if (is_id_start(decode_utf8(src_, pos_, len))) return scan_identifier(start, false);
      }
      break;
  }
  fail("unexpected character", start);
  pos_ = n;
  set(Tok::EndOfFile, n, n);
}

bool Lexer::scan_identifier_escape(char32_t& cp) {
  // at `\`; accepts \uXXXX and \u{X...}
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  if (pos_ + 1 >= n || src_[pos_ + 1] != 'u') return false;
  std::uint32_t i = pos_ + 2;
  char32_t value = 0;
  if (i < n && src_[i] == '{') {
    ++i;
    int digits = 0;
    while (i < n && src_[i] != '}') {
      const int h = hex_value(src_[i]);
      if (h < 0 || value > 0x10FFFF) return false;
      value = value * 16 + static_cast<char32_t>(h);
      ++i;
      ++digits;
    }
    if (i >= n || digits == 0 || value > 0x10FFFF) return false;
    ++i;
  } else {
    for (int k = 0; k < 4; ++k, ++i) {
      const int h = i < n ? hex_value(src_[i]) : -1;
      if (h < 0) return false;
      value = value * 16 + static_cast<char32_t>(h);
    }
  }
  pos_ = i;
  cp = value;
  return true;
}

void Lexer::scan_identifier(std::uint32_t start, bool private_name) {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  const std::uint32_t name_start = pos_;
  // Fast path: a plain ASCII name, the overwhelmingly common case. Keywords are all lowercase
  // letters, so only such names are looked up.
  {
    std::uint32_t i = pos_;
    const unsigned char first_char = static_cast<unsigned char>(src_[i]);
    if (kChars.cls[first_char] & kIdStart) {
      bool lowercase = first_char >= 'a' && first_char <= 'z';
      ++i;
      while (i < n) {
        const unsigned char c = static_cast<unsigned char>(src_[i]);
        if (!(kChars.cls[c] & kIdPart)) break;
        lowercase = lowercase && c >= 'a' && c <= 'z';
        ++i;
      }
      const unsigned char stop = i < n ? static_cast<unsigned char>(src_[i]) : 0;
      if (stop != '\\' && stop < 0x80) {
        pos_ = i;
        set(private_name ? Tok::PrivateName : Tok::Identifier, start, pos_);
        token_.text = src_.substr(name_start, pos_ - name_start);
        if (!private_name && lowercase) token_.keyword = keyword_of(token_.text);
        return;
      }
    }
  }
  bool escaped = false;
  std::string decoded;
  bool first = true;
  while (pos_ < n) {
    const unsigned char c = static_cast<unsigned char>(src_[pos_]);
    if (c < 0x80 && c != '\\') {
      if (!ascii_id_part(c) || (first && (kChars.cls[c] & kDigit))) break;
      if (escaped) decoded += static_cast<char>(c);
      ++pos_;
    } else if (c == '\\') {
      const std::uint32_t before = pos_;
      char32_t cp;
      if (!scan_identifier_escape(cp) || !(first ? is_id_start(cp) : is_id_continue(cp))) {
        fail("invalid unicode escape in identifier", before);
        pos_ = before + 1;
        break;
      }
      if (!escaped) {
        escaped = true;
        decoded.assign(src_.substr(name_start, before - name_start));
      }
      append_utf8(decoded, cp);
    } else {
      std::uint32_t len;
      const char32_t cp = decode_utf8(src_, pos_, len);
      if (!(first ? is_id_start(cp) : is_id_continue(cp))) break;
      if (escaped) decoded.append(src_.substr(pos_, len));
      pos_ += len;
    }
    first = false;
  }
  set(private_name ? Tok::PrivateName : Tok::Identifier, start, pos_);
  if (escaped) {
    decoded_names_.push_back(std::move(decoded));
    token_.text = decoded_names_.back();
    token_.escaped = true;
  } else {
    token_.text = src_.substr(name_start, pos_ - name_start);
    if (!private_name) token_.keyword = keyword_of(token_.text);
  }
}

void Lexer::scan_number(std::uint32_t start) {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  // A numeric separator `_` must stand between two digits.
  const auto digits = [&](auto is_digit) {
    while (pos_ < n && (is_digit(src_[pos_]) || src_[pos_] == '_')) {
      if (src_[pos_] == '_' && (pos_ == start || !is_digit(src_[pos_ - 1]) || pos_ + 1 >= n ||
                                !is_digit(src_[pos_ + 1]))) {
        fail("a numeric separator '_' must stand between two digits", pos_);
      }
      ++pos_;
    }
  };
  const auto dec = [](char c) { return c >= '0' && c <= '9'; };
  bool big = false;
  if (src_[pos_] == '0' && pos_ + 1 < n &&
      (src_[pos_ + 1] == 'x' || src_[pos_ + 1] == 'X' || src_[pos_ + 1] == 'o' ||
       src_[pos_ + 1] == 'O' || src_[pos_ + 1] == 'b' || src_[pos_ + 1] == 'B')) {
    pos_ += 2;
    digits([](char c) { return hex_value(c) >= 0; });
  } else if (src_[pos_] == '0' && pos_ + 1 < n && dec(src_[pos_ + 1])) {
    // A legacy octal literal (`017`) takes no fraction; `08` / `09.5` are decimal.
    ++pos_;
    bool octal = true;
    for (; pos_ < n && dec(src_[pos_]); ++pos_) {
      if (src_[pos_] >= '8') octal = false;
    }
    if (!octal && pos_ < n && src_[pos_] == '.') {
      ++pos_;
      digits(dec);
    }
  } else {
    digits(dec);
    if (pos_ < n && src_[pos_] == '.') {
      ++pos_;
      digits(dec);
    }
    if (pos_ < n && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < n && (src_[pos_] == '+' || src_[pos_] == '-')) ++pos_;
      digits(dec);
    }
  }
  if (pos_ < n && src_[pos_] == 'n') {
    ++pos_;
    big = true;
  }
  if (pos_ < n && (ascii_id_part(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '\\')) {
    fail("an identifier cannot start right after a number", pos_);
  }
  set(big ? Tok::BigInt : Tok::Number, start, pos_);
}

void Lexer::scan_string(std::uint32_t start, char quote) {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  ++pos_;
  while (pos_ < n) {
    const char c = src_[pos_];
    if (c == quote) {
      ++pos_;
      set(Tok::String, start, pos_);
      return;
    }
    if (c == '\\') {
      pos_ += 2;
      if (pos_ - 1 < n && src_[pos_ - 1] == '\r' && pos_ < n && src_[pos_] == '\n') ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    ++pos_;
  }
  fail("unterminated string literal", start);
  pos_ = std::min(pos_, n);
  set(Tok::String, start, pos_);
}

void Lexer::scan_template(std::uint32_t start, bool head) {
  // at the opening backtick (head) or the closing `}` of a substitution
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  ++pos_;
  while (pos_ < n) {
    const char c = src_[pos_];
    if (c == '`') {
      ++pos_;
      set(head ? Tok::NoSubstitutionTemplate : Tok::TemplateTail, start, pos_);
      return;
    }
    if (c == '$' && pos_ + 1 < n && src_[pos_ + 1] == '{') {
      pos_ += 2;
      set(head ? Tok::TemplateHead : Tok::TemplateMiddle, start, pos_);
      return;
    }
    pos_ += (c == '\\') ? 2 : 1;
  }
  fail("unterminated template literal", start);
  pos_ = n;
  set(head ? Tok::NoSubstitutionTemplate : Tok::TemplateTail, start, pos_);
}

void Lexer::rescan_as_regex() {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  const std::uint32_t start = token_.begin;
  pos_ = start + 1;
  bool in_class = false;
  while (true) {
    if (pos_ >= n || src_[pos_] == '\n' || src_[pos_] == '\r') {
      fail("unterminated regular expression", start);
      pos_ = std::min(pos_, n);
      break;
    }
    const char c = src_[pos_];
    if (c == '\\') {
      pos_ += 2;
      continue;
    }
    ++pos_;
    if (c == '[')
      in_class = true;
    else if (c == ']')
      in_class = false;
    else if (c == '/' && !in_class)
      break;
  }
  while (pos_ < n && ascii_id_part(static_cast<unsigned char>(src_[pos_]))) ++pos_;  // flags
  const bool newline = token_.newline_before;
  set(Tok::Regex, start, pos_);
  token_.newline_before = newline;
}

void Lexer::rescan_template_continuation() {
  const bool newline = token_.newline_before;
  pos_ = token_.begin;
  scan_template(token_.begin, false);
  token_.newline_before = newline;
}

void Lexer::rescan_greater() {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  const std::uint32_t start = token_.begin;
  const auto at = [&](std::uint32_t k) -> char { return start + k < n ? src_[start + k] : '\0'; };
  Tok kind = Tok::Greater;
  std::uint32_t len = 1;
  if (at(1) == '=') {
    kind = Tok::GreaterEq;
    len = 2;
  } else if (at(1) == '>') {
    if (at(2) == '>') {
      if (at(3) == '=') {
        kind = Tok::GreaterGreaterGreaterEq;
        len = 4;
      } else {
        kind = Tok::GreaterGreaterGreater;
        len = 3;
      }
    } else if (at(2) == '=') {
      kind = Tok::GreaterGreaterEq;
      len = 3;
    } else {
      kind = Tok::GreaterGreater;
      len = 2;
    }
  }
  const bool newline = token_.newline_before;
  pos_ = start + len;
  set(kind, start, pos_);
  token_.newline_before = newline;
}

void Lexer::rescan_jsx_identifier() {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  if (token_.kind != Tok::Identifier) return;
  bool extended = false;
  while (pos_ < n && (src_[pos_] == '-' || ascii_id_part(static_cast<unsigned char>(src_[pos_])))) {
    ++pos_;
    extended = true;
  }
  if (extended) {
    token_.end = pos_;
    token_.text = src_.substr(token_.begin, pos_ - token_.begin);
    token_.keyword = Kw::None;
  }
}

void Lexer::rescan_jsx_string() {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  const std::uint32_t start = token_.begin;
  const char quote = src_[start];
  const std::size_t close = src_.find(quote, start + 1);
  const bool newline = token_.newline_before;
  if (close == std::string_view::npos) {
    fail("unterminated string literal", start);
    pos_ = n;
  } else {
    pos_ = static_cast<std::uint32_t>(close + 1);
  }
  set(Tok::String, start, pos_);
  token_.newline_before = newline;
}

void Lexer::scan_jsx_child() {
  const std::uint32_t n = static_cast<std::uint32_t>(src_.size());
  pos_ = token_.end;
  const std::uint32_t start = pos_;
  token_.newline_before = false;
  if (pos_ >= n) return set(Tok::EndOfFile, n, n);
  if (src_[pos_] == '{') {
    ++pos_;
    return set(Tok::LBrace, start, pos_);
  }
  if (src_[pos_] == '<') {
    ++pos_;
    return set(Tok::Less, start, pos_);
  }
  while (pos_ < n && src_[pos_] != '{' && src_[pos_] != '<') ++pos_;
  set(Tok::JsxText, start, pos_);
}

}  // namespace xthreads
