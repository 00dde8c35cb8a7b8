// JSX: elements, fragments, attributes and children. A tag name is a reference when it is a
// component (`<Foo>`, `<_x>`, `<a.b>`); `<div>` and `<my-element>` are intrinsic strings, and
// namespaced names `<svg:rect>` are never references.
#include "parser/parser.h"

namespace xthreads {

Range Parser::parse_jsx_name(bool reference) {
  const std::uint32_t begin = tok().begin;
  if (at_kw(Kw::This) && peek_kind() == Tok::Dot) {
    if (reference) scopes_.special(SpecialKind::This, {tok().begin, tok().end});
    next();
  } else if (at(Tok::Identifier)) {
    lexer_.rescan_jsx_identifier();
    const Token name = tok();
    const Tok after = peek_kind();
    if (after == Tok::Colon) {  // namespaced name
      next();
      next();
      lexer_.rescan_jsx_identifier();
      if (!at(Tok::Identifier)) error("expected a name after ':' in a JSX name");
      next();
      return {begin, previous_end_};
    }
    const char first = name.text.empty() ? 'a' : name.text[0];
    const bool intrinsic = after != Tok::Dot && ((first >= 'a' && first <= 'z') ||
                                                 name.text.find('-') != std::string_view::npos);
    if (reference && !intrinsic) scopes_.reference(name.text, {name.begin, name.end});
    next();
  } else {
    error("expected a JSX element name");
    return {begin, begin};
  }
  while (at(Tok::Dot) && !failed()) {
    next();
    if (at(Tok::Identifier)) {
      lexer_.rescan_jsx_identifier();
      next();
    } else {
      error("expected a name after '.' in a JSX name");
    }
  }
  return {begin, previous_end_};
}

void Parser::parse_jsx_attributes() {
  while (!at(Tok::Slash) && !at(Tok::Greater) && !at(Tok::EndOfFile) && !failed()) {
    if (at(Tok::LBrace)) {  // {...spread}
      next();
      expect(Tok::Ellipsis, "expected '...' in a JSX spread attribute");
      parse_assignment();
      if (!at(Tok::RBrace)) error("expected '}' after a JSX spread attribute");
      next();
      continue;
    }
    if (!at(Tok::Identifier)) {
      error("expected a JSX attribute name");
      return;
    }
    lexer_.rescan_jsx_identifier();
    next();
    if (at(Tok::Colon)) {
      next();
      lexer_.rescan_jsx_identifier();
      if (!at(Tok::Identifier)) error("expected a name after ':' in a JSX attribute");
      next();
    }
    if (!eat(Tok::Eq)) continue;
    if (at(Tok::String)) {
      lexer_.rescan_jsx_string();
      next();
    } else if (at(Tok::LBrace)) {
      next();
      parse_assignment();
      if (!at(Tok::RBrace)) error("expected '}' after a JSX attribute value");
      next();
    } else if (at(Tok::Less)) {
      parse_jsx_element(tok().begin);
      next();
    } else {
      error("expected a JSX attribute value");
    }
  }
}

// At `<`. Leaves the element's final `>` as the current token.
Expr Parser::parse_jsx_element(std::uint32_t begin) {
  if (!enter()) return {};
  out_.jsx_elements.push_back(begin);
  next();                  // <
  if (at(Tok::Greater)) {  // fragment
    parse_jsx_children({begin, begin});
    leave();
    return {};
  }
  const Range name = parse_jsx_name(true);
  if (typescript() && at(Tok::Less)) {
    const std::uint32_t b = tok().begin;
    skip_type_arguments();
    scopes_.erase({b, previous_end_});
  }
  parse_jsx_attributes();
  if (at(Tok::Slash)) {
    next();
    if (!at(Tok::Greater)) error("expected '>' to end a self-closing JSX element");
    leave();
    return {};
  }
  if (!at(Tok::Greater)) error("expected '>' to end a JSX opening tag");
  parse_jsx_children(name);
  leave();
  return {};
}

// At the `>` of an opening tag. Ends at the `>` of the matching closing tag.
void Parser::parse_jsx_children(Range open_name) {
  const std::string_view source = lexer_.source();
  const std::string_view open = source.substr(open_name.begin, open_name.end - open_name.begin);
  while (!failed()) {
    lexer_.scan_jsx_child();
    switch (kind()) {
      case Tok::JsxText: continue;
      case Tok::LBrace:
        next();
        if (at(Tok::RBrace)) continue;  // `{/* comment */}`
        eat(Tok::Ellipsis);
        parse_expression();
        if (!at(Tok::RBrace)) error("expected '}' to end a JSX expression");
        continue;
      case Tok::Less: {
        const std::uint32_t child = tok().begin;
        if (peek_kind() == Tok::Slash) {  // closing tag
          next();
          next();
          const std::uint32_t close_begin = tok().begin;
          Range close{close_begin, close_begin};
          if (!at(Tok::Greater)) close = parse_jsx_name(false);
          if (source.substr(close.begin, close.end - close.begin) != open) {
            error_at("the JSX closing tag does not match the opening tag", close_begin);
            return;
          }
          if (!at(Tok::Greater)) error("expected '>' to end a JSX closing tag");
          return;
        }
        parse_jsx_element(child);
        continue;
      }
      default: error("unterminated JSX element"); return;
    }
  }
}

}  // namespace xthreads
