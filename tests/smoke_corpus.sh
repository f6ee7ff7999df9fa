#!/usr/bin/env bash
# smoke_corpus.sh BIN CORPUS - every corpus file must load without a crash,
# a hang or a sanitizer report (exit status below 3, nothing on stderr that
# looks like a sanitizer).  Skips (77) when the corpus is absent.
set -u
bin=$1 corpus=$2
[ -d "$corpus" ] || { echo "corpus $corpus absent: skipped"; exit 77; }
fail=0 n=0
while IFS= read -r f; do
  n=$((n+1))
  timeout 10 "$bin" check --color=never "$f" >/dev/null 2>"${TMPDIR:-/tmp}/ecslint-smoke.err"; rc=$?
  if [ $rc -ge 3 ] || grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "${TMPDIR:-/tmp}/ecslint-smoke.err"; then
    echo "FAIL rc=$rc: $f"; cat "${TMPDIR:-/tmp}/ecslint-smoke.err" | head -20; fail=$((fail+1))
  fi
done < <(find "$corpus" \( -name '*.yaml' -o -name '*.yml' \) | sort)
echo "corpus: $((n-fail)) passed, $fail failed"
[ $fail = 0 ] && [ $n -gt 0 ]
