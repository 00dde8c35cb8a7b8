// Functions, methods, parameters, classes and decorators.
#include "parser/parser.h"

namespace xthreads {

Expr Parser::parse_function(std::uint32_t begin, bool is_async, bool declaration,
                            bool name_optional) {
  const ScopeBuilder::Mark start = scopes_.mark();
  next();  // function
  const bool is_generator = eat(Tok::Star);
  Function fn;
  fn.kind = declaration ? FunctionKind::Declaration : FunctionKind::Expression;
  fn.is_async = is_async;
  fn.is_generator = is_generator;
  fn.range = {begin, begin};
  Id name_binding = kNone;
  bool name_scope = false;
  Id f = kNone;
  // A generator expression's own name follows the generator's rules; a declaration's name
  // follows the enclosing context's.
  const bool saved_async = in_async_;
  const bool saved_generator = in_generator_;
  if (!declaration) {
    in_async_ = is_async;
    in_generator_ = is_generator;
  }
  const bool has_name = at_identifier();
  in_async_ = saved_async;
  in_generator_ = saved_generator;
  if (has_name) {
    if (declaration) {
      name_binding = scopes_.declare(tok().text, BindingKind::Function, {tok().begin, tok().end},
                                     {begin, begin});
      f = scopes_.add_function(fn);
    } else {
      f = scopes_.add_function(fn);
      scopes_.push(ScopeKind::FunctionName, begin, f);
      name_scope = true;
      name_binding = scopes_.declare(tok().text, BindingKind::Function, {tok().begin, tok().end},
                                     {begin, begin});
    }
    next();
  } else {
    if (declaration && !name_optional) error("expected a function name");
    f = scopes_.add_function(fn);
  }
  out_.functions[f].name_binding = name_binding;
  const Id scope = scopes_.push(ScopeKind::Function, begin, f);
  out_.functions[f].scope = scope;
  bool had_body = true;
  parse_function_rest(f, scope, begin, typescript() && declaration, &had_body);
  scopes_.pop(previous_end_);
  if (name_scope) scopes_.pop(previous_end_);
  const Range range{begin, previous_end_};
  if (!had_body) {
    // An overload signature or a `declare function`: erased, declares nothing.
    scopes_.rollback(start);
    scopes_.erase(range);
    return {};
  }
  out_.functions[f].range = range;
  if (name_binding != kNone) {
    out_.bindings[name_binding].declaration = range;
    out_.bindings[name_binding].function = f;
  }
  Expr e;
  e.init = InitializerKind::Function;
  e.function = f;
  return e;
}

void Parser::parse_function_rest(Id f, Id scope, std::uint32_t begin, bool allow_no_body,
                                 bool* had_body) {
  (void)scope;
  (void)begin;
  const FunctionKind kind = out_.functions[f].kind;
  const bool method = kind == FunctionKind::Method || kind == FunctionKind::Getter ||
                      kind == FunctionKind::Setter || kind == FunctionKind::Constructor;
  FunctionContext saved =
      enter_function(out_.functions[f].is_async, out_.functions[f].is_generator, method);
  if (at(Tok::Less) && typescript()) {
    const std::uint32_t b = tok().begin;
    skip_type_parameters();
    scopes_.erase({b, previous_end_});
  }
  out_.functions[f].length = parse_formal_parameters(kind == FunctionKind::Constructor);
  if (typescript() && at(Tok::Colon)) {
    const std::uint32_t b = tok().begin;
    next();
    skip_return_type();
    scopes_.erase({b, previous_end_});
  }
  if (at(Tok::LBrace)) {
    parse_function_body(f);
    *had_body = true;
  } else if (allow_no_body) {
    consume_semicolon();
    *had_body = false;
  } else {
    error("expected '{' to begin the function body");
  }
  out_.functions[f].range.end = previous_end_;
  leave_function(std::move(saved));
}

void Parser::parse_function_body(Id f) {
  const std::uint32_t begin = tok().begin;
  expect(Tok::LBrace, "expected '{'");
  scopes_.push(ScopeKind::FunctionBody, begin, f);
  const std::uint32_t saved_targets = static_cast<std::uint32_t>(cover_targets_.size());
  parse_statement_list(Tok::RBrace);
  cover_targets_.resize(saved_targets);
  const std::uint32_t end = tok().end;
  expect(Tok::RBrace, "expected '}' to end the function body");
  scopes_.pop(end);
  out_.functions[f].body = {begin, end};
}

std::uint16_t Parser::parse_formal_parameters(bool constructor) {
  (void)constructor;
  std::uint16_t length = 0;
  bool counting = true;  // no default value or rest parameter yet
  expect(Tok::LParen, "expected '(' to begin the parameters");
  while (!at(Tok::RParen) && !at(Tok::EndOfFile) && !failed()) {
    const std::uint32_t begin = tok().begin;
    if (at(Tok::At)) {
      // Parameter decorators run when the class is defined: their references belong to the
      // scope around the function, not to the function.
      const std::size_t first = out_.references.size();
      parse_decorators();
      const Id outside = out_.scopes[scopes_.current()].parent;
      for (std::size_t r = first; r < out_.references.size(); ++r) {
        if (out_.references[r].scope == scopes_.current()) out_.references[r].scope = outside;
      }
    }
    if (typescript()) {
      bool property = false;
      const std::uint32_t modifiers = tok().begin;
      while (at_ts_modifier()) {
        const Tok after = peek_kind();
        if (after == Tok::Comma || after == Tok::RParen || after == Tok::Colon ||
            after == Tok::Eq || after == Tok::Question) {
          break;  // the modifier word is the parameter's name
        }
        property = true;
        next();
      }
      if (property) {
        scopes_.erase({modifiers, tok().begin});
        out_.runtime_ts.push_back({RuntimeTsKind::ParameterProperty, {modifiers, tok().end}});
      }
      if (at_kw(Kw::This)) {  // `this: T` is erased
        next();
        skip_type_annotation();
        const std::uint32_t end = at(Tok::Comma) ? tok().end : previous_end_;
        eat(Tok::Comma);
        scopes_.erase({begin, end});
        continue;
      }
    }
    const bool rest = eat(Tok::Ellipsis);
    parse_binding_target(BindingKind::Parameter, {begin, begin});
    if (rest && !at(Tok::RParen) && !(typescript() && (at(Tok::Colon) || at(Tok::Question)))) {
      error("a rest parameter must be the last parameter");
    }
    if (typescript() && at(Tok::Question)) {
      scopes_.erase({tok().begin, tok().end});
      next();
    }
    skip_type_annotation();
    const bool with_default = !rest && eat(Tok::Eq);
    if (with_default) parse_assignment();
    counting = counting && !rest && !with_default;
    if (counting && length != 0xFFFF) ++length;
    if (rest && !at(Tok::RParen)) error("a rest parameter must be the last parameter");
    if (!at(Tok::RParen)) expect(Tok::Comma, "expected ',' or ')' in the parameters");
  }
  expect(Tok::RParen, "expected ')' to end the parameters");
  return length;
}

bool Parser::parse_method(std::uint32_t begin, FunctionKind kind, bool is_async, bool is_generator,
                          bool allow_no_body) {
  Function fn;
  fn.kind = kind;
  fn.is_async = is_async;
  fn.is_generator = is_generator;
  fn.range = {begin, begin};
  const Id f = scopes_.add_function(fn);
  const Id scope = scopes_.push(ScopeKind::Function, begin, f);
  out_.functions[f].scope = scope;
  bool had_body = true;
  parse_function_rest(f, scope, begin, allow_no_body, &had_body);
  scopes_.pop(previous_end_);
  return had_body;
}

// ---- classes ------------------------------------------------------------------------------

Expr Parser::parse_class(std::uint32_t begin, bool declaration, bool name_optional) {
  next();  // class
  std::string_view name;
  Range name_range;
  Id outer = kNone;
  const bool named =
      at_identifier() && !at_kw(Kw::Extends) && !(typescript() && at_kw(Kw::Implements));
  if (named) {
    name = tok().text;
    name_range = {tok().begin, tok().end};
    if (declaration) outer = scopes_.declare(name, BindingKind::Class, name_range, {begin, begin});
    next();
  } else if (declaration && !name_optional) {
    error("expected a class name");
  }
  const Id scope = scopes_.push(ScopeKind::Class, begin);
  Id inner = kNone;
  if (named)
    inner = scopes_.declare_in(scope, name, BindingKind::Class, name_range, {begin, begin});
  if (typescript() && at(Tok::Less)) {
    const std::uint32_t b = tok().begin;
    skip_type_parameters();
    scopes_.erase({b, previous_end_});
  }
  if (eat_kw(Kw::Extends)) {
    parse_lhs(true);
    if (typescript() && at(Tok::Less)) {
      const std::uint32_t b = tok().begin;
      skip_type_arguments();
      scopes_.erase({b, previous_end_});
    }
  }
  if (typescript() && at_kw(Kw::Implements)) {
    const std::uint32_t b = tok().begin;
    next();
    do {
      skip_type();
    } while (eat(Tok::Comma));
    scopes_.erase({b, previous_end_});
  }
  const bool saved_field = in_class_field_;
  expect(Tok::LBrace, "expected '{' to begin the class body");
  private_names_.emplace_back();
  while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) parse_class_member();
  in_class_field_ = saved_field;
  PrivateNames names = std::move(private_names_.back());
  private_names_.pop_back();
  for (const auto& [used, offset] : names.used) {
    bool found = false;
    for (std::string_view d : names.declared) found = found || d == used;
    if (!found) use_private_name(used, offset);  // an enclosing class may declare it
  }
  const std::uint32_t end = tok().end;
  expect(Tok::RBrace, "expected '}' to end the class body");
  scopes_.pop(end);
  if (outer != kNone) out_.bindings[outer].declaration = {begin, end};
  if (inner != kNone) out_.bindings[inner].declaration = {begin, end};
  Expr e;
  e.init = InitializerKind::Class;
  return e;
}

namespace {
// After a modifier word in a class body, these tokens mean the word is the member's name.
bool ends_class_member_name(const Token& t) {
  return t.kind == Tok::LParen || t.kind == Tok::Eq || t.kind == Tok::Semicolon ||
         t.kind == Tok::RBrace || t.kind == Tok::Colon || t.kind == Tok::Question ||
         t.kind == Tok::Bang || t.kind == Tok::Less || t.kind == Tok::EndOfFile;
}
}  // namespace

void Parser::parse_class_member() {
  const std::uint32_t begin = tok().begin;
  const ScopeBuilder::Mark start = scopes_.mark();
  if (eat(Tok::Semicolon)) return;
  if (at(Tok::At)) parse_decorators();
  bool is_static = false;
  bool erased = false;  // abstract or declare members are erased
  while (true) {
    if (at_kw(Kw::Static)) {
      const Token t = peek();
      if (t.kind == Tok::LBrace) {  // static block
        next();
        const std::uint32_t b = tok().begin;
        next();
        scopes_.push(ScopeKind::StaticBlock, b);
        FunctionContext saved = enter_function(false, false, true);
        parse_statement_list(Tok::RBrace);
        leave_function(std::move(saved));
        const std::uint32_t end = tok().end;
        expect(Tok::RBrace, "expected '}' to end the static block");
        scopes_.pop(end);
        return;
      }
      if (ends_class_member_name(t)) break;
      is_static = true;
      next();
      continue;
    }
    if (at_kw(Kw::Accessor) && !ends_class_member_name(peek()) && !peek().newline_before) {
      next();
      continue;
    }
    if (typescript() && at_ts_modifier() && !ends_class_member_name(peek())) {
      if (at_kw(Kw::Abstract) || at_kw(Kw::Declare)) erased = true;
      const std::uint32_t b = tok().begin;
      next();
      scopes_.erase({b, tok().begin});
      continue;
    }
    break;
  }
  bool is_async = false;
  bool is_generator = false;
  FunctionKind fk = FunctionKind::Method;
  if (at_kw(Kw::Async) && !ends_class_member_name(peek()) && !peek().newline_before) {
    is_async = true;
    next();
  }
  if (eat(Tok::Star)) is_generator = true;
  if (!is_async && !is_generator && (at_kw(Kw::Get) || at_kw(Kw::Set)) &&
      !ends_class_member_name(peek())) {
    fk = at_kw(Kw::Get) ? FunctionKind::Getter : FunctionKind::Setter;
    next();
  }
  if (typescript() && at(Tok::LBracket)) {
    // An index signature `[key: string]: T` is erased; `[expr]` is a computed key.
    const Lexer::State saved = lexer_.save();
    lexer_.next();
    bool signature = false;
    if (lexer_.token().kind == Tok::Identifier) {
      lexer_.next();
      signature = lexer_.token().kind == Tok::Colon;
    }
    lexer_.restore(saved);
    if (!failed()) lexer_.clear_error();
    if (signature) {
      next();
      next();
      next();
      skip_type();
      expect(Tok::RBracket, "expected ']' after an index signature's parameter");
      skip_type_annotation();
      consume_semicolon();
      scopes_.rollback(start);
      scopes_.erase({begin, previous_end_});
      return;
    }
  }
  if (at(Tok::PrivateName)) private_names_.back().declared.push_back(tok().text);
  const bool constructor_name = at(Tok::Identifier) && tok().text == "constructor";
  const bool string_constructor =
      at(Tok::String) && tok().text.size() == 13 && tok().text.substr(1, 11) == "constructor";
  parse_key(nullptr);
  if (typescript() && (at(Tok::Question) || at(Tok::Bang))) {
    scopes_.erase({tok().begin, tok().end});
    next();
  }
  if (at(Tok::LParen) || at(Tok::Less)) {
    if (fk == FunctionKind::Method && !is_static && (constructor_name || string_constructor)) {
      fk = FunctionKind::Constructor;
    }
    const bool had_body = parse_method(begin, fk, is_async, is_generator, typescript());
    if (!had_body || erased) {
      scopes_.rollback(start);
      scopes_.erase({begin, previous_end_});
    }
    return;
  }
  if (is_async || is_generator || fk != FunctionKind::Method)
    error("expected '(' after a method name");
  const bool annotated = typescript() && at(Tok::Colon);
  skip_type_annotation();
  if (annotated && !at(Tok::Eq) && !at(Tok::Semicolon) && !at(Tok::RBrace)) {
    // `get: T` then a line break: without its type, the field needs a `;` (`get` could
    // otherwise begin an accessor). The last byte of the erased type has room for it.
    out_.field_semicolons.push_back(previous_end_ - 1);
  }
  if (at(Tok::Eq)) {
    const std::uint32_t b = tok().begin;
    next();
    // A static field's initializer runs when the class is evaluated, like a static block.
    scopes_.push(is_static ? ScopeKind::StaticBlock : ScopeKind::FieldInitializer, b);
    FunctionContext saved = enter_function(false, false, true);
    in_class_field_ = true;
    parse_assignment();
    leave_function(std::move(saved));
    scopes_.pop(previous_end_);
  }
  consume_semicolon();
  if (erased) {
    scopes_.rollback(start);
    scopes_.erase({begin, previous_end_});
  }
}

void Parser::parse_decorators() {
  while (at(Tok::At) && !failed()) parse_decorator();
}

// `@name`, `@a.b.c`, `@a.b(args)`, `@(expression)`; TypeScript also allows type arguments.
void Parser::parse_decorator() {
  next();  // @
  if (at(Tok::LParen)) {
    next();
    parse_expression();
    expect(Tok::RParen, "expected ')'");
  } else {
    parse_identifier_reference();
    while (eat(Tok::Dot)) {
      if (at(Tok::Identifier) || at(Tok::PrivateName))
        next();
      else
        error("expected a name after '.' in a decorator");
    }
  }
  if (typescript() && at(Tok::Less)) try_skip_type_arguments_in_expression();
  while (at(Tok::LParen) && !failed()) {
    parse_arguments(kNone);
    while (eat(Tok::Dot)) {
      if (at(Tok::Identifier))
        next();
      else
        error("expected a name after '.' in a decorator");
    }
  }
}

}  // namespace xthreads
