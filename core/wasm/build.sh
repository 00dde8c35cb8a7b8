#!/usr/bin/env bash
# Builds the capture compiler as WebAssembly: build-wasm/xthreads.wasm, the module that
# src/compiler/wasm.js loads. Installs the toolchain from Debian's packages when it is missing
# (apt-get, through sudo when not root). Safe to run again: it only rebuilds what changed.
#   bash core/wasm/build.sh [BUILD_DIR]      (default: build-wasm)
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${1:-build-wasm}
llvm=19

need=()
for package in clang-$llvm lld-$llvm wasi-libc libc++-$llvm-dev-wasm32 libc++abi-$llvm-dev-wasm32 \
               libclang-rt-$llvm-dev-wasm32 cmake ninja-build; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "wasm: installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The wasm build globs core/src; the native library lists its sources. They must be the same files.
native=$(sed -n 's|^ *\(src/.*\.cpp\)$|\1|p' core/CMakeLists.txt | sort)
globbed=$(cd core && find src -name '*.cpp' | sort)
if [ "$native" != "$globbed" ]; then
  echo "wasm: core/src/**/*.cpp differs from the sources of xthreads_core in core/CMakeLists.txt:" >&2
  diff <(echo "$native") <(echo "$globbed") >&2 || true
  exit 1
fi

cmake -S core/wasm -B "$build_dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$PWD/core/wasm/wasm32-wasi.cmake" \
  -DXTHREADS_LLVM_VERSION=$llvm >/dev/null
cmake --build "$build_dir"
echo "wasm: $build_dir/xthreads.wasm, $(stat -c %s "$build_dir/xthreads.wasm") bytes"
