#!/usr/bin/env bash
# cfn_lint.sh BIN SRC CORPUS - the templates ecslint emits pass AWS's
# cfn-lint with nothing above informational.
#
# Converts every fixtures/convert case that expects success (with its own
# args, in its directory) and every CORPUS Compose file that converts, then
# runs cfn-lint once over all of them.  A corpus file that does not convert
# must fail with located diagnostics (exit 1 or 2, "file:line:col:" on
# stderr), never crash.  Skips (77) without cfn-lint.
set -u
bin=$(readlink -f "$1") src=$2 corpus=$3
command -v cfn-lint >/dev/null || { echo "cfn-lint not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 templates=() n_fixtures=0 n_corpus=0 n_refused=0

while IFS= read -r exitfile; do
  dir=$(dirname "$exitfile")
  [ "$(cat "$exitfile")" = 0 ] || continue
  name=$(basename "$dir")
  args=()
  while IFS= read -r line || [ -n "$line" ]; do args+=("$line"); done < "$dir/args"
  [ "${args[0]}" = convert ] || continue
  ext=yaml
  printf '%s\n' "${args[@]}" | grep -qx json && ext=json
  out="$tmp/fixture-$name.$ext"
  if ! ( cd "$dir" && "$bin" "${args[@]}" >"$out" 2>"$tmp/err" ); then
    echo "FAIL fixture $name: convert failed"; head -20 "$tmp/err"; fail=1; continue
  fi
  templates+=("$out"); n_fixtures=$((n_fixtures+1))
done < <(find "$src/fixtures/convert" -name expected.exit | sort)

if [ -d "$corpus" ]; then
  i=0
  while IFS= read -r f; do
    i=$((i+1))
    out="$tmp/corpus-$i.yaml"
    ( cd "$(dirname "$f")" && timeout 10 "$bin" convert --color=never -f "$(basename "$f")" -o "$out" ) \
      2>"$tmp/err" >/dev/null; rc=$?
    case $rc in
      0) templates+=("$out"); n_corpus=$((n_corpus+1)); echo "converts: ${f#"$corpus"/}" ;;
      1|2)
        n_refused=$((n_refused+1))
        if ! grep -qE '^[^:]+:[0-9]+:[0-9]+: (error|warning|info)' "$tmp/err"; then
          echo "FAIL corpus ${f#"$corpus"/}: refused without a located diagnostic"; head -5 "$tmp/err"; fail=1
        fi
        [ -e "$out" ] && { echo "FAIL corpus ${f#"$corpus"/}: a refused conversion wrote $out"; fail=1; } ;;
      *) echo "FAIL corpus ${f#"$corpus"/}: exit $rc"; head -20 "$tmp/err"; fail=1 ;;
    esac
  done < <(find "$corpus" \( -name '*.yaml' -o -name '*.yml' \) | sort)
else
  echo "corpus $corpus absent: fixtures only"
fi

if [ ${#templates[@]} -gt 0 ]; then
  # One process for all templates; informational findings (I...) are fine.
  cfn-lint --format parseable -- "${templates[@]}" >"$tmp/lint" 2>&1
  if grep -vE '^[^:]+:[0-9]+:[0-9]+:[0-9]+:[0-9]+:I[0-9]+:' "$tmp/lint" | grep -q .; then
    echo "FAIL cfn-lint:"; sed "s|$tmp/||" "$tmp/lint" | grep -vE ':I[0-9]+:' | head -60; fail=1
  fi
fi
echo "cfn-lint: $n_fixtures fixtures and $n_corpus corpus templates linted, $n_refused corpus files refused with diagnostics"
[ $fail = 0 ] && [ ${#templates[@]} -gt 0 ]
