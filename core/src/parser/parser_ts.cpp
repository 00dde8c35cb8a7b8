// TypeScript: types are skipped, never built (their ranges are recorded as erased); the
// declarations with run-time meaning (enum, namespace, import-equals) bind names.
#include "parser/parser.h"

namespace xthreads {

bool Parser::at_ts_modifier() const {
  if (!at(Tok::Identifier) || tok().escaped) return false;
  switch (tok().keyword) {
    case Kw::Public:
    case Kw::Private:
    case Kw::Protected:
    case Kw::Readonly:
    case Kw::Abstract:
    case Kw::Override:
    case Kw::Declare: return true;
    default: return false;
  }
}

void Parser::skip_type_annotation() {
  if (!typescript() || !at(Tok::Colon)) return;
  const std::uint32_t begin = tok().begin;
  next();
  skip_type();
  scopes_.erase({begin, previous_end_});
}

void Parser::skip_type() {
  if (!enter()) return;
  const bool saved = no_conditional_types_;
  if (at(Tok::Less)) {  // generic function type `<T>(x: T) => T`
    skip_type_parameters();
    skip_signature_parameters();
    expect(Tok::Arrow, "expected '=>' in a function type");
    skip_return_type();
    leave();
    return;
  }
  if (at_kw(Kw::New) || (at_kw(Kw::Abstract) && peek().keyword == Kw::New)) {
    if (at_kw(Kw::Abstract)) next();
    next();
    if (at(Tok::Less)) skip_type_parameters();
    skip_signature_parameters();
    expect(Tok::Arrow, "expected '=>' in a constructor type");
    skip_return_type();
    leave();
    return;
  }
  if (at(Tok::LParen) && !failed_before(Reading::FunctionType)) {
    const Speculation s = begin_speculation(Reading::FunctionType);
    skip_signature_parameters();
    if (!at(Tok::Arrow)) error("not a function type");
    if (end_speculation(s)) {
      next();
      skip_return_type();
      leave();
      return;
    }
  }
  skip_union_type();
  if (!saved && at_kw(Kw::Extends) && !tok().newline_before) {
    next();
    no_conditional_types_ = true;  // the operand of `extends` is not itself a conditional type
    skip_type();
    no_conditional_types_ = false;
    expect(Tok::Question, "expected '?' in a conditional type");
    skip_type();
    expect(Tok::Colon, "expected ':' in a conditional type");
    skip_type();
  }
  no_conditional_types_ = saved;
  leave();
}

void Parser::skip_union_type() {
  if (at(Tok::Pipe) || at(Tok::Amp)) next();
  skip_type_operator();
  while ((at(Tok::Pipe) || at(Tok::Amp)) && !failed()) {
    next();
    skip_type_operator();
  }
}

void Parser::skip_type_operator() {
  if (!enter()) return;
  if ((at_kw(Kw::Keyof) || at_kw(Kw::Unique) || at_kw(Kw::Readonly)) && !tok().escaped) {
    const Tok after = peek_kind();
    if (after != Tok::Comma && after != Tok::RParen && after != Tok::RBracket &&
        after != Tok::Greater && after != Tok::Semicolon && after != Tok::Eq &&
        after != Tok::Pipe && after != Tok::Amp && after != Tok::RBrace &&
        after != Tok::EndOfFile && after != Tok::Question && after != Tok::Colon &&
        after != Tok::Dot) {
      next();
      skip_type_operator();
      leave();
      return;
    }
  }
  if (at_kw(Kw::Infer)) {
    next();
    next();  // the inferred name
    if (at_kw(Kw::Extends) && no_conditional_types_) {
      // in the `extends` operand of a conditional type, `infer U extends X` has a constraint
      next();
      skip_type();
    } else if (at_kw(Kw::Extends) && !failed_before(Reading::InferConstraint)) {
      // elsewhere the constraint is only one if no `?` follows (else a conditional type starts)
      const Speculation s = begin_speculation(Reading::InferConstraint);
      next();
      no_conditional_types_ = true;
      skip_type();
      no_conditional_types_ = false;
      if (at(Tok::Question)) error("the constraint belongs to the conditional type");
      end_speculation(s);
    }
    leave();
    return;
  }
  skip_postfix_type();
  leave();
}

void Parser::skip_postfix_type() {
  skip_primary_type();
  while (!failed()) {
    if (at(Tok::LBracket) && !tok().newline_before) {
      next();
      if (!eat(Tok::RBracket)) {
        skip_type();
        expect(Tok::RBracket, "expected ']' in an indexed access type");
      }
    } else if (at(Tok::Bang)) {  // JSDoc's non-nullable postfix, accepted by tsc
      next();
    } else {
      break;
    }
  }
}

namespace {
bool is_type_name_token(const Token& t) {
  return t.kind == Tok::Identifier;
}

// After `readonly`, `get` or `set` in an object type, these mean the word is the member's name.
bool ends_type_member_name(Tok t) {
  return t == Tok::LParen || t == Tok::Colon || t == Tok::Question || t == Tok::Semicolon ||
         t == Tok::Comma || t == Tok::RBrace || t == Tok::Less || t == Tok::EndOfFile;
}
}  // namespace

void Parser::skip_primary_type() {
  // Inside brackets a conditional type is allowed again.
  struct AllowConditional {
    bool& flag;
    bool saved;
    explicit AllowConditional(bool& f) : flag(f), saved(f) {}
    ~AllowConditional() { flag = saved; }
  };
  const bool bracketed =
      at(Tok::LParen) || at(Tok::LBrace) || at(Tok::LBracket) || at(Tok::TemplateHead);
  AllowConditional allow(no_conditional_types_);
  if (bracketed) no_conditional_types_ = false;
  switch (kind()) {
    case Tok::LParen:
      next();
      skip_type();
      expect(Tok::RParen, "expected ')' in a type");
      return;
    case Tok::LBrace: skip_object_type(); return;
    case Tok::LBracket: skip_tuple_type(); return;
    case Tok::String:
    case Tok::Number:
    case Tok::BigInt:
    case Tok::NoSubstitutionTemplate: next(); return;
    case Tok::Minus:
      next();
      if (at(Tok::Number) || at(Tok::BigInt))
        next();
      else
        error("expected a number after '-' in a type");
      return;
    case Tok::TemplateHead:
      next();
      while (!failed()) {
        skip_type();
        if (!at(Tok::RBrace)) {
          error("expected '}' in a template literal type");
          return;
        }
        lexer_.rescan_template_continuation();
        const bool tail = at(Tok::TemplateTail);
        next();
        if (tail) return;
      }
      return;
    case Tok::Identifier: {
      if (at_kw(Kw::Typeof) && !tok().escaped) {
        next();
        if (at_kw(Kw::Import)) {
          skip_primary_type();
          return;
        }
        if (!is_type_name_token(tok()) && !at(Tok::PrivateName))
          error("expected a name after 'typeof'");
        next();
        while (at(Tok::Dot) && !failed()) {
          next();
          if (at(Tok::Identifier) || at(Tok::PrivateName))
            next();
          else
            error("expected a name after '.'");
        }
        if (at(Tok::Less) && !tok().newline_before) skip_type_arguments();
        return;
      }
      if (at_kw(Kw::Import) && !tok().escaped) {
        next();
        expect(Tok::LParen, "expected '(' after 'import' in a type");
        if (!eat(Tok::String)) error("expected a module specifier string");
        if (eat(Tok::Comma)) {  // import attributes in an import type
          if (at(Tok::LBrace)) {
            int depth = 0;
            do {
              if (at(Tok::LBrace)) ++depth;
              if (at(Tok::RBrace)) --depth;
              next();
            } while (depth > 0 && !at(Tok::EndOfFile) && !failed());
          }
          eat(Tok::Comma);
        }
        expect(Tok::RParen, "expected ')' in an import type");
        while (at(Tok::Dot) && !failed()) {
          next();
          next();
        }
        if (at(Tok::Less)) skip_type_arguments();
        return;
      }
      next();
      while (at(Tok::Dot) && !failed()) {
        next();
        if (at(Tok::Identifier))
          next();
        else
          error("expected a name after '.' in a type");
      }
      if (at(Tok::Less) && !tok().newline_before) skip_type_arguments();
      return;
    }
    default: error("expected a type"); return;
  }
}

void Parser::skip_object_type() {
  next();  // {
  // A mapped type: `{ readonly [K in T]?: U }`, `{ -readonly [K in T]-?: U }`
  {
    const Lexer::State saved = lexer_.save();
    bool mapped = false;
    if (at(Tok::Plus) || at(Tok::Minus)) lexer_.next();
    if (lexer_.token().kind == Tok::Identifier && lexer_.token().keyword == Kw::Readonly)
      lexer_.next();
    if (lexer_.token().kind == Tok::LBracket) {
      lexer_.next();
      if (lexer_.token().kind == Tok::Identifier) {
        lexer_.next();
        mapped = lexer_.token().kind == Tok::Identifier && lexer_.token().keyword == Kw::In;
      }
    }
    lexer_.restore(saved);
    if (!failed()) lexer_.clear_error();
    if (mapped) {
      if (at(Tok::Plus) || at(Tok::Minus)) next();
      if (at_kw(Kw::Readonly)) next();
      next();  // [
      next();  // K
      next();  // in
      skip_type();
      if (eat_kw(Kw::As)) skip_type();
      expect(Tok::RBracket, "expected ']' in a mapped type");
      if (at(Tok::Plus) || at(Tok::Minus)) next();
      eat(Tok::Question);
      if (eat(Tok::Colon)) skip_type();
      eat(Tok::Semicolon) || eat(Tok::Comma);
      expect(Tok::RBrace, "expected '}' to end a mapped type");
      return;
    }
  }
  while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
    skip_type_member();
    if (!eat(Tok::Semicolon) && !eat(Tok::Comma) && !at(Tok::RBrace) && !tok().newline_before) {
      error("expected ';' or '}' in an object type");
    }
  }
  expect(Tok::RBrace, "expected '}' to end an object type");
}

void Parser::skip_type_member() {
  if (!enter()) return;
  if (at(Tok::LParen) || at(Tok::Less)) {  // call signature
    if (at(Tok::Less)) skip_type_parameters();
    skip_signature_parameters();
    if (eat(Tok::Colon)) skip_return_type();
    leave();
    return;
  }
  if (at_kw(Kw::New)) {
    const Tok after = peek_kind();
    if (after == Tok::LParen || after == Tok::Less) {  // construct signature
      next();
      if (at(Tok::Less)) skip_type_parameters();
      skip_signature_parameters();
      if (eat(Tok::Colon)) skip_type();
      leave();
      return;
    }
  }
  while ((at_kw(Kw::Readonly) || at_kw(Kw::Get) || at_kw(Kw::Set) || at_ts_modifier()) &&
         !ends_type_member_name(peek_kind())) {
    next();
  }
  if (at(Tok::LBracket)) {
    const Lexer::State saved = lexer_.save();
    lexer_.next();
    bool signature = false;
    if (lexer_.token().kind == Tok::Identifier) {
      lexer_.next();
      signature = lexer_.token().kind == Tok::Colon;
    }
    lexer_.restore(saved);
    if (!failed()) lexer_.clear_error();
    if (signature) {  // index signature
      next();
      next();
      next();
      skip_type();
      expect(Tok::RBracket, "expected ']' in an index signature");
      if (eat(Tok::Colon)) skip_type();
      leave();
      return;
    }
    // A computed name such as `[Symbol.iterator]`: an expression in a type position, whose
    // references are not value references.
    const ScopeBuilder::Mark m = scopes_.mark();
    parse_key(nullptr);
    scopes_.rollback(m);
  } else if (at(Tok::Identifier) || at(Tok::String) || at(Tok::Number) || at(Tok::PrivateName) ||
             at(Tok::BigInt)) {
    next();
  } else {
    error("expected a member in an object type");
    leave();
    return;
  }
  eat(Tok::Question);
  if (at(Tok::LParen) || at(Tok::Less)) {  // method signature
    if (at(Tok::Less)) skip_type_parameters();
    skip_signature_parameters();
    if (eat(Tok::Colon)) skip_return_type();
  } else if (eat(Tok::Colon)) {
    skip_type();
  }
  leave();
}

void Parser::skip_tuple_type() {
  next();  // [
  while (!at(Tok::RBracket) && !at(Tok::EndOfFile) && !failed()) {
    eat(Tok::Ellipsis);
    if (at(Tok::Identifier)) {
      const Tok after = peek_kind();
      if (after == Tok::Colon) {  // labelled member `name: T`
        next();
        next();
      } else if (after == Tok::Question) {  // `name?: T` or the optional type `T?`
        const Lexer::State saved = lexer_.save();
        lexer_.next();
        lexer_.next();
        const bool labelled = lexer_.token().kind == Tok::Colon;
        lexer_.restore(saved);
        if (labelled) {
          next();
          next();
          next();
        }
      }
    }
    skip_type();
    eat(Tok::Question);
    if (!at(Tok::RBracket)) expect(Tok::Comma, "expected ',' or ']' in a tuple type");
  }
  expect(Tok::RBracket, "expected ']' to end a tuple type");
}

// `(a: T, { x }: U, ...rest: V[])` in a type: names and patterns bind nothing we track.
void Parser::skip_signature_parameters() {
  expect(Tok::LParen, "expected '('");
  while (!at(Tok::RParen) && !at(Tok::EndOfFile) && !failed()) {
    if (at(Tok::At)) {
      const ScopeBuilder::Mark m = scopes_.mark();
      parse_decorators();
      scopes_.rollback(m);
    }
    while (at_ts_modifier() && peek_kind() == Tok::Identifier) next();
    eat(Tok::Ellipsis);
    if (at(Tok::LBrace) || at(Tok::LBracket)) {
      const ScopeBuilder::Mark m = scopes_.mark();
      parse_binding_target(BindingKind::Parameter, {});
      scopes_.rollback(m);
    } else if (at(Tok::Identifier)) {
      next();
    } else {
      error("expected a parameter name");
      return;
    }
    eat(Tok::Question);
    if (eat(Tok::Colon)) skip_type();
    if (at(Tok::Eq)) {
      const ScopeBuilder::Mark m = scopes_.mark();
      next();
      parse_assignment();
      scopes_.rollback(m);
    }
    if (!at(Tok::RParen)) expect(Tok::Comma, "expected ',' or ')'");
  }
  expect(Tok::RParen, "expected ')'");
}

// A return type: also type predicates `x is T`, `asserts x`, `asserts x is T`, `this is T`.
// A conditional type is allowed here even inside the `extends` operand of another one.
void Parser::skip_return_type() {
  const bool saved = no_conditional_types_;
  no_conditional_types_ = false;
  skip_return_type_inner();
  no_conditional_types_ = saved;
}

void Parser::skip_return_type_inner() {
  if (at_kw(Kw::Asserts)) {
    const Token t = peek();
    if (t.kind == Tok::Identifier && !t.newline_before && t.keyword != Kw::Is) {
      next();
      next();
      if (at_kw(Kw::Is) && !tok().newline_before) {
        next();
        skip_type();
      }
      return;
    }
  }
  if (at(Tok::Identifier)) {
    const Token t = peek();
    if (t.kind == Tok::Identifier && t.keyword == Kw::Is && !t.newline_before) {
      next();
      next();
      skip_type();
      return;
    }
  }
  skip_type();
}

void Parser::skip_type_arguments() {
  const bool saved = no_conditional_types_;
  no_conditional_types_ = false;
  skip_type_argument_list();
  no_conditional_types_ = saved;
}

void Parser::skip_type_argument_list() {
  expect(Tok::Less, "expected '<'");
  while (!at(Tok::Greater) && !at(Tok::EndOfFile) && !failed()) {
    skip_type();
    if (!at(Tok::Greater)) expect(Tok::Comma, "expected ',' or '>' in type arguments");
  }
  expect(Tok::Greater, "expected '>' to end type arguments");
}

void Parser::skip_type_parameters() {
  expect(Tok::Less, "expected '<'");
  while (!at(Tok::Greater) && !at(Tok::EndOfFile) && !failed()) {
    while ((at_kw(Kw::Const) || at_kw(Kw::In) || at_kw(Kw::Out)) && peek_kind() == Tok::Identifier)
      next();
    if (!at(Tok::Identifier)) {
      error("expected a type parameter name");
      return;
    }
    next();
    if (eat_kw(Kw::Extends)) skip_type();
    if (eat(Tok::Eq)) skip_type();
    if (!at(Tok::Greater)) expect(Tok::Comma, "expected ',' or '>' in type parameters");
  }
  expect(Tok::Greater, "expected '>' to end type parameters");
}

// `f<T>(x)`, `new C<T>()`, `` f<T>`...` ``, `f<T>;` — or just `a < b`. Decided as tsc does.
bool Parser::try_skip_type_arguments_in_expression() {
  const std::uint32_t begin = tok().begin;
  if (failed_before(Reading::TypeArguments)) return false;
  const Speculation s = begin_speculation(Reading::TypeArguments);
  skip_type_arguments();
  if (!failed()) {
    switch (kind()) {
      case Tok::LParen:
      case Tok::NoSubstitutionTemplate:
      case Tok::TemplateHead: break;
      case Tok::Less:
      case Tok::Greater:
      case Tok::Plus:
      case Tok::Minus: error("not type arguments"); break;
      default:
        if (!(tok().newline_before || binary_operator_follows() || !at_start_of_expression())) {
          error("not type arguments");
        }
        break;
    }
  }
  if (!end_speculation(s)) return false;
  scopes_.erase({begin, previous_end_});
  return true;
}

bool Parser::binary_operator_follows() {
  switch (kind()) {
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
    case Tok::LessEq:
    case Tok::GreaterEq:
    case Tok::LessLess:
    case Tok::GreaterGreater:
    case Tok::GreaterGreaterGreater:
    case Tok::Star:
    case Tok::Slash:
    case Tok::Percent:
    case Tok::StarStar:
    case Tok::Eq: return true;
    case Tok::Identifier:
      return at_kw(Kw::In) || at_kw(Kw::Instanceof) || at_kw(Kw::As) || at_kw(Kw::Satisfies);
    default: return false;
  }
}

// ---- declarations -------------------------------------------------------------------------

bool Parser::parse_typescript_declaration(std::uint32_t begin, bool exported) {
  if (!typescript() || !at(Tok::Identifier) || tok().escaped) return false;
  const Token after = peek();
  const bool name_follows = after.kind == Tok::Identifier && !after.newline_before;
  switch (tok().keyword) {
    case Kw::Interface:
      if (!name_follows) return false;
      skip_interface();
      scopes_.erase({begin, previous_end_});
      return true;
    case Kw::Type:
      if (!name_follows) return false;
      skip_type_alias();
      scopes_.erase({begin, previous_end_});
      return true;
    case Kw::Enum:
      if (after.kind != Tok::Identifier) return false;
      parse_enum(begin, false);
      return true;
    case Kw::Const:
      if (after.keyword != Kw::Enum) return false;
      next();
      parse_enum(begin, true);
      return true;
    case Kw::Declare:
      if (!(after.kind == Tok::Identifier && !after.newline_before)) return false;
      parse_ambient(begin);
      return true;
    case Kw::Namespace:
    case Kw::Module:
      if (!((after.kind == Tok::Identifier || after.kind == Tok::String) && !after.newline_before))
        return false;
      parse_namespace(begin);
      return true;
    case Kw::Global:
      if (after.kind != Tok::LBrace) return false;
      parse_ambient(begin);
      return true;
    case Kw::Abstract:
      if (!(after.kind == Tok::Identifier && after.keyword == Kw::Class && !after.newline_before))
        return false;
      scopes_.erase({tok().begin, tok().end});
      next();
      parse_class(begin, true, exported);
      return true;
    default: return false;
  }
}

void Parser::skip_interface() {
  next();  // interface
  next();  // name
  if (at(Tok::Less)) skip_type_parameters();
  if (eat_kw(Kw::Extends)) {
    do {
      skip_type();
    } while (eat(Tok::Comma));
  }
  if (!at(Tok::LBrace)) {
    error("expected '{' to begin the interface body");
    return;
  }
  skip_object_type();
}

void Parser::skip_type_alias() {
  next();  // type
  next();  // name
  if (at(Tok::Less)) skip_type_parameters();
  expect(Tok::Eq, "expected '=' in a type alias");
  skip_type();
  consume_semicolon();
}

void Parser::parse_enum(std::uint32_t begin, bool is_const) {
  (void)is_const;
  next();  // enum
  const Id binding = declare_identifier(BindingKind::Enum, {begin, begin});
  const Id scope = scopes_.push(ScopeKind::Enum, tok().begin);
  expect(Tok::LBrace, "expected '{' to begin the enum body");
  while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
    Id member = kNone;
    if (at(Tok::Identifier)) {
      member = scopes_.declare_in(scope, tok().text, BindingKind::EnumMember,
                                  {tok().begin, tok().end}, {tok().begin, tok().end});
      next();
    } else if (at(Tok::String)) {
      const std::string_view text = tok().text;
      if (text.size() >= 2) {
        member = scopes_.declare_in(scope, text.substr(1, text.size() - 2), BindingKind::EnumMember,
                                    {tok().begin, tok().end}, {tok().begin, tok().end});
      }
      next();
    } else {
      parse_key(nullptr);
    }
    if (eat(Tok::Eq)) {
      const std::uint32_t value = tok().begin;
      parse_assignment();
      if (member != kNone) out_.bindings[member].initializer_range = {value, previous_end_};
    }
    if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}' in an enum");
  }
  const std::uint32_t end = tok().end;
  expect(Tok::RBrace, "expected '}' to end the enum body");
  scopes_.pop(end);
  if (binding != kNone) out_.bindings[binding].declaration = {begin, end};
  out_.runtime_ts.push_back({RuntimeTsKind::Enum, {begin, end}});
}

void Parser::parse_namespace(std::uint32_t begin) {
  next();                 // namespace / module
  if (at(Tok::String)) {  // `module "name" { }` only exists in ambient contexts
    parse_ambient(begin);
    return;
  }
  const Id binding = declare_identifier(BindingKind::Namespace, {begin, begin});
  int depth = 0;
  while (at(Tok::Dot) && !failed()) {  // `namespace A.B.C { }`: B is bound inside A
    next();
    scopes_.push(ScopeKind::Namespace, tok().begin);
    ++depth;
    declare_identifier(BindingKind::Namespace, {begin, begin});
  }
  scopes_.push(ScopeKind::Namespace, tok().begin);
  const bool saved_function = in_function_;
  expect(Tok::LBrace, "expected '{' to begin the namespace body");
  parse_statement_list(Tok::RBrace);
  const std::uint32_t end = tok().end;
  expect(Tok::RBrace, "expected '}' to end the namespace body");
  in_function_ = saved_function;
  scopes_.pop(end);
  for (int i = 0; i < depth; ++i) scopes_.pop(end);
  if (binding != kNone) out_.bindings[binding].declaration = {begin, end};
  out_.runtime_ts.push_back({RuntimeTsKind::Namespace, {begin, end}});
}

// `declare ...`, `declare global { }`, `declare module "m" { }`: nothing of it exists at run
// time. Parsed for its syntax, then forgotten and erased.
void Parser::parse_ambient(std::uint32_t begin) {
  const ScopeBuilder::Mark start = scopes_.mark();
  const bool saved_ambient = ambient_;
  ambient_ = true;
  if (at_kw(Kw::Declare)) next();
  if (at_kw(Kw::Global) || at(Tok::String)) {
    next();
    parse_ambient_module_body();
  } else if ((at_kw(Kw::Module) || at_kw(Kw::Namespace)) && peek_kind() == Tok::String) {
    next();
    next();
    parse_ambient_module_body();
  } else {
    parse_statement();
  }
  ambient_ = saved_ambient;
  scopes_.rollback(start);
  scopes_.erase({begin, previous_end_});
}

// The `{ ... }` of `declare global` / `declare module "m"`, or `;` when it has none.
void Parser::parse_ambient_module_body() {
  if (!at(Tok::LBrace)) {
    consume_semicolon();
    return;
  }
  scopes_.push(ScopeKind::Namespace, tok().begin);
  next();
  parse_statement_list(Tok::RBrace);
  expect(Tok::RBrace, "expected '}'");
  scopes_.pop(previous_end_);
}

// `import x = require("m")` / `import x = A.B.C` (after `import`, at the name).
void Parser::parse_import_equals(std::uint32_t begin) {
  const Id binding = declare_identifier(BindingKind::ImportEquals, {begin, begin});
  expect(Tok::Eq, "expected '='");
  if (at_kw(Kw::Require) && peek_kind() == Tok::LParen) {
    next();
    next();
    const Range specifier{tok().begin, tok().end};
    if (!eat(Tok::String)) error("expected a module specifier string");
    expect(Tok::RParen, "expected ')'");
    if (binding != kNone) {
      out_.bindings[binding].initializer = InitializerKind::Require;
      out_.imports.push_back({binding, specifier, {}, true, {}});
    }
  } else {
    parse_identifier_reference();
    while (eat(Tok::Dot)) {
      if (at(Tok::Identifier))
        next();
      else
        error("expected a name after '.'");
    }
  }
  consume_semicolon();
  if (binding != kNone) out_.bindings[binding].declaration = {begin, previous_end_};
  out_.runtime_ts.push_back({RuntimeTsKind::ImportEquals, {begin, previous_end_}});
}

}  // namespace xthreads
