#!/usr/bin/env bash
# convert_determinism.sh BIN SRC - `ecslint convert` is byte-identical run
# after run: every fixtures/convert case that converts is run twice, in
# YAML and JSON, the second time with a perturbed heap and environment
# (MALLOC_PERTURB_, extra variables, another TZ/locale), and compared.
set -u
bin=$(readlink -f "$1") src=$2
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
echo "determinism: $n conversions compared, $fail failed"
[ $fail = 0 ] && [ $n -gt 0 ]
