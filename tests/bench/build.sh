#!/bin/sh
# SPDX-License-Identifier: MIT
# Builder benchmark (not a test): wall time and peak memory of
# `partita check` and `partita build` for the DESIGN example (golden demo
# spec, fixture payloads) and generated systems of 1, 16, 64, 128 and 256
# bare-metal guests (4 MiB each, a channel between neighbours, all on CPU 0).
# All guests sit on CPU 0 without a schedule, and past 32 guests the runtime
# limits are exceeded, so systems past one guest are built with --no-limits,
# which skips the named checks and the runtime limits: what is measured is
# the builder's own work (allocation, device trees, cross-check, image, FIT),
# not a bootable system. Wall and CPU (user + system, children included:
# dtc and mkimage; 10 ms resolution) times are medians of RUNS runs (default
# 5); peak memory is ru_maxrss from /usr/bin/time (KiB: the largest process
# of the tree), the largest over the runs. On a shared host the wall time
# includes waiting for a CPU; the CPU time does not.
# With real payloads (`make guests`), examples/linux-pair.yaml too: two
# Debian kernels and initramfs, a 57 MB image; in the same run, sha256sum
# of that image (hashing the same bytes once) and the peak memory as a
# ratio to the image size.
# Prints a table, then `build-<n>-ms: ...` lines for tests/bench/report.sh.
# Usage: tests/bench/build.sh [RUNS]
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-5}
out=build/bench/builder
mkdir -p "$out"
[ -x build/partita ] || make -s build/partita
# the fixtures take minutes to write on a loaded host: reuse them (they
# are deterministic)
[ -f build/tests/fixtures/marker.elf ] && [ -f build/tests/fixtures/vmm.bin ] ||
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
			printf '  g%03d:\n    kernel: ../../tests/fixtures/marker.elf\n' "$i"
			printf '    memory: 4M\n    cpus: [0]\n'
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

# measure CMD...: "<median wall ms> <median cpu ms> <max rss KiB>" over
# $runs runs (wall ms to 0.1)
measure() {
	: > "$out/times"
	: > "$out/cpu"
	rss=0
	r=0
	while [ "$r" -lt "$runs" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%U %S %M' -o "$out/rusage" "$@" > /dev/null 2>&1 ||
			{ echo "FAILED: $*" >&2; return 1; }
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 100000)) >> "$out/times"
		read -r u s k < "$out/rusage"
		awk -v u="$u" -v s="$s" 'BEGIN { printf "%d\n", (u + s) * 1000 + 0.5 }' >> "$out/cpu"
		[ "$k" -gt "$rss" ] && rss=$k
		r=$((r + 1))
	done
	med=$(median < "$out/times")
	echo "$((med / 10)).$((med % 10)) $(median < "$out/cpu") $rss"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

printf '%-10s %6s %8s %8s %8s %8s %9s\n' system guests check_ms build_ms cpu_ms rss_kib image_kib
keys=''
bench() {
	name=$1 spec=$2 guests=$3 flags=$4
	# shellcheck disable=SC2046,SC2086
	set -- $(measure build/partita check $flags "$spec")
	c=$1
	# shellcheck disable=SC2046,SC2086
	set -- $(measure build/partita build $flags "$spec" -o "$out/img-$name")
	b=$1 cpu=$2 rss=$3
	kib=$(( $(stat -c %s "$out/img-$name/$name.img") / 1024 ))
	printf '%-10s %6d %8s %8s %8s %8d %9d\n' "$name" "$guests" "$c" "$b" "$cpu" "$rss" "$kib"
	keys="$keys
build-$name-check: $c ms
build-$name-build: $b ms
build-$name-cpu: $cpu ms
build-$name-rss: $rss KiB
build-$name-image: $kib KiB"
}
bench demo tests/golden/specs/demo.yaml 2 ""
for n in 1 16 64 128 256; do
	flags=""
	[ "$n" -gt 1 ] && flags="--no-limits"
	bench "gen-$n" "$(gen "$n")" "$n" "$flags"
done
if [ -f images/guests/linux/Image ] && [ -f images/guests/linux/initramfs.cpio.gz ] &&
	[ -f build/tests/guests/marker.elf ]; then
	[ -f build/vmm/vmm.bin ] && PARTITA_RUNTIME=$(pwd)/build/vmm/vmm.bin
	bench linux-pair examples/linux-pair.yaml 3 ""
	img=$out/img-linux-pair/linux-pair.img
	# shellcheck disable=SC2046
	set -- $(measure sha256sum "$img")
	hash=$1
	bytes=$(stat -c %s "$img")
	rss=$(echo "$keys" | sed -n 's/^build-linux-pair-rss: \([0-9]*\).*/\1/p')
	ratio=$(awk -v r="$rss" -v b="$bytes" 'BEGIN { printf "%.2f", r * 1024 / b }')
	echo "linux-pair: real payloads (make guests); sha256sum of its image in the same"
	echo "run: $hash ms; peak memory $ratio x the image"
	keys="$keys
build-linux-pair-hash: $hash ms
build-linux-pair-rss-ratio: $ratio"
fi
echo "(median of $runs runs; build includes mkimage for boot.scr; a signed FIT would add mkimage)"
echo "$keys" | sed '/^$/d'
