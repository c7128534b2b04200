#!/bin/sh
# SPDX-License-Identifier: MIT
# Exit-cost figures (a benchmark, not a test): builds tests/qemu/specs/
# bench.yaml and runs it under -icount shift=0,sleep=off, where the guest's
# PMU cycle counter counts instructions (EL1 and EL2). Prints instructions
# per null hypercall, per trapped MMIO read, and per plain loop iteration.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
mkdir -p "$OUT"
snapshot_runtime
build_spec bench || { cat "$OUT/bench.build.log"; exit 1; }
rc=$(qemu_boot "$OUT/bench.log" -icount shift=0,sleep=off -kernel "$OUT/bench/bench.img")
[ "$rc" = 0 ] || { echo "bench: QEMU exit $rc"; exit 1; }
sed -n 's/^bench| BENCH \([a-z-]*\) \([0-9]*\)$/\1: \2 instructions per call/p' "$OUT/bench.log"
