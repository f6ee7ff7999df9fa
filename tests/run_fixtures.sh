#!/usr/bin/env bash
# run_fixtures.sh BIN DIR - runs every golden fixture case under DIR.
#
# A case is a directory holding an 'expected.exit' file.  The runner enters
# it and runs BIN with the arguments in 'args' (one per line; default:
# "check --color=never compose.yaml"), with standard input from 'stdin' when
# that file exists.  Every expected.* file present is compared in full:
# expected.out (stdout), expected.err (stderr), expected.exit (status), and
# expected.<name> for a file <name> the command wrote.  An optional 'env'
# file holds NAME=VALUE lines added to the command's environment.  A missing expected.out
# is an error.  UPDATE=1 rewrites the expectations for review (git diff).
# ECSLINT_WRAPPER, when set, prefixes every BIN invocation (split on spaces),
# e.g. "valgrind -q --error-exitcode=99 --leak-check=full" (tests/valgrind.sh).
set -u
read -r -a wrapper <<<"${ECSLINT_WRAPPER:-}"
bin=$(readlink -f "$1")
root=$2
fail=0 pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

while IFS= read -r exitfile; do
  dir=$(dirname "$exitfile")
  name=${dir#"$root"/}
  args=()
  if [ -f "$dir/args" ]; then
    while IFS= read -r line || [ -n "$line" ]; do args+=("$line"); done < "$dir/args"
  else
    args=(check --color=never compose.yaml)
  fi
  envs=()
  if [ -f "$dir/env" ]; then
    while IFS= read -r line || [ -n "$line" ]; do envs+=("$line"); done < "$dir/env"
  fi
  input=/dev/null
  [ -f "$dir/stdin" ] && input=$(readlink -f "$dir/stdin")
  ( cd "$dir" && env -u NO_COLOR -u COMPOSE_FILE -u COMPOSE_PROJECT_NAME -u COMPOSE_PROFILES \
      ${envs[@]+"${envs[@]}"} ${wrapper[@]+"${wrapper[@]}"} "$bin" "${args[@]}" <"$input" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/exit" )
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/out" "$dir/expected.out"; cp "$tmp/exit" "$dir/expected.exit"
    [ -f "$dir/expected.err" ] && cp "$tmp/err" "$dir/expected.err"
    pass=$((pass+1)); continue
  fi
  ok=1
  if [ ! -f "$dir/expected.out" ]; then
    echo "FAIL $name: expected.out is missing"; ok=0
  fi
  for exp in "$dir"/expected.*; do
    what=${exp##*/expected.}
    case $what in
      out) got=$tmp/out ;; err) got=$tmp/err ;; exit) got=$tmp/exit ;;
      *) got=$dir/$what ;;
    esac
    if ! diff -u "$exp" "$got" >"$tmp/diff" 2>&1; then
      echo "FAIL $name: $what differs"; sed 's/^/    /' "$tmp/diff" | head -40; ok=0
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); fi
done < <(find "$root" -name expected.exit | sort)

echo "${root##*/}: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
