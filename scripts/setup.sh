#!/usr/bin/env bash
# Installs what building and testing need, on a Debian machine that has Node.js and npm:
# the C++ toolchain from Debian's packages (only what is missing), and the npm packages of the
# differential test (skipped with --core-only). Safe to run again: it does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v ninja >/dev/null || need+=(ninja-build)
command -v g++ >/dev/null || need+=(g++)
[ -f /usr/include/gtest/gtest.h ] || need+=(libgtest-dev)
command -v clang++ >/dev/null || need+=(clang)
# libFuzzer and the sanitizer runtimes that go with the installed clang
clang_major=$( (clang++ --version 2>/dev/null || true) | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n1)
if [ -n "$clang_major" ] && ! ls /usr/lib/llvm-"$clang_major"/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  need+=("libclang-rt-$clang_major-dev")
elif [ -z "$clang_major" ]; then
  need+=(libclang-rt-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm packages of the differential test (the reference scope analyser and the corpus)
[ "${1:-}" = "--core-only" ] && exit 0

# the runtimes the cross-runtime tests run on besides the system Node: Node 22, 24 and 26, Deno 2, Bun 1
if [ ! -x tools/runtimes/node_modules/node26/bin/node ] || \
   [ tools/runtimes/package-lock.json -nt tools/runtimes/node_modules/.package-lock.json ]; then
  echo "setup: installing the test runtimes (Node 22, 24, 26, Deno, Bun)"
  (cd tools/runtimes && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
if [ ! -d test/differential/node_modules/@typescript-eslint/scope-manager ] || \
   [ test/differential/package-lock.json -nt test/differential/node_modules/.package-lock.json ]; then
  echo "setup: installing the differential test's npm packages"
  (cd test/differential && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
