#!/usr/bin/env bash
# valgrind.sh BIN FIXTURES [AREA...] - runs golden fixture areas with each
# ecslint invocation under valgrind (memcheck): an invalid read or write, a
# use of an uninitialised value or a definite/indirect leak makes valgrind
# exit 99, which the fixture runner reports as a wrong exit status.  Output
# is otherwise unchanged (-q), so the expectations are the normal ones.
# Areas run $(nproc) at a time; with no AREA, every area under FIXTURES.
# Skips (77) without valgrind.
set -u
bin=$1 root=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind >/dev/null || { echo "valgrind absent: skipped"; exit 77; }
export ECSLINT_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
areas=()
if [ $# -gt 0 ]; then
  for a in "$@"; do areas+=("$root/$a"); done
else
  for a in "$root"/*/; do areas+=("${a%/}"); done
fi
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
running=0
for area in "${areas[@]}"; do
  ( bash "$here/run_fixtures.sh" "$bin" "$area" >"$logs/${area##*/}.log" 2>&1; echo $? >"$logs/${area##*/}.rc" ) &
  running=$((running + 1))
  if [ $running -ge "$(nproc)" ]; then wait -n; running=$((running - 1)); fi
done
wait
fail=0 pass=0
for area in "${areas[@]}"; do
  name=${area##*/}
  last=$(tail -1 "$logs/$name.log")
  p=$(printf '%s\n' "$last" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
  f=$(printf '%s\n' "$last" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ "$(cat "$logs/$name.rc")" != 0 ]; then
    grep -v '^ok' "$logs/$name.log"
    [ "${f:-0}" = 0 ] && fail=$((fail + 1))
  fi
done
echo "valgrind: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
