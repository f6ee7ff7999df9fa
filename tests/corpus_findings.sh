#!/usr/bin/env bash
# corpus_findings.sh BIN CORPUS EXPECTED - the findings ecslint reports on
# the real-world corpus, every one reviewed: EXPECTED lists them (one
# "file:line:col: severity: message [ID]" line each, default rules, no
# configuration) and docs/corpus-findings.md records the verdicts.  A new
# or changed finding fails the test until it is reviewed and recorded
# (UPDATE=1 rewrites EXPECTED).  Skips (77) when the corpus is absent.
set -u
bin=$(readlink -f "$1") corpus=$2 expected=$3
[ -d "$corpus" ] || { echo "corpus $corpus absent: skipped"; exit 77; }
got=$(mktemp)
trap 'rm -f "$got"' EXIT
while IFS= read -r f; do
  rel=${f#"$corpus"/}
  ( cd "$(dirname "$f")" && "$bin" check --no-config --format gcc --color=never "$(basename "$f")" 2>/dev/null ) |
    sed "s|^[^:]*:|$rel:|"
done < <(find "$corpus" \( -name '*.yaml' -o -name '*.yml' \) | sort) >"$got"
if [ "${UPDATE:-0}" = 1 ]; then cp "$got" "$expected"; echo "corpus findings: $(wc -l <"$got") recorded"; exit 0; fi
if ! diff -u "$expected" "$got"; then
  echo "corpus findings changed: review each (docs/corpus-findings.md), then UPDATE=1"; exit 1
fi
echo "corpus findings: $(wc -l <"$got") reviewed, unchanged"
