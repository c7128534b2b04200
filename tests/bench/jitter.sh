#!/bin/sh
# SPDX-License-Identifier: MIT
# Timer interrupt latency spread (a benchmark, not a test; issue 15):
# tests/bench/specs/jitter.yaml under -icount shift=0,sleep=off, once with
# the noise guest hammering trapped MMIO and NOTIFY on CPU 1 and once with it
# only waiting (`quiet`). Prints `jitter-<noisy|quiet>-<min|median|max>:
# <instructions>` over 1000 interrupts from WFI. The virtual clock counts
# every CPU's instructions, so a busy neighbour's instructions executed
# inside a window are part of that window's figure.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/bench/jitter
mkdir -p "$OUT"
make -s build/partita build/vmm/vmm.bin build/tests/guests/bench.elf || exit 1
for mode in noisy quiet; do
	if [ "$mode" = quiet ]; then
		sed 's/bootargs: role=noise$/bootargs: role=noise quiet=1/' tests/bench/specs/jitter.yaml
	else
		cat tests/bench/specs/jitter.yaml
	fi >"$OUT/$mode.yaml"
	./build/partita build "$OUT/$mode.yaml" -o "$OUT/$mode" >"$OUT/$mode.build.log" 2>&1 ||
		{ cat "$OUT/$mode.build.log"; exit 1; }
	rc=$(qemu_boot "$OUT/$mode.log" -icount shift=0,sleep=off -kernel "$OUT/$mode/jitter.img")
	grep -q '^lat| BENCH jitter-max' "$OUT/$mode.log" ||
		{ echo "jitter bench: $mode: QEMU exit $rc"; tail -n 3 "$OUT/$mode.log"; exit 1; }
	sed -n "s/^lat| BENCH jitter-\([a-z]*\) \([0-9]*\)$/jitter-$mode-\1: \2 instructions/p" "$OUT/$mode.log"
done
