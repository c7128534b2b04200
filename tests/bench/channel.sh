#!/bin/sh
# SPDX-License-Identifier: MIT
# Channel figures (a benchmark, not a test): boots tests/channels/specs/
# bench.yaml (guests chan_bench a and b) under -icount shift=0,sleep=off,
# where the guests' CNTVCT reads give virtual nanoseconds = instructions
# executed on all CPUs (sleeping CPUs add none), identical run to run.
# Prints: doorbell round trip (notify, peer wakes from WFI, answers, notify
# back), polled round trip (QEMU runs CPUs round-robin under icount, so this
# is the protocol's own instructions, not a cross-CPU latency), 64 KiB bulk
# transfer through a channel (copy in, doorbell, copy out, answer) against a
# RAM-to-RAM copy in one guest (same copy loop, MMU off in both), and the
# NOTIFY and null hypercalls alone. With the Linux payloads (`make guests
# guest-modules`), also a Linux <-> bare-metal round trip through
# partita_channel.ko and partita-chan (bench-linux.yaml): instructions from
# Linux's CLOCK_MONOTONIC, which runs on the same virtual clock.
# RUNS=n repeats to show determinism.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/tests/channels
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/chan_bench.elf || exit 1
[ -x build/partita ] || make -s build/partita || exit 1
./build/partita build tests/channels/specs/bench.yaml -o "$OUT/bench" >"$OUT/bench.build.log" 2>&1 ||
	{ cat "$OUT/bench.build.log"; exit 1; }
run=1
while [ "$run" -le "${RUNS:-1}" ]; do
	rc=$(qemu_boot "$OUT/bench.log" -icount shift=0,sleep=off -kernel "$OUT/bench/chanbench.img")
	[ "$rc" = 0 ] || { echo "channel bench: QEMU exit $rc"; exit 1; }
	echo "run $run"
	sed -n 's/^a| BENCH \([a-z0-9-]*\) \([0-9]*\) \(.*\)$/  \1: \2 \3/p' "$OUT/bench.log"
	run=$((run + 1))
done

[ -f images/guests/linux/Image ] && [ -f images/guests/work/kbuild/.stamp ] || {
	echo "linux: skipped (make guests guest-modules)"
	exit 0
}
make -s guest-modules >/dev/null 2>&1 || { echo "linux: make guest-modules failed"; exit 1; }
./build/partita build tests/channels/specs/bench-linux.yaml -o "$OUT/bench-linux" \
	>"$OUT/bench-linux.build.log" 2>&1 || { cat "$OUT/bench-linux.build.log"; exit 1; }
run=1
while [ "$run" -le "${RUNS:-1}" ]; do
	rc=$(QEMU_TIMEOUT=300 qemu_boot "$OUT/bench-linux.log" -icount shift=0,sleep=off \
		-kernel "$OUT/bench-linux/chanbench-linux.img")
	[ "$rc" = 0 ] || { echo "channel bench (linux): QEMU exit $rc"; exit 1; }
	echo "linux run $run"
	sed -n 's/^linux| CHAN linux ping done n=\([0-9]*\) ok=\([0-9]*\) .*ns_per_msg=\([0-9]*\)$/\1 \2 \3/p' \
		"$OUT/bench-linux.log" | awk '{ printf "  rtt-linux-baremetal: %s instructions (%s of %s messages ok)\n", $3, $2, $1 }'
	run=$((run + 1))
done
