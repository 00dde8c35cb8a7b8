// The epilogue after the source's last line: the imports the closure needs, the helpers kept
// code relies on (`require`, `import.meta`, `import()`, `__filename`), the value captures, and the
// exported `__xt_run` and `__xt_globals`.
#include <algorithm>

#include "emit/emitter.h"
#include "support/unicode.h"

namespace xthreads {

void Emitter::add_slot(Placeholder kind, std::string_view literal, std::string_view specifier) {
  const std::uint32_t begin = static_cast<std::uint32_t>(out_.text.size());
  out_.text += literal;
  out_.slots.push_back({kind, {begin, static_cast<std::uint32_t>(out_.text.size())}, specifier});
}

void Emitter::append_epilogue(const std::string& callee) {
  std::string& t = out_.text;
  out_.epilogue = static_cast<std::uint32_t>(t.size());
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
  // __xt_run(values, context): the captured values by name, then the task context, the
  // closure's one argument. Read through `arguments`, the one name no value capture can have
  // (module code is strict: nothing may be declared `arguments`), so no capture is shadowed.
  t += "export function __xt_run() { ";
  if (!out_.values.empty()) {
    t += "({ ";
    for (std::size_t i = 0; i < out_.values.size(); ++i) {
      if (i) t += ", ";
      t += out_.values[i];
    }
    t += " } = arguments[0]); ";
  }
  t += "return ";
  t += callee;
  t += "(arguments[1]); }\nexport const __xt_globals = [";
  for (std::size_t i = 0; i < out_.globals.size(); ++i) {
    if (i) t += ", ";
    t += "[" + std::to_string(out_.globals[i].line) + ", " +
         std::to_string(out_.globals[i].column) + "]";
  }
  t += "];\n";
}

}  // namespace xthreads
