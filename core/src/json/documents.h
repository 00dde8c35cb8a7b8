// The parts the JSON documents share (explain.h's and transform.h's): written the same way in
// both, so the runtime reads them with one type.
#pragma once

#include <vector>

#include "json/json_writer.h"
#include "xthreads/source.h"
#include "xthreads/worker_module.h"

namespace xthreads {

// `line_key` and `column_key` with the 1-based position of `offset`.
void write_position(JsonWriter& json, const LineMap& lines, std::uint32_t offset,
                    const char* line_key, const char* column_key);

// "diagnostics": [{"message", "line", "column"}]
void write_diagnostics(JsonWriter& json, const LineMap& lines,
                       const std::vector<Diagnostic>& diagnostics);

// explain.h's "module" object (the key is the caller's).
void write_module(JsonWriter& json, const LineMap& lines, const WorkerModule& module);

}  // namespace xthreads
