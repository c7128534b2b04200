#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark (not a test): wall time of `partita check` and `partita build`
# for the DESIGN example (golden demo spec, fixture payloads) and generated
# systems of 1, 16, 64 and 128 bare-metal guests (8 MiB each, a channel
# between neighbours, all on CPU 0). LAYOUT_MAX_GUESTS is 8, so systems past
# that are built with --no-limits, which skips the named checks and the
# runtime limits: what is measured is the builder's own work (allocation,
# device trees, cross-check, image, FIT), not a bootable system.
# Usage: tests/bench/build.sh [RUNS]   (best of RUNS, default 3)
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-3}
out=build/bench
mkdir -p "$out"
sh tests/golden/fixtures.sh
PARTITA_RUNTIME=$(pwd)/build/tests/fixtures/vmm.bin
SOURCE_DATE_EPOCH=0
export PARTITA_RUNTIME SOURCE_DATE_EPOCH

# gen N: a spec with N guests and N-1 channels.
gen() {
	f=$out/gen-$1.yaml
	{
		echo "name: gen-$1"
		echo "board: qemu-virt"
		echo "guests:"
		i=0
		while [ "$i" -lt "$1" ]; do
			printf '  g%03d:\n    kernel: ../tests/fixtures/marker.elf\n' "$i"
			printf '    memory: 8M\n    cpus: [0]\n'
			i=$((i + 1))
		done
		[ "$1" -gt 1 ] && echo "channels:"
		i=1
		while [ "$i" -lt "$1" ]; do
			printf '  c%03d:\n    between: [g%03d, g%03d]\n    size: 4K\n' "$i" $((i - 1)) "$i"
			i=$((i + 1))
		done
	} > "$f"
	echo "$f"
}

# best_ms CMD...: the fastest of $runs runs, in milliseconds.
best_ms() {
	best=''
	r=0
	while [ "$r" -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$@" > /dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
		r=$((r + 1))
	done
	echo "$best"
}

printf '%-22s %7s %9s %9s %10s\n' system guests check_ms build_ms image_kib
bench() {
	name=$1 spec=$2 guests=$3 flags=$4
	c=$(best_ms build/partita check $flags "$spec")
	b=$(best_ms build/partita build $flags "$spec" -o "$out/img-$name")
	kib=$(( $(stat -c %s "$out/img-$name/$name.img") / 1024 ))
	printf '%-22s %7d %9d %9d %10d\n' "$name" "$guests" "$c" "$b" "$kib"
}
bench demo tests/golden/specs/demo.yaml 2 ""
for n in 1 16 64 128; do
	flags=""
	[ "$n" -gt 8 ] && flags="--no-limits"
	bench "gen-$n" "$(gen "$n")" "$n" "$flags"
done
echo "(best of $runs runs; build includes mkimage for the FIT and boot.scr)"
