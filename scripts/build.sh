#!/usr/bin/env bash
# Builds the package as users get it: the capture compiler as WebAssembly (build-wasm/), the
# TypeScript runtime (dist/), after installing the npm packages the build and the tests need.
# Safe to run again: it only redoes what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
# Examples and tests import the package by its name, as users do.
ln -sfn .. node_modules/experimental-threads

bash core/wasm/build.sh >/dev/null
echo "build: build-wasm/xthreads.wasm, $(stat -c %s build-wasm/xthreads.wasm) bytes"
rm -rf dist
node_modules/.bin/tsc -p .
node scripts/bundle-runtime.mjs
echo "build: dist/ (the runtime; the package's entry points load dist/bundled/)"
