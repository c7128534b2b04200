#!/bin/sh
# SPDX-License-Identifier: MIT
# The deterministic slices of the fuzzing campaigns that `make test` runs:
# builds the libFuzzer harnesses (clang, ASan+UBSan), then for each target
# of tests/fuzz/fuzz.sh replays every seed from a fresh corpus and fuzzes
# for a fixed number of executions with a fixed seed, so the same tree
# always gives the same verdict and counts. Each target fails on any crash,
# leak or sanitizer report, and when no input gets past the reader to what
# the harness is for (the harness would be fuzzing the parser only).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
o=build/fuzz
mkdir -p "$o"

# the layout target cuts its seeds out of images the real builder makes
if make -s fuzz-build FUZZ_O="$o" > "$o/make.log" 2>&1 &&
   make -s build/partita build/vmm/vmm.bin >>"$o/make.log" 2>&1; then
	pass "fuzzer builds"
else
	fail "fuzzer builds" "$(tail -5 "$o/make.log")"
	finish
	exit 1
fi

# slice TARGET RUNS REACHED WHAT: fuzz.sh's bounded slice of TARGET; REACHED
# (sed) takes from the harness's closing line how many inputs reached WHAT
slice() {
	out=$o/$1-slice.out
	FUZZ_O=$o sh tests/fuzz/fuzz.sh "$1" --runs "$2" >"$out" 2>&1
	rc=$?
	cat "$out"
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out")
	corpus=$(sed -n 's/^fuzz: corpus .*: \([0-9]*\) inputs$/\1/p' "$out")
	if [ $rc -eq 0 ] && [ -n "$runs" ]; then
		pass "$1: no crash, leak or sanitizer report in $runs executions (corpus $corpus)"
	else
		fail "$1: fuzzing" "exit $rc; see $out (a crashing input is named on its 'artifact' line)"
	fi
	reached=$(sed -n "$3" "$out")
	if [ "${reached:-0}" -gt 0 ]; then
		pass "$1: fuzzed inputs reach $4 ($reached times)"
	else
		fail "$1: fuzzed inputs reach $4" "none did: check its seeds (tests/fuzz/fuzz.sh)"
	fi
}

# target, executions, the harness's closing line, what the inputs reached
slice spec "${FUZZ_CI_RUNS:-200000}" \
	's/^spec_fuzz: .* \([0-9][0-9]*\) assembled an image$/\1/p' "image assembly"
slice manifest "${FUZZ_CI_MANIFEST_RUNS:-50000}" \
	's/^manifest_fuzz: .* \([0-9][0-9]*\) read as a system$/\1/p' "the diff (read as a system)"
slice layout "${FUZZ_LAYOUT_RUNS:-200000}" \
	's/^layout_fuzz: \([0-9][0-9]*\) blobs accepted$/\1/p' "an accepted layout, walked"
finish
