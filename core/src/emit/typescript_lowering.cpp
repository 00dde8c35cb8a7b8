// TypeScript lowering: the TypeScript with run-time meaning that the worker module needs
// (enum, namespace, constructor parameter properties, `import x = ...`) rewritten as tsc emits it,
// blanked in place and re-created at the end of its lines so that no line moves.
#include "emit/emitter.h"
#include "support/unicode.h"

namespace xthreads {

// TypeScript with run-time meaning inside kept code (the closure's own body, a kept function's
// or class's, a kept namespace's) is lowered like a captured declaration: an enum declared in
// the closure, a namespace's nested enum, a constructor's parameter properties. Kept
// declarations were lowered by keep_declaration and are blank here, so nothing is done twice;
// a lowered namespace keeps its body, so the walk goes on until nothing new is kept.
void Emitter::lower_runtime_ts_in_kept_code() {
  std::vector<char> done(a_.bindings.size(), 0);
  for (bool more = true; more && out_.ok();) {
    more = false;
    for (Id b = 0; b < a_.bindings.size() && out_.ok(); ++b) {
      const Binding& binding = a_.bindings[b];
      if (done[b] || !kept(binding.name_range.begin)) continue;
      switch (binding.kind) {
        case BindingKind::Enum:
          if (!only_punctuation_until_line_end(binding.declaration.end)) {
            // Its definition is added at the end of its line: code after it there would run
            // first.
            error(binding.name_range.begin,
                  "the enum " + quoted(binding.name) +
                      " is re-created at the end of its line in the worker module, so nothing "
                      "may follow it there: end the line after its closing brace");
            break;
          }
          for (std::uint32_t i = binding.declaration.begin; i < binding.declaration.end; ++i)
            keep_[i] = 0;
          lower_enum(b);
          break;
        case BindingKind::Namespace:
          for (std::uint32_t i = binding.declaration.begin; i < binding.declaration.end; ++i)
            keep_[i] = 0;
          lower_namespace(b);
          more = true;
          break;
        case BindingKind::ImportEquals:
          if (rewrites_.count(static_cast<std::uint32_t>(
                  src_.find("import", binding.declaration.begin))) == 0) {
            lower_import_equals(binding);
          }
          break;
        default: continue;
      }
      done[b] = 1;
    }
  }
  for (const RuntimeTs& ts : a_.runtime_ts) {
    if (ts.kind == RuntimeTsKind::ParameterProperty && kept(ts.range.end - 1) && out_.ok()) {
      lower_parameter_property(ts);
    }
  }
}

// `import x = A.B` / `import x = require("m")` → `const x = ...`, same width.
void Emitter::lower_import_equals(const Binding& binding) {
  const std::size_t at = src_.find("import", binding.declaration.begin);
  if (at != std::string_view::npos && at < binding.name_range.begin) {
    for (std::uint32_t i = binding.declaration.begin; i < at; ++i) keep_[i] = 0;  // `export`
    rewrite(static_cast<std::uint32_t>(at), "const ");
  }
  if (binding.initializer == InitializerKind::Require) needs_require_ = true;
}

// Text can be added at `offset` when nothing but closing punctuation follows on its line:
// only those characters move, and stack traces never point at them.
bool Emitter::only_punctuation_until_line_end(std::uint32_t offset) const {
  for (std::uint32_t i = offset; i < line_end(offset); ++i) {
    const char c = src_[i];
    if (c != ' ' && c != '\t' && c != '}' && c != ')' && c != ';' && c != ',') return false;
  }
  return true;
}

// A TypeScript enum becomes what tsc emits, `var E; (function (E) { ... })(E || (E = {}));`,
// added at the end of the enum's last line (the enum itself is blanked): lines do not move.
void Emitter::lower_enum(Id enum_binding) {
  const Binding& e = a_.bindings[enum_binding];
  Id scope = kNone;
  for (Id s = 0; s < a_.scopes.size(); ++s) {
    if (a_.scopes[s].kind == ScopeKind::Enum && e.declaration.contains(a_.scopes[s].range.begin)) {
      scope = s;
      break;
    }
  }
  std::string name(e.name);
  std::string text = " var " + name + "; (function (" + name + ") {";
  std::string previous;
  bool previous_numeric = false;
  for (Id m = 0; m < a_.bindings.size(); ++m) {
    const Binding& member = a_.bindings[m];
    if (member.scope != scope || member.kind != BindingKind::EnumMember) continue;
    const std::string key = name + "[\"" + std::string(member.name) + "\"]";
    const Range init = member.initializer_range;
    std::string value;
    bool numeric = true;
    if (init.end > init.begin) {
      value = "(" + enum_initializer(init, scope, name) + ")";
      const char first = src_[init.begin];
      numeric = !(first == '"' || first == '\'' || first == '`');
    } else if (previous.empty()) {
      value = "0";
    } else if (previous_numeric) {
      value = previous + " + 1";
    } else {
      error(member.name_range.begin,
            "enum member " + quoted(member.name) + " needs an initializer after a string member");
      return;
    }
    text += numeric ? " " + name + "[" + key + " = " + value + "] = \"" + std::string(member.name) +
                          "\";"
                    : " " + key + " = " + value + ";";
    previous = key;
    previous_numeric = numeric;
  }
  text += " })(" + name + " || (" + name + " = {}));";
  // Before anything else added there (a namespace's `N.E = E;` for an exported enum).
  std::string& at_line_end = insertions_[line_end(e.declaration.end)];
  at_line_end = text + at_line_end;
}

// An enum member's initializer: other members of the enum are read through the enum object.
std::string Emitter::enum_initializer(Range init, Id scope, const std::string& enum_name) {
  std::vector<const Reference*> members;
  for (const Reference& r : a_.references) {
    if (init.contains(r.range.begin) && r.binding != kNone &&
        a_.bindings[r.binding].scope == scope) {
      members.push_back(&r);
    }
  }
  std::string out;
  for (std::uint32_t i = init.begin; i < init.end;) {
    bool replaced = false;
    for (const Reference* r : members) {
      if (r->range.begin != i) continue;
      out += enum_name + "[\"" + std::string(r->name) + "\"]";
      i = r->range.end;
      replaced = true;
      break;
    }
    if (replaced) continue;
    out += erased(i) ? ' ' : src_[i];
    ++i;
  }
  erased_cursor_ = 0;
  return out;
}

// A TypeScript namespace becomes what tsc emits, without moving its body's lines:
//   namespace N {          →  var N; (function (N) {
//     export const a = 1;  →    const a = 1; N.a = a;
//   }                      →  })(N || (N = {}));
// The header and the closing brace must end their lines (only closing punctuation after).
void Emitter::lower_namespace(Id b) {
  const Binding& ns = a_.bindings[b];
  const auto refuse = [&](const std::string& why) {
    error(ns.name_range.begin, "the closure needs the TypeScript namespace " + quoted(ns.name) +
                                   ", which cannot be re-created in the worker: " + why);
  };
  Id body = kNone;
  for (Id s = 0; s < a_.scopes.size(); ++s) {
    if (a_.scopes[s].kind == ScopeKind::Namespace &&
        a_.scopes[s].range.begin > ns.name_range.begin &&
        ns.declaration.contains(a_.scopes[s].range.begin)) {
      body = s;
      break;
    }
  }
  if (body == kNone || src_[a_.scopes[body].range.begin] != '{') {
    refuse("a dotted name (`namespace A.B`) is not supported; nest the namespaces instead");
    return;
  }
  const std::uint32_t open = a_.scopes[body].range.begin;
  const std::uint32_t close = ns.declaration.end - 1;  // the closing `}`
  if (!only_punctuation_until_line_end(open + 1) || !only_punctuation_until_line_end(close + 1)) {
    refuse("end the line after its `{` and after its closing `}`");
    return;
  }
  const std::string name(ns.name);
  keep({open + 1, close});
  insertions_[open] += "var " + name + "; (function (" + name + ") {";
  insertions_[close] += "})(" + name + " || (" + name + " = {}));";
  // Exported members: drop `export`, assign the member to the namespace object after it.
  for (const Binding& member : a_.bindings) {
    if (member.scope != body || member.kind == BindingKind::Namespace) continue;
    // `export` before the member's statement, or its first word (an enum's declaration).
    std::uint32_t k = member.statement.begin;
    if (src_.substr(k, 7) == "export ") {
      k += 6;
    } else {
      while (k > open && (src_[k - 1] == ' ' || src_[k - 1] == '\t')) --k;
    }
    if (k < open + 7 || src_.substr(k - 6, 6) != "export") continue;
    for (std::uint32_t i = k - 6; i < k; ++i) keep_[i] = 0;
    std::uint32_t end = member.kind == BindingKind::Var || member.kind == BindingKind::Let ||
                                member.kind == BindingKind::Const
                            ? member.statement.end
                            : member.declaration.end;
    // An enum is defined by text added at its line's end: assign it after that.
    if (member.kind == BindingKind::Enum) end = line_end(end);
    if (!only_punctuation_until_line_end(end)) {
      refuse("end the line after its exported member " + quoted(member.name));
      return;
    }
    insertions_[end] +=
        "; " + name + "." + std::string(member.name) + " = " + std::string(member.name) + ";";
  }
}

// `constructor(private x: number)`: the modifiers are blanked, and `this.x = x;` is added
// where the constructor's own code starts — after `{`, or after `super(...);` in a derived
// class — when only closing punctuation follows there on the line.
void Emitter::lower_parameter_property(const RuntimeTs& ts) {
  std::uint32_t name_begin = ts.range.end;
  while (name_begin > ts.range.begin &&
         is_id_continue(static_cast<unsigned char>(src_[name_begin - 1]))) {
    --name_begin;
  }
  const std::string name(src_.substr(name_begin, ts.range.end - name_begin));
  const Function* ctor = nullptr;
  for (const Function& f : a_.functions) {
    if (f.kind == FunctionKind::Constructor && f.range.contains(ts.range.begin)) ctor = &f;
  }
  std::uint32_t at = ctor ? ctor->body.begin + 1 : 0;
  if (ctor) {
    for (const Call& call : a_.calls) {
      if (ctor->body.contains(call.range.begin) && src_.substr(call.range.begin, 5) == "super") {
        at = call.range.end;
        while (at < src_.size() && (src_[at] == ' ' || src_[at] == '\t')) ++at;
        if (at < src_.size() && src_[at] == ';') ++at;
        break;
      }
    }
  }
  if (!ctor || !only_punctuation_until_line_end(at)) {
    std::string cls = "a class";
    for (const Binding& b : a_.bindings) {  // the innermost named class around it
      if (b.kind == BindingKind::Class && b.declaration.contains(ts.range.begin))
        cls = "class " + quoted(b.name);
    }
    error(ts.range.begin,
          "the closure needs " + cls + ", whose constructor has the parameter property " +
              quoted(name) +
              ": end the line after the constructor's `{` (or after `super(...);`) so that the "
              "assignment can be added there, or declare the field and assign it yourself");
    return;
  }
  // `;` first: `super()` may end its statement by a line break alone.
  insertions_[at] += "; this." + name + " = " + name + ";";
}

}  // namespace xthreads
