#!/usr/bin/env bash
# Checks the Promela models of the waiting algorithms (models/*.pml, mirroring src/sync/) with
# spin, exhaustively, and that spin finds the bug in every deliberately broken variant
# (models/broken/*.pml), so the checks cannot pass vacuously. Installs spin (and gcc, which
# compiles spin's verifier) from Debian's packages when missing (apt-get, through sudo when not
# root). Prints one line per check, `ok <model> <property>: <N> states, 0 errors` or
# `FAIL ...`, and exits non-zero if any check fails.
#   bash models/check.sh                 every check
#   bash models/check.sh mutex           the checks whose name contains "mutex"
#   MODEL_DEFINES="-DNO_STARVE_TIMEOUT" bash models/check.sh   extra spin -D flags
set -uo pipefail
cd "$(dirname "$0")"
models=$PWD

need=()
command -v spin >/dev/null || need+=(spin)
command -v gcc >/dev/null || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
  echo "models: installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "FAIL models: could not install ${need[*]}"; exit 1; }
fi
echo "models: $(spin -V)"

filter=${1:-}
extra=${MODEL_DEFINES:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# check <name> <model file> <safety|liveness> <spin -D flags> <what the check shows>
check() {
  local name=$1 file=$2 mode=$3 defines=$4 what=$5
  [ -n "$filter" ] && [[ "$name" != *"$filter"* ]] && return
  local dir="$work/${name//[^a-zA-Z0-9]/_}"
  mkdir -p "$dir"; cp -r "$models"/*.pml "$models"/broken "$dir"/
  local cc=(-O2 -DCOLLAPSE) run=(-m1000000 -w24)
  if [ "$mode" = safety ]; then
    cc+=(-DSAFETY -DNOCLAIM)          # assertions and invalid end states
  else
    cc+=(-DNFAIR=3); run+=(-a -f)     # the ltl claim, acceptance cycles under weak fairness
  fi
  # shellcheck disable=SC2086
  if ! (cd "$dir" && spin $defines $extra -a "$file" >spin.log 2>&1 &&
        gcc "${cc[@]}" -o pan pan.c >gcc.log 2>&1); then
    echo "FAIL $name: spin or gcc failed"; cat "$dir/spin.log" "$dir/gcc.log" | head -20; failed=1; return
  fi
  (cd "$dir" && ./pan "${run[@]}" >pan.log 2>&1)
  local errors states
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$dir/pan.log" | tail -n1)
  states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$dir/pan.log" | tail -n1)
  if [ "$errors" = 0 ] && grep -q "search not completed\|Search not completed" "$dir/pan.log"; then
    echo "FAIL $name: the search did not complete"; failed=1
  elif [ "$errors" = 0 ] && [ -n "$states" ]; then
    echo "ok $name: $what: $states states, 0 errors"
  else
    local kind
    kind=$(grep -m1 -o "assertion violated.*\|invalid end state\|acceptance cycle" "$dir/pan.log" || echo "no result")
    echo "FAIL $name: $what: spin found: $kind"
    # The end of the counterexample: where each thread is stuck, the shared cells.
    (cd "$dir" && spin $defines $extra -t -g "$file" 2>&1 | grep -v "^ltl " | tail -n 22 | sed 's/^/    /')
    failed=1
  fi
}

# broken <file>: spin must report the kind of error the file's `expect:` line names.
broken() {
  local file=$1 name expect
  name="broken/$(basename "$file" .pml)"
  [ -n "$filter" ] && [[ "$name" != *"$filter"* ]] && return
  expect=$(sed -n 's/^ \* expect: //p' "$file")
  local dir="$work/${name//[^a-zA-Z0-9]/_}"
  mkdir -p "$dir"; cp -r "$models"/*.pml "$models"/broken "$dir"/
  if ! (cd "$dir" && spin -a "$file" >spin.log 2>&1 &&
        gcc -O2 -DCOLLAPSE -DSAFETY -DNOCLAIM -o pan pan.c >gcc.log 2>&1); then
    echo "FAIL $name: spin or gcc failed"; cat "$dir/spin.log" "$dir/gcc.log" | head -20; failed=1; return
  fi
  (cd "$dir" && ./pan -m1000000 -w24 >pan.log 2>&1)
  if grep -q "$expect" "$dir/pan.log"; then
    echo "ok $name: spin reports the $expect it must"
  else
    echo "FAIL $name: spin did not report \"$expect\": the broken model passes"
    grep -E "errors:|states, stored" "$dir/pan.log" | sed 's/^/    /'
    failed=1
  fi
}

check "mutex safety" mutex.pml safety "" "mutual exclusion and no deadlock"
check "mutex liveness" mutex.pml liveness "" "no lost wake-up, every lock() returns"
check "mutex safety-without-1ms-timeout" mutex.pml safety "-DNO_STARVE_TIMEOUT" \
  "no deadlock with notify as the only wake-up"
check "semaphore safety" semaphore.pml safety "" "permits never over-subscribed and no deadlock"
check "semaphore liveness" semaphore.pml liveness "" "no lost wake-up, every acquire() returns"
check "condvar safety" condvar.pml safety "-DNO_STARVING" "mutual exclusion and no deadlock"
check "condvar liveness" condvar.pml liveness "-DNO_STARVING" "no lost wake-up, every waiter gets its item"
for file in broken/*.pml; do broken "$file"; done

exit $failed
