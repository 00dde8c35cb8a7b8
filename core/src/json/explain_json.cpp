#include "json/json_writer.h"
#include "xthreads/analysis.h"
#include "xthreads/closure.h"
#include "xthreads/explain.h"

namespace xthreads {
namespace {

void position(JsonWriter& json, const LineMap& lines, std::uint32_t offset, const char* line_key,
              const char* column_key) {
  const LineColumn at = lines.position(offset);
  json.key(line_key);
  json.value(at.line);
  json.key(column_key);
  json.value(at.column);
}

}  // namespace

std::string explain_json(std::string_view source, Dialect dialect, LineColumn call_site) {
  const Analysis analysis = analyze(source, dialect);
  const LineMap lines(source);
  const ClosureResult result = find_closure(analysis, lines, call_site);
  JsonWriter json;
  json.begin_object();
  json.key("ok");
  json.value(result.ok());
  json.key("diagnostics");
  json.begin_array();
  for (const Diagnostic& d : result.diagnostics) {
    json.begin_object();
    json.key("message");
    json.value(d.message);
    position(json, lines, d.offset, "line", "column");
    json.end_object();
  }
  json.end_array();
  if (result.ok()) {
    const Closure& closure = result.closure;
    const Function& fn = analysis.functions[closure.function];
    json.key("closure");
    json.begin_object();
    position(json, lines, fn.range.begin, "line", "column");
    position(json, lines, fn.range.end, "end_line", "end_column");
    json.key("captures");
    json.begin_array();
    for (const FreeVariable& v : closure.free) {
      json.begin_object();
      json.key("name");
      json.value(v.name);
      bool written = false;
      for (Id r : v.references) written = written || analysis.references[r].is_write();
      if (v.binding == kNone) {
        json.key("kind");
        json.value(std::string_view("global"));
      } else {
        const Binding& b = analysis.bindings[v.binding];
        json.key("kind");
        json.value(to_string(b.kind));
        json.key("initializer");
        json.value(to_string(b.initializer));
        position(json, lines, b.name_range.begin, "line", "column");
      }
      json.key("written");
      json.value(written);
      json.end_object();
    }
    json.end_array();
    json.key("outer_uses");
    json.begin_array();
    for (Id u : closure.outer_special_uses) {
      json.begin_object();
      json.key("kind");
      json.value(to_string(analysis.special_uses[u].kind));
      position(json, lines, analysis.special_uses[u].range.begin, "line", "column");
      json.end_object();
    }
    json.end_array();
    json.key("dynamic");
    json.begin_array();
    for (Id d : closure.dynamic_scopes) {
      json.begin_object();
      json.key("kind");
      json.value(std::string_view(
          analysis.dynamic_scopes[d].kind == DynamicScopeKind::DirectEval ? "eval" : "with"));
      position(json, lines, analysis.dynamic_scopes[d].range.begin, "line", "column");
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_object();
  return json.take();
}

}  // namespace xthreads
