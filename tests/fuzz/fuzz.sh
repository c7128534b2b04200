#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the spec fuzzer (built by `make fuzz-build`) on one core, with seeds
# from tests/fuzz/prepare.sh (tests/fuzz/regressions/ included).
#   fuzz.sh SECONDS      open-ended random campaign (`make fuzz`): the corpus
#                        it grows is kept in $FUZZ_O/corpus across runs
#   fuzz.sh --runs N     the bounded slice `make test` runs: a fresh corpus,
#                        every seed replayed, then N executions with the fixed
#                        seed FUZZ_SEED (default 1); the same tree gives the
#                        same verdict and the same counts on every run
# Any crashing input is saved as $FUZZ_O/crash-*. Prints libFuzzer's final
# stats (executions, corpus size); exit 0 = no crash, leak or sanitizer
# report. Diagnostics go to /dev/null (-close_fd_mask=2); reports do not.
set -u
cd "$(dirname "$0")/../.." || exit 2
o=${FUZZ_O:-build/fuzz}
bin=$o/tests/fuzz/spec_fuzz
[ -x "$bin" ] || { echo "fuzz: $bin missing: make fuzz-build"; exit 2; }
sh tests/fuzz/prepare.sh "$o" || exit 2
if [ "${1:-}" = "--runs" ]; then
	corpus=$o/slice-corpus
	rm -rf "$corpus"
	# No wall-clock limit: a slow input on a loaded machine must not change
	# the verdict (hangs still end at the test runner's own timeout), and
	# -reload=0: re-reading the corpus folder every few seconds is timed.
	bound="-runs=${2:?--runs N} -seed=${FUZZ_SEED:-1} -timeout=0 -reload=0"
	# Without ASLR: the comparison tracing feeds operand values (addresses
	# among them) back into mutation, so the path would differ run to run.
	fixed="setarch $(uname -m) -R"
	$fixed true || { echo "fuzz: setarch -R fails here: the slice would not be repeatable"; exit 2; }
else
	corpus=$o/corpus
	bound="-max_total_time=${1:-240} -timeout=20"
	fixed=""
fi
mkdir -p "$corpus"
export PARTITA_DATADIR="$o/tree"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# shellcheck disable=SC2086
$fixed "$bin" $bound -rss_limit_mb=2560 -max_len=16384 \
	-close_fd_mask=2 -print_final_stats=1 \
	-dict=tests/fuzz/spec.dict -artifact_prefix="$o/crash-" "$corpus" "$o/seeds" > "$o/fuzz.log" 2>&1
rc=$?
grep -E '^(stat::|INFO: seed corpus|SUMMARY|Done |spec_fuzz: )|ERROR|artifact' "$o/fuzz.log"
[ $rc -eq 0 ] || sed -n '/^==[0-9]*==ERROR/,/^SUMMARY/p' "$o/fuzz.log" | head -60
exit $rc
