// The whole-file transform: find every spawn of the package, check it is the argument of a direct
// eval, run the call-site pipeline (closure, plan, worker module) for each, and rewrite each
// `eval(spawn(closure, options?))` in place as `__xt_spawn(__xt_sN,[values], options?)`.
#include "compile/transform.h"

#include <algorithm>
#include <unordered_map>

#include "support/text.h"
#include "support/unicode.h"

namespace xthreads {
namespace {

constexpr std::string_view kPackage = "experimental-threads";

std::string_view unquoted(std::string_view literal) {
  return literal.size() >= 2 ? literal.substr(1, literal.size() - 2) : literal;
}

// How a binding reaches the package's spawn, if it does.
enum class SpawnBinding { None, Function, Namespace };

SpawnBinding spawn_binding(std::string_view source, const Import& imp) {
  if (unquoted(source.substr(imp.specifier.begin, imp.specifier.end - imp.specifier.begin)) !=
      kPackage)
    return SpawnBinding::None;
  if (imp.imported == "spawn") return SpawnBinding::Function;
  if (imp.imported == "*" || (imp.require && imp.imported.empty())) return SpawnBinding::Namespace;
  return SpawnBinding::None;
}

// The references that name the package's spawn (or a namespace holding it), by offset.
std::unordered_map<std::uint32_t, SpawnBinding> spawn_references(std::string_view source,
                                                                 const Analysis& a) {
  std::unordered_map<Id, SpawnBinding> bindings;
  for (const Import& imp : a.imports) {
    const SpawnBinding kind = spawn_binding(source, imp);
    if (kind != SpawnBinding::None) bindings[imp.binding] = kind;
  }
  std::unordered_map<std::uint32_t, SpawnBinding> out;
  if (bindings.empty()) return out;
  for (const Reference& r : a.references) {
    const auto found = bindings.find(r.binding);
    if (found != bindings.end()) out[r.range.begin] = found->second;
  }
  return out;
}

// Whether `call` calls the package's spawn: `spawn(...)` through an import of it, or
// `ns.spawn(...)` through a namespace import.
bool calls_spawn(const std::unordered_map<std::uint32_t, SpawnBinding>& references,
                 const Call& call) {
  const auto found = references.find(call.range.begin);
  if (found == references.end()) return false;
  if (found->second == SpawnBinding::Function) return call.callee_name == call.range.begin;
  return call.name == "spawn" && call.callee_name > call.range.begin;
}

// Blanks of the same UTF-16 width, line terminators kept: positions after them do not move.
void append_blank(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\r') {
      out += static_cast<char>(c);
    } else if (is_unicode_line_separator_at(text, i)) {
      out += text.substr(i, 3);
      i += 2;
    } else {
      out.append(utf16_units_for_lead_byte(c), ' ');
    }
  }
}

// Writes `head` over the blanked `region` (so that code after it keeps its columns where the
// region's first line has room), then the rest of the region's blanks.
void append_over_blanks(std::string& out, std::string_view head, std::string_view region) {
  std::string blank;
  append_blank(blank, region);
  std::size_t room = 0;
  while (room < blank.size() && blank[room] == ' ') ++room;
  out += head;
  if (room > head.size()) out.append(room - head.size(), ' ');
  out += std::string_view(blank).substr(room);
}

void rewrite(Transformed& t) {
  const std::string_view src = t.source;
  std::string& out = t.text;
  std::uint32_t at = 0;
  for (const TransformedSite& site : t.sites) {
    if (!site.ok()) continue;
    const Call& eval_call = t.analysis.calls[site.eval_call];
    const Call& spawn_call = t.analysis.calls[site.spawn_call];
    // The closure argument: the function literal, or the identifier naming a declaration.
    const Range closure = spawn_call.first_argument == ArgumentKind::Function
                              ? t.analysis.functions[spawn_call.argument].range
                              : t.analysis.references[spawn_call.argument].range;
    out += src.substr(at, eval_call.range.begin - at);
    std::string head = "__xt_spawn(" + site.name + ",[";
    for (std::size_t i = 0; i < site.module.values.size(); ++i) {
      if (i) head += ',';
      head += site.module.values[i];
    }
    head += ']';
    // `eval(spawn(` and the closure become the head; what follows the closure in spawn's
    // parentheses (`, options`) stays; spawn's `)` becomes a blank; eval's `)` closes the call.
    append_over_blanks(out, head, src.substr(eval_call.range.begin, closure.end - eval_call.range.begin));
    const std::uint32_t spawn_close = spawn_call.range.end - 1;
    out += src.substr(closure.end, spawn_close - closure.end);
    out += ' ';
    out += src.substr(spawn_call.range.end, eval_call.range.end - spawn_call.range.end);
    at = eval_call.range.end;
  }
  out += src.substr(at);
}

}  // namespace

Transformed transform_file(std::string_view source, Dialect dialect) {
  Transformed t{source, analyze(source, dialect), LineMap(source), {}, {}, {}};
  if (!t.analysis.ok()) {
    t.diagnostics = t.analysis.diagnostics;
    t.text = std::string(source);
    return t;
  }
  const Analysis& a = t.analysis;
  // The direct evals whose argument is a spawn call: eval call id by spawn call id.
  std::vector<Id> eval_of(a.calls.size(), kNone);
  for (const DynamicScope& d : a.dynamic_scopes) {
    if (d.kind != DynamicScopeKind::DirectEval || d.call == kNone) continue;
    const Call& eval_call = a.calls[d.call];
    if (eval_call.first_argument == ArgumentKind::Call) eval_of[eval_call.argument] = d.call;
  }
  const auto references = spawn_references(source, a);
  std::vector<Id> spawns;
  for (Id c = 0; c < a.calls.size(); ++c) {
    if (calls_spawn(references, a.calls[c])) spawns.push_back(c);
  }
  std::sort(spawns.begin(), spawns.end(),
            [&](Id x, Id y) { return a.calls[x].range.begin < a.calls[y].range.begin; });
  // A spawn inside a site's closure is a nested spawn: it goes to the worker with the closure,
  // and is a site of the worker module (which front doors transform in turn), not of this file.
  std::uint32_t site_end = 0;
  for (Id c : spawns) {
    const Call& call = a.calls[c];
    if (call.range.begin < site_end) continue;
    if (eval_of[c] == kNone) {
      t.diagnostics.push_back(
          {"spawn(...) is not the argument of eval: compile mode rewrites `eval(spawn(() => "
           "...))` written as one expression, where eval reads the captured values. Write it "
           "that way",
           call.range.begin});
      continue;
    }
    site_end = a.calls[eval_of[c]].range.end;
    TransformedSite site;
    site.eval_call = eval_of[c];
    site.spawn_call = c;
    site.name = "__xt_s" + std::to_string(t.sites.size());
    site.found = find_closure(a, t.lines, t.lines.position(call.range.begin));
    if (site.found.ok()) {
      site.streamed = a.functions[site.found.closure.function].is_generator;
      site.plan = plan_capture(source, a, t.lines, site.found.closure);
      if (site.plan.ok()) site.module = emit_worker_module(source, a, t.lines, site.plan);
    }
    for (const std::vector<Diagnostic>* stage :
         {&site.found.diagnostics, &site.plan.diagnostics, &site.module.diagnostics}) {
      site.diagnostics.insert(site.diagnostics.end(), stage->begin(), stage->end());
    }
    if (site.found.ok()) {
      // As eval mode's spawn refuses it (fn.length): the closure's one parameter is the context.
      const Function& fn = a.functions[site.found.closure.function];
      if (fn.length > 1) {
        site.diagnostics.push_back(
            {"the closure takes " + std::to_string(fn.length) +
                 " parameters; it may take one, the task context: spawn(({ signal }) => "
                 "work(signal)). Pass values by capturing them instead",
             fn.range.begin});
      }
    }
    t.diagnostics.insert(t.diagnostics.end(), site.diagnostics.begin(), site.diagnostics.end());
    t.sites.push_back(std::move(site));
  }
  rewrite(t);
  return t;
}

}  // namespace xthreads
