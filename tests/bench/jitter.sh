#!/bin/sh
# SPDX-License-Identifier: MIT
# Timer interrupt latency spread (a benchmark, not a test; issue 15):
# tests/bench/specs/jitter.yaml under -icount shift=0,sleep=off, once with
# the noise guest hammering trapped MMIO and NOTIFY on CPU 1 and once with it
# only waiting (`quiet`). Prints `jitter-<noisy|quiet>-<min|median|max>:
# <instructions>` over 1000 interrupts from WFI. The virtual clock counts
# every CPU's instructions, so a busy neighbour's instructions executed
# inside a window are part of that window's figure.
# `net` (tests/bench/specs/jitter-net.yaml): the waiting neighbour plus a
# virtio network on CPUs 2 and 3 carrying 1514-byte frames (net_noise.c);
# also prints `jitter-net-frames`. Not the MMIO/NOTIFY hammer and the
# network at once: two CPUs that never yield make QEMU's round-robin
# -icount wake the measuring CPU only at its 100 ms kick (every interrupt
# then 99,995,856, a QEMU artifact; each alone does not).
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/bench/jitter
mkdir -p "$OUT"
make -s build/partita build/vmm/vmm.bin build/tests/guests/bench.elf \
	build/tests/guests/net_noise.elf || exit 1
for mode in noisy quiet net; do
	case $mode in
	quiet) sed 's/bootargs: role=noise$/bootargs: role=noise quiet=1/' tests/bench/specs/jitter.yaml ;;
	net) sed 's/^name: jitter-net$/name: net/' tests/bench/specs/jitter-net.yaml ;;
	*) cat tests/bench/specs/jitter.yaml ;;
	esac >"$OUT/$mode.yaml"
	./build/partita build "$OUT/$mode.yaml" -o "$OUT/$mode" >"$OUT/$mode.build.log" 2>&1 ||
		{ cat "$OUT/$mode.build.log"; exit 1; }
	img=$OUT/$mode/jitter.img
	[ "$mode" = net ] && img=$OUT/$mode/net.img
	rc=$(qemu_boot "$OUT/$mode.log" -icount shift=0,sleep=off -kernel "$img")
	grep -q '^lat| BENCH jitter-max' "$OUT/$mode.log" ||
		{ echo "jitter bench: $mode: QEMU exit $rc"; tail -n 3 "$OUT/$mode.log"; exit 1; }
	sed -n "s/^lat| BENCH jitter-\([a-z0-9]*\) \([0-9]*\)$/jitter-$mode-\1: \2 instructions/p" "$OUT/$mode.log"
	sed -n "s/^nettx| NETNOISE frames \([0-9]*\)$/jitter-$mode-frames: \1 sent/p" "$OUT/$mode.log"
done
