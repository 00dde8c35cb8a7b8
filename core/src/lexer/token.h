// Tokens of JavaScript, TypeScript and JSX. The lexer never decides on its own between
// ambiguous readings (`/` division or regex, `>` or `>>`, `}` or template continuation): the
// parser knows the context and asks for a rescan.
#pragma once

#include <cstdint>
#include <string_view>

namespace xthreads {

enum class Tok : std::uint8_t {
  EndOfFile,
  Identifier,   // also every keyword: see Token::keyword
  PrivateName,  // #name
  Number,
  BigInt,
  String,
  NoSubstitutionTemplate,  // `text`
  TemplateHead,            // `text${
  TemplateMiddle,          // }text${
  TemplateTail,            // }text`
  Regex,
  JsxText,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Dot,
  Ellipsis,
  Semicolon,
  Comma,
  Colon,
  Question,
  QuestionDot,
  Arrow,
  At,
  Less,
  Greater,
  LessEq,
  GreaterEq,
  EqEq,
  NotEq,
  EqEqEq,
  NotEqEq,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  StarStar,
  PlusPlus,
  MinusMinus,
  LessLess,
  GreaterGreater,
  GreaterGreaterGreater,
  Amp,
  Pipe,
  Caret,
  Bang,
  Tilde,
  AmpAmp,
  PipePipe,
  QuestionQuestion,
  Eq,
  PlusEq,
  MinusEq,
  StarEq,
  SlashEq,
  PercentEq,
  StarStarEq,
  LessLessEq,
  GreaterGreaterEq,
  GreaterGreaterGreaterEq,
  AmpEq,
  PipeEq,
  CaretEq,
  AmpAmpEq,
  PipePipeEq,
  QuestionQuestionEq,
};

// Reserved and contextual words. An identifier written with a unicode escape is never a keyword.
enum class Kw : std::uint8_t {
  None,
  // reserved words
  Await,
  Break,
  Case,
  Catch,
  Class,
  Const,
  Continue,
  Debugger,
  Default,
  Delete,
  Do,
  Else,
  Enum,
  Export,
  Extends,
  False,
  Finally,
  For,
  Function,
  If,
  Import,
  In,
  Instanceof,
  New,
  Null,
  Return,
  Super,
  Switch,
  This,
  Throw,
  True,
  Try,
  Typeof,
  Var,
  Void,
  While,
  With,
  Yield,
  // strict-mode reserved and contextual words
  Let,
  Static,
  Implements,
  Interface,
  Package,
  Private,
  Protected,
  Public,
  As,
  Async,
  From,
  Get,
  Of,
  Set,
  Target,
  Meta,
  Accessor,
  Using,
  // TypeScript contextual words
  Abstract,
  Asserts,
  Declare,
  Global,
  Infer,
  Is,
  Keyof,
  Module,
  Namespace,
  Never,
  Override,
  Readonly,
  Require,
  Satisfies,
  Type,
  Unique,
  Out,
  Any,
  Unknown,
  Undefined,
  Symbol,
  Object,
  Number,
  String,
  Boolean,
  Bigint,
};

// Words that cannot be identifiers in strict code. (Not `let`, `static`, `yield`, `await`:
// those depend on context.)
inline bool is_reserved_word(Kw k) {
  return k >= Kw::Break && k <= Kw::With && k != Kw::Await;
}

struct Token {
  Tok kind = Tok::EndOfFile;
  Kw keyword = Kw::None;
  bool newline_before = false;  // a line terminator between the previous token and this one
  bool escaped = false;         // an identifier containing a unicode escape
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string_view text;  // identifier name (decoded), or the raw token text
};

}  // namespace xthreads
