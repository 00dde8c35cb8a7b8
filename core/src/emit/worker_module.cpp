// Emits the worker module of a call site. The output is the source with every byte that is not
// kept turned into blanks of the same UTF-16 width (line terminators stay), a few same-width
// rewrites in blank or kept space, and an epilogue after the last line. The Emitter's jobs are in
// files of their own (emitter.h); this one runs them in order.
#include "xthreads/worker_module.h"

#include "emit/emitter.h"

namespace xthreads {

void Emitter::run() {
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
