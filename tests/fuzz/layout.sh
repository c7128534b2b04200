#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the layout-checker fuzzer (tests/fuzz/layout_fuzz.c, built by `make
# fuzz-build`) on one core. Seeds: the layout blobs of the good specs
# (tests/specs/good, built with their fixture payloads and the runtime),
# cut out of each image at the offset `partita inspect` reports.
#   layout.sh SECONDS    open-ended campaign, corpus kept in $FUZZ_O/layout-corpus
#   layout.sh --runs N   bounded slice: fresh corpus, -seed=FUZZ_SEED (1), no ASLR
# Prints libFuzzer's final stats and how many blobs the checker accepted;
# exit 0 = no crash, leak or sanitizer report.
set -u
cd "$(dirname "$0")/../.." || exit 2
mode=${1:-240}
runs=${2:-}
o=${FUZZ_O:-build/fuzz}
bin=$o/tests/fuzz/layout_fuzz
[ -x "$bin" ] || { echo "fuzz: $bin missing: make fuzz-build"; exit 2; }
[ -x build/partita ] && [ -f build/vmm/vmm.bin ] || { echo "fuzz: needs build/partita and build/vmm/vmm.bin"; exit 2; }
seeds=$o/layout-seeds
rm -rf "$seeds" "$o/layout-images" && mkdir -p "$seeds" "$o/layout-images"
for spec in tests/specs/good/*.yaml; do
	name=$(basename "$spec" .yaml)
	./build/partita build "$spec" -o "$o/layout-images/$name" >/dev/null 2>&1 || continue
	img=$(ls "$o/layout-images/$name"/*.img 2>/dev/null | head -1)
	[ -n "$img" ] || continue
	# "layout     at 0x8c000: magic PARTITA1 abi 3 size 0x270 ..."
	set -- $(./build/partita inspect "$img" | awk '$1 == "layout" { sub(":", "", $3); print $3, $9 }')
	[ $# -ge 2 ] || continue
	dd if="$img" of="$seeds/$name" bs=1 skip=$(($1)) count=$(($2)) 2>/dev/null
done
[ "$(ls "$seeds" | wc -l)" -gt 0 ] || { echo "fuzz: no layout seeds"; exit 2; }
if [ "$mode" = "--runs" ]; then
	corpus=$o/layout-slice-corpus
	rm -rf "$corpus"
	bound="-runs=${runs:?--runs N} -seed=${FUZZ_SEED:-1} -timeout=0 -reload=0"
	fixed="setarch $(uname -m) -R"
else
	corpus=$o/layout-corpus
	bound="-max_total_time=$mode -timeout=20"
	fixed=""
fi
mkdir -p "$corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# shellcheck disable=SC2086
$fixed "$bin" $bound -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
	-artifact_prefix="$o/layout-crash-" "$corpus" "$seeds" >"$o/layout.log" 2>&1
rc=$?
grep -E '^(stat::|INFO: seed corpus|SUMMARY|Done |layout_fuzz: )|ERROR|artifact' "$o/layout.log"
[ $rc -eq 0 ] || sed -n '/^==[0-9]*==ERROR/,/^SUMMARY/p' "$o/layout.log" | head -60
exit $rc
