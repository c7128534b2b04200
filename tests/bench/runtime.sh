#!/bin/sh
# SPDX-License-Identifier: MIT
# Runtime micro-benchmarks (not a test): boots tests/bench/specs/runtime.yaml
# (guest bench.elf as `main` on CPU 0 and `peer` on CPU 1) under
# -icount shift=0,sleep=off, where the guests' CNTVCT deltas are instruction
# counts of every CPU (EL1 and EL2; sleeping CPUs add none), the same every
# run. Prints `<what>: <instructions>` for: loop (calibration, one add loop
# iteration), hvc-null, mmio-read (virtual PL011 FR), fault-abort (stage-2
# fault -> injected abort -> guest vector -> back, including the runtime's
# two log lines), vtimer-irq-spin / vtimer-irq-wfi (timer deadline -> guest
# IRQ handler while spinning / in WFI), notify-irq (NOTIFY on CPU 0 -> peer's
# IRQ handler on CPU 1, counted from just before the hvc).
# RUNS=n repeats the boot to show determinism.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/bench/runtime
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/bench.elf || exit 1
[ -x build/partita ] || make -s build/partita || exit 1
./build/partita build tests/bench/specs/runtime.yaml -o "$OUT/img" >"$OUT/build.log" 2>&1 ||
	{ cat "$OUT/build.log"; exit 1; }
run=1
while [ "$run" -le "${RUNS:-1}" ]; do
	rc=$(qemu_boot "$OUT/boot.log" -icount shift=0,sleep=off -kernel "$OUT/img/rtbench.img")
	[ "$rc" = 0 ] || { echo "runtime bench: QEMU exit $rc"; exit 1; }
	[ "${RUNS:-1}" -gt 1 ] && echo "run $run"
	grep -q '^main| BENCH unexpected' "$OUT/boot.log" && { grep BENCH "$OUT/boot.log"; exit 1; }
	sed -n 's/^main| BENCH \([a-z-]*\) \([0-9]*\)$/\1: \2 instructions/p' "$OUT/boot.log"
	run=$((run + 1))
done
