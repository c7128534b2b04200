#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the manifest fuzzer (built by `make fuzz-build`) on one core, seeded
# with tests/fuzz/manifests/ (real manifest.json files).
#   fuzz-manifest.sh SECONDS   open-ended campaign (`make fuzz`), corpus kept
#                              in $FUZZ_O/mcorpus across runs
#   fuzz-manifest.sh --runs N  the bounded slice `make test` runs: a fresh
#                              corpus, every seed replayed, N executions with
#                              the fixed seed FUZZ_SEED (default 1), no ASLR
# Crashing inputs are saved as $FUZZ_O/mcrash-*. Exit 0 = no crash, leak or
# sanitizer report.
set -u
cd "$(dirname "$0")/../.." || exit 2
o=${FUZZ_O:-build/fuzz}
bin=$o/tests/fuzz/manifest_fuzz
[ -x "$bin" ] || { echo "fuzz: $bin missing: make fuzz-build"; exit 2; }
if [ "${1:-}" = "--runs" ]; then
	corpus=$o/mslice-corpus
	rm -rf "$corpus"
	bound="-runs=${2:?--runs N} -seed=${FUZZ_SEED:-1} -timeout=0 -reload=0"
	fixed="setarch $(uname -m) -R"
	$fixed true || { echo "fuzz: setarch -R fails here: the slice would not be repeatable"; exit 2; }
else
	corpus=$o/mcorpus
	bound="-max_total_time=${1:-60} -timeout=20"
	fixed=""
fi
mkdir -p "$corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# shellcheck disable=SC2086
$fixed "$bin" $bound -rss_limit_mb=2560 -max_len=32768 -close_fd_mask=2 -print_final_stats=1 \
	-dict=tests/fuzz/manifest.dict -artifact_prefix="$o/mcrash-" "$corpus" tests/fuzz/manifests \
	> "$o/mfuzz.log" 2>&1
rc=$?
grep -E '^(stat::|INFO: seed corpus|SUMMARY|Done |manifest_fuzz: )|ERROR|artifact' "$o/mfuzz.log"
[ $rc -eq 0 ] || sed -n '/^==[0-9]*==ERROR/,/^SUMMARY/p' "$o/mfuzz.log" | head -60
exit $rc
