// A small JSON writer: enough for the documents the compiler emits, escaping included.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xthreads {

class JsonWriter {
 public:
  void begin_object() { separate(); out_ += '{'; first_ = true; }
  void end_object() { out_ += '}'; first_ = false; }
  void begin_array() { separate(); out_ += '['; first_ = true; }
  void end_array() { out_ += ']'; first_ = false; }
  void key(std::string_view name) {
    separate();
    string_literal(name);
    out_ += ':';
    first_ = true;  // the value follows without a comma
  }
  void value(std::string_view text) { separate(); string_literal(text); }
  void value(std::uint32_t number) { separate(); out_ += std::to_string(number); }
  void value(bool flag) { separate(); out_ += flag ? "true" : "false"; }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void string_literal(std::string_view text);

  std::string out_;
  bool first_ = true;
};

}  // namespace xthreads
