#!/usr/bin/env bash
# The whole test suite: sets up, builds, and runs every kind of test, then prints one summary
# line `N passed, M failed` (the counts of the stages' own tests).
#   1. the C++ unit tests (GoogleTest, run by CTest)
#   2. a short fuzz run of the front end under ASan and UBSan (libFuzzer)
#   3. the differential test against @typescript-eslint/scope-manager on real npm code
#   4. the package (compiler as WebAssembly, TypeScript runtime) on Node 20, 22, 24 and 26, Deno and
#      Bun: compiler bindings, spawn end to end, the public types, the shared-memory primitives,
#      and the spin models of their waiting algorithms
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
count() {  # count <passed> <failed>
  passed=$((passed + $1))
  failed=$((failed + $2))
}

echo "== building the capture compiler and its unit tests"
if cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXTHREADS_TESTS=ON >/dev/null &&
   cmake --build build; then
  echo "== unit tests (CTest)"
  ctest_log=$(mktemp)
  ctest --test-dir build --output-on-failure -j2 >"$ctest_log" 2>&1 || true
  # Only failures and the summary: a line per passing case would bury them.
  grep -E "\*\*\*Failed|\*\*\*Exception|tests passed|Errors while running|The following tests" -A2 "$ctest_log" | grep -v "^--$" || true
  total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$ctest_log" | tail -n1)
  bad=$(sed -n 's/.*, \([0-9]*\) tests failed out of.*/\1/p' "$ctest_log" | tail -n1)
  if [ -n "$total" ] && [ "$total" -gt 0 ]; then
    count $((total - bad)) "$bad"
  else
    echo "no unit test ran"
    count 0 1
  fi
  rm -f "$ctest_log"
else
  echo "the build failed"
  count 0 1
fi

echo "== fuzzing the front end for ${XTHREADS_FUZZ_SECONDS:-60} s (ASan + UBSan)"
if CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
     -DXTHREADS_FUZZ=ON -DXTHREADS_TESTS=OFF >/dev/null &&
   cmake --build build-fuzz --target xthreads_fuzz_analyze >/dev/null; then
  work=$(mktemp -d)
  if ./build-fuzz/core/fuzz/xthreads_fuzz_analyze -max_total_time="${XTHREADS_FUZZ_SECONDS:-60}" \
       -max_len=4096 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$work/" \
       "$work" core/fuzz/seeds >"$work/log" 2>&1; then
    grep -E "^Done [0-9]+ runs" "$work/log" || tail -n 1 "$work/log"
    count 1 0
  else
    tail -n 40 "$work/log"
    echo "the fuzzer found a problem; the input is in $work"
    count 0 1
  fi
else
  echo "the fuzz target did not build"
  count 0 1
fi

echo "== differential test against @typescript-eslint/scope-manager"
diff_log=$(mktemp)
XTHREADS_SCAN="$PWD/build/core/xthreads-scan" node test/differential/run.mjs 2>&1 | tee "$diff_log" | tail -n 12
line=$(tail -n 1 "$diff_log")
if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  count "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  echo "the differential test did not finish"
  count 0 1
fi
rm -f "$diff_log"

echo "== the package (WebAssembly compiler + TypeScript runtime) on Node 20, 22, 24 and 26, Deno and Bun"
js_log=$(mktemp)
if bash scripts/build.sh >"$js_log" 2>&1; then
  grep "^build:" "$js_log"
  # compiler/ (the wasm build), runtime/ (spawn end to end), faults/ (the fault suite), types/ (the public types), sync/
  # (the shared-memory primitives), models/ (their waiting algorithms, checked by spin)
  js_tests=$(ls test/{compiler,runtime,faults,types,sync,models,compile-mode}/*.test.mjs 2>/dev/null)
  # shellcheck disable=SC2086
  node --test --test-reporter=tap $js_tests >"$js_log" 2>&1
  grep -E "^ *not ok|^# (pass|fail) |^ *# ([0-9]+ files|acorn parsed)" "$js_log"
  js_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$js_log")
  js_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$js_log")
  if [ -n "$js_passed" ] && [ "$js_passed" -gt 0 ]; then
    count "$js_passed" "${js_failed:-0}"
  else
    tail -n 40 "$js_log"; echo "the JavaScript tests did not finish"; count 0 1
  fi
else
  tail -n 40 "$js_log"; echo "the build failed"; count 0 1
fi
rm -f "$js_log"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
