// The JSON document of a whole-file transform (xthreads/transform.h describes it).
#include "compile/transform.h"
#include "json/documents.h"
#include "xthreads/transform.h"

namespace xthreads {

std::string transform_json(std::string_view source, Dialect dialect) {
  const Transformed t = transform_file(source, dialect);
  JsonWriter json;
  json.begin_object();
  json.key("ok");
  json.value(t.ok());
  write_diagnostics(json, t.lines, t.diagnostics);
  json.key("text");
  json.value(std::string_view(t.text));
  json.key("sites");
  json.begin_array();
  for (const TransformedSite& site : t.sites) {
    if (!site.ok()) continue;
    json.begin_object();
    write_position(json, t.lines, t.analysis.calls[site.spawn_call].range.begin, "line", "column");
    json.key("name");
    json.value(std::string_view(site.name));
    json.key("streamed");
    json.value(site.streamed);
    json.key("module");
    write_module(json, t.lines, site.module);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take();
}

}  // namespace xthreads
