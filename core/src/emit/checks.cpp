// The checks that refuse a worker module: kept code that would mean something else, or not
// parse, as a strict module of its own, and closures that cannot run from where the module puts
// them.
#include <algorithm>

#include "emit/emitter.h"

namespace xthreads {

// Declared inside the code of another captured declaration (a local of a kept function):
// not a module variable of the worker module.
bool Emitter::inside_captured_code(const Binding& b) const {
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

// A kept declarator declares every name of its pattern; none may be a value capture too (the
// epilogue declares those).
void Emitter::check_kept_names() {
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
void Emitter::check_legacy_octals() {
  for (const std::uint32_t at : a_.legacy_octals) {
    if (!kept(at) || !out_.ok()) continue;
    std::uint32_t end = at;
    while (end < src_.size() && src_[end] >= '0' && src_[end] <= '9') ++end;
    const std::string digits(src_.substr(at + 1, end - at - 1));
    error(at, "the worker module is strict code, where the legacy octal literal " +
                  quoted(src_.substr(at, end - at)) + " is a syntax error: write 0o" + digits);
  }
}

// Sloppy-mode names in kept code: a script may bind `eval` or `arguments`, name a variable
// `yield` or `static`, repeat a parameter name; the module is strict, where those are syntax
// errors. (Found by parsing every function of the npm corpus as a module.)
void Emitter::check_strict_names() {
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

// A copied closure runs from the epilogue, past the file's last line: a spawn call directly in
// its text would be looked up there by the worker and not found.
void Emitter::check_copied_closure(const Function& closure, std::string_view spawn_name,
                                   std::uint32_t site) {
  // The copy runs at the module's top level: what it uses must be there too.
  for (const Capture& c : plan_.captures) {
    if (!c.direct || (c.kind != CaptureKind::Code && c.kind != CaptureKind::SharedGlobal)) continue;
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

}  // namespace xthreads
