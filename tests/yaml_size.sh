#!/usr/bin/env bash
# yaml_size.sh BIN SRC BUILD_TYPE - the YAML size counter that check uses
# (src/convert/render.c) agrees byte for byte with libfyaml's rendering on
# every fixture and corpus file.  Debug builds compare the two on each use
# and abort on a difference; ECSLINT_DEBUG_YAML_SIZE makes every template
# go through it.  Release builds skip (77): the comparison is compiled out.
set -u
bin=$1 src=$2 type=$3
case $type in Release|RelWithDebInfo|MinSizeRel) echo "yaml-size: needs a Debug build, skipped"; exit 77 ;; esac
fail=0 n=0
while IFS= read -r f; do
  n=$((n+1))
  ( cd "$(dirname "$f")" && ECSLINT_DEBUG_YAML_SIZE=1 ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
      "$bin" check --color=never "$(basename "$f")" >/dev/null 2>"${TMPDIR:-/tmp}/yaml-size.err" )
  if grep -q 'BUG:' "${TMPDIR:-/tmp}/yaml-size.err"; then
    echo "FAIL $f: $(grep 'BUG' "${TMPDIR:-/tmp}/yaml-size.err")"; fail=$((fail+1))
  fi
done < <( { find "$src/fixtures/convert" "$src/fixtures/rules" "$src/fixtures/fuzz" -name compose.yaml; \
            [ -d "$src/../shared/corpus" ] && find "$src/../shared/corpus" -name 'compose.y*ml'; } | sort)
echo "yaml-size: $((n-fail)) passed, $fail failed"
[ $fail = 0 ]
