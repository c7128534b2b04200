#!/bin/sh
# SPDX-License-Identifier: MIT
# The deterministic slice of `make fuzz` that `make test` runs: builds the
# libFuzzer harness (clang, ASan+UBSan), replays every seed (regressions,
# examples, good and bad specs) from a fresh corpus and fuzzes for
# FUZZ_CI_RUNS executions (default 200000, about 35 s) with a fixed seed, so the same tree
# always gives the same verdict and counts. Fails on any crash, leak or
# sanitizer report, and when no input reaches image assembly (the harness
# would be fuzzing the YAML reader only). Then the manifest reader and diff
# (tests/fuzz/manifest_fuzz.c) the same way, FUZZ_CI_MANIFEST_RUNS
# executions (default 50000).
# Then the runtime's layout checker (tests/fuzz/layout.sh), FUZZ_LAYOUT_RUNS
# executions (default 200000).
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

FUZZ_O=$o sh tests/fuzz/fuzz.sh --runs "${FUZZ_CI_RUNS:-200000}" > "$o/ci.out" 2>&1
rc=$?
cat "$o/ci.out"
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$o/ci.out")
corpus=$(ls "$o/slice-corpus" | wc -l)
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

FUZZ_O=$o sh tests/fuzz/fuzz-manifest.sh --runs "${FUZZ_CI_MANIFEST_RUNS:-50000}" > "$o/mci.out" 2>&1
rc=$?
cat "$o/mci.out"
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$o/mci.out")
if [ $rc -eq 0 ] && [ -n "$runs" ]; then
	pass "manifests: no crash, leak or sanitizer report in $runs executions"
else
	fail "manifest fuzzing" "exit $rc; inputs saved as $o/mcrash-*; log in $o/mfuzz.log"
fi
views=$(sed -n 's/^manifest_fuzz: .* \([0-9][0-9]*\) read as a system$/\1/p' "$o/mci.out")
if [ "${views:-0}" -gt 0 ]; then
	pass "fuzzed manifests reach the diff ($views times)"
else
	fail "fuzzed manifests reach the diff" "none did: check tests/fuzz/manifests/"
fi

# the runtime's layout checker (vmm/core/layout.c on the host), seeded with
# the good specs' blobs: a bounded, repeatable slice as above
if make -s build/partita build/vmm/vmm.bin >>"$o/make.log" 2>&1 &&
   FUZZ_O=$o sh tests/fuzz/layout.sh --runs "${FUZZ_LAYOUT_RUNS:-200000}" >"$o/layout-ci.out" 2>&1; then
	lruns=$(sed -n 's/^stat::number_of_executed_units: *//p' "$o/layout-ci.out")
	accepted=$(sed -n 's/^layout_fuzz: \([0-9]*\) blobs accepted$/\1/p' "$o/layout-ci.out")
	if [ "${accepted:-0}" -gt 0 ]; then
		pass "layout checker: no crash or sanitizer report in $lruns executions, $accepted blobs accepted and walked"
	else
		fail "layout checker fuzzed" "no blob passed layout_verify: check the seeds (tests/fuzz/layout.sh)"
	fi
else
	cat "$o/layout-ci.out" 2>/dev/null | tail -20
	fail "layout checker fuzzed" "crash, sanitizer report or no seeds; inputs saved as $o/layout-crash-*; log in $o/layout.log"
fi
finish
