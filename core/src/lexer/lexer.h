// The lexer: one token at a time, on demand, with cheap save/restore for the parser's lookahead
// and speculation. It records the first error it meets; the parser turns it into a diagnostic.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "lexer/token.h"

namespace xthreads {

Kw keyword_of(std::string_view word);

class Lexer {
 public:
  struct State {
    std::uint32_t pos;
    Token token;
  };

  // `decoded_names` receives identifiers written with unicode escapes (their views point there).
  // `html_comments`: accept `<!--` and `-->` comments (Annex B, scripts only).
  Lexer(std::string_view source, std::deque<std::string>& decoded_names, bool html_comments);

  const Token& token() const { return token_; }
  void next();

  // Context-dependent rescans, called by the parser on the current token.
  void rescan_as_regex();               // `/` or `/=` where an expression starts
  void rescan_template_continuation();  // `}` that closes a `${` substitution
  void rescan_greater();                // `>` in an operator position: `>=`, `>>`, `>>>=` ...
  void rescan_jsx_identifier();         // extend an identifier with `-` parts (JSX names)
  void rescan_jsx_string();             // a JSX attribute string: no escapes
  void scan_jsx_child();                // after the current token: JSX text, `{`, `<`, EOF

  State save() const { return {pos_, token_}; }
  void restore(const State& state) {
    pos_ = state.pos;
    token_ = state.token;
  }

  bool failed() const { return error_ != nullptr; }
  const char* error() const { return error_; }
  std::uint32_t error_offset() const { return error_offset_; }
  void clear_error() { error_ = nullptr; }
  std::string_view source() const { return src_; }

 private:
  void skip_trivia();
  std::uint32_t find_byte(std::uint32_t from, std::uint32_t to, char byte) const;
  bool is_separator_at(std::uint32_t at) const;
  void scan_identifier(std::uint32_t start, bool private_name);
  void scan_number(std::uint32_t start);
  void scan_string(std::uint32_t start, char quote);
  void scan_template(std::uint32_t start, bool head);
  bool scan_identifier_escape(char32_t& cp);
  void fail(const char* message, std::uint32_t offset);
  void set(Tok kind, std::uint32_t start, std::uint32_t end);

  std::string_view src_;
  std::deque<std::string>& decoded_names_;
  std::uint32_t pos_ = 0;
  bool html_comments_ = false;
  Token token_;
  const char* error_ = nullptr;
  std::uint32_t error_offset_ = 0;
};

}  // namespace xthreads
