// xthreads-transform: compile mode's whole-file transform from the command line.
//
//   xthreads-transform FILE          the JSON document of xthreads/transform.h on stdout
//   xthreads-transform --text FILE   only the rewritten file (exit 1 and the diagnostics on
//                                    stderr, as FILE:LINE:COLUMN: message, when there are any)
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "xthreads/source.h"
#include "xthreads/transform.h"

namespace {

int usage() {
  std::cerr << "usage: xthreads-transform [--text] FILE\n";
  return 2;
}

// The few keys --text needs, read back from the document (the CLI has no JSON library).
std::string string_at(const std::string& json, std::size_t quote) {
  std::string out;
  for (std::size_t i = quote + 1; i < json.size() && json[i] != '"'; ++i) {
    if (json[i] != '\\') {
      out += json[i];
      continue;
    }
    const char e = json[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const unsigned code = std::stoul(json.substr(i + 1, 4), nullptr, 16);
        i += 4;
        if (code < 0x80) out += static_cast<char>(code);
        else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        break;
      }
      default: out += e;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool text_only = false;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--text") text_only = true;
    else if (path.empty() && !arg.starts_with("--")) path = arg;
    else return usage();
  }
  if (path.empty()) return usage();
  const auto dialect = xthreads::dialect_for_path(path);
  if (!dialect) {
    std::cerr << path << ": not a JavaScript or TypeScript source file\n";
    return 2;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read it\n";
    return 2;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string json = xthreads::transform_json(buffer.str(), *dialect);
  if (!text_only) {
    std::cout << json << '\n';
    return 0;
  }
  // {"ok":B,"diagnostics":[{"message":"...","line":N,"column":N}...],"text":"..."
  if (json.starts_with("{\"ok\":false")) {
    std::size_t at = 0;
    while ((at = json.find("{\"message\":\"", at)) != std::string::npos) {
      const std::string message = string_at(json, at + 11);
      const std::size_t line = json.find("\"line\":", at + 11 + message.size());
      const std::size_t column = json.find("\"column\":", line);
      std::cerr << path << ':' << std::stoul(json.substr(line + 7)) << ':'
                << std::stoul(json.substr(column + 9)) << ": " << message << '\n';
      at = column;
    }
    return 1;
  }
  std::cout << string_at(json, json.find("\"text\":\"") + 7);
  return 0;
}
