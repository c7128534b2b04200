#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one libFuzzer harness (built by `make fuzz-build`) on one core:
#   fuzz.sh TARGET SECONDS   open-ended random campaign (`make fuzz`, `make
#                            fuzz-layout`): the corpus it grows is kept in
#                            $FUZZ_O across runs
#   fuzz.sh TARGET --runs N  the bounded slice `make test` runs
#                            (tests/fuzz/run.sh): a fresh corpus, every seed
#                            replayed, then N executions with the fixed seed
#                            FUZZ_SEED (default 1) and ASLR off; the same tree
#                            gives the same verdict and counts on every run
# TARGET (the table below): spec, the spec pipeline (tests/fuzz/spec_fuzz.c,
# seeds from tests/fuzz/prepare.sh, tests/fuzz/regressions/ included);
# manifest, the manifest reader and diff (seeds: tests/fuzz/manifests/);
# layout, the runtime's layout checker (seeds: the layout blobs of the good
# specs' images, which needs build/partita and build/vmm/vmm.bin).
# Crashing inputs are saved as $FUZZ_O/<prefix>crash-*. Prints the corpus
# size, libFuzzer's final stats and the harness's own count line; exit 0 =
# no crash, leak or sanitizer report.
set -u
cd "$(dirname "$0")/../.." || exit 2
o=${FUZZ_O:-build/fuzz}
target=${1:-} mode=${2:-} runs=${3:-}

# layout_seeds: the layout blob of each good spec's image, cut out at the
# offset `partita inspect` reports, into $o/layout-seeds
layout_seeds() {
	[ -x build/partita ] && [ -f build/vmm/vmm.bin ] || { echo "fuzz: needs build/partita and build/vmm/vmm.bin"; return 2; }
	rm -rf "$seeds" "$o/layout-images" && mkdir -p "$seeds" "$o/layout-images"
	for spec in tests/specs/good/*.yaml; do
		name=$(basename "$spec" .yaml)
		./build/partita build "$spec" -o "$o/layout-images/$name" >/dev/null 2>&1 || continue
		img=$(ls "$o/layout-images/$name"/*.img 2>/dev/null | head -1)
		[ -n "$img" ] || continue
		# "layout     at 0x8c000: magic PARTITA1 abi 3 size 0x270 ...": offset, size
		# shellcheck disable=SC2046
		set -- $(./build/partita inspect "$img" | awk '$1 == "layout" { sub(":", "", $3); print $3, $9 }')
		[ $# -ge 2 ] || continue
		dd if="$img" of="$seeds/$name" bs=1 skip=$(($1)) count=$(($2)) 2>/dev/null
	done
	[ "$(ls "$seeds" | wc -l)" -gt 0 ] || { echo "fuzz: no layout seeds"; return 2; }
}

# Per target: the harness, the prefix of its corpus, crash and log files,
# the campaign's default seconds, -max_len, its seeds (and what makes them)
# and its own flags. -close_fd_mask=2: the pipeline's diagnostics go to
# /dev/null, sanitizer reports do not.
case $target in
spec)
	bin=spec_fuzz p='' secs=240 max=16384 seeds=$o/seeds
	prepare="sh tests/fuzz/prepare.sh $o"
	flags="-close_fd_mask=2 -dict=tests/fuzz/spec.dict"
	export PARTITA_DATADIR="$o/tree" ;;
manifest)
	bin=manifest_fuzz p=m secs=60 max=32768 seeds=tests/fuzz/manifests
	prepare=true
	flags="-close_fd_mask=2 -dict=tests/fuzz/manifest.dict" ;;
layout)
	bin=layout_fuzz p=layout- secs=240 max=65536 seeds=$o/layout-seeds
	prepare=layout_seeds
	flags='' ;;
*)
	echo "usage: fuzz.sh spec|manifest|layout [SECONDS | --runs N]"
	exit 2 ;;
esac
[ -x "$o/tests/fuzz/$bin" ] || { echo "fuzz: $o/tests/fuzz/$bin missing: make fuzz-build"; exit 2; }
$prepare || exit 2
if [ "$mode" = "--runs" ]; then
	corpus=$o/${p}slice-corpus
	rm -rf "$corpus"
	# No wall-clock limit: a slow input on a loaded machine must not change
	# the verdict (hangs still end at the test runner's own timeout), and
	# -reload=0: re-reading the corpus folder every few seconds is timed.
	bound="-runs=${runs:?--runs N} -seed=${FUZZ_SEED:-1} -timeout=0 -reload=0"
	# Without ASLR: the comparison tracing feeds operand values (addresses
	# among them) back into mutation, so the path would differ run to run.
	fixed="setarch $(uname -m) -R"
	$fixed true || { echo "fuzz: setarch -R fails here: the slice would not be repeatable"; exit 2; }
else
	corpus=$o/${p}corpus
	bound="-max_total_time=${mode:-$secs} -timeout=20"
	fixed=""
fi
mkdir -p "$corpus"
log=$o/${p}fuzz.log
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# shellcheck disable=SC2086
$fixed "$o/tests/fuzz/$bin" $bound -rss_limit_mb=2560 -max_len=$max $flags -print_final_stats=1 \
	-artifact_prefix="$o/${p}crash-" "$corpus" "$seeds" >"$log" 2>&1
rc=$?
echo "fuzz: corpus $corpus: $(ls "$corpus" | wc -l) inputs"
grep -E "^(stat::|INFO: seed corpus|SUMMARY|Done |$bin: )|ERROR|artifact" "$log"
[ $rc -eq 0 ] || sed -n '/^==[0-9]*==ERROR/,/^SUMMARY/p' "$log" | head -60
exit $rc
