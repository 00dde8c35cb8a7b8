// The front end's entry point, analyze() (the parser walks the file once and feeds the scope
// builder, which fills the Analysis tables), and the tables' helpers: scope_within, to_string.
#include "xthreads/analysis.h"

#include "parser/parser.h"

namespace xthreads {

Analysis analyze(std::string_view source, Dialect dialect) {
  Analysis out;
  out.dialect = dialect;
  if (source.size() >= 0xFFFFFFF0u) {
    out.diagnostics.push_back({"the source is too large (4 GB or more)", 0});
    return out;
  }
  Parser parser(source, dialect, out);
  parser.parse_module();
  return out;
}

bool Analysis::scope_within(Id inner, Id outer) const {
  for (Id s = inner; s != kNone; s = scopes[s].parent) {
    if (s == outer) return true;
  }
  return false;
}

std::string_view to_string(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::Module: return "module";
    case ScopeKind::Function: return "function";
    case ScopeKind::FunctionBody: return "function-body";
    case ScopeKind::Block: return "block";
    case ScopeKind::Class: return "class";
    case ScopeKind::FieldInitializer: return "field-initializer";
    case ScopeKind::StaticBlock: return "static-block";
    case ScopeKind::Catch: return "catch";
    case ScopeKind::For: return "for";
    case ScopeKind::FunctionName: return "function-name";
    case ScopeKind::Enum: return "enum";
    case ScopeKind::Namespace: return "namespace";
  }
  return "?";
}

std::string_view to_string(BindingKind kind) {
  switch (kind) {
    case BindingKind::Var: return "var";
    case BindingKind::Let: return "let";
    case BindingKind::Const: return "const";
    case BindingKind::Using: return "using";
    case BindingKind::Function: return "function";
    case BindingKind::Class: return "class";
    case BindingKind::Parameter: return "parameter";
    case BindingKind::Catch: return "catch";
    case BindingKind::Import: return "import";
    case BindingKind::ImportEquals: return "import-equals";
    case BindingKind::Enum: return "enum";
    case BindingKind::EnumMember: return "enum-member";
    case BindingKind::Namespace: return "namespace";
  }
  return "?";
}

std::string_view to_string(InitializerKind kind) {
  switch (kind) {
    case InitializerKind::None: return "none";
    case InitializerKind::Function: return "function";
    case InitializerKind::Arrow: return "arrow";
    case InitializerKind::Class: return "class";
    case InitializerKind::NewGlobal: return "new-global";
    case InitializerKind::Require: return "require";
    case InitializerKind::Other: return "other";
  }
  return "?";
}

std::string_view to_string(SpecialKind kind) {
  switch (kind) {
    case SpecialKind::This: return "this";
    case SpecialKind::Arguments: return "arguments";
    case SpecialKind::Super: return "super";
    case SpecialKind::NewTarget: return "new.target";
  }
  return "?";
}

}  // namespace xthreads
