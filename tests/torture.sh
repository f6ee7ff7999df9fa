#!/usr/bin/env bash
# torture.sh BIN SOURCE_DIR WORK - out-of-memory torture (style.md 2.4): for
# a few inputs, makes the Nth arena allocation fail (ECSLINT_FAIL_ALLOC_AT=N;
# under it every allocation is its own block) for N = 1..K, K being the
# number of allocations the run makes, and asserts that every such run exits
# 3 with "out of memory", no crash (signal) and no sanitizer report, and that
# N = K+1 gives the normal result.  Inputs with more than TORTURE_RUNS (300)
# allocations are sampled with an even stride, always including 1 and K.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
work=$3
mkdir -p "$work"
runs=${TORTURE_RUNS:-300}
# The loader copies the environment into the arena: a fixed one keeps N meaning
# the same allocation from run to run and machine to machine.
clean_env=(env -i PATH=/usr/bin:/bin LC_ALL=C)
pass=0 fail=0

# Inputs: valid, with findings (related spans, help), an alias bomb, bad UTF-8,
# and a generated file big enough for dozens of arena blocks.
python3 "$src/bench/gen_compose.py" 150 "$work/services-150.yaml"
inputs=(
  "$src/examples/webapp/compose.yaml"
  "$src/fixtures/hostile/duplicate-keys-every-level/compose.yaml"
  "$src/fixtures/hostile/billion-laughs/compose.yaml"
  "$src/fixtures/hostile/bom-crlf-positions/compose.yaml"
  "$src/fixtures/hostile/invalid-utf8-lead/compose.yaml"
  "$src/fixtures/hostile/empty-file/compose.yaml"
  "$work/services-150.yaml"
)

for f in "${inputs[@]}"; do
  [ -f "$f" ] || { echo "FAIL missing input $f"; fail=$((fail + 1)); continue; }
  name=${f#"$src"/}
  "${clean_env[@]}" "$bin" check --color=never "$f" >"$work/want.out" 2>/dev/null
  want=$?
  # K: the smallest N whose run is not cut short (runs are deterministic).
  lo=1 hi=1
  while "${clean_env[@]}" ECSLINT_FAIL_ALLOC_AT=$hi "$bin" check --color=never "$f" >/dev/null 2>&1; [ $? -eq 3 ]; do
    lo=$hi hi=$((hi * 2))
    [ $hi -gt 4000000 ] && break
  done
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if "${clean_env[@]}" ECSLINT_FAIL_ALLOC_AT=$mid "$bin" check --color=never "$f" >/dev/null 2>&1; [ $? -eq 3 ]; then lo=$mid; else hi=$mid; fi
  done
  k=$((hi - 1))
  stride=$(( (k + runs - 1) / runs ))
  [ $stride -lt 1 ] && stride=1
  ok=1 tried=0
  for n in $(seq 1 "$stride" "$k") "$k" $((k + 1)); do
    [ "$n" -ge 1 ] || continue
    tried=$((tried + 1))
    "${clean_env[@]}" ECSLINT_FAIL_ALLOC_AT=$n "$bin" check --color=never "$f" >"$work/out" 2>"$work/err"
    rc=$?
    if [ $rc -ge 128 ] || grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$work/err"; then
      echo "FAIL $name: allocation $n failing crashed (exit $rc)"; sed 's/^/    /' "$work/err" | head -20; ok=0; break
    fi
    if [ "$n" -gt "$k" ]; then
      if [ $rc -ne $want ] || ! cmp -s "$work/out" "$work/want.out"; then
        echo "FAIL $name: with allocation $n failing, exit $rc and output differ from the normal run (exit $want)"; ok=0
      fi
      continue
    fi
    if [ $rc -ne 3 ] || ! grep -q 'out of memory' "$work/err"; then
      echo "FAIL $name: allocation $n failing gave exit $rc, want 3 and 'out of memory'"; ok=0; break
    fi
  done
  k_done="K = $k allocations, $tried runs"
  if [ $ok = 1 ]; then echo "ok   $name: $k_done"; pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "torture: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
