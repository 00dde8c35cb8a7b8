// The call-site query: the closure passed to the call at a stack frame's position, and the free
// variables of a function.
#include "xthreads/closure.h"

#include <algorithm>

namespace xthreads {
namespace {

// Match quality of a call for a reported position: V8 reports the callee's (property) name,
// JavaScriptCore may report the open parenthesis or the start of the call.
int match_rank(const Call& call, std::uint32_t offset) {
  if (call.callee_name == offset) return 3;
  if (call.open_paren == offset) return 2;
  if (call.range.begin == offset) return 1;
  return 0;
}

}  // namespace

Closure closure_of_function(const Analysis& a, Id function) {
  Closure closure;
  closure.function = function;
  const Function& fn = a.functions[function];
  // The function's own name (a named function expression, or the declaration that `spawn(work)`
  // names) is the closure itself, not something it captures.
  const auto own = [&](Id binding) {
    if (binding == fn.name_binding) return true;
    const Id scope = a.bindings[binding].scope;
    return a.scope_within(scope, fn.scope);
  };
  std::vector<std::pair<std::string_view, Id>> uses;  // (name, reference)
  for (Id r = 0; r < a.references.size(); ++r) {
    const Reference& ref = a.references[r];
    if (!fn.range.contains(ref.range.begin) || !a.scope_within(ref.scope, fn.scope)) continue;
    if (ref.is_implicit_arguments()) continue;  // reported as a special use
    if (ref.binding != kNone && own(ref.binding)) continue;
    uses.emplace_back(ref.name, r);
  }
  std::stable_sort(uses.begin(), uses.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [name, r] : uses) {
    if (closure.free.empty() || closure.free.back().name != name) {
      closure.free.push_back({name, a.references[r].binding, {}});
    }
    closure.free.back().references.push_back(r);
  }
  for (Id u = 0; u < a.special_uses.size(); ++u) {
    const SpecialUse& use = a.special_uses[u];
    if (!fn.range.contains(use.range.begin) || !a.scope_within(use.scope, fn.scope)) continue;
    if (!a.scope_within(use.owner, fn.scope)) closure.outer_special_uses.push_back(u);
  }
  for (Id d = 0; d < a.dynamic_scopes.size(); ++d) {
    const DynamicScope& dyn = a.dynamic_scopes[d];
    if (fn.range.contains(dyn.range.begin) && a.scope_within(dyn.scope, fn.scope)) {
      closure.dynamic_scopes.push_back(d);
    }
  }
  return closure;
}

ClosureResult find_closure(const Analysis& a, const LineMap& lines, LineColumn position) {
  ClosureResult result;
  if (!a.ok()) {
    result.diagnostics = a.diagnostics;
    return result;
  }
  const std::optional<std::uint32_t> offset = lines.offset(position);
  if (!offset) {
    result.diagnostics.push_back({"the call site position is outside the file", 0});
    return result;
  }
  Id best = kNone;
  int best_rank = 0;
  for (Id c = 0; c < a.calls.size(); ++c) {
    const int rank = match_rank(a.calls[c], *offset);
    if (rank == 0) continue;
    // Prefer the better kind of match, then the innermost call (the one that starts last
    // among calls sharing a start: `x.spawn(f).then(g)` starts where `x.spawn(f)` does).
    if (rank > best_rank || (rank == best_rank && a.calls[c].range.end < a.calls[best].range.end)) {
      best = c;
      best_rank = rank;
    }
  }
  if (best == kNone) {
    result.diagnostics.push_back({"no call expression starts at the call site position", *offset});
    return result;
  }
  const Call& call = a.calls[best];
  result.closure.call = best;
  Id function = kNone;
  if (call.first_argument == ArgumentKind::Function) {
    function = call.argument;
  } else if (call.first_argument == ArgumentKind::Identifier) {
    const Reference& ref = a.references[call.argument];
    if (ref.binding != kNone) {
      const Binding& b = a.bindings[ref.binding];
      bool reassigned = false;
      for (const Reference& other : a.references) {
        reassigned = reassigned || (other.binding == ref.binding && other.is_write());
      }
      const bool function_value =
          b.initializer == InitializerKind::Function || b.initializer == InitializerKind::Arrow;
      if (b.function != kNone && !reassigned &&
          (b.kind == BindingKind::Function || function_value)) {
        function = b.function;
      }
    }
    if (function == kNone) {
      std::string message = "`";
      message += ref.name;
      message += ref.binding == kNone
                     ? "` is not declared in this file"
                     : "` is neither a function declaration nor a variable only ever given a "
                       "function";
      message +=
          ": spawn needs the closure's source. Pass a function literal, e.g. "
          "spawn(() => work(x)), or the name of a function declared in this file";
      result.diagnostics.push_back({std::move(message), ref.range.begin});
      return result;
    }
  } else {
    result.diagnostics.push_back(
        {"the first argument of the call is not a function: pass a function literal, e.g. "
         "spawn(() => work(x))",
         call.open_paren});
    return result;
  }
  const Id call_id = result.closure.call;
  result.closure = closure_of_function(a, function);
  result.closure.call = call_id;
  return result;
}

}  // namespace xthreads
