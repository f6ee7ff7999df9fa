#!/usr/bin/env bash
# hostile.sh BIN CASES WORK [release|sanitize] - every hostile input must
# end in bounded time and memory, with the expected exit status and first
# output line, and no sanitizer report.
#
# A case is a directory under CASES with a README (one line) and either
#   expected.exit + expected.out   committed input; also run by the golden
#                                  fixture runner, which compares in full
#   generate + hostile.exit        input made at test time by hostile_gen.py
#   [+ hostile.first-line]         (megabytes, FIFOs, directories): never
#                                  committed; no hostile.first-line = no output
#   PENDING                        needs a stage that does not exist yet:
#                                  listed and counted, not run
#   KNOWN-BUG                      a known violation, described in the file:
#                                  run; failing is counted as known, passing
#                                  fails the suite until the file is removed
# Each case is copied to WORK/<case> (the build tree) and runs there with
# 'args' (default: check --color=never compose.yaml) and 'stdin' if present.
#
# Bounds: 1 s wall time and 256 MiB of address space (ulimit -v).  In a
# sanitizer build the time bound is 20x and there is no address-space bound
# (ASan reserves terabytes of it); the sanitizer is the check there.
set -u
bin=$(readlink -f "$1")
cases=$(readlink -f "$2")
work=$3
mode=${4:-release}
here=$(cd "$(dirname "$0")" && pwd)
limit_s=1
limit_kb=262144
[ "$mode" = sanitize ] && limit_s=20 limit_kb=unlimited
mkdir -p "$work"
work=$(readlink -f "$work")
pass=0 fail=0 pending=0 known=0

for dir in "$cases"/*/; do
	dir=${dir%/}
	name=${dir##*/}
	if [ -f "$dir/PENDING" ]; then
		echo "PENDING $name: $(head -1 "$dir/PENDING")"
		pending=$((pending + 1))
		continue
	fi
	if [ -f "$dir/expected.exit" ]; then
		want_exit=$(cat "$dir/expected.exit")
		want_first=$(head -1 "$dir/expected.out" 2>/dev/null)
	elif [ -f "$dir/hostile.exit" ]; then
		want_exit=$(cat "$dir/hostile.exit")
		want_first=$(head -1 "$dir/hostile.first-line" 2>/dev/null)
	else
		continue
	fi
	w=$work/$name
	chmod -R u+rwx "$w" 2>/dev/null
	rm -rf "$w"
	cp -R "$dir" "$w"
	if [ -f "$dir/generate" ]; then
		# shellcheck disable=SC2046 # the file holds KIND and ARG, split on purpose
		if ! python3 "$here/hostile_gen.py" $(cat "$dir/generate") "$w"; then
			echo "FAIL $name: could not generate the input"
			fail=$((fail + 1))
			continue
		fi
	fi
	args=()
	if [ -f "$dir/args" ]; then
		while IFS= read -r line || [ -n "$line" ]; do args+=("$line"); done <"$dir/args"
	else
		args=(check --color=never compose.yaml)
	fi
	input=/dev/null
	[ -f "$w/stdin" ] && input=$w/stdin
	start=$EPOCHREALTIME
	(
		cd "$w" || exit 99
		ulimit -v "$limit_kb"
		exec timeout -s KILL "$limit_s" env -u NO_COLOR -u COMPOSE_FILE -u COMPOSE_PROJECT_NAME \
			${ECSLINT_WRAPPER:-} "$bin" "${args[@]}" <"$input" >"$w/.out" 2>"$w/.err"
	)
	got_exit=$?
	elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
	got_first=$(head -1 "$w/.out")
	why=()
	[ "$got_exit" = 137 ] && why+=("killed after ${limit_s}s (time bound)")
	[ "$got_exit" != "$want_exit" ] && why+=("exit $got_exit, want $want_exit")
	[ "$got_first" != "$want_first" ] && why+=("first line '$got_first', want '$want_first'")
	grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|==[0-9]+== (Invalid|Conditional|.*definitely lost)' "$w/.err" &&
		why+=("sanitizer report")
	grep -q 'out of memory' "$w/.err" && why+=("ran out of memory (address-space bound)")
	if [ -f "$dir/KNOWN-BUG" ]; then
		if [ ${#why[@]} -eq 0 ]; then
			echo "FAIL    $name (${elapsed}s): passes now; remove its KNOWN-BUG file"
			fail=$((fail + 1))
		else
			echo "KNOWN   $name (${elapsed}s): ${why[*]} - $(head -1 "$dir/KNOWN-BUG")"
			known=$((known + 1))
			[ -f "$dir/generate" ] && rm -rf "$w"
		fi
		continue
	fi
	if [ ${#why[@]} -eq 0 ]; then
		echo "ok      $name (${elapsed}s)"
		pass=$((pass + 1))
		# Keep the build tree small: a big generated input goes once it passed.
		[ -f "$dir/generate" ] && rm -rf "$w"
	else
		echo "FAIL    $name (${elapsed}s): ${why[*]}"
		sed 's/^/    /' "$w/.err" | head -20
		fail=$((fail + 1))
	fi
done

echo "hostile: $pass passed, $fail failed, $pending pending, $known known bugs"
[ $fail = 0 ] && [ $pass -gt 0 ]
