#!/usr/bin/env bash
# The demo: sets up the C++ toolchain if needed, builds the capture compiler, and explains the
# closures of the example module.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --core-only
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target xthreads-scan >/dev/null
node examples/explain.mjs "$@"
