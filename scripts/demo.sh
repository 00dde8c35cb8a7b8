#!/usr/bin/env bash
# The demo: builds the package (installing what is missing), hashes passwords in parallel with
# spawn, then shows what the capture compiler found in the demo's closure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh | grep -v "^build: dist" || true
echo
node examples/parallel-hashing.mjs
site=$(grep -n "eval(spawn(" examples/parallel-hashing.mjs | head -n1 | cut -d: -f1)
column=$(sed -n "${site}p" examples/parallel-hashing.mjs | awk '{ print index($0, "spawn(") }')
echo
echo "\$ npx experimental-threads explain examples/parallel-hashing.mjs:$site:$column"
node bin/experimental-threads.mjs explain "examples/parallel-hashing.mjs:$site:$column"
