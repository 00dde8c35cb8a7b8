// The Emitter's shared state: what is kept of the source, the text written over it or added at
// line ends, and what the epilogue needs. Its jobs are in files of their own: blanking.cpp,
// typescript_lowering.cpp, checks.cpp and epilogue.cpp; worker_module.cpp runs them in order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/text.h"
#include "xthreads/worker_module.h"

namespace xthreads {

inline constexpr std::string_view kClosureNames[] = {"__xt_fn", "$xt", "$x"};

// A line terminator at `i` (LF, CR, U+2028 or U+2029), with its length in bytes (CR LF counts
// as two terminators of one byte each).
inline bool is_line_terminator_at(std::string_view s, std::size_t i, std::uint32_t& length) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '\n' || c == '\r') {
    length = 1;
    return true;
  }
  if (is_unicode_line_separator_at(s, i)) {
    length = 3;
    return true;
  }
  return false;
}

class Emitter {
 public:
  Emitter(std::string_view source, const Analysis& a, const LineMap& lines, const CapturePlan& plan,
          WorkerModule& out)
      : src_(source), a_(a), lines_(lines), plan_(plan), out_(out), keep_(source.size(), 0) {}

  void run();

 private:
  void error(std::uint32_t offset, std::string message) {
    out_.diagnostics.push_back({std::move(message), offset});
  }

  std::string position_text(std::uint32_t offset) const {
    return xthreads::position_text(lines_, offset);
  }

  void keep(Range r) {
    for (std::uint32_t i = r.begin; i < r.end && i < keep_.size(); ++i) keep_[i] = 1;
  }

  bool kept(std::uint32_t offset) const { return offset < keep_.size() && keep_[offset]; }

  // Same-width text written over the source at an offset (blank or kept bytes, all ASCII).
  void rewrite(std::uint32_t offset, std::string text) {
    for (std::uint32_t i = 0; i < text.size(); ++i) keep_[offset + i] = 1;
    rewrites_[offset] = std::move(text);
  }

  // Blanking (blanking.cpp).
  void keep_declaration(Id b);
  void keep_variable(const Binding& b);
  void keep_jsx_pragmas();
  void punctuate_declarations();
  std::string name_closure(std::uint32_t open, std::uint32_t close, bool call);
  std::string no_room_for_name(std::uint32_t open, bool call);
  bool blank_room(std::uint32_t begin, std::uint32_t end) const;
  std::uint32_t line_start(std::uint32_t offset) const;
  std::uint32_t line_start_of_terminator(std::uint32_t line_begin) const;
  std::uint32_t line_end(std::uint32_t offset) const;
  bool name_in_use(std::string_view name) const;
  void move_arrow_parens();
  void rewrite_import_meta();
  bool erased(std::uint32_t offset);
  void build_text();

  // TypeScript lowering (typescript_lowering.cpp).
  void lower_runtime_ts_in_kept_code();
  void lower_import_equals(const Binding& binding);
  bool only_punctuation_until_line_end(std::uint32_t offset) const;
  void lower_enum(Id enum_binding);
  std::string enum_initializer(Range init, Id scope, const std::string& enum_name);
  void lower_namespace(Id b);
  void lower_parameter_property(const RuntimeTs& ts);

  // Checks (checks.cpp).
  bool inside_captured_code(const Binding& b) const;
  void check_kept_names();
  void check_legacy_octals();
  void check_strict_names();
  void check_copied_closure(const Function& closure, std::string_view spawn_name,
                            std::uint32_t site);

  // The epilogue (epilogue.cpp).
  void add_slot(Placeholder kind, std::string_view literal, std::string_view specifier);
  void append_epilogue(const std::string& callee);

  std::string_view src_;
  const Analysis& a_;
  const LineMap& lines_;
  const CapturePlan& plan_;
  WorkerModule& out_;
  std::vector<std::uint8_t> keep_;
  std::map<std::uint32_t, std::string> rewrites_;
  std::map<std::uint32_t, std::string> insertions_;  // text added before a line terminator
  std::map<std::uint32_t, std::vector<std::uint32_t>> kept_declarators_;  // statement → ends
  std::size_t erased_cursor_ = 0;
  std::string_view closure_var_;
  Range copied_;      // a closure inside a kept declaration: its source range, copied to the
  Range copied_out_;  // epilogue from its place in the module text
  bool needs_require_ = false;
  bool needs_meta_ = false;
  bool needs_dynamic_import_ = false;
  bool needs_filename_ = false;
};

}  // namespace xthreads
