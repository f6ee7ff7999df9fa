#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] [HARNESS...] - fuzzes each harness for SECONDS
# (default 300) with libFuzzer, JOBS at a time (default $(nproc)), then
# prints total executions and crashes and appends them to fuzz/RESULTS.md
# (one section per run).  Not part of CI: CI replays the seed corpora
# (ctest -L fuzz-regression).
#
#   JOBS=1       fuzzers running at once (each is one process)
#   NICE=19      run them under nice, to leave a shared machine usable
#
# Each harness uses fuzz/<name>.dict when there is one, else compose.dict.
#
# Builds build-fuzz/ with clang (-DECSLINT_FUZZ=ON) when needed.  Each
# harness fuzzes a working corpus in build-fuzz/fuzz-work/<name>/ seeded from
# fuzz/corpus/<name>/; crashes land in build-fuzz/fuzz-work/<name>-artifacts/.
# A crash is fixed, then its input is copied to fuzz/regressions/<name>/
# (replayed by ctest from then on) and becomes a fixture.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
secs=${1:-300}
shift || true
build=${FUZZ_BUILD:-$root/build-fuzz}
jobs=${JOBS:-$(nproc)}
nice_level=${NICE:-0}

command -v clang >/dev/null || { echo "fuzz/run.sh: clang is needed (apt-get install clang)" >&2; exit 3; }
if [ ! -f "$build/CMakeCache.txt" ]; then
	CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECSLINT_FUZZ=ON \
		-DBUILD_TESTING=OFF >/dev/null
else
	# A new fuzz_<name>.c needs its target generated before it can be built.
	cmake -S "$root" -B "$build" >/dev/null
fi
if [ $# -gt 0 ]; then
	harnesses=("$@")
else
	harnesses=()
	for f in "$here"/fuzz_*.c; do n=${f##*/fuzz_}; harnesses+=("${n%.c}"); done
fi
# Only the harnesses: the rest of the tree is not what is fuzzed.
cmake --build "$build" -j"$jobs" --target "${harnesses[@]/#/fuzz_}" >/dev/null

work=$build/fuzz-work
mkdir -p "$work"
# Crashes are counted per run: artifacts newer than this stamp.
stamp=$work/.run-start
touch "$stamp"

dict_of() {
	if [ -f "$here/$1.dict" ]; then echo "$here/$1.dict"; else echo "$here/compose.dict"; fi
}
fuzz_one() {
	local name=$1 bin=$build/fuzz/fuzz_$1
	local corpus=$work/$name arts=$work/$name-artifacts
	local start=$SECONDS left
	mkdir -p "$corpus" "$arts"
	cp -n "$here/corpus/$name"/* "$corpus"/ 2>/dev/null || true
	rm -f "$corpus"/README* "$work/$name.log"
	local dict
	dict=$(dict_of "$name")
	# libFuzzer stops at the first crash; start it again until the time is used,
	# so one bug does not end the run (each crash is kept in the artifacts).
	while left=$((secs - (SECONDS - start))); [ "$left" -gt 0 ]; do
		# -timeout: an input taking 10 s is a hang worth a report (our bound is 1 s).
		nice -n "$nice_level" "$bin" "$corpus" -dict="$dict" -max_total_time="$left" -max_len=65536 \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$arts/" \
			>>"$work/$name.log" 2>&1 || true
	done
}

echo "fuzzing ${harnesses[*]} for ${secs}s each, $jobs at a time ..." >&2
running=0
for h in "${harnesses[@]}"; do
	[ -x "$build/fuzz/fuzz_$h" ] || { echo "no harness fuzz_$h" >&2; exit 3; }
	fuzz_one "$h" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

total_execs=0 total_crashes=0
rows=()
for h in "${harnesses[@]}"; do
	log=$work/$h.log
	execs=$(awk -F: '/stat::number_of_executed_units/ { gsub(/ /, "", $NF); n += $NF } END { print n + 0 }' "$log")
	crashes=$(find "$work/$h-artifacts" -type f -newer "$stamp" \( -name 'crash-*' -o -name 'leak-*' \
		-o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
	units=$(find "$work/$h" -type f | wc -l)
	rows+=("$h|$secs|$execs|$((execs / secs))|${cov:-?}|$units|$(basename "$(dict_of "$h")")|$crashes")
	total_execs=$((total_execs + execs))
	total_crashes=$((total_crashes + crashes))
done

[ -f "$here/RESULTS.md" ] || printf '# Fuzzing results\n\nOne section per `fuzz/run.sh` run, appended by the script.\n' >"$here/RESULTS.md"
{
	echo
	echo "## $(date -u '+%Y-%m-%d %H:%M') UTC: \`fuzz/run.sh $secs ${harnesses[*]}\`"
	echo
	echo "$(nproc) CPUs, $jobs fuzzer(s) at a time, nice $nice_level, $(clang --version | head -1)."
	echo "libFuzzer with ASan+UBSan, inputs up to 64 KiB."
	echo
	echo "| harness | seconds | executions | exec/s | coverage (edges) | corpus | dictionary | crashes |"
	echo "|---|---:|---:|---:|---:|---:|---|---:|"
	for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
	echo "| **total** | | **$total_execs** | | | | | **$total_crashes** |"
} >>"$here/RESULTS.md"
tail -n $((${#rows[@]} + 9)) "$here/RESULTS.md"
echo "total: $total_execs executions, $total_crashes crashes"
[ "$total_crashes" = 0 ]
