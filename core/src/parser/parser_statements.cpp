// Statements, declarations of variables, patterns, and modules (import / export).
#include "parser/parser.h"

namespace xthreads {

void Parser::parse_statement_list(Tok end) {
  while (!at(end) && !at(Tok::EndOfFile) && !failed()) parse_statement(true);
}

void Parser::parse_block(ScopeKind scope_kind) {
  const std::uint32_t begin = tok().begin;
  expect(Tok::LBrace, "expected '{'");
  scopes_.push(scope_kind, begin);
  parse_statement_list(Tok::RBrace);
  const std::uint32_t end = tok().end;
  expect(Tok::RBrace, "expected '}'");
  scopes_.pop(end);
}

bool Parser::at_let_declaration() {
  if (!at_kw(Kw::Let)) return false;
  const Token t = peek();
  // `let` followed by a name or a pattern declares; `let` alone is an identifier (sloppy code).
  return t.kind == Tok::LBracket || t.kind == Tok::LBrace ||
         (t.kind == Tok::Identifier && !(t.keyword == Kw::In || t.keyword == Kw::Instanceof) &&
          !(t.keyword == Kw::Of && !t.escaped));
}

bool Parser::at_using_declaration() {
  if (!at_kw(Kw::Using)) return false;
  const Token t = peek();
  return t.kind == Tok::Identifier && !t.newline_before && !(t.keyword == Kw::In) &&
         !(t.keyword == Kw::Of && !t.escaped) && !(t.keyword == Kw::Instanceof);
}

bool Parser::at_await_using_declaration() {
  if (!at_kw(Kw::Await) || !in_async_) return false;
  const Lexer::State saved = lexer_.save();
  lexer_.next();
  bool result = false;
  if (lexer_.token().kind == Tok::Identifier && lexer_.token().keyword == Kw::Using &&
      !lexer_.token().newline_before) {
    lexer_.next();
    result = lexer_.token().kind == Tok::Identifier && !lexer_.token().newline_before;
  }
  lexer_.restore(saved);
  if (!failed()) lexer_.clear_error();
  return result;
}

void Parser::parse_statement(bool top_level) {
  (void)top_level;
  if (!enter()) return;
  const std::uint32_t begin = tok().begin;
  switch (kind()) {
    case Tok::LBrace: parse_block(); break;
    case Tok::Semicolon: next(); break;
    case Tok::At:
      parse_decorators();
      if (at_kw(Kw::Export)) {
        parse_export();
      } else if (at_kw(Kw::Abstract) && typescript()) {
        scopes_.erase({tok().begin, tok().end});
        next();
        parse_class(begin, true, false);
      } else if (at_kw(Kw::Class)) {
        parse_class(begin, true, false);
      } else {
        error("expected a class after decorators");
      }
      break;
    case Tok::Identifier: {
      if (tok().escaped) {
        parse_labelled_or_expression();
        break;
      }
      switch (tok().keyword) {
        case Kw::Var:
          next();
          parse_variable_statement(BindingKind::Var, begin);
          break;
        case Kw::Const:
          if (typescript() && peek().keyword == Kw::Enum) {
            next();
            parse_enum(begin, true);
            break;
          }
          next();
          parse_variable_statement(BindingKind::Const, begin);
          break;
        case Kw::Let:
        case Kw::Using:
        case Kw::Await: {
          // Contextual words: a declaration only when a name or pattern follows.
          const Kw word = tok().keyword;
          const bool declaration = word == Kw::Let     ? at_let_declaration()
                                   : word == Kw::Using ? at_using_declaration()
                                                       : at_await_using_declaration();
          if (!declaration) {
            parse_labelled_or_expression();
            break;
          }
          if (word == Kw::Await) next();  // `await using`
          next();
          parse_variable_statement(word == Kw::Let ? BindingKind::Let : BindingKind::Using, begin);
          break;
        }
        case Kw::Function: parse_function(begin, false, true, false); break;
        case Kw::Async: {
          const Token t = peek();
          if (t.kind == Tok::Identifier && t.keyword == Kw::Function && !t.newline_before) {
            next();
            parse_function(begin, true, true, false);
          } else {
            parse_labelled_or_expression();
          }
          break;
        }
        case Kw::Class: parse_class(begin, true, false); break;
        case Kw::If: parse_if(); break;
        case Kw::For: parse_for(); break;
        case Kw::While: {
          next();
          expect(Tok::LParen, "expected '(' after 'while'");
          parse_expression();
          expect(Tok::RParen, "expected ')'");
          parse_loop_body();
          break;
        }
        case Kw::Do: {
          next();
          parse_loop_body();
          if (!eat_kw(Kw::While)) error("expected 'while' after the body of 'do'");
          expect(Tok::LParen, "expected '(' after 'while'");
          parse_expression();
          expect(Tok::RParen, "expected ')'");
          eat(Tok::Semicolon);  // `do ... while (x)` needs no semicolon
          break;
        }
        case Kw::Switch: parse_switch(); break;
        case Kw::Try: parse_try(); break;
        case Kw::Return:
          next();
          if (!at(Tok::Semicolon) && !at(Tok::RBrace) && !at(Tok::EndOfFile) &&
              !tok().newline_before) {
            parse_expression();
          }
          consume_semicolon();
          break;
        case Kw::Throw:
          next();
          if (tok().newline_before) error("a line break is not allowed after 'throw'");
          parse_expression();
          consume_semicolon();
          break;
        case Kw::Break:
        case Kw::Continue: {
          const bool is_break = at_kw(Kw::Break);
          next();
          if (at(Tok::Identifier) && !tok().newline_before && !is_reserved_word(tok().keyword)) {
            bool known = false;
            for (std::string_view label : jumps_.labels) known = known || label == tok().text;
            if (!known) error("no enclosing statement has this label");
            next();
          } else if (is_break ? jumps_.breakables == 0 : jumps_.loops == 0) {
            error_at(is_break ? "'break' is only valid inside a loop or a switch"
                              : "'continue' is only valid inside a loop",
                     begin);
          }
          consume_semicolon();
          break;
        }
        case Kw::With: {
          const Range keyword{tok().begin, tok().end};
          next();
          expect(Tok::LParen, "expected '(' after 'with'");
          parse_expression();
          expect(Tok::RParen, "expected ')'");
          scopes_.dynamic(DynamicScopeKind::With, keyword);
          parse_statement();
          break;
        }
        case Kw::Debugger:
          next();
          consume_semicolon();
          break;
        case Kw::Import: {
          const Tok t = peek_kind();
          if (t == Tok::LParen || t == Tok::Dot) {
            parse_labelled_or_expression();
          } else if (at_module_level()) {
            parse_import();
          } else {
            error("an import declaration is only allowed at the top level of a module");
          }
          break;
        }
        case Kw::Export:
          if (!at_module_level()) {
            error("an export declaration is only allowed at the top level of a module");
            break;
          }
          parse_export();
          break;
        default:
          if (!parse_typescript_declaration(begin, false)) parse_labelled_or_expression();
          break;
      }
      break;
    }
    default: parse_labelled_or_expression(); break;
  }
  leave();
}

bool Parser::at_module_level() const {
  const ScopeKind k = out_.scopes[scopes_.current()].kind;
  return k == ScopeKind::Module || k == ScopeKind::Namespace;
}

void Parser::parse_substatement(bool if_body) {
  if (if_body && at_kw(Kw::Function) && !typescript()) {
    // Annex B (sloppy scripts): the function is declared in the scope around the `if`, as
    // engines and scope analysers treat it.
    parse_function(tok().begin, false, true, false);
    return;
  }
  if (at_kw(Kw::Function) || at_kw(Kw::Class) ||
      ((at_kw(Kw::Const) || at_let_declaration()) && !tok().escaped)) {
    error("a declaration cannot be the body of a statement here: wrap it in braces");
    return;
  }
  parse_statement();
}

void Parser::parse_loop_body() {
  ++jumps_.loops;
  ++jumps_.breakables;
  parse_substatement();
  --jumps_.loops;
  --jumps_.breakables;
}

void Parser::parse_labelled_or_expression() {
  if (at_identifier() && peek_kind() == Tok::Colon) {
    jumps_.labels.push_back(tok().text);  // a label is not a reference
    next();
    next();
    if (at_kw(Kw::Function)) {
      parse_function(tok().begin, false, true, false);
    } else {
      parse_statement();
    }
    jumps_.labels.pop_back();
    return;
  }
  parse_expression();
  consume_semicolon();
}

void Parser::parse_if() {
  next();
  expect(Tok::LParen, "expected '(' after 'if'");
  parse_expression();
  expect(Tok::RParen, "expected ')'");
  parse_substatement(true);
  if (eat_kw(Kw::Else)) parse_substatement(true);
}

void Parser::parse_for() {
  const std::uint32_t begin = tok().begin;
  next();
  if (at_kw(Kw::Await)) next();
  expect(Tok::LParen, "expected '(' after 'for'");
  scopes_.push(ScopeKind::For, begin);
  const bool saved_no_in = no_in_;
  no_in_ = true;
  bool each = false;  // for-in or for-of
  const std::uint32_t head = tok().begin;
  if (at(Tok::Semicolon)) {
    // no initializer
  } else if (at_kw(Kw::Var) || at_kw(Kw::Const) || at_let_declaration() || at_using_declaration() ||
             at_await_using_declaration()) {
    BindingKind k = BindingKind::Var;
    if (at_kw(Kw::Const))
      k = BindingKind::Const;
    else if (at_kw(Kw::Let))
      k = BindingKind::Let;
    else if (at_kw(Kw::Using))
      k = BindingKind::Using;
    else if (at_kw(Kw::Await)) {
      k = BindingKind::Using;
      next();
    }
    next();
    parse_variable_declaration(k, head, true);
    each = at_kw(Kw::Of) || at_kw(Kw::In);
  } else {
    const Expr target = parse_expression();
    if (at_kw(Kw::Of) || at_kw(Kw::In)) {
      mark_assignment_target(target, false);
      each = true;
    }
  }
  no_in_ = false;
  if (each) {
    const bool of = at_kw(Kw::Of);
    next();
    if (of)
      parse_assignment();
    else
      parse_expression();
  } else {
    expect(Tok::Semicolon, "expected ';' in the head of 'for'");
    if (!at(Tok::Semicolon)) parse_expression();
    expect(Tok::Semicolon, "expected ';' in the head of 'for'");
    if (!at(Tok::RParen)) parse_expression();
  }
  no_in_ = saved_no_in;
  expect(Tok::RParen, "expected ')' after the head of 'for'");
  parse_loop_body();
  scopes_.pop(previous_end_);
}

void Parser::parse_switch() {
  next();
  expect(Tok::LParen, "expected '(' after 'switch'");
  parse_expression();
  expect(Tok::RParen, "expected ')'");
  const std::uint32_t begin = tok().begin;
  expect(Tok::LBrace, "expected '{' after 'switch (...)'");
  scopes_.push(ScopeKind::Block, begin);
  ++jumps_.breakables;
  while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
    if (eat_kw(Kw::Case)) {
      parse_expression();
    } else if (!eat_kw(Kw::Default)) {
      error("expected 'case' or 'default'");
      break;
    }
    expect(Tok::Colon, "expected ':' after the case");
    while (!at(Tok::RBrace) && !at_kw(Kw::Case) && !at_kw(Kw::Default) && !at(Tok::EndOfFile) &&
           !failed()) {
      parse_statement(true);
    }
  }
  --jumps_.breakables;
  const std::uint32_t end = tok().end;
  expect(Tok::RBrace, "expected '}'");
  scopes_.pop(end);
}

void Parser::parse_try() {
  next();
  parse_block();
  bool handled = false;
  if (at_kw(Kw::Catch)) {
    handled = true;
    const std::uint32_t begin = tok().begin;
    next();
    scopes_.push(ScopeKind::Catch, begin);
    if (eat(Tok::LParen)) {
      parse_binding_target(BindingKind::Catch, {begin, begin});
      skip_type_annotation();
      expect(Tok::RParen, "expected ')' after the catch parameter");
    }
    expect(Tok::LBrace, "expected '{' after 'catch'");
    parse_statement_list(Tok::RBrace);
    const std::uint32_t end = tok().end;
    expect(Tok::RBrace, "expected '}'");
    scopes_.pop(end);
  }
  if (eat_kw(Kw::Finally)) {
    handled = true;
    parse_block();
  }
  if (!handled) error("expected 'catch' or 'finally' after 'try'");
}

// ---- variables and patterns ------------------------------------------------------------

void Parser::set_declarations(std::uint32_t first_binding, Id scope, BindingKind kind,
                              Range declaration, const Expr* initializer, Range initializer_range,
                              std::uint32_t statement) {
  const bool require = initializer && initializer->init == InitializerKind::Require &&
                       out_.scopes[scope].kind == ScopeKind::Module;
  for (std::size_t b = first_binding; b < out_.bindings.size(); ++b) {
    Binding& binding = out_.bindings[b];
    if (binding.scope != scope || binding.kind != kind) continue;  // names inside defaults
    binding.declaration = declaration;
    binding.statement = {statement, declaration.end};
    binding.initializer_range = initializer_range;
    if (initializer) {
      binding.initializer = initializer->init;
      if (initializer->init == InitializerKind::Function ||
          initializer->init == InitializerKind::Arrow) {
        binding.function = initializer->function;
      }
    }
    if (!require) continue;
    // The whole module (`const x = require("m")`), or one property of it for a direct child of
    // an object pattern (`const {a, b: c} = require("m")`); anything deeper is a plain value.
    bool whole = binding.name_range.begin == declaration.begin;
    std::string_view imported;
    bool keyed = false;
    for (const auto& [id, key] : pattern_keys_) {
      if (id == b) {
        imported = key;
        keyed = true;
      }
    }
    if (whole || keyed) {
      out_.imports.push_back(
          {static_cast<Id>(b), initializer->string_argument, imported, true, {}});
    } else {
      binding.initializer = InitializerKind::Other;
    }
  }
}

void Parser::close_statement(std::uint32_t first_binding, std::uint32_t statement_begin) {
  for (std::size_t b = first_binding; b < out_.bindings.size(); ++b) {
    if (out_.bindings[b].statement.begin == statement_begin) {
      out_.bindings[b].statement.end = previous_end_;
    }
  }
}

void Parser::parse_variable_declaration(BindingKind kind, std::uint32_t begin, bool in_for_head) {
  (void)begin;
  do {
    const std::uint32_t declarator = tok().begin;
    const std::uint32_t first_binding = static_cast<std::uint32_t>(out_.bindings.size());
    pattern_keys_.clear();  // keys of this declarator's pattern (see set_declarations)
    parse_binding_target(kind, {declarator, declarator});
    const Id scope =
        out_.bindings.size() > first_binding ? out_.bindings[first_binding].scope : kNone;
    if (typescript() && at(Tok::Bang)) {  // definite assignment `let x!: T`
      scopes_.erase({tok().begin, tok().end});
      next();
    }
    skip_type_annotation();
    Expr init;
    bool has_init = false;
    Range init_range{};
    if (eat(Tok::Eq)) {
      init_range.begin = tok().begin;
      init = parse_assignment();
      init_range.end = previous_end_;
      has_init = true;
    } else if ((kind == BindingKind::Const || kind == BindingKind::Using) && !ambient_ &&
               !(in_for_head && (at_kw(Kw::Of) || at_kw(Kw::In)))) {
      error(kind == BindingKind::Const ? "a 'const' declaration needs an initializer"
                                       : "a 'using' declaration needs an initializer");
    }
    if (scope != kNone) {
      set_declarations(first_binding, scope, kind, {declarator, previous_end_},
                       has_init ? &init : nullptr, init_range, begin);
    }
  } while (eat(Tok::Comma));
}

void Parser::parse_variable_statement(BindingKind kind, std::uint32_t begin) {
  const std::uint32_t first_binding = static_cast<std::uint32_t>(out_.bindings.size());
  parse_variable_declaration(kind, begin, false);
  consume_semicolon();
  close_statement(first_binding, begin);
}

Id Parser::declare_identifier(BindingKind kind, Range declaration) {
  // At the top level of a plain JavaScript file, which may be a script, `await` can be a name.
  const bool script_await = at_kw(Kw::Await) && !in_function_ && dialect_ == Dialect::JavaScript;
  if (!at_identifier() && !script_await) {
    error("expected a name");
    return kNone;
  }
  const Id id = scopes_.declare(tok().text, kind, {tok().begin, tok().end}, declaration);
  next();
  return id;
}

void Parser::parse_binding_element(BindingKind kind, Range declaration) {
  parse_binding_target(kind, declaration);
  if (eat(Tok::Eq)) {
    const bool saved = no_in_;
    no_in_ = false;
    parse_assignment();
    no_in_ = saved;
  }
}

void Parser::parse_binding_target(BindingKind kind, Range declaration) {
  if (!enter()) return;
  ++pattern_depth_;
  if (eat(Tok::LBracket)) {
    while (!at(Tok::RBracket) && !at(Tok::EndOfFile) && !failed()) {
      if (eat(Tok::Comma)) continue;
      if (eat(Tok::Ellipsis)) {
        parse_binding_target(kind, declaration);
      } else {
        parse_binding_element(kind, declaration);
      }
      if (!at(Tok::RBracket)) expect(Tok::Comma, "expected ',' or ']' in an array pattern");
    }
    expect(Tok::RBracket, "expected ']'");
  } else if (eat(Tok::LBrace)) {
    while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
      if (eat(Tok::Ellipsis)) {
        parse_binding_target(kind, declaration);
      } else if (at(Tok::Identifier) && peek_kind() != Tok::Colon) {
        // shorthand `{ a }` / `{ a = 1 }`
        if (pattern_depth_ == 1)
          pattern_keys_.emplace_back(static_cast<Id>(out_.bindings.size()), tok().text);
        parse_binding_element(kind, declaration);
      } else {
        std::string_view key;
        const bool computed = parse_key(&key);
        expect(Tok::Colon, "expected ':' in an object pattern");
        if (!computed && at(Tok::Identifier) && pattern_depth_ == 1) {
          pattern_keys_.emplace_back(static_cast<Id>(out_.bindings.size()), key);
        }
        parse_binding_element(kind, declaration);
      }
      if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}' in an object pattern");
    }
    expect(Tok::RBrace, "expected '}'");
  } else {
    declare_identifier(kind, declaration);
  }
  --pattern_depth_;
  leave();
}

// ---- modules --------------------------------------------------------------------------------

namespace {
bool is_import_attributes_keyword(const Token& t) {
  return t.kind == Tok::Identifier && (t.keyword == Kw::With || t.text == "assert");
}
}  // namespace

void Parser::parse_import() {
  const std::uint32_t begin = tok().begin;
  next();  // import
  const ScopeBuilder::Mark start = scopes_.mark();
  std::vector<std::pair<Id, std::string_view>> pending;  // (binding, imported name)
  Range specifier{};
  const std::uint32_t first_binding = static_cast<std::uint32_t>(out_.bindings.size());
  bool type_only = false;
  if (typescript() && at_kw(Kw::Type)) {
    const Token t = peek();
    // `import type X from`, `import type {`, `import type *`; but `import type from "m"` imports
    // `type`.
    if (t.kind == Tok::LBrace || t.kind == Tok::Star ||
        (t.kind == Tok::Identifier && !(t.keyword == Kw::From && !t.escaped))) {
      type_only = true;
      next();
    } else if (t.kind == Tok::Identifier && t.keyword == Kw::From) {
      // `import type from "m"` or `import type from from "m"`
      const Lexer::State saved = lexer_.save();
      lexer_.next();
      lexer_.next();
      const bool second_from =
          lexer_.token().kind == Tok::Identifier && lexer_.token().keyword == Kw::From;
      lexer_.restore(saved);
      if (second_from) {
        type_only = true;
        next();
      }
    }
  }
  if (at(Tok::String)) {
    next();  // side-effect import
  } else {
    if (at_identifier() && !at(Tok::LBrace)) {
      if (typescript() && !type_only && peek_kind() == Tok::Eq) {
        parse_import_equals(begin);
        return;
      }
      if (typescript() && type_only && peek_kind() == Tok::Eq) {
        // `import type X = require("m")`: erased
        const ScopeBuilder::Mark m = scopes_.mark();
        parse_import_equals(begin);
        scopes_.rollback(m);
        scopes_.erase({begin, previous_end_});
        return;
      }
      pending.emplace_back(declare_identifier(BindingKind::Import, {begin, begin}), "default");
      eat(Tok::Comma);
    }
    if (eat(Tok::Star)) {
      if (!eat_kw(Kw::As)) error("expected 'as' after 'import *'");
      pending.emplace_back(declare_identifier(BindingKind::Import, {begin, begin}), "*");
    } else if (eat(Tok::LBrace)) {
      while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
        const std::uint32_t spec_begin = tok().begin;
        bool type_specifier = false;
        if (typescript() && at_kw(Kw::Type)) {
          const Token t = peek();
          // `type X`, `type X as Y`, but `type as X`... and plain `type` / `type as type`
          if ((t.kind == Tok::Identifier || t.kind == Tok::String) &&
              !(t.keyword == Kw::As && !t.escaped)) {
            type_specifier = true;
            next();
          } else if (t.kind == Tok::Identifier && t.keyword == Kw::As) {
            // `type as as X`, `type as X` (imports `type` renamed), `type as` (imports `as`)
            const Lexer::State saved = lexer_.save();
            lexer_.next();
            lexer_.next();
            const Token third = lexer_.token();
            lexer_.restore(saved);
            if (third.kind == Tok::Identifier && third.keyword == Kw::As) {
              type_specifier = true;
              next();
            } else if (third.kind == Tok::RBrace || third.kind == Tok::Comma) {
              type_specifier = true;
              next();
            }
          }
        }
        const ScopeBuilder::Mark m = scopes_.mark();
        std::string_view imported = tok().text;
        if (at(Tok::String) ||
            (at(Tok::Identifier) && peek().keyword == Kw::As && !peek().escaped)) {
          if (at(Tok::String) && imported.size() >= 2)
            imported = imported.substr(1, imported.size() - 2);
          next();  // the imported name is not a binding
          if (!eat_kw(Kw::As)) error("expected 'as' after a string import name");
        }
        const Id binding = declare_identifier(BindingKind::Import, {begin, begin});
        if (!type_specifier) pending.emplace_back(binding, imported);
        if (type_specifier) {
          scopes_.rollback(m);
          scopes_.erase({spec_begin, at(Tok::Comma) ? tok().end : previous_end_});
        }
        if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}' in an import list");
      }
      expect(Tok::RBrace, "expected '}'");
    }
    if (!eat_kw(Kw::From)) error("expected 'from' in an import declaration");
    specifier = {tok().begin, tok().end};
    if (!eat(Tok::String)) error("expected the module specifier string");
  }
  Range attributes{};
  if (is_import_attributes_keyword(tok()) && !tok().newline_before) {
    attributes.begin = tok().begin;
    next();
    expect(Tok::LBrace, "expected '{' after 'with'");
    while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
      next();  // key
      expect(Tok::Colon, "expected ':' in import attributes");
      if (!eat(Tok::String)) error("expected a string value in import attributes");
      if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}'");
    }
    expect(Tok::RBrace, "expected '}'");
    attributes.end = previous_end_;
  }
  consume_semicolon();
  const Range statement{begin, previous_end_};
  if (!type_only) {
    for (const auto& [binding, imported] : pending) {
      if (binding != kNone)
        out_.imports.push_back({binding, specifier, imported, false, attributes});
    }
  }
  if (type_only) {
    scopes_.rollback(start);
    scopes_.erase(statement);
    return;
  }
  for (std::size_t b = first_binding; b < out_.bindings.size(); ++b) {
    out_.bindings[b].declaration = statement;
  }
}

void Parser::parse_export() {
  const std::uint32_t begin = tok().begin;
  next();  // export
  if (at(Tok::At)) parse_decorators();
  if (eat_kw(Kw::Default)) {
    const std::uint32_t decl = tok().begin;
    if (at_kw(Kw::Function)) {
      parse_function(decl, false, true, true);
      return;
    }
    if (at_kw(Kw::Async)) {
      const Token t = peek();
      if (t.kind == Tok::Identifier && t.keyword == Kw::Function && !t.newline_before) {
        next();
        parse_function(decl, true, true, true);
        return;
      }
    }
    if (at_kw(Kw::Class)) {
      parse_class(decl, true, true);
      return;
    }
    if (at(Tok::At)) {
      parse_decorators();
      parse_class(decl, true, true);
      return;
    }
    if (typescript() && at_kw(Kw::Abstract) && peek().keyword == Kw::Class) {
      scopes_.erase({tok().begin, tok().end});
      next();
      parse_class(decl, true, true);
      return;
    }
    if (typescript() && at_kw(Kw::Interface)) {
      skip_interface();
      scopes_.erase({begin, previous_end_});
      return;
    }
    parse_assignment();
    consume_semicolon();
    return;
  }
  if (typescript() && at(Tok::Eq)) {  // `export = x`
    next();
    parse_expression();
    consume_semicolon();
    out_.runtime_ts.push_back({RuntimeTsKind::ExportAssignment, {begin, previous_end_}});
    return;
  }
  if (typescript() && at_kw(Kw::As)) {  // `export as namespace X;`
    next();
    next();
    next();
    consume_semicolon();
    scopes_.erase({begin, previous_end_});
    return;
  }
  if (typescript() && at_kw(Kw::Import)) {  // `export import X = A.B`
    next();
    parse_import_equals(begin);
    return;
  }
  bool type_only = false;
  if (typescript() && at_kw(Kw::Type)) {
    const Tok t = peek_kind();
    if (t == Tok::LBrace || t == Tok::Star) {
      type_only = true;
      next();
    }
  }
  if (eat(Tok::Star)) {
    if (eat_kw(Kw::As)) next();  // `export * as ns` (a name or a string)
    if (!eat_kw(Kw::From)) error("expected 'from' after 'export *'");
    if (!eat(Tok::String)) error("expected the module specifier string");
    if (is_import_attributes_keyword(tok()) && !tok().newline_before) {
      next();
      expect(Tok::LBrace, "expected '{'");
      while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) next();
      expect(Tok::RBrace, "expected '}'");
    }
    consume_semicolon();
    if (type_only) scopes_.erase({begin, previous_end_});
    return;
  }
  if (eat(Tok::LBrace)) {
    // Local names become references only when there is no `from`.
    struct Local {
      std::string_view name;
      Range range;
      bool type_only;
      bool string;
    };
    std::vector<Local> locals;
    while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) {
      bool type_specifier = false;
      if (typescript() && at_kw(Kw::Type)) {
        const Token t = peek();
        if ((t.kind == Tok::Identifier || t.kind == Tok::String) &&
            !(t.keyword == Kw::As && !t.escaped)) {
          type_specifier = true;
          next();
        }
      }
      if (!at(Tok::Identifier) && !at(Tok::String)) {
        error("expected a name in an export list");
        break;
      }
      locals.push_back(
          {tok().text, {tok().begin, tok().end}, type_specifier || type_only, at(Tok::String)});
      next();
      if (eat_kw(Kw::As)) next();
      if (!at(Tok::RBrace)) expect(Tok::Comma, "expected ',' or '}' in an export list");
    }
    expect(Tok::RBrace, "expected '}'");
    bool from = false;
    if (eat_kw(Kw::From)) {
      from = true;
      if (!eat(Tok::String)) error("expected the module specifier string");
      if (is_import_attributes_keyword(tok()) && !tok().newline_before) {
        next();
        expect(Tok::LBrace, "expected '{'");
        while (!at(Tok::RBrace) && !at(Tok::EndOfFile) && !failed()) next();
        expect(Tok::RBrace, "expected '}'");
      }
    }
    consume_semicolon();
    if (type_only) {
      scopes_.erase({begin, previous_end_});
      return;
    }
    if (!from) {
      for (const Local& l : locals) {
        if (!l.type_only && !l.string) scopes_.reference(l.name, l.range);
      }
    }
    return;
  }
  if (at_kw(Kw::Var) || at_kw(Kw::Let) || at_kw(Kw::Const) || at_kw(Kw::Function) ||
      at_kw(Kw::Async) || at_kw(Kw::Class) || at_kw(Kw::Using)) {
    parse_statement();
    return;
  }
  if (typescript() && parse_typescript_declaration(begin, true)) {  // `export` is erased with it
    return;
  }
  error("unexpected token after 'export'");
}

}  // namespace xthreads
