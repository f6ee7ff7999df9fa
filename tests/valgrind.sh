#!/usr/bin/env bash
# valgrind.sh BIN FIXTURES - runs every golden fixture area with each ecslint
# invocation under valgrind (memcheck): an invalid read or write, a use of an
# uninitialised value or a definite/indirect leak makes valgrind exit 99,
# which the fixture runner reports as a wrong exit status.  Output is
# otherwise unchanged (-q), so the expectations are the normal ones.
# Skips (77) without valgrind.
set -u
bin=$1 root=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind >/dev/null || { echo "valgrind absent: skipped"; exit 77; }
export ECSLINT_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
fail=0 pass=0
for area in "$root"/*/; do
  area=${area%/}
  out=$(bash "$here/run_fixtures.sh" "$bin" "$area" 2>&1)
  rc=$?
  last=$(printf '%s\n' "$out" | tail -1)
  p=$(printf '%s\n' "$last" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
  f=$(printf '%s\n' "$last" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ $rc -ne 0 ]; then printf '%s\n' "$out" | grep -v '^ok'; [ "${f:-0}" = 0 ] && fail=$((fail + 1)); fi
done
echo "valgrind: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
