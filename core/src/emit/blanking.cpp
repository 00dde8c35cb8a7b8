// Blanking: what the worker module keeps of the source, the same-width text written over it
// (punctuation, the closure's name, `import.meta`), and the module text itself, where every byte
// not kept becomes blanks of the same UTF-16 width so that nothing kept moves.
#include <algorithm>
#include <cctype>

#include "emit/emitter.h"
#include "support/unicode.h"

namespace xthreads {

void Emitter::keep_declaration(Id b) {
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

// `const a = 1, f = () => {};` with only `f` needed → `const        f = () => {};`
void Emitter::keep_variable(const Binding& b) {
  std::uint32_t keyword_end = b.statement.begin;
  while (keyword_end < src_.size() && std::isalpha(static_cast<unsigned char>(src_[keyword_end]))) {
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

// JSX in kept code stays JSX; the comments before the first statement that configure it
// (`@jsx h`, `@jsxRuntime classic`, `@jsxImportSource preact`, `@jsxFrag`) stay with it, at
// their places, for the runtime's JSX transform.
void Emitter::keep_jsx_pragmas() {
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

// Between kept declarators of one statement the comma stays; after the last one the
// statement ends, over the next `,` or on its own `;`.
void Emitter::punctuate_declarations() {
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
// Names the closure in the module, written over blank text so that nothing kept moves. A spawn
// call gives the room itself: `spawn(` → `$x=(` and its own `)`, with `;` after it when there
// is room. A function planned without a call (plan_function) becomes `$x=function ...;`: the
// name goes over blank text right before it, else at the end of the line before; the `;` over
// the blank byte after it, else at the end of its last line.
//   call: open = the call's `(`, close = the call's `)`
//   function: open = its first byte, close = the byte after it
std::string Emitter::name_closure(std::uint32_t open, std::uint32_t close, bool call) {
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

std::string Emitter::no_room_for_name(std::uint32_t open, bool call) {
  error(open,
        call ? "there is no room before the closure to name it in the worker module: the callee "
               "before the open parenthesis is too short. Call it through a name of at least "
               "three characters (e.g. `spawn`), or write eval(spawn(...)) as usual"
             : "there is no blank text around the function to name it in the worker module");
  return {};
}

// Blank single-width ASCII bytes on one line, none of them kept: text written over them moves
// nothing.
bool Emitter::blank_room(std::uint32_t begin, std::uint32_t end) const {
  if (end > src_.size()) return false;
  for (std::uint32_t i = begin; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(src_[i]);
    if (kept(i) || (c < 0x20 && c != '\t') || c >= 0x80) return false;
  }
  return true;
}

std::uint32_t Emitter::line_start(std::uint32_t offset) const {
  while (offset > 0 && src_[offset - 1] != '\n' && src_[offset - 1] != '\r') --offset;
  return offset;
}

// The first byte of the line terminator that ends just before `line_begin`.
std::uint32_t Emitter::line_start_of_terminator(std::uint32_t line_begin) const {
  std::uint32_t at = line_begin - 1;
  if (at > 0 && src_[at] == '\n' && src_[at - 1] == '\r') --at;
  return at;
}

// The end of the line that `offset` is on: where text can be added without moving anything.
std::uint32_t Emitter::line_end(std::uint32_t offset) const {
  std::uint32_t i = offset;
  std::uint32_t length = 0;
  while (i < src_.size() && !is_line_terminator_at(src_, i, length)) ++i;
  return i;
}

bool Emitter::name_in_use(std::string_view name) const {
  for (const Binding& b : a_.bindings) {
    if (b.name == name) return true;
  }
  for (const Reference& r : a_.references) {
    if (r.name == name) return true;
  }
  return false;
}

void Emitter::move_arrow_parens() {
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
void Emitter::rewrite_import_meta() {
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

bool Emitter::erased(std::uint32_t offset) {
  while (erased_cursor_ < a_.erased.size() && a_.erased[erased_cursor_].end <= offset)
    ++erased_cursor_;
  return erased_cursor_ < a_.erased.size() && a_.erased[erased_cursor_].contains(offset);
}

void Emitter::build_text() {
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

}  // namespace xthreads
