// Tokens, errors, speculation and the entry point of the parser.
#include "parser/parser.h"

namespace xthreads {
namespace {
// Deep enough for any real program, shallow enough for wasm's stack.
constexpr int kMaxDepth = 600;
}  // namespace

Parser::Parser(std::string_view source, Dialect dialect, Analysis& out)
    : lexer_(source, out.decoded_names, dialect == Dialect::JavaScript),
      scopes_(out),
      out_(out),
      dialect_(dialect) {}

void Parser::parse_module() {
  const std::uint32_t size = static_cast<std::uint32_t>(lexer_.source().size());
  scopes_.push(ScopeKind::Module, 0);
  in_async_ = true;  // top-level await
  next();
  parse_statement_list(Tok::EndOfFile);
  if (!failed() && !at(Tok::EndOfFile)) error("unexpected token");
  scopes_.pop(size);
  scopes_.finish();
}

void Parser::error_at(const char* message, std::uint32_t offset) {
  if (speculation_depth_ > 0) {
    spec_failed_ = true;
  } else if (!failed_) {
    failed_ = true;
    out_.diagnostics.push_back({message, offset});
  }
  // Force the end of input so that every loop and recursion unwinds.
  const std::uint32_t size = static_cast<std::uint32_t>(lexer_.source().size());
  Token end;
  end.kind = Tok::EndOfFile;
  end.begin = end.end = size;
  lexer_.restore({size, end});
}

void Parser::error(const char* message) {
  error_at(message, tok().begin);
}

bool Parser::enter() {
  if (++depth_ > kMaxDepth) {
    error("nesting is too deep to analyse");
    return false;
  }
  return true;
}

void Parser::next() {
  if (failed()) return;
  previous_end_ = tok().end;
  if (peeked_from_ == lexer_.save().pos) {
    lexer_.restore(peeked_);  // lexing is a function of the position: reuse the lookahead
    peeked_from_ = kNoPeek;
    note_token();
    return;
  }
  lexer_.next();
  if (lexer_.failed()) error_at(lexer_.error(), lexer_.error_offset());
  note_token();
}

// Facts about single tokens that later stages need.
void Parser::note_token() {
  const Token& t = lexer_.token();
  if (t.kind == Tok::Number && t.text.size() > 1 && t.text[0] == '0' && t.text[1] >= '0' &&
      t.text[1] <= '9') {
    out_.legacy_octals.push_back(t.begin);  // also `08`: both are sloppy-only
  }
}

bool Parser::eat(Tok t) {
  if (!at(t)) return false;
  next();
  return true;
}

bool Parser::eat_kw(Kw k) {
  if (!at_kw(k)) return false;
  next();
  return true;
}

void Parser::expect(Tok t, const char* message) {
  if (!eat(t)) error(message);
}

void Parser::consume_semicolon() {
  if (eat(Tok::Semicolon)) return;
  if (at(Tok::RBrace) || at(Tok::EndOfFile) || tok().newline_before) return;
  error("expected ';'");
}

Token Parser::peek() {
  const Lexer::State saved = lexer_.save();
  if (peeked_from_ == saved.pos) return peeked_.token;
  lexer_.next();
  const Token t = lexer_.token();
  if (lexer_.failed()) {
    if (!failed()) lexer_.clear_error();
  } else {
    peeked_ = lexer_.save();
    peeked_from_ = saved.pos;
  }
  lexer_.restore(saved);
  return t;
}

Tok Parser::peek_kind() {
  return peek().kind;
}

bool Parser::peek_is_identifier_on_same_line() {
  const Token t = peek();
  return t.kind == Tok::Identifier && !t.newline_before;
}

bool Parser::at_identifier() const {
  if (!at(Tok::Identifier)) return false;
  const Kw k = tok().keyword;
  if (k == Kw::None || tok().escaped) return true;
  if (is_reserved_word(k)) return false;
  if (k == Kw::Yield) return !in_generator_;
  if (k == Kw::Await) return !in_async_;
  return true;
}

std::uint64_t Parser::speculation_key(Reading reading) const {
  return (static_cast<std::uint64_t>(tok().begin) << 8) |
         (static_cast<std::uint64_t>(reading) << 3) | (allow_arrow_return_type_ ? 4u : 0u) |
         (no_conditional_types_ ? 2u : 0u) | (no_in_ ? 1u : 0u);
}

bool Parser::failed_before(Reading reading) const {
  return failed_readings_.count(speculation_key(reading)) != 0;
}

Parser::Speculation Parser::begin_speculation(Reading reading) {
  const std::uint64_t key = speculation_key(reading);
  ++speculation_depth_;
  Speculation s{key, lexer_.save(), scopes_.mark(),
                static_cast<std::uint32_t>(cover_targets_.size()), spec_failed_};
  s.lexer_prev_end = previous_end_;
  return s;
}

bool Parser::end_speculation(const Speculation& s) {
  --speculation_depth_;
  if (!spec_failed_) return true;
  failed_readings_.insert(s.key);
  spec_failed_ = s.outer_failed;
  lexer_.restore(s.lexer);
  lexer_.clear_error();
  previous_end_ = s.lexer_prev_end;
  scopes_.rollback(s.tables);
  cover_targets_.resize(s.targets);
  return false;
}

void Parser::abandon_speculation(const Speculation& s) {
  spec_failed_ = true;
  ++speculation_depth_;
  end_speculation(s);
}

Parser::FunctionContext Parser::enter_function(bool is_async, bool is_generator,
                                               bool super_allowed) {
  FunctionContext saved{in_async_,       in_generator_,    in_function_,
                        in_class_field_, no_in_,           allow_arrow_return_type_,
                        super_allowed_,  std::move(jumps_)};
  in_async_ = is_async;
  in_generator_ = is_generator;
  in_function_ = true;
  in_class_field_ = false;
  no_in_ = false;
  allow_arrow_return_type_ = true;
  super_allowed_ = super_allowed;
  jumps_ = {};
  return saved;
}

void Parser::leave_function(FunctionContext saved) {
  in_async_ = saved.in_async;
  in_generator_ = saved.in_generator;
  in_function_ = saved.in_function;
  in_class_field_ = saved.in_class_field;
  no_in_ = saved.no_in;
  allow_arrow_return_type_ = saved.allow_arrow_return_type;
  super_allowed_ = saved.super_allowed;
  jumps_ = std::move(saved.jumps);
}

void Parser::use_private_name(std::string_view name, std::uint32_t offset) {
  if (private_names_.empty()) {
    error_at("a private name can only be used inside the class that declares it", offset);
    return;
  }
  private_names_.back().used.emplace_back(name, offset);
}

}  // namespace xthreads
