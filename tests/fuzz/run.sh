#!/bin/sh
# SPDX-License-Identifier: MIT
# CI slice of `make fuzz`: builds the libFuzzer harness (clang, ASan+UBSan),
# replays every seed (examples, good and bad specs: regressions included)
# and fuzzes for FUZZ_CI_TIME seconds (default 60). Fails on any crash,
# leak, sanitizer report or timeout, and when no input reaches image
# assembly (the harness would be fuzzing the YAML reader only).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
o=build/fuzz
mkdir -p "$o"

if make -s fuzz-build FUZZ_O="$o" > "$o/make.log" 2>&1; then
	pass "fuzzer builds"
else
	fail "fuzzer builds" "$(tail -5 "$o/make.log")"
	finish
	exit 1
fi

FUZZ_O=$o sh tests/fuzz/fuzz.sh "${FUZZ_CI_TIME:-60}" > "$o/ci.out" 2>&1
rc=$?
cat "$o/ci.out"
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$o/ci.out")
corpus=$(ls "$o/corpus" | wc -l)
if [ $rc -eq 0 ] && [ -n "$runs" ]; then
	pass "no crash, leak or sanitizer report in $runs executions (corpus $corpus)"
else
	fail "fuzzing" "exit $rc; inputs saved as $o/crash-*; log in $o/fuzz.log"
fi
imaged=$(sed -n 's/^spec_fuzz: .* \([0-9][0-9]*\) assembled an image$/\1/p' "$o/ci.out")
if [ "${imaged:-0}" -gt 0 ]; then
	pass "fuzzed specs reach image assembly ($imaged times)"
else
	fail "fuzzed specs reach image assembly" "none did: check the seeds and tests/fuzz/prepare.sh"
fi
finish
