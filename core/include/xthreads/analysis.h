// The result of the front end: every scope, binding and value reference of a source file, plus
// the facts later stages need (functions, calls, `this`-like uses, direct eval, erased TS syntax).
// All tables are flat arrays indexed by 32-bit ids; names are views into the source (or into the
// analysis' own storage for identifiers written with unicode escapes).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "xthreads/source.h"

namespace xthreads {

using Id = std::uint32_t;
inline constexpr Id kNone = 0xFFFFFFFFu;

enum class ScopeKind : std::uint8_t {
  Module,            // the whole file
  Function,          // parameters of a function, method, accessor, constructor or arrow
  FunctionBody,      // the body of a function: `var` and function declarations hoist here
  Block,             // `{ }`, including the body of `switch`
  Class,             // class heritage and body; holds the class's own name
  FieldInitializer,  // a class field initializer (`this` is the instance)
  StaticBlock,       // `static { }` in a class
  Catch,             // `catch (e) { }`: the parameter and the block
  For,               // the head of `for (let ...;;)`, `for (const x of ...)`, `for (let k in ...)`
  FunctionName,      // the own name of a named function expression
  Enum,              // TS `enum` body: members are bindings here
  Namespace,         // TS `namespace` / `module` body
};

enum class BindingKind : std::uint8_t {
  Var,
  Let,
  Const,
  Using,  // `using` and `await using`
  Function,
  Class,
  Parameter,
  Catch,
  Import,
  ImportEquals,  // TS `import x = require("m")` / `import x = A.B`
  Enum,
  EnumMember,
  Namespace,
};

// What a variable's initializer is, when that matters to capture.
enum class InitializerKind : std::uint8_t {
  None,       // no initializer, or not a variable binding
  Function,   // `= function () {}`
  Arrow,      // `= () => {}`
  Class,      // `= class {}`
  NewGlobal,  // `= new Global(...)` / `= new x.Global(...)`
  Require,    // `= require("m")` (CommonJS import), also destructured
  Other,
};

struct Scope {
  ScopeKind kind;
  Id parent;  // kNone for the module scope
  Range range;
  Id function;  // for Function / FunctionBody / FunctionName scopes: the function; else kNone
};

struct Binding {
  std::string_view name;
  BindingKind kind;
  InitializerKind initializer = InitializerKind::None;
  Id scope;
  Range name_range;         // the declaring identifier
  Range declaration;        // the whole declarator / declaration / parameter / import statement
  Range statement;          // variables: from `var`/`let`/`const`/`using` to the statement's end;
                            // others: the declaration
  Range initializer_range;  // variables: the initializer expression (empty when there is none)
  Id function = kNone;      // for Function bindings and function/arrow initializers: the function
};

// Where an import binding comes from: `import d, {n as m}, * as ns from "x"`,
// `import x = require("x")`, and module-level `const x = require("x")`,
// `const {a, b: c} = require("x")`.
struct Import {
  Id binding;
  Range specifier;            // the string literal, quotes included
  std::string_view imported;  // "default", "*", or the imported name; require: "" for the whole
                              // module, or the destructured property
  bool require = false;       // CommonJS: the worker must require it, not import it
  Range attributes;           // `with { ... }` of the import statement (empty when absent)
};

enum ReferenceFlags : std::uint8_t {
  kRead = 1,
  kWrite = 2,  // assignment, compound assignment, update, for-in/of target, destructuring target
  kImplicitArguments = 4,  // `arguments` of a non-arrow function (also listed in special_uses)
};

struct Reference {
  std::string_view name;
  Range range;
  Id scope;            // the innermost scope the reference appears in
  Id binding = kNone;  // kNone: not bound in this file (a global)
  std::uint8_t flags = kRead;
  bool is_write() const { return flags & kWrite; }
  bool is_read() const { return flags & kRead; }
  bool is_implicit_arguments() const { return flags & kImplicitArguments; }
};

enum class FunctionKind : std::uint8_t {
  Declaration,
  Expression,
  Arrow,
  Method,
  Getter,
  Setter,
  Constructor,
};

struct Function {
  FunctionKind kind;
  bool is_async = false;
  bool is_generator = false;
  Range range;       // from the first token (`async`, `function`, name or `(`) to the body end
  Range body;        // the `{ }` block, or a concise arrow body from its first token
  Id scope = kNone;  // the Function (parameters) scope
  Id name_binding = kNone;  // the declared name for declarations, the own name for expressions
  // The function's `length` as the language defines it: the parameters before the first one
  // with a default value or the rest parameter (a TypeScript `this` parameter is not one).
  std::uint16_t length = 0;
};

// `this`, `arguments`, `super` and `new.target`: who they belong to decides whether a closure
// may use them.
enum class SpecialKind : std::uint8_t { This, Arguments, Super, NewTarget };
struct SpecialUse {
  SpecialKind kind;
  Range range;
  Id scope;  // the innermost scope the use appears in
  Id owner;  // the scope that gives it meaning: a non-arrow Function scope, FieldInitializer,
             // StaticBlock, or the Module scope
};

// A direct `eval(...)` call or a `with` statement: the scope around it cannot be analysed.
enum class DynamicScopeKind : std::uint8_t { DirectEval, With };
struct DynamicScope {
  DynamicScopeKind kind;
  Range range;  // the `eval` identifier / the `with` keyword
  Id scope;
  Id call = kNone;  // DirectEval: the `eval(...)` call
};

// A call expression `callee(first, ...)` whose first argument may be a closure.
enum class ArgumentKind : std::uint8_t { None, Function, Identifier, Call, Other };
struct Call {
  Range range;                // the whole call expression
  std::uint32_t callee_name;  // the identifier, or the property name of a member callee
  std::uint32_t open_paren;
  std::string_view name;  // the callee identifier or property name ("" for other callees)
  ArgumentKind first_argument = ArgumentKind::None;
  Id argument = kNone;  // Function id, Reference id for an identifier, Call id for a call
};

// TypeScript syntax with run-time meaning, which an emitter must lower rather than erase.
enum class RuntimeTsKind : std::uint8_t {
  Enum,
  Namespace,
  ParameterProperty,
  ImportEquals,
  ExportAssignment
};
struct RuntimeTs {
  RuntimeTsKind kind;
  Range range;
};

struct Analysis {
  Dialect dialect;
  std::vector<Scope> scopes;  // scopes[0] is the module scope
  std::vector<Binding> bindings;
  std::vector<Reference> references;
  std::vector<Function> functions;
  std::vector<SpecialUse> special_uses;
  std::vector<DynamicScope> dynamic_scopes;
  std::vector<Call> calls;
  std::vector<Import> imports;
  std::vector<Range> import_meta;  // every `import.meta`
  std::vector<Range> dynamic_imports;  // the `import` keyword of every `import(...)` call
  // An arrow's `)` that must move to the end of its erased multi-line return type, next to
  // `=>` (a line break may not come between them): {offset of `)`, offset to write it at}.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> moved_parens;
  // Class fields whose erased type annotation ended them: the offset (the annotation's last byte)
  // where a `;` must be written.
  std::vector<std::uint32_t> field_semicolons;
  std::vector<std::uint32_t> legacy_octals;  // `0755`-style literals (sloppy scripts only)
  std::vector<std::uint32_t> jsx_elements;   // the `<` of every JSX element and fragment
  std::vector<Range> erased;       // TypeScript-only syntax, sorted, non-overlapping
  std::vector<RuntimeTs> runtime_ts;
  std::vector<Diagnostic> diagnostics;    // non-empty: the tables above are not to be trusted
  std::deque<std::string> decoded_names;  // storage for names written with unicode escapes

  bool ok() const { return diagnostics.empty(); }
  // True when scope `inner` is `outer` or nested inside it.
  bool scope_within(Id inner, Id outer) const;
};

// Parses `source` and analyses its scopes. Never throws; syntax errors become diagnostics.
Analysis analyze(std::string_view source, Dialect dialect);

std::string_view to_string(ScopeKind);
std::string_view to_string(BindingKind);
std::string_view to_string(InitializerKind);
std::string_view to_string(SpecialKind);

}  // namespace xthreads
