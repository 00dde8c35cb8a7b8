// Expressions: operators, primaries, literals, templates, calls, arrow functions, and the
// bookkeeping that turns an expression into an assignment target (`[a, b] = ...`).
#include "parser/parser.h"

namespace xthreads {
namespace {

// Binary operator precedence; 0 when the token is not a binary operator.
int binary_precedence(const Token& t, bool no_in) {
  switch (t.kind) {
    case Tok::QuestionQuestion: return 1;
    case Tok::PipePipe: return 2;
    case Tok::AmpAmp: return 3;
    case Tok::Pipe: return 4;
    case Tok::Caret: return 5;
    case Tok::Amp: return 6;
    case Tok::EqEq:
    case Tok::NotEq:
    case Tok::EqEqEq:
    case Tok::NotEqEq: return 7;
    case Tok::Less:
    case Tok::Greater:
    case Tok::LessEq:
    case Tok::GreaterEq: return 8;
    case Tok::LessLess:
    case Tok::GreaterGreater:
    case Tok::GreaterGreaterGreater: return 9;
    case Tok::Plus:
    case Tok::Minus: return 10;
    case Tok::Star:
    case Tok::Slash:
    case Tok::Percent: return 11;
    case Tok::StarStar: return 12;
    case Tok::Identifier:
      if (t.escaped) return 0;
      if (t.keyword == Kw::Instanceof) return 8;
      if (t.keyword == Kw::In && !no_in) return 8;
      return 0;
    default: return 0;
  }
}

bool is_assignment_operator(Tok t) {
  switch (t) {
    case Tok::Eq:
    case Tok::PlusEq:
    case Tok::MinusEq:
    case Tok::StarEq:
    case Tok::SlashEq:
    case Tok::PercentEq:
    case Tok::StarStarEq:
    case Tok::LessLessEq:
    case Tok::GreaterGreaterEq:
    case Tok::GreaterGreaterGreaterEq:
    case Tok::AmpEq:
    case Tok::PipeEq:
    case Tok::CaretEq:
    case Tok::AmpAmpEq:
    case Tok::PipePipeEq:
    case Tok::QuestionQuestionEq: return true;
    default: return false;
  }
}

constexpr int kRelationalPrecedence = 8;

}  // namespace

bool Parser::at_start_of_expression() {
  switch (kind()) {
    case Tok::RParen:
    case Tok::RBracket:
    case Tok::RBrace:
    case Tok::Comma:
    case Tok::Semicolon:
    case Tok::Colon:
    case Tok::EndOfFile:
    case Tok::Arrow:
    case Tok::Question:
    case Tok::Eq:
    case Tok::Greater:
    case Tok::QuestionQuestion:
    case Tok::PipePipe:
    case Tok::AmpAmp:
    case Tok::Pipe:
    case Tok::Caret:
    case Tok::Amp:
    case Tok::EqEq:
    case Tok::NotEq:
    case Tok::EqEqEq:
    case Tok::NotEqEq:
    case Tok::Star:
    case Tok::Percent:
    case Tok::StarStar:
    case Tok::Dot:
    case Tok::QuestionDot: return false;
    case Tok::Identifier:
      return !(at_kw(Kw::In) || at_kw(Kw::Instanceof) || at_kw(Kw::As) || at_kw(Kw::Satisfies));
    default: return true;
  }
}

void Parser::push_cover_target(const Expr& e, std::uint32_t mark) {
  if (e.kind == Expr::Identifier) {
    cover_targets_.resize(mark);
    cover_targets_.push_back(e.ref);
  } else if ((e.kind == Expr::ObjectLiteral || e.kind == Expr::ArrayLiteral) && !e.parenthesized) {
    // keep the nested literal's targets
  } else {
    cover_targets_.resize(mark);
  }
}

void Parser::mark_assignment_target(const Expr& e, bool compound) {
  if (e.kind == Expr::Other || e.kind == Expr::Call ||
      (compound && (e.kind == Expr::ObjectLiteral || e.kind == Expr::ArrayLiteral))) {
    error_at("invalid assignment target", previous_end_);
    return;
  }
  if (e.kind == Expr::Identifier) {
    if (e.ref != kNone) out_.references[e.ref].flags = compound ? (kRead | kWrite) : kWrite;
  } else if (e.kind == Expr::ObjectLiteral || e.kind == Expr::ArrayLiteral) {
    for (std::size_t i = e.targets; i < cover_targets_.size(); ++i) {
      out_.references[cover_targets_[i]].flags = kWrite;
    }
    cover_targets_.resize(e.targets);
  }
}

Expr Parser::parse_expression() {
  Expr e = parse_assignment();
  while (at(Tok::Comma) && !failed()) {
    next();
    parse_assignment();
    e = Expr{};
  }
  return e;
}

Expr Parser::parse_assignment() {
  if (!enter()) return {};
  if (in_generator_ && at_kw(Kw::Yield)) {
    next();
    if (eat(Tok::Star)) {
      parse_assignment();
    } else if (!tok().newline_before && at_start_of_expression()) {
      parse_assignment();
    }
    leave();
    return {};
  }
  Expr left = parse_conditional();
  if (left.arrow) {
    leave();
    return left;
  }
  if (at(Tok::Greater)) lexer_.rescan_greater();
  if (is_assignment_operator(kind())) {
    const bool compound = !at(Tok::Eq);
    next();
    mark_assignment_target(left, compound);
    Expr right = parse_assignment();
    leave();
    Expr result;
    result.init = right.init;  // `a = b = function () {}`
    result.function = right.function;
    return result;
  }
  leave();
  return left;
}

Expr Parser::parse_conditional() {
  Expr test = parse_binary(0);
  if (!at(Tok::Question) || test.arrow) return test;
  next();
  const bool saved_no_in = no_in_;
  const bool saved_allow = allow_arrow_return_type_;
  no_in_ = false;
  allow_arrow_return_type_ = false;
  parse_assignment();
  allow_arrow_return_type_ = saved_allow;
  no_in_ = saved_no_in;
  expect(Tok::Colon, "expected ':' in a conditional expression");
  parse_assignment();
  return {};
}

Expr Parser::parse_binary(int min_precedence) {
  Expr left = parse_unary();
  if (left.arrow) return left;
  while (!failed()) {
    if (at(Tok::Greater)) lexer_.rescan_greater();
    if (typescript() && (at_kw(Kw::As) || at_kw(Kw::Satisfies)) && !tok().newline_before &&
        kRelationalPrecedence > min_precedence) {
      const std::uint32_t begin = tok().begin;
      next();
      if (at_kw(Kw::Const))
        next();
      else
        skip_type();
      scopes_.erase({begin, previous_end_});
      continue;  // `x as T` is still `x` as an assignment target
    }
    const int precedence = binary_precedence(tok(), no_in_);
    if (precedence == 0 || precedence <= min_precedence) break;
    const bool right_associative = at(Tok::StarStar);
    next();
    parse_binary(right_associative ? precedence - 1 : precedence);
    left = Expr{};
  }
  return left;
}

Expr Parser::parse_unary() {
  if (!enter()) return {};
  Expr result;
  switch (kind()) {
    case Tok::Bang:
    case Tok::Tilde:
    case Tok::Plus:
    case Tok::Minus:
      next();
      parse_unary();
      break;
    case Tok::PlusPlus:
    case Tok::MinusMinus: {
      next();
      const Expr operand = parse_unary();
      mark_assignment_target(operand, true);
      break;
    }
    case Tok::Less:
      if (typescript() && !jsx()) {
        // `<T>(x) => x` or the old type assertion `<T>expr`
        const std::uint32_t begin = tok().begin;
        if (try_arrow_function(begin, false, result)) break;
        next();
        skip_type();
        if (!at(Tok::Greater)) error("expected '>' after the asserted type");
        next();
        scopes_.erase({begin, previous_end_});
        result = parse_unary();
        break;
      }
      result = parse_update();
      break;
    case Tok::Identifier:
      if (!tok().escaped && (at_kw(Kw::Typeof) || at_kw(Kw::Void) || at_kw(Kw::Delete))) {
        next();
        parse_unary();
        break;
      }
      if (!tok().escaped && at_kw(Kw::Await) && in_async_) {
        const Token t = peek();
        // At the top level `await` may still be an identifier in a script; treat it as the
        // operator whenever an operand follows.
        if (in_function_ ||
            (t.kind != Tok::RParen && t.kind != Tok::Semicolon && t.kind != Tok::Comma &&
             t.kind != Tok::Dot && t.kind != Tok::Eq && t.kind != Tok::RBracket &&
             t.kind != Tok::RBrace && t.kind != Tok::EndOfFile && !t.newline_before)) {
          next();
          parse_unary();
          break;
        }
      }
      result = parse_update();
      break;
    default: result = parse_update(); break;
  }
  leave();
  return result;
}

Expr Parser::parse_update() {
  Expr e = parse_lhs(true);
  if (e.arrow) return e;
  if ((at(Tok::PlusPlus) || at(Tok::MinusMinus)) && !tok().newline_before) {
    mark_assignment_target(e, true);
    next();
    return {};
  }
  return e;
}

Expr Parser::parse_lhs(bool allow_call) {
  const std::uint32_t begin = tok().begin;
  Expr e = at_kw(Kw::New) ? parse_new() : parse_primary();
  if (e.arrow) return e;
  return parse_member_rest(e, begin, allow_call);
}

Expr Parser::parse_new() {
  const std::uint32_t begin = tok().begin;
  next();  // new
  if (at(Tok::Dot)) {
    next();
    if (!at(Tok::Identifier) || tok().text != "target") error("expected 'new.target'");
    if (out_.scopes[scopes_.this_owner()].kind == ScopeKind::Module) {
      error_at("'new.target' is only valid inside functions", begin);
    }
    scopes_.special(SpecialKind::NewTarget, {begin, tok().end});
    next();
    return {};
  }
  const std::uint32_t callee_begin = tok().begin;
  Expr callee = at_kw(Kw::New) ? parse_new() : parse_primary();
  callee = parse_member_rest(callee, callee_begin, false);
  if (at(Tok::LParen)) parse_arguments(kNone);
  Expr result;
  if ((callee.kind == Expr::Identifier || callee.kind == Expr::Member) && callee.name == "Global") {
    result.init = InitializerKind::NewGlobal;
  }
  return result;
}

// After `.` or `?.`: a property name or a private name (which its class must declare).
Expr Parser::parse_member_name(const char* message) {
  Expr member;
  member.kind = Expr::Member;
  member.name_offset = tok().begin;
  member.name = tok().text;
  if (at(Tok::PrivateName)) use_private_name(tok().text, tok().begin);
  if (at(Tok::PrivateName) || at(Tok::Identifier)) {
    next();
  } else {
    error(message);
  }
  return member;
}

// `[expression]` after an object: `in` is an operator again inside the brackets.
Expr Parser::parse_computed_member() {
  next();  // [
  const bool saved = no_in_;
  no_in_ = false;
  parse_expression();
  no_in_ = saved;
  expect(Tok::RBracket, "expected ']'");
  Expr e;
  e.kind = Expr::Member;
  return e;
}

Expr Parser::parse_member_rest(Expr e, std::uint32_t begin, bool allow_call) {
  bool optional_chain = false;
  while (!failed()) {
    switch (kind()) {
      case Tok::Dot:
        next();
        e = parse_member_name("expected a property name after '.'");
        continue;
      case Tok::QuestionDot: {
        optional_chain = true;
        next();
        if (at(Tok::LParen)) {
          parse_arguments(kNone);
          e = Expr{};
        } else if (at(Tok::LBracket)) {
          e = parse_computed_member();
        } else if (typescript() && at(Tok::Less)) {
          if (!try_skip_type_arguments_in_expression()) error("expected '(' after type arguments");
          continue;
        } else {
          e = parse_member_name("expected a property name after '?.'");
        }
        continue;
      }
      case Tok::LBracket: e = parse_computed_member(); continue;
      case Tok::LParen: {
        if (!allow_call) return e;
        const Id call = static_cast<Id>(out_.calls.size());
        Call c;
        c.range = {begin, begin};
        c.callee_name =
            (e.kind == Expr::Identifier || e.kind == Expr::Member) ? e.name_offset : begin;
        c.open_paren = tok().begin;
        c.name =
            (e.kind == Expr::Identifier || e.kind == Expr::Member) ? e.name : std::string_view{};
        out_.calls.push_back(c);
        if (e.kind == Expr::Identifier && e.name == "eval") {  // `(eval)(x)` is direct too
          scopes_.dynamic(DynamicScopeKind::DirectEval, {e.name_offset, e.name_offset + 4}, call);
        }
        const bool is_require = e.kind == Expr::Identifier && e.name == "require";
        const Token argument = is_require ? peek() : Token{};
        parse_arguments(call);
        if (call < out_.calls.size()) out_.calls[call].range.end = previous_end_;
        // `require("m")` exactly: one string argument
        const bool require_call = argument.kind == Tok::String && previous_end_ == argument.end + 1;
        e = Expr{};
        e.kind = Expr::Call;
        e.call = call;
        if (require_call) {
          e.init = InitializerKind::Require;
          e.string_argument = {argument.begin, argument.end};
        }
        continue;
      }
      case Tok::NoSubstitutionTemplate:
      case Tok::TemplateHead:
        if (optional_chain) error("a tagged template cannot be used in an optional chain");
        parse_template(tok().begin);
        e = Expr{};
        continue;
      case Tok::Bang:
        if (typescript() && !tok().newline_before) {
          scopes_.erase({tok().begin, tok().end});
          next();  // non-null assertion: `x!` is still `x`
          continue;
        }
        return e;
      case Tok::Less:
        if (typescript() && try_skip_type_arguments_in_expression()) continue;
        return e;
      default: return e;
    }
  }
  return e;
}

void Parser::parse_arguments(Id call) {
  next();  // (
  const bool saved = no_in_;
  const bool saved_allow = allow_arrow_return_type_;
  no_in_ = false;
  allow_arrow_return_type_ = true;
  bool first = true;
  while (!at(Tok::RParen) && !at(Tok::EndOfFile) && !failed()) {
    const bool spread = eat(Tok::Ellipsis);
    const Expr arg = parse_assignment();
    if (first && call != kNone && call < out_.calls.size()) {
      Call& c = out_.calls[call];
      if (spread) {
        c.first_argument = ArgumentKind::Other;
      } else if ((arg.init == InitializerKind::Function || arg.init == InitializerKind::Arrow) &&
                 arg.function != kNone && arg.kind == Expr::Other) {
        c.first_argument = ArgumentKind::Function;
        c.argument = arg.function;
      } else if (arg.kind == Expr::Identifier) {
        c.first_argument = ArgumentKind::Identifier;
        c.argument = arg.ref;
      } else if (arg.kind == Expr::Call && !arg.parenthesized) {
        c.first_argument = ArgumentKind::Call;
        c.argument = arg.call;
      } else {
        c.first_argument = ArgumentKind::Other;
      }
    }
    first = false;
    if (!at(Tok::RParen)) expect(Tok::Comma, "expected ',' or ')' in the arguments");
  }
  no_in_ = saved;
  allow_arrow_return_type_ = saved_allow;
  expect(Tok::RParen, "expected ')'");
}

Expr Parser::parse_identifier_reference() {
  if (!at_identifier()) {
    error(at(Tok::Identifier) ? "a reserved word cannot be used here" : "expected an expression");
    return {};
  }
  Expr e;
  e.kind = Expr::Identifier;
  e.name = tok().text;
  e.name_offset = tok().begin;
  e.ref = scopes_.reference(tok().text, {tok().begin, tok().end});
  next();
  return e;
}

Expr Parser::parse_primary() {
  const std::uint32_t begin = tok().begin;
  switch (kind()) {
    case Tok::Identifier: {
      if (!tok().escaped) {
        switch (tok().keyword) {
          case Kw::This:
            scopes_.special(SpecialKind::This, {tok().begin, tok().end});
            next();
            return {};
          case Kw::Null:
          case Kw::True:
          case Kw::False: next(); return {};
          case Kw::Function: return parse_function(begin, false, false, true);
          case Kw::Class: return parse_class(begin, false, true);
          case Kw::Super:
            if (!super_allowed_) error("'super' is only valid inside methods and class fields");
            scopes_.special(SpecialKind::Super, {tok().begin, tok().end});
            next();
            return {};
          case Kw::New: return parse_new();
          case Kw::Import:
            next();
            if (eat(Tok::Dot)) {
              if (at(Tok::Identifier) && tok().text == "meta") {
                out_.import_meta.push_back({begin, tok().end});
              }
              next();  // meta (or a phase such as `source`)
              if (at(Tok::LParen)) parse_arguments(kNone);
            } else if (at(Tok::LParen)) {
              out_.dynamic_imports.push_back({begin, begin + 6});
              parse_arguments(kNone);
            } else {
              error("expected '(' or '.' after 'import'");
            }
            return {};
          case Kw::Async: {
            const Token t = peek();
            if (t.newline_before) break;
            if (t.kind == Tok::Identifier && t.keyword == Kw::Function) {
              next();
              return parse_function(begin, true, false, true);
            }
            if (t.kind == Tok::Identifier) {
              // `async x => ...`
              if (failed_before(Reading::AsyncArrow)) break;
              const Speculation s = begin_speculation(Reading::AsyncArrow);
              next();
              Expr arrow = parse_arrow_single_parameter(begin, true);
              if (end_speculation(s)) return arrow;
              break;
            }
            if ((t.kind == Tok::LParen || (t.kind == Tok::Less && typescript())) &&
                !failed_before(Reading::AsyncArrow)) {
              const Speculation s = begin_speculation(Reading::AsyncArrow);
              next();
              Expr arrow;
              if (!try_arrow_function(begin, true, arrow)) error("not an async arrow function");
              if (end_speculation(s)) return arrow;
            }
            break;
          }
          default: break;
        }
      }
      if (at_identifier() && peek_kind() == Tok::Arrow) {
        return parse_arrow_single_parameter(begin, false);
      }
      return parse_identifier_reference();
    }
    case Tok::Number:
    case Tok::String:
    case Tok::BigInt:
    case Tok::Regex: next(); return {};
    case Tok::Slash:
    case Tok::SlashEq:
      lexer_.rescan_as_regex();
      if (lexer_.failed()) {
        error_at(lexer_.error(), lexer_.error_offset());
        return {};
      }
      next();
      return {};
    case Tok::NoSubstitutionTemplate:
    case Tok::TemplateHead: return parse_template(begin);
    case Tok::LParen: return parse_parenthesized_or_arrow(begin, false);
    case Tok::LBracket: return parse_array_literal();
    case Tok::LBrace: return parse_object_literal();
    case Tok::Less:
      if (jsx()) {
        if (typescript()) {
          Expr arrow;
          if (try_arrow_function(begin, false, arrow)) return arrow;
        }
        const Expr element = parse_jsx_element(begin);
        next();  // the element's final `>`
        return element;
      }
      break;
    case Tok::At:
      parse_decorators();
      if (at_kw(Kw::Class)) return parse_class(begin, false, true);
      break;
    case Tok::PrivateName:
      use_private_name(tok().text, tok().begin);
      next();  // `#x in obj`
      if (!at_kw(Kw::In)) error("a private name may only appear before 'in' here");
      return {};
    default: break;
  }
  error("expected an expression");
  return {};
}

Expr Parser::parse_parenthesized_or_arrow(std::uint32_t begin, bool is_async) {
  Expr arrow;
  if (try_arrow_function(begin, is_async, arrow)) return arrow;
  next();  // (
  const bool saved = no_in_;
  const bool saved_allow = allow_arrow_return_type_;
  no_in_ = false;
  allow_arrow_return_type_ = true;
  Expr e = parse_expression();
  no_in_ = saved;
  allow_arrow_return_type_ = saved_allow;
  expect(Tok::RParen, "expected ')'");
  e.arrow = false;  // `(x => x)(1)`: a parenthesized arrow may be called
  e.parenthesized = true;
  return e;
}

bool Parser::try_arrow_function(std::uint32_t begin, bool is_async, Expr& result) {
  if (failed_before(Reading::Arrow)) return false;
  const Speculation s = begin_speculation(Reading::Arrow);
  Function fn;
  fn.kind = FunctionKind::Arrow;
  fn.is_async = is_async;
  fn.range = {begin, begin};
  const Id f = scopes_.add_function(fn);
  const Id scope = scopes_.push(ScopeKind::Function, begin, f);
  out_.functions[f].scope = scope;
  const bool saved_async = in_async_;
  const bool saved_generator = in_generator_;
  in_async_ = is_async;
  in_generator_ = false;
  if (at(Tok::Less)) {
    if (!typescript()) error("not an arrow function");
    const std::uint32_t b = tok().begin;
    skip_type_parameters();
    scopes_.erase({b, previous_end_});
  }
  if (!at(Tok::LParen)) error("not an arrow function");
  const std::uint16_t length = parse_formal_parameters(false);
  out_.functions[f].length = length;
  bool return_type = false;
  if (typescript() && at(Tok::Colon)) {
    return_type = true;
    const std::uint32_t close_paren = previous_end_ - 1;
    const std::uint32_t b = tok().begin;
    next();
    skip_return_type();
    scopes_.erase({b, previous_end_});
    // Erasing a return type that spans lines would leave a line break between `)` and `=>`.
    const std::string_view type = lexer_.source().substr(b, previous_end_ - b);
    if (type.find_first_of("\n\r") != std::string_view::npos) {
      out_.moved_parens.push_back({close_paren, previous_end_ - 1});
    }
  }
  if (!at(Tok::Arrow) || tok().newline_before) error("not an arrow function");
  in_async_ = saved_async;
  in_generator_ = saved_generator;
  if (failed()) {
    end_speculation(s);
    return false;
  }
  if (return_type && !allow_arrow_return_type_) {
    // `a ? (b): c => d` : only an arrow if a `:` still follows for the conditional.
    next();
    result = parse_arrow_body(f);
    if (!at(Tok::Colon)) error("not an arrow function");
    return end_speculation(s);
  }
  end_speculation(s);  // committed: the arrow and its parameters are certain
  next();              // =>
  result = parse_arrow_body(f);
  return true;
}

Expr Parser::parse_arrow_single_parameter(std::uint32_t begin, bool is_async) {
  Function fn;
  fn.kind = FunctionKind::Arrow;
  fn.is_async = is_async;
  fn.range = {begin, begin};
  const Id f = scopes_.add_function(fn);
  const Id scope = scopes_.push(ScopeKind::Function, begin, f);
  out_.functions[f].scope = scope;
  const std::uint32_t param = tok().begin;
  declare_identifier(BindingKind::Parameter, {param, tok().end});
  out_.functions[f].length = 1;
  if (!at(Tok::Arrow) || tok().newline_before) error("expected '=>'");
  next();
  return parse_arrow_body(f);
}

// With the arrow's Function scope pushed and `=>` consumed: the body, then pops the scope.
Expr Parser::parse_arrow_body(Id f) {
  // An arrow keeps the `super` of its context; the rest starts afresh.
  FunctionContext saved = enter_function(out_.functions[f].is_async, false, super_allowed_);
  if (at(Tok::LBrace)) {
    parse_function_body(f);
  } else {
    const std::uint32_t body_begin = tok().begin;
    no_in_ = saved.no_in;
    parse_assignment();
    out_.functions[f].body = {body_begin, previous_end_};
  }
  leave_function(std::move(saved));
  out_.functions[f].range.end = previous_end_;
  scopes_.pop(previous_end_);
  Expr result;
  result.init = InitializerKind::Arrow;
  result.function = f;
  result.arrow = true;
  return result;
}

Expr Parser::parse_array_literal() {
  next();  // [
  const bool saved = no_in_;
  no_in_ = false;
  const std::uint32_t targets = static_cast<std::uint32_t>(cover_targets_.size());
  while (!at(Tok::RBracket) && !at(Tok::EndOfFile) && !failed()) {
    if (eat(Tok::Comma)) continue;  // hole
    eat(Tok::Ellipsis);
    const std::uint32_t mark = static_cast<std::uint32_t>(cover_targets_.size());
    const Expr element = parse_assignment();
    push_cover_target(element, mark);
    if (!at(Tok::RBracket)) expect(Tok::Comma, "expected ',' or ']'");
  }
  no_in_ = saved;
  expect(Tok::RBracket, "expected ']'");
  Expr e;
  e.kind = Expr::ArrayLiteral;
  e.targets = targets;
  return e;
}

bool Parser::parse_key(std::string_view* name) {
  if (name) *name = {};
  switch (kind()) {
    case Tok::Identifier:
      if (name) *name = tok().text;
      next();
      return false;
    case Tok::String:
      if (name && tok().text.size() >= 2) *name = tok().text.substr(1, tok().text.size() - 2);
      next();
      return false;
    case Tok::Number:
    case Tok::BigInt:
    case Tok::PrivateName: next(); return false;
    case Tok::LBracket: {
      next();
      const bool saved = no_in_;
      no_in_ = false;
      parse_assignment();
      no_in_ = saved;
      expect(Tok::RBracket, "expected ']' after a computed key");
      return true;
    }
    default: error("expected a property name"); return false;
  }
}

namespace {
// After a modifier word (`get`, `set`, `async`, `static`...), these tokens mean the word was the
// property name itself.
bool ends_member_name(Tok t) {
  return t == Tok::LParen || t == Tok::Comma || t == Tok::Colon || t == Tok::RBrace ||
         t == Tok::Eq || t == Tok::Semicolon || t == Tok::Question || t == Tok::Bang ||
         t == Tok::Less || t == Tok::EndOfFile;
}
}  // namespace

Expr Parser::parse_object_literal() {
  next();  // {
  const bool saved = no_in_;
  no_in_ = false;
  const std::uint32_t targets = static_cast<std::uint32_t>(cover_targets_.size());
  while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
    const std::uint32_t begin = tok().begin;
    if (eat(Tok::Ellipsis)) {
      const std::uint32_t mark = static_cast<std::uint32_t>(cover_targets_.size());
      push_cover_target(parse_assignment(), mark);
    } else {
      bool is_async = false;
      bool is_generator = false;
      FunctionKind fk = FunctionKind::Method;
      if (at_kw(Kw::Async) && !ends_member_name(peek_kind()) && !peek().newline_before) {
        is_async = true;
        next();
      }
      if (eat(Tok::Star)) is_generator = true;
      if (!is_async && !is_generator && (at_kw(Kw::Get) || at_kw(Kw::Set)) &&
          !ends_member_name(peek_kind())) {
        fk = at_kw(Kw::Get) ? FunctionKind::Getter : FunctionKind::Setter;
        next();
      }
      const bool plain = !is_async && !is_generator && fk == FunctionKind::Method;
      if (plain && at(Tok::Identifier)) {
        const Tok after = peek_kind();
        if (after == Tok::Comma || after == Tok::RBrace || after == Tok::Eq) {
          // shorthand `{ a }`, or `{ a = 1 }` which only a pattern allows
          const std::uint32_t mark = static_cast<std::uint32_t>(cover_targets_.size());
          const Expr ref = parse_identifier_reference();
          if (eat(Tok::Eq)) parse_assignment();
          push_cover_target(ref, mark);
          if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}'");
          continue;
        }
      }
      parse_key(nullptr);
      if (at(Tok::LParen) || at(Tok::Less)) {
        parse_method(begin, fk, is_async, is_generator, false);
      } else if (!plain) {
        error("expected '(' after a method name");
      } else {
        expect(Tok::Colon, "expected ':' after a property name");
        const std::uint32_t mark = static_cast<std::uint32_t>(cover_targets_.size());
        push_cover_target(parse_assignment(), mark);
      }
    }
    if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}'");
  }
  no_in_ = saved;
  expect(Tok::RBrace, "expected '}'");
  Expr e;
  e.kind = Expr::ObjectLiteral;
  e.targets = targets;
  return e;
}

Expr Parser::parse_template(std::uint32_t begin) {
  (void)begin;
  if (at(Tok::NoSubstitutionTemplate)) {
    next();
    return {};
  }
  next();  // TemplateHead
  const bool saved = no_in_;
  no_in_ = false;
  while (!failed()) {
    parse_expression();
    if (!at(Tok::RBrace)) {
      error("expected '}' to close the template substitution");
      break;
    }
    lexer_.rescan_template_continuation();
    if (lexer_.failed()) {
      error_at(lexer_.error(), lexer_.error_offset());
      break;
    }
    const bool tail = at(Tok::TemplateTail);
    next();
    if (tail) break;
  }
  no_in_ = saved;
  return {};
}

}  // namespace xthreads
