#!/usr/bin/env bash
# regress.sh MODE BIN DIR... - runs a harness once over every file in DIRs
# (its seed corpus and its past crashes), no fuzzing: seconds, in every CI
# build.  MODE is libfuzzer (clang build) or driver (any other build).
# Fails on a crash or a sanitizer report; says how many inputs ran.
set -u
mode=$1 bin=$2
shift 2
files=()
for d in "$@"; do
  [ -d "$d" ] && while IFS= read -r f; do files+=("$f"); done < <(find "$d" -type f ! -name '.*' ! -name README | sort)
done
[ ${#files[@]} -gt 0 ] || { echo "no inputs in $*"; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ "$mode" = libfuzzer ]; then
  # Files (not directories) make libFuzzer run each input once and stop.
  "$bin" -runs=1 "${files[@]}" >"$log" 2>&1
else
  "$bin" "${files[@]}" >"$log" 2>&1
fi
rc=$?
if [ $rc -ne 0 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|invariant failed' "$log"; then
  tail -40 "$log"
  echo "${bin##*/}: 0 passed, 1 failed (exit $rc over ${#files[@]} inputs)"
  exit 1
fi
echo "${bin##*/}: ${#files[@]} passed, 0 failed"
