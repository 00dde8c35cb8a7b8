// Emits the worker module of a call site. The output is the source with every byte that is not
// kept turned into blanks of the same UTF-16 width (line terminators stay), a few same-width
// rewrites in blank or kept space, and an epilogue after the last line.
#include "xthreads/worker_module.h"

#include <algorithm>
#include <map>

#include "support/unicode.h"

namespace xthreads {
namespace {

constexpr std::string_view kClosureNames[] = {"__xt_fn", "$xt", "$x"};

bool is_line_terminator_at(std::string_view s, std::size_t i, std::uint32_t& length) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '\n' || c == '\r') {
    length = 1;
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
    length = 3;
    return true;
  }
  return false;
}

std::string quoted(std::string_view name);

std::string quoted(std::string_view name) {
  std::string out = "`";
  out += name;
  out += '`';
  return out;
}

class Emitter {
 public:
  Emitter(std::string_view source, const Analysis& a, const LineMap& lines, const CapturePlan& plan,
          WorkerModule& out)
      : src_(source), a_(a), lines_(lines), plan_(plan), out_(out), keep_(source.size(), 0) {}

  void run() {
    const Function& closure = a_.functions[plan_.function];
    // Without a call (plan_function), the function itself is the site: a literal in place, or a
    // declaration passed by name.
    const Call* call = plan_.call == kNone ? nullptr : &a_.calls[plan_.call];
    const bool literal = call ? call->first_argument == ArgumentKind::Function
                              : closure.kind != FunctionKind::Declaration;
    const std::uint32_t site = call ? call->range.begin : closure.range.begin;
    for (const Capture& c : plan_.captures) {
      switch (c.kind) {
        case CaptureKind::Code:
        case CaptureKind::SharedGlobal: keep_declaration(c.binding); break;
        case CaptureKind::Import:
          if (a_.imports[c.import].require) keep_declaration(c.binding);
          break;
        case CaptureKind::Value: out_.values.push_back(c.name); break;
        case CaptureKind::Global:
          if (c.name == "require") needs_require_ = true;
          if (c.name == "__dirname" || c.name == "__filename") needs_filename_ = true;
          break;
      }
    }
    // The closure may sit inside a declaration it needs (it calls the function it is written in,
    // recursively, or uses that function's class): the declaration is kept as it is, spawn call
    // included, and the epilogue defines the closure from a copy of its text.
    const bool inside_kept = literal && kept(closure.range.begin);
    Id named = kNone;
    if (literal) {
      if (inside_kept) check_copied_closure(closure, call ? call->name : "spawn", site);
      if (!call && !inside_kept) {
        // The name goes right before the function: not possible inside a kept `var` statement
        // (another of its declarators is needed), whose keyword would take the name as its own.
        for (const Binding& b : a_.bindings) {
          if ((b.kind != BindingKind::Var && b.kind != BindingKind::Let &&
               b.kind != BindingKind::Const && b.kind != BindingKind::Using) ||
              !kept(b.name_range.begin) || b.statement.begin >= closure.range.begin ||
              closure.range.end > b.statement.end || !out_.ok())
            continue;
          error(site, "the function is written in the statement that declares " + quoted(b.name) +
                          " (at " + position_text(b.name_range.begin) +
                          "), which the worker also needs: declare it in a statement of its own");
        }
      }
      if (!out_.ok()) return;
      keep(closure.range);
    } else {
      named = call ? a_.references[call->argument].binding : closure.name_binding;
      keep_declaration(named);
      const Binding& declaration = a_.bindings[named];
      if (inside_captured_code(declaration)) {
        error(site, "the closure " + quoted(declaration.name) + " is declared inside " +
                        "code the worker also needs, where the worker module cannot call it from " +
                        "outside: declare it at the top level of the module");
      }
    }
    // Everything kept is known: lower and check it before any name is written over blank text
    // (written text counts as kept).
    lower_runtime_ts_in_kept_code();
    keep_jsx_pragmas();
    check_kept_names();
    check_legacy_octals();
    check_strict_names();
    if (!out_.ok()) return;
    std::string closure_callee;
    if (!literal) {
      closure_callee = std::string(a_.bindings[named].name);
    } else if (inside_kept) {
      for (std::string_view name : kClosureNames) {
        if (closure_var_.empty() && !name_in_use(name)) closure_var_ = name;
      }
      if (closure_var_.empty()) {
        error(site,
              "every name the worker module could give the closure (__xt_fn, $xt, $x) is "
              "used in this file: rename one of them");
        return;
      }
      copied_ = closure.range;
      closure_callee = std::string(closure_var_);
    } else {
      closure_callee = call ? name_closure(call->open_paren, call->range.end - 1, true)
                            : name_closure(closure.range.begin, closure.range.end, false);
      if (closure_callee.empty()) return;
    }
    punctuate_declarations();
    move_arrow_parens();
    rewrite_import_meta();
    build_text();
    append_epilogue(closure_callee);
  }

 private:
  void error(std::uint32_t offset, std::string message) {
    out_.diagnostics.push_back({std::move(message), offset});
  }

  std::string position_text(std::uint32_t offset) const {
    const LineColumn at = lines_.position(offset);
    return std::to_string(at.line) + ":" + std::to_string(at.column);
  }

  void keep(Range r) {
    for (std::uint32_t i = r.begin; i < r.end && i < keep_.size(); ++i) keep_[i] = 1;
  }

  bool kept(std::uint32_t offset) const { return offset < keep_.size() && keep_[offset]; }

  // Same-width text written over the source at an offset (blank or kept bytes, all ASCII).
  void rewrite(std::uint32_t offset, std::string text) {
    for (std::uint32_t i = 0; i < text.size(); ++i) keep_[offset + i] = 1;
    rewrites_[offset] = std::move(text);
  }

  void keep_declaration(Id b) {
    const Binding& binding = a_.bindings[b];
    switch (binding.kind) {
      case BindingKind::Var:
      case BindingKind::Let:
      case BindingKind::Const:
      case BindingKind::Using: keep_variable(binding); return;
      case BindingKind::ImportEquals:
        keep(binding.declaration);
        lower_import_equals(binding);
        return;
      case BindingKind::Enum: lower_enum(b); return;
      case BindingKind::Namespace: lower_namespace(b); return;
      default: keep(binding.declaration); return;
    }
  }

  // `import x = A.B` / `import x = require("m")` → `const x = ...`, same width.
  void lower_import_equals(const Binding& binding) {
    const std::size_t at = src_.find("import", binding.declaration.begin);
    if (at != std::string_view::npos && at < binding.name_range.begin) {
      for (std::uint32_t i = binding.declaration.begin; i < at; ++i) keep_[i] = 0;  // `export`
      rewrite(static_cast<std::uint32_t>(at), "const ");
    }
    if (binding.initializer == InitializerKind::Require) needs_require_ = true;
  }

  // TypeScript with run-time meaning inside kept code (the closure's own body, a kept function's
  // or class's, a kept namespace's) is lowered like a captured declaration: an enum declared in
  // the closure, a namespace's nested enum, a constructor's parameter properties. Kept
  // declarations were lowered by keep_declaration and are blank here, so nothing is done twice;
  // a lowered namespace keeps its body, so the walk goes on until nothing new is kept.
  void lower_runtime_ts_in_kept_code() {
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

  // The end of the line that `offset` is on: where text can be added without moving anything.
  std::uint32_t line_end(std::uint32_t offset) const {
    std::uint32_t i = offset;
    std::uint32_t length = 0;
    while (i < src_.size() && !is_line_terminator_at(src_, i, length)) ++i;
    return i;
  }

  // Text can be added at `offset` when nothing but closing punctuation follows on its line:
  // only those characters move, and stack traces never point at them.
  bool only_punctuation_until_line_end(std::uint32_t offset) const {
    for (std::uint32_t i = offset; i < line_end(offset); ++i) {
      const char c = src_[i];
      if (c != ' ' && c != '\t' && c != '}' && c != ')' && c != ';' && c != ',') return false;
    }
    return true;
  }

  // A TypeScript enum becomes what tsc emits, `var E; (function (E) { ... })(E || (E = {}));`,
  // added at the end of the enum's last line (the enum itself is blanked): lines do not move.
  void lower_enum(Id enum_binding) {
    const Binding& e = a_.bindings[enum_binding];
    Id scope = kNone;
    for (Id s = 0; s < a_.scopes.size(); ++s) {
      if (a_.scopes[s].kind == ScopeKind::Enum &&
          e.declaration.contains(a_.scopes[s].range.begin)) {
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
      text += numeric ? " " + name + "[" + key + " = " + value + "] = \"" +
                            std::string(member.name) + "\";"
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
  std::string enum_initializer(Range init, Id scope, const std::string& enum_name) {
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
  void lower_namespace(Id b) {
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
  void lower_parameter_property(const RuntimeTs& ts) {
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

  // A kept declarator declares every name of its pattern; none may be a value capture too (the
  // epilogue declares those).
  // Declared inside the code of another captured declaration (a local of a kept function):
  // not a module variable of the worker module.
  bool inside_captured_code(const Binding& b) const {
    for (const Capture& c : plan_.captures) {
      if (c.kind != CaptureKind::Code && c.kind != CaptureKind::SharedGlobal) continue;
      const Range outer = a_.bindings[c.binding].declaration;
      if (outer.contains(b.declaration) &&
          (outer.begin != b.declaration.begin || outer.end != b.declaration.end)) {
        return true;
      }
    }
    return false;
  }

  void check_kept_names() {
    for (const Binding& b : a_.bindings) {
      if (b.kind != BindingKind::Var && b.kind != BindingKind::Let && b.kind != BindingKind::Const)
        continue;
      if (!kept(b.name_range.begin) || !kept(b.declaration.begin) || inside_captured_code(b))
        continue;
      for (const std::string_view v : out_.values) {
        if (v != b.name || !out_.ok()) continue;
        error(b.name_range.begin, "the worker module keeps the declaration of " + quoted(b.name) +
                                      " at " + position_text(b.name_range.begin) +
                                      " for another name it declares, and the " +
                                      "closure also needs a different variable " + quoted(v) +
                                      " as a value: rename one of them");
      }
    }
  }

  // A legacy octal literal (`0755`) is valid only in sloppy scripts; the worker module is strict.
  void check_legacy_octals() {
    for (const std::uint32_t at : a_.legacy_octals) {
      if (!kept(at) || !out_.ok()) continue;
      std::uint32_t end = at;
      while (end < src_.size() && src_[end] >= '0' && src_[end] <= '9') ++end;
      const std::string digits(src_.substr(at + 1, end - at - 1));
      error(at, "the worker module is strict code, where the legacy octal literal " +
                    quoted(src_.substr(at, end - at)) + " is a syntax error: write 0o" + digits);
    }
  }

  // JSX in kept code stays JSX; the comments before the first statement that configure it
  // (`@jsx h`, `@jsxRuntime classic`, `@jsxImportSource preact`, `@jsxFrag`) stay with it, at
  // their places, for the runtime's JSX transform.
  void keep_jsx_pragmas() {
    for (const std::uint32_t at : a_.jsx_elements) {
      if (kept(at)) {
        out_.jsx = at;
        break;
      }
    }
    if (out_.jsx == kNone) return;
    for (const Range comment : leading_comments(src_)) {
      if (src_.substr(comment.begin, comment.end - comment.begin).find("@jsx") !=
          std::string_view::npos) {
        keep(comment);
      }
    }
  }

  // Sloppy-mode names in kept code: a script may bind `eval` or `arguments`, name a variable
  // `yield` or `static`, repeat a parameter name; the module is strict, where those are syntax
  // errors. (Found by parsing every function of the npm corpus as a module.)
  void check_strict_names() {
    static constexpr std::string_view kReserved[] = {"yield",      "let",       "static",
                                                     "implements", "interface", "package",
                                                     "private",    "protected", "public"};
    const auto strict_error = [&](std::uint32_t at, const std::string& what) {
      error(at, "the worker module is strict code, where " + what +
                    " is a syntax error: rename it in the code the closure needs");
    };
    for (const Binding& b : a_.bindings) {
      if (!kept(b.name_range.begin) || !out_.ok() || b.kind == BindingKind::EnumMember) continue;
      if (b.name == "eval" || b.name == "arguments") {
        strict_error(b.name_range.begin, "declaring " + quoted(b.name));
      } else if (std::find(std::begin(kReserved), std::end(kReserved), b.name) !=
                 std::end(kReserved)) {
        strict_error(b.name_range.begin, "the name " + quoted(b.name));
      }
    }
    for (const Reference& r : a_.references) {
      if (!kept(r.range.begin) || !out_.ok()) continue;
      if (std::find(std::begin(kReserved), std::end(kReserved), r.name) != std::end(kReserved)) {
        strict_error(r.range.begin, "the name " + quoted(r.name));
      }
    }
    // Parameters of one function are bindings of one scope, declared next to each other.
    for (Id i = 0; i + 1 < a_.bindings.size() && out_.ok(); ++i) {
      const Binding& b = a_.bindings[i];
      if (b.kind != BindingKind::Parameter || !kept(b.name_range.begin)) continue;
      for (Id j = i + 1; j < a_.bindings.size(); ++j) {
        const Binding& other = a_.bindings[j];
        if (other.kind != BindingKind::Parameter || other.scope != b.scope) break;
        if (other.name == b.name) {
          strict_error(other.name_range.begin, "the repeated parameter name " + quoted(b.name));
          break;
        }
      }
    }
  }

  // `const a = 1, f = () => {};` with only `f` needed → `const        f = () => {};`
  void keep_variable(const Binding& b) {
    std::uint32_t keyword_end = b.statement.begin;
    while (keyword_end < src_.size() &&
           std::isalpha(static_cast<unsigned char>(src_[keyword_end]))) {
      ++keyword_end;
    }
    if (src_.substr(b.statement.begin, keyword_end - b.statement.begin) == "await") {
      error(b.name_range.begin,
            "the closure needs " + quoted(b.name) +
                ", an `await using` declaration, which cannot travel to a worker");
      return;
    }
    keep({b.statement.begin, keyword_end});
    keep(b.declaration);
    if (b.initializer == InitializerKind::Require) needs_require_ = true;
    auto& declarators = kept_declarators_[b.statement.begin];
    if (std::find(declarators.begin(), declarators.end(), b.declaration.end) == declarators.end()) {
      declarators.push_back(b.declaration.end);
    }
  }

  // Between kept declarators of one statement the comma stays; after the last one the
  // statement ends, over the next `,` or on its own `;`.
  void punctuate_declarations() {
    for (auto& [statement, ends] : kept_declarators_) {
      (void)statement;
      std::sort(ends.begin(), ends.end());
      for (std::size_t k = 0; k < ends.size(); ++k) {
        std::uint32_t i = ends[k];
        while (i < src_.size() && (src_[i] == ' ' || src_[i] == '\t')) ++i;
        if (i >= src_.size() || (src_[i] != ',' && src_[i] != ';')) continue;
        rewrite(i, k + 1 < ends.size() ? "," : ";");
      }
    }
  }

  // The closure literal stays where it is; `spawn(` before it becomes `__xt_fn=(`, so the
  // module assigns the closure to a variable when it is evaluated.
  // A copied closure runs from the epilogue, past the file's last line: a spawn call directly in
  // its text would be looked up there by the worker and not found.
  void check_copied_closure(const Function& closure, std::string_view spawn_name,
                            std::uint32_t site) {
    // The copy runs at the module's top level: what it uses must be there too.
    for (const Capture& c : plan_.captures) {
      if (!c.direct || (c.kind != CaptureKind::Code && c.kind != CaptureKind::SharedGlobal))
        continue;
      if (!inside_captured_code(a_.bindings[c.binding])) continue;
      error(site, "the closure sits inside a declaration it needs and uses " + quoted(c.name) +
                      ", declared inside that declaration too: the closure runs from a copy at " +
                      "the module's top level, where " + quoted(c.name) +
                      " does not exist. Declare it at the top level, or move the closure into a " +
                      "function declaration of its own and pass it, e.g. spawn(work)");
      return;
    }
    for (std::uint32_t i = closure.range.begin; i + 1 < closure.range.end; ++i) {
      if (src_[i] != '#' || !kept(i)) continue;
      std::uint32_t before = i;
      while (before > closure.range.begin && (src_[before - 1] == ' ' || src_[before - 1] == '\t'))
        --before;
      if (before == closure.range.begin || src_[before - 1] != '.') continue;
      error(i, "the closure sits inside its class and uses the private name " +
                   quoted(src_.substr(i, 2)) + "…: it runs from a copy outside the class, where " +
                   "private names do not exist. Call a method of the class from the closure " +
                   "instead");
      return;
    }
    for (const Call& c : a_.calls) {
      if (!closure.range.contains(c.range.begin) || c.name != spawn_name) continue;
      std::string around = "a declaration it needs";
      for (const Capture& capture : plan_.captures) {
        if (capture.binding == kNone) continue;
        const Binding& b = a_.bindings[capture.binding];
        if (b.declaration.contains(site)) {
          around = quoted(capture.name) + " (" + std::string(to_string(b.kind)) + " declared at " +
                   position_text(b.name_range.begin) + ")";
        }
      }
      error(c.range.begin,
            "the closure sits inside " + around +
                ", which it needs, and calls spawn itself: in the worker that nested call would "
                "run from a copy of the closure, where it cannot be found. Move the closure into "
                "a function declaration of its own and pass it, e.g. spawn(work)");
      return;
    }
  }

  // Names the closure in the module, written over blank text so that nothing kept moves. A spawn
  // call gives the room itself: `spawn(` → `$x=(` and its own `)`, with `;` after it when there
  // is room. A function planned without a call (plan_function) becomes `$x=function ...;`: the
  // name goes over blank text right before it, else at the end of the line before; the `;` over
  // the blank byte after it, else at the end of its last line.
  //   call: open = the call's `(`, close = the call's `)`
  //   function: open = its first byte, close = the byte after it
  std::string name_closure(std::uint32_t open, std::uint32_t close, bool call) {
    const bool close_in_place = call || blank_room(close, close + 1);
    if (!close_in_place && !blank_room(close, line_end(close))) return no_room_for_name(open, call);
    const std::uint32_t head_end = call ? open + 1 : open;  // a call's `(` is rewritten too
    const std::uint32_t extra = call ? 2 : 1;               // `=(` or `=`
    std::string_view chosen;
    std::uint32_t previous_line_end = kNone;
    for (std::string_view name : kClosureNames) {  // in place, longest name first
      const std::uint32_t width = static_cast<std::uint32_t>(name.size()) + extra;
      if (head_end >= width && blank_room(head_end - width, head_end) && !name_in_use(name)) {
        chosen = name;
        break;
      }
    }
    if (chosen.empty() && !call) {  // at the end of the line before
      const std::uint32_t begin = line_start(open);
      if (begin > 0 && blank_room(begin, open)) {
        for (std::string_view name : kClosureNames) {
          if (name_in_use(name)) continue;
          chosen = name;
          previous_line_end = line_start_of_terminator(begin);
          break;
        }
      }
    }
    if (chosen.empty()) return no_room_for_name(open, call);
    const std::string head = std::string(chosen) + (call ? "=(" : "=");
    if (previous_line_end == kNone) {
      rewrite(head_end - static_cast<std::uint32_t>(head.size()), head);
    } else {
      insertions_[previous_line_end] += ";" + head;
    }
    if (call) {
      rewrite(close, blank_room(close + 1, close + 2) ? ");" : ")");
    } else if (close_in_place) {
      rewrite(close, ";");
    } else {
      insertions_[line_end(close)] += ";";
    }
    closure_var_ = chosen;
    return std::string(chosen);
  }

  std::string no_room_for_name(std::uint32_t open, bool call) {
    error(open,
          call ? "there is no room before the closure to name it in the worker module: the callee "
                 "before the open parenthesis is too short. Call it through a name of at least "
                 "three characters (e.g. `spawn`), or write eval(spawn(...)) as usual"
               : "there is no blank text around the function to name it in the worker module");
    return {};
  }

  // Blank single-width ASCII bytes on one line, none of them kept: text written over them moves
  // nothing.
  bool blank_room(std::uint32_t begin, std::uint32_t end) const {
    if (end > src_.size()) return false;
    for (std::uint32_t i = begin; i < end; ++i) {
      const unsigned char c = static_cast<unsigned char>(src_[i]);
      if (kept(i) || (c < 0x20 && c != '\t') || c >= 0x80) return false;
    }
    return true;
  }

  std::uint32_t line_start(std::uint32_t offset) const {
    while (offset > 0 && src_[offset - 1] != '\n' && src_[offset - 1] != '\r') --offset;
    return offset;
  }

  // The first byte of the line terminator that ends just before `line_begin`.
  std::uint32_t line_start_of_terminator(std::uint32_t line_begin) const {
    std::uint32_t at = line_begin - 1;
    if (at > 0 && src_[at] == '\n' && src_[at - 1] == '\r') --at;
    return at;
  }

  bool name_in_use(std::string_view name) const {
    for (const Binding& b : a_.bindings) {
      if (b.name == name) return true;
    }
    for (const Reference& r : a_.references) {
      if (r.name == name) return true;
    }
    return false;
  }

  void move_arrow_parens() {
    for (const auto& [from, to] : a_.moved_parens) {
      if (!kept(from)) continue;
      rewrite(from, " ");
      rewrite(to, ")");
    }
    for (const std::uint32_t at : a_.field_semicolons) {
      if (kept(at)) rewrite(at, ";");
    }
  }

  // `import.meta` in kept code means the original module's: `__xt_meta()`, the same width.
  void rewrite_import_meta() {
    for (const Range& r : a_.import_meta) {
      if (!kept(r.begin) || r.end - r.begin != 11) continue;
      rewrite(r.begin, "__xt_meta()");
      needs_meta_ = true;
    }
    // Likewise `import(...)`: resolved from the original URL, whatever URL the module is
    // loaded under (a data: URL cannot resolve relative or bare specifiers).
    for (const Range& r : a_.dynamic_imports) {
      if (!kept(r.begin) || r.end - r.begin != 6) continue;
      rewrite(r.begin, "__xt_i");
      needs_dynamic_import_ = true;
    }
  }

  bool erased(std::uint32_t offset) {
    while (erased_cursor_ < a_.erased.size() && a_.erased[erased_cursor_].end <= offset)
      ++erased_cursor_;
    return erased_cursor_ < a_.erased.size() && a_.erased[erased_cursor_].contains(offset);
  }

  void build_text() {
    std::string& t = out_.text;
    t.reserve(src_.size() + 512);
    // Rewrites and insertions are ordered by offset: walk them alongside the source.
    auto rewrite = rewrites_.begin();
    auto insertion = insertions_.begin();
    const std::uint32_t size = static_cast<std::uint32_t>(src_.size());
    for (std::uint32_t i = 0; i < size;) {
      if (copied_.end > copied_.begin) {  // where the copied closure's text lands
        if (i <= copied_.begin) copied_out_.begin = static_cast<std::uint32_t>(t.size());
        if (i <= copied_.end) copied_out_.end = static_cast<std::uint32_t>(t.size());
      }
      while (insertion != insertions_.end() && insertion->first < i) ++insertion;
      if (insertion != insertions_.end() && insertion->first == i) {
        t += insertion->second;  // only closing punctuation after it on the line moves
        ++insertion;
      }
      while (rewrite != rewrites_.end() && rewrite->first < i) ++rewrite;
      if (rewrite != rewrites_.end() && rewrite->first == i) {
        t += rewrite->second;
        i += static_cast<std::uint32_t>(rewrite->second.size());
        continue;
      }
      const unsigned char c = static_cast<unsigned char>(src_[i]);
      if (c < 0x80) {
        // ASCII fast path: kept bytes and line breaks as they are, the rest blank.
        t += (c == '\n' || c == '\r' || (keep_[i] && !erased(i))) ? static_cast<char>(c) : ' ';
        ++i;
        continue;
      }
      std::uint32_t length = 1;
      if (is_line_terminator_at(src_, i, length)) {
        t.append(src_.substr(i, length));
        i += length;
        continue;
      }
      std::uint32_t bytes = 1;
      decode_utf8(src_, i, bytes);
      if (keep_[i] && !erased(i)) {
        t.append(src_.substr(i, bytes));
      } else {
        // Blank of the same width in UTF-16 code units, so later columns do not move.
        t.append(c >= 0xF0 ? 2 : 1, ' ');
      }
      i += bytes;
    }
    if (copied_.end == size) copied_out_.end = static_cast<std::uint32_t>(t.size());
    if (insertion != insertions_.end() && insertion->first == size) t += insertion->second;
    // Positions of kept `new Global(...)` expressions: the Global's identity.
    for (const Binding& b : a_.bindings) {
      if (b.initializer == InitializerKind::NewGlobal && kept(b.initializer_range.begin)) {
        out_.globals.push_back(lines_.position(b.initializer_range.begin));
      }
    }
  }

  void add_slot(Placeholder kind, std::string_view literal, std::string_view specifier) {
    const std::uint32_t begin = static_cast<std::uint32_t>(out_.text.size());
    out_.text += literal;
    out_.slots.push_back({kind, {begin, static_cast<std::uint32_t>(out_.text.size())}, specifier});
  }

  void append_epilogue(const std::string& callee) {
    std::string& t = out_.text;
    t += "\n;";
    // Imports, grouped by specifier and attributes, in the order first needed.
    std::vector<const Capture*> imports;
    for (const Capture& c : plan_.captures) {
      if (c.kind == CaptureKind::Import && !a_.imports[c.import].require) imports.push_back(&c);
    }
    for (const Capture* c : imports) {
      const Import& imp = a_.imports[c->import];
      const std::string_view literal =
          src_.substr(imp.specifier.begin, imp.specifier.end - imp.specifier.begin);
      const std::string_view specifier =
          literal.size() >= 2 ? literal.substr(1, literal.size() - 2) : literal;
      t += "import ";
      if (imp.imported == "*") {
        t += "* as ";
        t += c->name;
      } else if (imp.imported == "default") {
        t += c->name;
      } else {
        t += "{ ";
        bool plain =
            !imp.imported.empty() && is_id_start(static_cast<unsigned char>(imp.imported[0]));
        for (const char ch : imp.imported)
          plain = plain && is_id_continue(static_cast<unsigned char>(ch));
        if (plain) {
          t += imp.imported;
        } else {
          t += '"';
          t += imp.imported;
          t += '"';
        }
        t += " as ";
        t += c->name;
        t += " }";
      }
      t += " from ";
      add_slot(Placeholder::ImportSpecifier, literal, specifier);
      if (imp.attributes.end > imp.attributes.begin) {
        t += ' ';
        t += src_.substr(imp.attributes.begin, imp.attributes.end - imp.attributes.begin);
      }
      t += ";\n";
    }
    const bool file_names = needs_filename_ || needs_meta_;
    if (needs_require_) {
      t += "import { createRequire as __xt_createRequire } from \"node:module\";\n";
    }
    if (file_names) {
      t += "import { fileURLToPath as __xt_fileURLToPath } from \"node:url\";\n"
           "import { dirname as __xt_dirname } from \"node:path\";\n";
    }
    // Everything the epilogue defines is a hoisted function or reads its own `__xt_` names and
    // `globalThis`: user names in kept code cannot shadow what it relies on.
    t += "function __xt_url() { return ";
    add_slot(Placeholder::OriginalUrl, "\"\"", {});
    t += "; }\n";
    if (needs_require_) {
      // Hoisted, so the in-place `require("m")` calls work while the module is evaluated.
      t += "function require(id) { return (require.__xt ?\?= __xt_createRequire(__xt_url()))(id); "
           "}\n";
    }
    if (needs_meta_) {
      t += "function __xt_meta() { return __xt_meta.__xt ?\?= { url: __xt_url(), "
           "filename: __xt_fileURLToPath(__xt_url()), dirname: "
           "__xt_dirname(__xt_fileURLToPath(__xt_url())), "
           "resolve: __xt_resolve }; }\n";
    }
    if (needs_dynamic_import_) {
      t += "async function __xt_i(s, o) { return import(__xt_resolve(s), o); }\n";
    }
    if (needs_meta_ || needs_dynamic_import_) {
      // A parent for import.meta.resolve: Node 20 runs workers with
      // --experimental-import-meta-resolve and loads modules from data: URLs; elsewhere the
      // module's own URL is in the original's directory, so the parent changes nothing (and
      // Deno accepts none).
      t += "function __xt_resolve(s) { return globalThis.Deno ? import.meta.resolve(s) : "
           "import.meta.resolve(s, __xt_url()); }\n";
    }
    if (needs_filename_) {
      t += "var __filename = __xt_fileURLToPath(__xt_url()), __dirname = "
           "__xt_dirname(__filename);\n";
    }
    t += "var ";
    t += closure_var_.empty() ? "__xt_unused" : closure_var_;
    for (std::string_view v : out_.values) {
      t += ", ";
      t += v;
    }
    t += ";\n";
    if (copied_out_.end > copied_out_.begin) {
      // On lines of its own, at its original column, so the runtime maps its frames by lines.
      t += closure_var_;
      t += " = (\n";
      const LineColumn from = lines_.position(copied_.begin);
      out_.copy_line = static_cast<std::uint32_t>(std::count(t.begin(), t.end(), '\n')) + 1;
      out_.copy_original_line = from.line;
      t.append(from.column - 1, ' ');
      t += t.substr(copied_out_.begin, copied_out_.end - copied_out_.begin);
      t += ");\n";
    }
    t += "export function __xt_run(__xt_values) { ";
    if (!out_.values.empty()) {
      t += "({ ";
      for (std::size_t i = 0; i < out_.values.size(); ++i) {
        if (i) t += ", ";
        t += out_.values[i];
      }
      t += " } = __xt_values); ";
    }
    t += "return ";
    t += callee;
    t += "(); }\nexport const __xt_globals = [";
    for (std::size_t i = 0; i < out_.globals.size(); ++i) {
      if (i) t += ", ";
      t += "[" + std::to_string(out_.globals[i].line) + ", " +
           std::to_string(out_.globals[i].column) + "]";
    }
    t += "];\n";
  }

  std::string_view src_;
  const Analysis& a_;
  const LineMap& lines_;
  const CapturePlan& plan_;
  WorkerModule& out_;
  std::vector<std::uint8_t> keep_;
  std::map<std::uint32_t, std::string> rewrites_;
  std::map<std::uint32_t, std::string> insertions_;  // text added before a line terminator
  std::map<std::uint32_t, std::vector<std::uint32_t>> kept_declarators_;  // statement → ends
  std::size_t erased_cursor_ = 0;
  std::string_view closure_var_;
  Range copied_;      // a closure inside a kept declaration: its source range, copied to the
  Range copied_out_;  // epilogue from its place in the module text
  bool needs_require_ = false;
  bool needs_meta_ = false;
  bool needs_dynamic_import_ = false;
  bool needs_filename_ = false;
};

}  // namespace

WorkerModule emit_worker_module(std::string_view source, const Analysis& analysis,
                                const LineMap& lines, const CapturePlan& plan) {
  WorkerModule out;
  if (!plan.ok()) {
    out.diagnostics = plan.diagnostics;
    return out;
  }
  Emitter(source, analysis, lines, plan, out).run();
  return out;
}

}  // namespace xthreads
