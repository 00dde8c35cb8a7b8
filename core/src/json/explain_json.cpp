// The JSON document of an explanation (explain.h describes it): what crosses the WebAssembly
// boundary. Keys and their order are read by the TypeScript runtime.
#include "json/documents.h"
#include "json/json_writer.h"
#include "pipeline/explain.h"
#include "support/unicode.h"
#include "xthreads/explain.h"

namespace xthreads {

void write_position(JsonWriter& json, const LineMap& lines, std::uint32_t offset, const char* line_key,
                    const char* column_key) {
  const LineColumn at = lines.position(offset);
  json.key(line_key);
  json.value(at.line);
  json.key(column_key);
  json.value(at.column);
}

namespace {

// The runtime edits the module text as a JavaScript string: offsets in UTF-16 code units.
std::uint32_t utf16_offset(std::string_view text, std::uint32_t byte_offset) {
  std::uint32_t units = 0;
  for (std::uint32_t i = 0; i < byte_offset && i < text.size(); ++i) {
    units += utf16_units_for_lead_byte(static_cast<unsigned char>(text[i]));
  }
  return units;
}

}  // namespace

void write_diagnostics(JsonWriter& json, const LineMap& lines,
                       const std::vector<Diagnostic>& diagnostics) {
  json.key("diagnostics");
  json.begin_array();
  for (const Diagnostic& d : diagnostics) {
    json.begin_object();
    json.key("message");
    json.value(d.message);
    write_position(json, lines, d.offset, "line", "column");
    json.end_object();
  }
  json.end_array();
}

void write_module(JsonWriter& json, const LineMap& lines, const WorkerModule& module) {
  json.begin_object();
  json.key("text");
  json.value(std::string_view(module.text));
  json.key("slots");
  json.begin_array();
  for (const ModuleSlot& slot : module.slots) {
    json.begin_object();
    json.key("kind");
    json.value(
        std::string_view(slot.kind == Placeholder::ImportSpecifier ? "import" : "original-url"));
    json.key("begin");
    json.value(utf16_offset(module.text, slot.range.begin));
    json.key("end");
    json.value(utf16_offset(module.text, slot.range.end));
    if (slot.kind == Placeholder::ImportSpecifier) {
      json.key("specifier");
      json.value(slot.specifier);
    }
    json.end_object();
  }
  json.end_array();
  json.key("epilogue");
  json.value(utf16_offset(module.text, module.epilogue));
  json.key("values");
  json.begin_array();
  for (std::string_view v : module.values) json.value(v);
  json.end_array();
  if (module.jsx != kNone) {
    json.key("jsx");
    json.begin_object();
    write_position(json, lines, module.jsx, "line", "column");
    json.end_object();
  }
  if (module.copy_line != 0) {
    json.key("copy");
    json.begin_object();
    json.key("line");
    json.value(module.copy_line);
    json.key("originalLine");
    json.value(module.copy_original_line);
    json.end_object();
  }
  json.key("globals");
  json.begin_array();
  for (const LineColumn& g : module.globals) {
    json.begin_object();
    json.key("line");
    json.value(g.line);
    json.key("column");
    json.value(g.column);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

namespace {

std::string to_json(const Explanation& e) {
  const std::string_view source = e.source;
  const Analysis& analysis = e.analysis;
  const LineMap& lines = e.lines;
  const CapturePlan& plan = e.plan;
  const WorkerModule& module = e.module;
  JsonWriter json;
  json.begin_object();
  json.key("ok");
  json.value(e.ok());
  write_diagnostics(json, lines, e.diagnostics);
  if (e.found.ok()) {
    const Closure& closure = e.found.closure;
    const Function& fn = analysis.functions[closure.function];
    json.key("closure");
    json.begin_object();
    write_position(json, lines, fn.range.begin, "line", "column");
    write_position(json, lines, fn.range.end, "endLine", "endColumn");
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
        write_position(json, lines, b.name_range.begin, "line", "column");
      }
      json.key("written");
      json.value(written);
      json.end_object();
    }
    json.end_array();
    // How each variable the closure needs, directly or through captured code, reaches the worker.
    json.key("plan");
    json.begin_array();
    for (const Capture& c : plan.captures) {
      json.begin_object();
      json.key("name");
      json.value(c.name);
      json.key("capture");
      json.value(to_string(c.kind));
      json.key("direct");
      json.value(c.direct);
      if (c.binding != kNone) {
        write_position(json, lines, analysis.bindings[c.binding].name_range.begin, "line", "column");
      }
      if (c.import != kNone) {
        const Import& imp = analysis.imports[c.import];
        std::string_view literal =
            source.substr(imp.specifier.begin, imp.specifier.end - imp.specifier.begin);
        if (literal.size() >= 2) literal = literal.substr(1, literal.size() - 2);
        json.key("specifier");
        json.value(literal);
        json.key("imported");
        json.value(imp.imported);
        json.key("require");
        json.value(imp.require);
      }
      json.end_object();
    }
    json.end_array();
    json.key("notes");
    json.begin_array();
    for (const Note& n : plan.notes) {
      json.begin_object();
      json.key("message");
      json.value(n.message);
      write_position(json, lines, n.offset, "line", "column");
      json.end_object();
    }
    json.end_array();
    json.key("outerUses");
    json.begin_array();
    for (Id u : closure.outer_special_uses) {
      json.begin_object();
      json.key("kind");
      json.value(to_string(analysis.special_uses[u].kind));
      write_position(json, lines, analysis.special_uses[u].range.begin, "line", "column");
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
      write_position(json, lines, analysis.dynamic_scopes[d].range.begin, "line", "column");
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  if (!module.text.empty() && module.ok()) {
    json.key("module");
    write_module(json, lines, module);
  }
  json.end_object();
  return json.take();
}

}  // namespace

std::string explain_json(std::string_view source, Dialect dialect, LineColumn call_site) {
  return to_json(explain(source, dialect, call_site));
}

}  // namespace xthreads
