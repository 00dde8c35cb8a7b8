// The capture planner: classifies every variable a closure needs, follows captured code to what
// it needs in turn, and decides every error that can be decided before a worker is involved.
#include "xthreads/plan.h"

#include <algorithm>
#include <tuple>

#include "support/text.h"
#include "support/unicode.h"

namespace xthreads {
namespace {

class Planner {
 public:
  Planner(std::string_view source, const Analysis& a, const LineMap& lines, CapturePlan& plan)
      : source_(source),
        pragmas_(leading_comments(source)),
        a_(a),
        lines_(lines),
        plan_(plan),
        import_of_(a.bindings.size(), kNone),
        written_(a.bindings.size(), 0),
        planned_(a.bindings.size(), 0) {
    for (Id i = 0; i < a.imports.size(); ++i) import_of_[a.imports[i].binding] = i;
    for (const Reference& r : a.references) {
      if (r.binding != kNone && r.is_write()) written_[r.binding] = 1;
    }
    // A name declared twice in one scope (`var f = ...; var f = ...`, two `function f`) holds
    // whichever ran last: like a reassignment. The first declaration stands for the binding.
    // Sorted by (scope, name, id), so each run of equal names in a scope is adjacent: every
    // declaration but the last of a run is declared again.
    std::vector<Id> declared;
    for (Id b = 0; b < a.bindings.size(); ++b) {
      const BindingKind kind = a.bindings[b].kind;
      if (kind == BindingKind::Var || kind == BindingKind::Function) declared.push_back(b);
    }
    const auto key = [&](Id b) { return std::tuple(a.bindings[b].scope, a.bindings[b].name, b); };
    std::sort(declared.begin(), declared.end(), [&](Id x, Id y) { return key(x) < key(y); });
    for (std::size_t i = 0; i + 1 < declared.size(); ++i) {
      const Binding& here = a.bindings[declared[i]];
      const Binding& next = a.bindings[declared[i + 1]];
      if (here.scope == next.scope && here.name == next.name) written_[declared[i]] = 1;
    }
  }

  // `named`: the closure is a declaration passed by name (`spawn(work)`), not a literal.
  void run(const Closure& closure, Id call_scope, bool named) {
    call_scope_ = call_scope;
    named_closure_ = named;
    check_closure_itself(closure, closure.call == kNone ? nullptr : &a_.calls[closure.call]);
    for (const FreeVariable& v : closure.free) add(v.name, v.binding, true, kNone);
    // Captured code may need more: follow it until nothing new appears.
    for (std::size_t i = 0; i < pending_code_.size(); ++i) follow_code(pending_code_[i]);
    if (add_jsx_factory(a_.functions[closure.function].range)) {
      for (std::size_t i = 0; i < pending_code_.size(); ++i) follow_code(pending_code_[i]);
    }
    check_name_clashes();
    std::sort(plan_.captures.begin(), plan_.captures.end(),
              [](const Capture& x, const Capture& y) { return x.name < y.name; });
  }

 private:
  void error(std::uint32_t offset, std::string message) {
    plan_.diagnostics.push_back({std::move(message), offset});
  }

  void check_closure_itself(const Closure& closure, const Call* call) {
    for (const Id u : closure.outer_special_uses) {
      const SpecialUse& use = a_.special_uses[u];
      const std::string what = quoted(to_string(use.kind));
      error(use.range.begin,
            "the closure uses " + what + " of an enclosing function: a worker has no such " + what +
                ". Copy what you need into a const before the spawn call (for example `const "
                "value = this.value;`) and use that inside the closure");
    }
    for (const Id d : closure.dynamic_scopes) {
      const DynamicScope& dyn = a_.dynamic_scopes[d];
      if (dyn.kind == DynamicScopeKind::DirectEval && is_nested_spawn(dyn, call)) continue;
      if (dyn.kind == DynamicScopeKind::DirectEval) {
        error(dyn.range.begin,
              "the closure calls eval directly: the variables it would reach cannot be known. "
              "Remove it, or use indirect eval `(0, eval)(code)`, which sees only globals");
      } else {
        error(dyn.range.begin,
              "the closure contains a `with` statement: the variables it reaches cannot be "
              "known. Replace it with explicit property access");
      }
    }
    for (const FreeVariable& v : closure.free) {
      if (v.binding == kNone) continue;
      for (const Id r : v.references) {
        if (!a_.references[r].is_write()) continue;
        error(a_.references[r].range.begin,
              "the closure assigns to " + quoted(v.name) + " (declared at " +
                  position_text(lines_, a_.bindings[v.binding].name_range.begin) +
                  "): the worker would only change its own copy. Return the new value from the "
                  "closure instead, or share it through a Global or a Mutex");
        break;
      }
    }
  }

  // `eval(spawn(...))` inside the closure is a nested spawn, not an unanalysable eval. Without
  // an outer call (plan_function), the callee must be named `spawn`.
  bool is_nested_spawn(const DynamicScope& dyn, const Call* outer) const {
    if (dyn.call == kNone) return false;
    const Call& eval_call = a_.calls[dyn.call];
    if (eval_call.first_argument != ArgumentKind::Call) return false;
    return a_.calls[eval_call.argument].name == (outer ? outer->name : "spawn");
  }

  CaptureKind classify(Id b) const {
    const Binding& binding = a_.bindings[b];
    if (import_of_[b] != kNone) return CaptureKind::Import;
    switch (binding.kind) {
      case BindingKind::Function: return written_[b] ? CaptureKind::Value : CaptureKind::Code;
      case BindingKind::Class:
      case BindingKind::Enum:
      case BindingKind::Namespace:
      case BindingKind::ImportEquals: return CaptureKind::Code;
      case BindingKind::Var:
      case BindingKind::Let:
      case BindingKind::Const:
        if (binding.initializer == InitializerKind::NewGlobal &&
            binding.kind == BindingKind::Const) {
          return CaptureKind::SharedGlobal;
        }
        if (binding.initializer == InitializerKind::Function ||
            binding.initializer == InitializerKind::Arrow ||
            binding.initializer == InitializerKind::Class) {
          // A function-valued variable that is reassigned anywhere holds whatever was assigned
          // last: that is a value, not code.
          return written_[b] ? CaptureKind::Value : CaptureKind::Code;
        }
        return CaptureKind::Value;
      default: return CaptureKind::Value;
    }
  }

  void add(std::string_view name, Id b, bool direct, Id needed_by) {
    if (b == kNone) {
      for (const Capture& c : plan_.captures) {
        if (c.binding == kNone && c.name == name) return;
      }
      plan_.captures.push_back({name, CaptureKind::Global, kNone, kNone, direct});
      return;
    }
    if (planned_[b]) return;
    planned_[b] = 1;
    const CaptureKind kind = classify(b);
    plan_.captures.push_back({name, kind, b, import_of_[b], direct});
    const Binding& binding = a_.bindings[b];
    if (kind == CaptureKind::Code || kind == CaptureKind::SharedGlobal) {
      pending_code_.push_back(b);
    } else if (kind == CaptureKind::Value && (!direct || named_closure_)) {
      // Read at the call site under this name: by captured code, or by `spawn(work)`'s work.
      check_reachable_at_call_site(name, b, needed_by);
    }
    if (kind == CaptureKind::Value && written_[b] &&
        (binding.initializer == InitializerKind::Function ||
         binding.initializer == InitializerKind::Arrow || binding.kind == BindingKind::Function)) {
      error(binding.name_range.begin,
            quoted(name) +
                " holds a function but is reassigned or declared again elsewhere, so the closure "
                "would call whatever it holds when spawn runs, and functions cannot be sent to a "
                "worker. Declare it once, with const or as a function declaration that nothing "
                "reassigns");
    }
  }

  // Classic JSX (`/** @jsx h */`) calls its factory wherever an element is: when the closure or
  // code it needs has JSX, the factory (and `@jsxFrag`'s) is captured like a reference from the
  // module scope. The automatic runtime needs nothing: its transform imports what it calls.
  bool add_jsx_factory(Range closure) {
    bool used = false;
    for (const std::uint32_t at : a_.jsx_elements) {
      used = used || closure.contains(at);
      for (const Capture& c : plan_.captures) {
        if (used) break;
        if (c.kind == CaptureKind::Code && code_range(a_.bindings[c.binding]).contains(at))
          used = true;
      }
      if (used) break;
    }
    if (!used) return false;
    bool added = false;
    for (const std::string_view pragma :
         {std::string_view("@jsx "), std::string_view("@jsxFrag ")}) {
      const std::string_view name = jsx_pragma(pragma);
      if (name.empty()) continue;
      Id binding = kNone;
      for (Id b = 0; b < a_.bindings.size(); ++b) {
        if (a_.bindings[b].name == name &&
            a_.scopes[a_.bindings[b].scope].kind == ScopeKind::Module)
          binding = b;
      }
      add(name, binding, true, kNone);
      added = true;
    }
    return added;
  }

  // The identifier a leading comment's pragma names (`@jsx h` → h, `@jsx React.createElement` →
  // React), or "".
  std::string_view jsx_pragma(std::string_view pragma) const {
    for (const Range comment : pragmas_) {
      const std::string_view text = source_.substr(comment.begin, comment.end - comment.begin);
      std::size_t at = text.find(pragma);
      if (at == std::string_view::npos) continue;
      at = text.find_first_not_of(" \t", at + pragma.size());
      if (at == std::string_view::npos) return {};
      std::size_t end = at;
      while (end < text.size() && is_id_continue(static_cast<unsigned char>(text[end]))) ++end;
      return text.substr(at, end - at);
    }
    return {};
  }

  // The range whose references a captured declaration needs.
  Range code_range(const Binding& b) const {
    switch (b.kind) {
      case BindingKind::Var:
      case BindingKind::Let:
      case BindingKind::Const: return b.initializer_range;
      default: return b.declaration;
    }
  }

  void follow_code(Id b) {
    const Binding& binding = a_.bindings[b];
    const Range range = code_range(binding);
    for (const Reference& ref : a_.references) {
      if (!range.contains(ref.range.begin) || ref.is_implicit_arguments()) continue;
      if (ref.binding != kNone && range.contains(a_.bindings[ref.binding].name_range.begin))
        continue;
      if (ref.binding == b) continue;  // recursion through its own name
      if (ref.is_write() && ref.binding == kNone) {
        error(ref.range.begin,
              quoted(binding.name) + ", which the closure needs, assigns to " + quoted(ref.name) +
                  ", which is declared nowhere: in the worker's module (strict code) that throws. "
                  "Declare it, or assign a property of globalThis instead");
      }
      if (ref.binding != kNone && classify(ref.binding) == CaptureKind::Value &&
          runs_when_loaded(ref.scope, range)) {
        error(ref.range.begin,
              quoted(ref.name) + " is read by " + quoted(binding.name) +
                  " while the worker module loads (a static field or block, a class heritage or "
                  "computed key, an enum member, or an initializer), before the closure's values "
                  "arrive. Read it inside a function or method instead");
      }
      if (ref.is_write() && ref.binding != kNone && classify(ref.binding) == CaptureKind::Value) {
        plan_.notes.push_back(
            {quoted(binding.name) + " writes " + quoted(ref.name) +
                 ": each worker has its own copy, and the caller's does not change",
             ref.range.begin});
      }
      add(ref.name, ref.binding, false, b);
    }
    for (const SpecialUse& use : a_.special_uses) {
      if (!range.contains(use.range.begin)) continue;
      const Range owner = a_.scopes[use.owner].range;
      if (use.owner != 0 && range.contains(owner.begin)) continue;
      if (use.owner == 0 && use.kind == SpecialKind::This) continue;  // module `this` is the same
      error(use.range.begin, quoted(binding.name) + ", which the closure needs, uses " +
                                 quoted(to_string(use.kind)) +
                                 " of an enclosing function: a worker has no such value. Pass "
                                 "what it needs as a parameter instead");
    }
  }

  // True when code at `scope` inside a kept declaration runs as soon as the module is evaluated:
  // no function between it and the declaration defers it.
  bool runs_when_loaded(Id scope, Range declaration) const {
    for (Id s = scope; s != kNone && declaration.contains(a_.scopes[s].range.begin);
         s = a_.scopes[s].parent) {
      const ScopeKind k = a_.scopes[s].kind;
      if (k == ScopeKind::Function || k == ScopeKind::FieldInitializer) return false;
    }
    return true;
  }

  // A value read by captured code is read at the call site under the same name: it must be
  // the same variable there.
  void check_reachable_at_call_site(std::string_view name, Id b, Id needed_by) {
    const Id seen = resolve_at_call_site(name);
    if (seen == b) return;
    const std::string reader =
        needed_by == kNone ? std::string("the closure") : quoted(a_.bindings[needed_by].name);
    if (seen == kNone) {
      error(a_.bindings[b].name_range.begin,
            quoted(name) + " (declared at " +
                position_text(lines_, a_.bindings[b].name_range.begin) + "), read by " + reader +
                ", is not visible where spawn is called, so its value cannot be captured there. "
                "Move the declaration so that the spawn call can see it");
    } else {
      error(a_.bindings[seen].name_range.begin,
            quoted(name) + " (declared at " +
                position_text(lines_, a_.bindings[b].name_range.begin) + "), read by " + reader +
                ", is shadowed where spawn is called by another " + quoted(name) + " declared at " +
                position_text(lines_, a_.bindings[seen].name_range.begin) + ". Rename one of them");
    }
  }

  Id resolve_at_call_site(std::string_view name) const {
    Id best = kNone;
    for (Id b = 0; b < a_.bindings.size(); ++b) {
      const Binding& binding = a_.bindings[b];
      if (binding.name != name || !a_.scope_within(call_scope_, binding.scope)) continue;
      if (best == kNone || a_.scope_within(binding.scope, a_.bindings[best].scope)) best = b;
    }
    return best;
  }

  // In the worker every captured name lives in one module scope: two different variables with
  // the same name cannot both travel.
  void check_name_clashes() {
    for (std::size_t i = 0; i < plan_.captures.size(); ++i) {
      for (std::size_t j = i + 1; j < plan_.captures.size(); ++j) {
        const Capture& x = plan_.captures[i];
        const Capture& y = plan_.captures[j];
        if (x.name != y.name || x.binding == y.binding) continue;
        if (x.binding == kNone || y.binding == kNone) {
          const Capture& bound = x.binding == kNone ? y : x;
          error(a_.bindings[bound.binding].name_range.begin,
                "the closure needs both the global " + quoted(x.name) + " and the variable " +
                    quoted(x.name) + " declared at " +
                    position_text(lines_, a_.bindings[bound.binding].name_range.begin) +
                    ": they cannot share one name in the worker. Rename the variable");
        } else {
          error(a_.bindings[y.binding].name_range.begin,
                "the closure needs two different variables named " + quoted(x.name) +
                    ", declared at " +
                    position_text(lines_, a_.bindings[x.binding].name_range.begin) + " and " +
                    position_text(lines_, a_.bindings[y.binding].name_range.begin) +
                    ": they cannot share one name in the worker. Rename one of them");
        }
      }
    }
  }

  std::string_view source_;
  std::vector<Range> pragmas_;  // the file's leading comments, where JSX pragmas are
  const Analysis& a_;
  const LineMap& lines_;
  CapturePlan& plan_;
  std::vector<Id> import_of_;
  std::vector<std::uint8_t> written_;
  std::vector<std::uint8_t> planned_;
  std::vector<Id> pending_code_;
  Id call_scope_ = 0;
  bool named_closure_ = false;
};

}  // namespace

std::string_view to_string(CaptureKind kind) {
  switch (kind) {
    case CaptureKind::Import: return "import";
    case CaptureKind::Code: return "code";
    case CaptureKind::SharedGlobal: return "shared-global";
    case CaptureKind::Value: return "value";
    case CaptureKind::Global: return "global";
  }
  return "?";
}

CapturePlan plan_capture(std::string_view source, const Analysis& analysis, const LineMap& lines,
                         const Closure& closure) {
  CapturePlan plan;
  plan.call = closure.call;
  plan.function = closure.function;
  // The eval snippet runs where the call is: the scope around the closure literal, or the scope
  // of the identifier naming the function.
  const Call& call = analysis.calls[plan.call];
  Id call_scope = analysis.scopes[analysis.functions[plan.function].scope].parent;
  if (analysis.scopes[call_scope].kind == ScopeKind::FunctionName) {
    call_scope = analysis.scopes[call_scope].parent;
  }
  if (call.first_argument == ArgumentKind::Identifier) {
    call_scope = analysis.references[call.argument].scope;
  }
  Planner planner(source, analysis, lines, plan);
  planner.run(closure, call_scope, call.first_argument == ArgumentKind::Identifier);
  return plan;
}

CapturePlan plan_capture(std::string_view source, const Analysis& analysis, const LineMap& lines,
                         LineColumn call_site) {
  const ClosureResult found = find_closure(analysis, lines, call_site);
  if (!found.ok()) {
    CapturePlan plan;
    plan.diagnostics = found.diagnostics;
    return plan;
  }
  return plan_capture(source, analysis, lines, found.closure);
}

CapturePlan plan_function(std::string_view source, const Analysis& analysis, const LineMap& lines,
                          Id function) {
  CapturePlan plan;
  plan.function = function;
  const Function& fn = analysis.functions[function];
  const bool declaration = fn.kind == FunctionKind::Declaration;
  if (!declaration && fn.kind != FunctionKind::Expression && fn.kind != FunctionKind::Arrow) {
    plan.diagnostics.push_back(
        {"only a function expression, an arrow function or a function "
         "declaration can be a closure",
         fn.range.begin});
    return plan;
  }
  if (declaration && fn.name_binding == kNone) {
    plan.diagnostics.push_back(
        {"a function declaration without a name (`export default "
         "function`) cannot be passed to spawn by name",
         fn.range.begin});
    return plan;
  }
  // As for spawn(<literal>) where the literal is, or spawn(name) next to the declaration.
  Id scope = analysis.scopes[fn.scope].parent;
  if (analysis.scopes[scope].kind == ScopeKind::FunctionName) scope = analysis.scopes[scope].parent;
  if (declaration) scope = analysis.bindings[fn.name_binding].scope;
  Planner planner(source, analysis, lines, plan);
  planner.run(closure_of_function(analysis, function), scope, declaration);
  return plan;
}

}  // namespace xthreads
