#!/usr/bin/env bash
# fix_roundtrip.sh BIN DIR - in-place --fix over every case of fixtures/fix.
#
# For each case with a 'fixes' file (rule ids its fixes must clear) or a
# 'partial' file (rule ids fixed only in part), on a copy of its input in a
# temporary directory:
#   - the input really has those findings (so the test can fail);
#   - `check --fix compose.yaml` rewrites the file to what the fixture's
#     golden output says (the stdin text, or the diff applied with patch);
#   - the file keeps its permission bits and no temporary file is left;
#   - the fixed file re-checks clean for the 'fixes' rules;
#   - fixing again changes nothing (idempotence), and --diff prints nothing.
# Then: a symlinked input is fixed through the link, and a write that fails
# leaves the file as it was with exit status 3.
set -u
bin=$(readlink -f "$1")
root=$(readlink -f "$2")
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check_case() {
  local dir=$1 name=$2 work=$tmp/$2 extra=() rules=()
  mkdir -p "$work"
  if [ -f "$dir/stdin" ]; then cp "$dir/stdin" "$work/compose.yaml"; else cp "$dir/compose.yaml" "$work/compose.yaml"; fi
  cp "$work/compose.yaml" "$work/original.yaml"
  grep -qx -- '--unsafe-fixes' "$dir/args" && extra+=(--unsafe-fixes)
  [ -f "$dir/fixes" ] && mapfile -t rules <"$dir/fixes"
  [ -f "$dir/partial" ] && mapfile -t -O "${#rules[@]}" rules <"$dir/partial"
  for rule in "${rules[@]}"; do
    "$bin" check --format=gcc "$work/original.yaml" 2>/dev/null | grep -q "\[$rule\]" ||
      { echo "FAIL $name: the input has no $rule finding to fix"; return 1; }
  done

  # What the golden output says the fixed text is.
  if grep -qx -- '--diff' "$dir/args"; then
    cp "$work/original.yaml" "$work/want.yaml"
    (cd "$work" && sed 's/^\(---\|+++\) .*/\1 want.yaml/' "$dir/expected.out" | patch -s -p0 >/dev/null) ||
      { echo "FAIL $name: expected.out does not apply with patch"; return 1; }
  else
    cp "$dir/expected.out" "$work/want.yaml"
  fi

  chmod 0640 "$work/compose.yaml"
  (cd "$work" && "$bin" check --color=never --fix "${extra[@]}" compose.yaml >"$work/out" 2>"$work/err")
  cmp -s "$work/compose.yaml" "$work/want.yaml" ||
    { echo "FAIL $name: in-place --fix differs from the golden output"; diff -u "$work/want.yaml" "$work/compose.yaml" | head -20; return 1; }
  [ "$(stat -c %a "$work/compose.yaml")" = 640 ] || { echo "FAIL $name: --fix changed the file mode"; return 1; }
  [ -z "$(find "$work" -name '*.ecslint-*')" ] || { echo "FAIL $name: a temporary file was left behind"; return 1; }

  if [ -f "$dir/fixes" ]; then
    while read -r rule; do
      if (cd "$work" && "$bin" check --format=gcc compose.yaml 2>/dev/null) | grep -q "\[$rule\]"; then
        echo "FAIL $name: $rule is still reported after --fix"; return 1
      fi
    done <"$dir/fixes"
  fi

  cp "$work/compose.yaml" "$work/once.yaml"
  (cd "$work" && "$bin" check --color=never --fix "${extra[@]}" compose.yaml >/dev/null 2>"$work/err2")
  cmp -s "$work/compose.yaml" "$work/once.yaml" || { echo "FAIL $name: a second --fix changed the file"; return 1; }
  grep -q '^fixed 0 findings in 0 files' "$work/err2" || { echo "FAIL $name: a second --fix reported fixes"; cat "$work/err2"; return 1; }
  [ -z "$(cd "$work" && "$bin" check --diff "${extra[@]}" compose.yaml 2>/dev/null)" ] ||
    { echo "FAIL $name: --diff on the fixed file is not empty"; return 1; }
  return 0
}

for dir in "$root"/*/; do
  dir=${dir%/}
  [ -f "$dir/fixes" ] || [ -f "$dir/partial" ] || continue
  if check_case "$dir" "${dir##*/}"; then pass=$((pass+1)); else fail=$((fail+1)); fi
done

# A symlinked file is fixed where it lives; the link stays a link.
mkdir -p "$tmp/link/real" && printf 'services:\n  web:\n    image: a\n    image: a\n' >"$tmp/link/real/compose.yaml"
ln -s real/compose.yaml "$tmp/link/compose.yaml"
(cd "$tmp/link" && "$bin" check --fix compose.yaml >/dev/null 2>&1)
if [ -L "$tmp/link/compose.yaml" ] && [ "$(cat "$tmp/link/real/compose.yaml")" = "$(printf 'services:\n  web:\n    image: a')" ]; then
  pass=$((pass+1))
else
  echo "FAIL symlink: the link was replaced or the target not fixed"; fail=$((fail+1))
fi

# A failed write leaves the file untouched and exits 3.  Root writes
# anywhere, so as root the check runs as nobody when setpriv can do that.
nobody=()
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" != 0 ] || [ ${#nobody[@]} -gt 0 ]; then
  chmod 0755 "$tmp"
  mkdir -p "$tmp/ro" && printf 'services:\n  web:\n    image: a\n    image: a\n' >"$tmp/ro/compose.yaml"
  cp "$tmp/ro/compose.yaml" "$tmp/ro.orig" && chmod 0644 "$tmp/ro/compose.yaml" && chmod 0555 "$tmp/ro"
  (cd "$tmp/ro" && "${nobody[@]}" "$bin" check --fix compose.yaml >/dev/null 2>"$tmp/ro.err"); rc=$?
  chmod 0755 "$tmp/ro"
  if [ $rc = 3 ] && cmp -s "$tmp/ro/compose.yaml" "$tmp/ro.orig" && grep -q 'the file is unchanged' "$tmp/ro.err"; then
    pass=$((pass+1))
  else
    echo "FAIL unwritable directory: exit $rc"; cat "$tmp/ro.err"; fail=$((fail+1))
  fi
fi

echo "fix roundtrip: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
