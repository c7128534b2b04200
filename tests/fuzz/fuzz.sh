#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the spec fuzzer (built by `make fuzz-build`) for SECONDS (default 240)
# on one core: seeds from tests/fuzz/prepare.sh, the corpus it grows kept in
# $FUZZ_O/corpus across runs, any crashing input saved as $FUZZ_O/crash-*.
# Prints libFuzzer's final stats (executions, corpus size); exit 0 = no crash.
# Diagnostics go to /dev/null (-close_fd_mask=2); sanitizer reports do not.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${1:-240}
o=${FUZZ_O:-build/fuzz}
bin=$o/tests/fuzz/spec_fuzz
[ -x "$bin" ] || { echo "fuzz: $bin missing: make fuzz-build"; exit 2; }
sh tests/fuzz/prepare.sh "$o" || exit 2
mkdir -p "$o/corpus"
export PARTITA_DATADIR="$o/tree"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
"$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -max_len=16384 \
	-close_fd_mask=2 -print_final_stats=1 -dict=tests/fuzz/spec.dict \
	-artifact_prefix="$o/crash-" "$o/corpus" "$o/seeds" > "$o/fuzz.log" 2>&1
rc=$?
grep -E '^(stat::|INFO: seed corpus|SUMMARY|Done |spec_fuzz: )|ERROR|artifact' "$o/fuzz.log"
[ $rc -eq 0 ] || sed -n '/^==[0-9]*==ERROR/,/^SUMMARY/p' "$o/fuzz.log" | head -60
exit $rc
