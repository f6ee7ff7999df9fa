#!/usr/bin/env bash
# convert_determinism.sh BIN SRC [CORPUS] - `ecslint convert` is
# byte-identical run after run: every fixtures/convert case that converts
# (and every CORPUS file that does) is run twice, in YAML and JSON, the
# second time with a perturbed heap and environment (MALLOC_PERTURB_, extra
# variables, another TZ/locale), and compared.
set -u
bin=$(readlink -f "$1") src=$2 corpus=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
while IFS= read -r exitfile; do
  dir=$(dirname "$exitfile")
  [ "$(cat "$exitfile")" = 0 ] || continue
  name=$(basename "$dir")
  args=()
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in json|yaml) ;; --format) ;; *) args+=("$line") ;; esac
  done < "$dir/args"
  [ "${args[0]}" = convert ] || continue
  for fmt in yaml json; do
    ( cd "$dir" && "$bin" "${args[@]}" --format "$fmt" >"$tmp/a" 2>/dev/null )
    ( cd "$dir" && env MALLOC_PERTURB_=165 TZ=Asia/Tokyo LC_ALL=C.UTF-8 ECSLINT_NOISE=$RANDOM \
        "$bin" "${args[@]}" --format "$fmt" >"$tmp/b" 2>/dev/null )
    n=$((n+1))
    if ! cmp -s "$tmp/a" "$tmp/b" || [ ! -s "$tmp/a" ]; then
      echo "FAIL $name ($fmt): two runs differ or are empty"; diff "$tmp/a" "$tmp/b" | head -10; fail=1
    fi
  done
done < <(find "$src/fixtures/convert" -name expected.exit | sort)
if [ -n "$corpus" ] && [ -d "$corpus" ]; then
  while IFS= read -r f; do
    for fmt in yaml json; do
      ( cd "$(dirname "$f")" && "$bin" convert -f "$(basename "$f")" --format "$fmt" >"$tmp/a" 2>/dev/null ) || continue
      ( cd "$(dirname "$f")" && env MALLOC_PERTURB_=165 TZ=Asia/Tokyo LC_ALL=C.UTF-8 ECSLINT_NOISE=$RANDOM \
          "$bin" convert -f "$(basename "$f")" --format "$fmt" >"$tmp/b" 2>/dev/null )
      n=$((n+1))
      cmp -s "$tmp/a" "$tmp/b" || { echo "FAIL ${f#"$corpus"/} ($fmt): two runs differ"; fail=1; }
    done
  done < <(find "$corpus" \( -name '*.yaml' -o -name '*.yml' \) | sort)
fi
echo "determinism: $n conversions compared, $fail failed"
[ $fail = 0 ] && [ $n -gt 0 ]
