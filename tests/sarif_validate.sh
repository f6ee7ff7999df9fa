#!/usr/bin/env bash
# sarif_validate.sh BIN SRC - every SARIF the report fixtures expect, and
# SARIF freshly produced from the examples, the fixtures' inputs and the
# shared corpus, passes
# Microsoft's validator (pinned npm @microsoft/sarif-multitool in tools/)
# with the SARIF spec rules and GitHub's ingestion rules ("Sarif;Gh").
# Any error or warning fails the test; notes (advice) are listed only.
# Skips (77) when the validator is not installed: scripts/setup --test
# installs it (npm install --prefix tools).
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
tool=$src/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -f "$tool" ]; then
  echo "sarif-multitool absent (run: npm install --prefix tools): skipped"
  exit 77
fi
# npm may refuse the package's postinstall (chmod): do it here.
[ -x "$tool" ] || chmod u+x "$tool"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
n=0

add() {	# add NAME FILE: queue a SARIF file under a readable name
  n=$((n+1))
  cp "$2" "$tmp/in/$(printf '%03d' $n)_$(echo "$1" | tr -c 'A-Za-z0-9._-' '_').sarif"
}

# 1. The golden SARIF of the report fixtures, as stored.
while IFS= read -r f; do
  case_dir=$(dirname "$f")
  if [ "$(head -1 "$case_dir/args" 2>/dev/null)" = check ] && grep -qx sarif "$case_dir/args" &&
     head -c 1 "$f" | grep -q '{'; then
    add "${case_dir#"$src"/fixtures/}_$(basename "$f")" "$f"
  fi
done < <(find "$src/fixtures" -name 'expected.*' -type f | sort)

# 2. Fresh SARIF over every fixture input, example and corpus file (all
#    rules that exist now; the corpus is the shared one, when present).
corpus=$src/../shared/corpus
[ -d "$corpus" ] || corpus=
while IFS= read -r y; do
  ( cd "$(dirname "$y")" && "$bin" check --format sarif "$(basename "$y")" >"$tmp/fresh.sarif" 2>/dev/null )
  add "fresh_${y#"$src"/}" "$tmp/fresh.sarif"
done < <(find "$src/fixtures" "$src/examples" $corpus \( -name '*.yaml' -o -name '*.yml' \) -type f | sort)

# One validator process for all files: it starts slowly.
log=$tmp/log.txt
if ! "$tool" validate --rule-kind "Sarif;Gh" --level "Error;Warning;Note" -o "$tmp/v.sarif" "$tmp"/in/*.sarif >"$log" 2>&1 ||
   ! grep -q 'Analysis completed successfully' "$log"; then
  echo "FAIL: the validator did not complete"; sed 's/^/    /' "$log" | head -40; exit 1
fi
grep -E '\): (error|warning) [A-Z]+[0-9]+:' "$log" | sed "s|$tmp/in/||" >"$tmp/bad"
scanned=$(sed -n 's/^Done\. \([0-9]*\) files scanned\./\1/p' "$log")
if [ "$scanned" != "$n" ]; then
  echo "FAIL: the validator scanned ${scanned:-0} of $n files"; sed 's/^/    /' "$log" | head -40; exit 1
fi
bad_files=$(cut -d'(' -f1 "$tmp/bad" | sort -u | wc -l)
if [ -s "$tmp/bad" ]; then
  echo "FAIL: errors or warnings in $bad_files file(s):"; sed 's/^/    /' "$tmp/bad" | head -60
fi
echo "sarif: $((n-bad_files)) passed, $bad_files failed"
[ "$bad_files" = 0 ] && [ $n -gt 0 ]
