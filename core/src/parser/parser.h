// The parser: a recursive-descent walk over JavaScript, TypeScript and JSX that builds no syntax
// tree. It reports declarations, references and scopes to the ScopeBuilder as it goes, and skips
// TypeScript types without building them (recording their ranges as erased).
//
// Ambiguities are settled the way engines and tsc settle them: `(` may begin arrow parameters
// and `<` may begin type arguments, so the parser speculates — it marks the tables, tries one
// reading, and rolls back on failure. Errors are data: the first one is recorded and the token
// stream is forced to its end, so every loop finishes.
//
// The class is split by concern: parser.cpp (tokens, errors, speculation, entry point),
// parser_statements.cpp, parser_expressions.cpp, parser_classes.cpp (classes and functions),
// parser_ts.cpp (TypeScript types and declarations), parser_jsx.cpp.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "lexer/lexer.h"
#include "scope/scope_builder.h"
#include "xthreads/analysis.h"

namespace xthreads {

// What the parser knows about an expression it has just parsed: enough to tell an assignment
// target, a callee name, and the kind of a variable's initializer.
struct Expr {
  enum Kind : std::uint8_t { Other, Identifier, Member, Call, ObjectLiteral, ArrayLiteral };
  Kind kind = Other;
  InitializerKind init = InitializerKind::Other;
  bool parenthesized = false;
  bool arrow = false;             // an arrow function: nothing may follow it as a member or call
  Id ref = kNone;                 // Identifier: its reference
  Id function = kNone;            // a function or arrow expression: the function
  std::uint32_t targets = 0;      // literals: first index in Parser::cover_targets_
  std::uint32_t name_offset = 0;  // Identifier / Member: offset of the (property) name
  std::string_view name;          // Identifier / Member: the (property) name
  Range string_argument;          // `require("m")`: the string literal
  Id call = kNone;                // Call: the call's record
};

class Parser {
 public:
  Parser(std::string_view source, Dialect dialect, Analysis& out);
  void parse_module();

 private:
  // ---- tokens (parser.cpp)
  const Token& tok() const { return lexer_.token(); }
  Tok kind() const { return lexer_.token().kind; }
  bool at(Tok t) const { return lexer_.token().kind == t; }
  bool at_kw(Kw k) const { return at(Tok::Identifier) && tok().keyword == k && !tok().escaped; }
  bool at_identifier() const;  // an identifier usable as a binding or reference here
  void next();
  void note_token();
  bool eat(Tok t);
  bool eat_kw(Kw k);
  void expect(Tok t, const char* message);
  void consume_semicolon();
  Tok peek_kind();
  Token peek();
  bool peek_is_identifier_on_same_line();
  void error(const char* message);
  void error_at(const char* message, std::uint32_t offset);
  bool failed() const { return failed_ || spec_failed_; }
  bool typescript() const { return is_typescript(dialect_); }
  bool jsx() const { return has_jsx(dialect_); }
  bool enter();  // recursion guard; false when too deep
  void leave() { --depth_; }

  // Speculation: begin() marks, end() reports success and rolls back on failure. A reading
  // that failed at an offset (in the same context) fails again there without being retried:
  // nested ambiguities would otherwise cost exponential time.
  enum class Reading : std::uint8_t {
    Arrow,
    AsyncArrow,
    TypeArguments,
    FunctionType,
    InferConstraint
  };
  bool failed_before(Reading reading) const;
  struct Speculation {
    std::uint64_t key;
    Lexer::State lexer;
    ScopeBuilder::Mark tables;
    std::uint32_t targets;
    bool outer_failed;
    std::uint32_t lexer_prev_end = 0;
  };
  Speculation begin_speculation(Reading reading);
  std::uint64_t speculation_key(Reading reading) const;
  std::unordered_set<std::uint64_t> failed_readings_;
  bool end_speculation(const Speculation& s);      // true: keep what was parsed
  void abandon_speculation(const Speculation& s);  // roll back even though it succeeded

  // ---- statements (parser_statements.cpp)
  void parse_statement_list(Tok end);
  void parse_statement(bool top_level = false);
  void parse_block(ScopeKind scope_kind = ScopeKind::Block);
  void parse_variable_declaration(BindingKind kind, std::uint32_t begin, bool in_for_head);
  void parse_variable_statement(BindingKind kind, std::uint32_t begin);
  void set_declarations(std::uint32_t first_binding, Id scope, BindingKind kind, Range declaration,
                        const Expr* initializer, Range initializer_range, std::uint32_t statement);
  void close_statement(std::uint32_t first_binding, std::uint32_t statement_begin);
  void parse_for();
  void parse_if();
  void parse_switch();
  void parse_try();
  void parse_import();
  void parse_export();
  void parse_labelled_or_expression();
  void parse_loop_body();
  void parse_substatement(bool if_body = false);  // the body of if / else / loops
  bool at_module_level() const;
  bool at_let_declaration();
  bool at_using_declaration();
  bool at_await_using_declaration();

  // ---- patterns and declarations of names
  void parse_binding_target(BindingKind kind, Range declaration);
  void parse_binding_element(BindingKind kind, Range declaration);
  Id declare_identifier(BindingKind kind, Range declaration);

  // ---- expressions (parser_expressions.cpp)
  Expr parse_expression();
  Expr parse_assignment();
  Expr parse_conditional();
  Expr parse_binary(int min_precedence);
  Expr parse_unary();
  Expr parse_update();
  Expr parse_lhs(bool allow_call);
  Expr parse_member_rest(Expr e, std::uint32_t begin, bool allow_call);
  Expr parse_member_name(const char* message);
  Expr parse_computed_member();
  Expr parse_primary();
  Expr parse_identifier_reference();
  Expr parse_parenthesized_or_arrow(std::uint32_t begin, bool is_async);
  Expr parse_array_literal();
  Expr parse_object_literal();
  Expr parse_template(std::uint32_t begin);
  Expr parse_new();
  void parse_arguments(Id call);
  void parse_property_name(bool allow_private);  // after `.`; keys in literals use parse_key
  bool parse_key(std::string_view* name);        // object/class key; true if computed
  void mark_assignment_target(const Expr& e, bool compound);
  bool try_arrow_function(std::uint32_t begin, bool is_async, Expr& result);
  Expr parse_arrow_single_parameter(std::uint32_t begin, bool is_async);
  Expr parse_arrow_body(Id function);
  void push_cover_target(const Expr& e, std::uint32_t mark);
  bool at_start_of_expression();

  // ---- functions and classes (parser_classes.cpp)
  Expr parse_function(std::uint32_t begin, bool is_async, bool declaration, bool name_optional);
  void parse_function_rest(Id function, Id scope, std::uint32_t begin, bool allow_no_body,
                           bool* had_body);
  // Returns the function's `length` (Function::length).
  std::uint16_t parse_formal_parameters(bool constructor);
  void parse_function_body(Id function);
  Expr parse_class(std::uint32_t begin, bool declaration, bool name_optional);
  void parse_class_member();
  bool parse_method(std::uint32_t begin, FunctionKind kind, bool is_async, bool is_generator,
                    bool allow_no_body);  // false: a signature without a body
  void parse_decorators();
  void parse_decorator();

  // ---- TypeScript (parser_ts.cpp)
  void skip_type();
  void skip_union_type();
  void skip_type_operator();
  void skip_postfix_type();
  void skip_primary_type();
  void skip_object_type();
  void skip_tuple_type();
  void skip_type_member();
  void skip_signature_parameters();
  void skip_return_type();
  void skip_return_type_inner();
  void skip_type_argument_list();
  void skip_type_arguments();
  void skip_type_parameters();
  void skip_type_annotation();  // `: T` if present, recorded as erased
  bool try_skip_type_arguments_in_expression();
  bool binary_operator_follows();
  bool parse_typescript_declaration(std::uint32_t begin, bool exported);
  void parse_enum(std::uint32_t begin, bool is_const);
  void parse_namespace(std::uint32_t begin);
  void parse_import_equals(std::uint32_t begin);
  void skip_interface();
  void skip_type_alias();
  void parse_ambient(std::uint32_t begin);
  void parse_ambient_module_body();
  bool at_ts_modifier() const;

  // ---- JSX (parser_jsx.cpp)
  Expr parse_jsx_element(std::uint32_t begin);
  void parse_jsx_children(Range open_name);
  Range parse_jsx_name(bool reference);
  void parse_jsx_attributes();

  Lexer lexer_;
  ScopeBuilder scopes_;
  Analysis& out_;
  Dialect dialect_;
  std::vector<Id> cover_targets_;  // references that become writes if a literal is a pattern
  // (binding, property key) for the direct children of an object pattern: what a destructured
  // `require("m")` imports.
  std::vector<std::pair<Id, std::string_view>> pattern_keys_;
  int pattern_depth_ = 0;
  bool failed_ = false;
  bool spec_failed_ = false;
  int speculation_depth_ = 0;
  int depth_ = 0;
  std::uint32_t previous_end_ = 0;  // end of the previous token

  // One token of lookahead, kept: the state after the token that follows position
  // `peeked_from_`. Valid whenever the lexer stands at that position again.
  static constexpr std::uint32_t kNoPeek = 0xFFFFFFFFu;
  Lexer::State peeked_{};
  std::uint32_t peeked_from_ = kNoPeek;

  // context
  bool no_in_ = false;  // in a `for (...;` head: `in` is not an operator
  bool in_async_ = false;
  bool in_generator_ = false;
  bool in_function_ = false;
  bool in_class_field_ = false;
  bool allow_arrow_return_type_ = true;  // false in the true branch of `a ? b : c`
  bool no_conditional_types_ = false;    // skipping the `extends` operand of a conditional type
  bool super_allowed_ = false;           // in a method, accessor, constructor or class field
  bool ambient_ = false;                 // inside `declare ...`: declarations without values

  // Labels and loops, for `break` and `continue`; reset at every function boundary.
  struct JumpContext {
    std::vector<std::string_view> labels;
    int loops = 0;
    int breakables = 0;  // loops and switches
  };
  JumpContext jumps_;

  // Private names (`#x`) declared and used per class body, innermost last. A use must be
  // declared by its own class or an enclosing one.
  struct PrivateNames {
    std::vector<std::string_view> declared;
    std::vector<std::pair<std::string_view, std::uint32_t>> used;
  };
  std::vector<PrivateNames> private_names_;
  void use_private_name(std::string_view name, std::uint32_t offset);

  // Saves and clears the per-function context; restores it when the function ends.
  struct FunctionContext {
    bool in_async, in_generator, in_function, in_class_field, no_in, allow_arrow_return_type,
        super_allowed;
    JumpContext jumps;
  };
  FunctionContext enter_function(bool is_async, bool is_generator, bool super_allowed);
  void leave_function(FunctionContext saved);
};

}  // namespace xthreads
