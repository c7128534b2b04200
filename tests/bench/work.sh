#!/bin/sh
# SPDX-License-Identifier: MIT
# Workload ratio (a benchmark, not a test): build/tests/guests/bench_work.elf
# (a compute kernel and a memory-stream kernel) run natively at EL1 on QEMU
# virt (virtualization=off, -kernel the ELF) and as the only guest under the
# runtime (tests/bench/specs/work.yaml), both under -icount shift=0,sleep=off
# on the same CPU model and machine size. The guest's CNTVCT deltas are then
# instructions executed by all CPUs during each kernel; the ratio
# runtime/native is what the runtime adds (exits, other CPUs' work). icount
# charges nothing for TLB misses, so stage-2 walk costs do not show here.
# Prints `work-<kernel>-<native|runtime>: <n> instructions`,
# `work-<kernel>-ratio: <r>` and whether both runs did the same work.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/bench/work
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/bench_work.elf || exit 1
[ -x build/partita ] || make -s build/partita || exit 1
./build/partita build tests/bench/specs/work.yaml -o "$OUT/img" >"$OUT/build.log" 2>&1 ||
	{ cat "$OUT/build.log"; exit 1; }
rc=$(QEMU_MACHINE=virt,virtualization=off,gic-version=3 qemu_boot "$OUT/native.log" \
	-icount shift=0,sleep=off -kernel build/tests/guests/bench_work.elf)
[ "$rc" = 0 ] || { echo "work bench (native): QEMU exit $rc"; exit 1; }
rc=$(qemu_boot "$OUT/runtime.log" -icount shift=0,sleep=off -kernel "$OUT/img/workbench.img")
[ "$rc" = 0 ] || { echo "work bench (runtime): QEMU exit $rc"; exit 1; }

# fig LOG KERNEL: the figure the guest printed
fig() {
	sed -n "s/^\(work| \)\{0,1\}BENCH $2 \([0-9a-fx]*\)\$/\2/p" "$1" | head -n 1
}
for k in compute stream; do
	n=$(fig "$OUT/native.log" "$k")
	r=$(fig "$OUT/runtime.log" "$k")
	[ -n "$n" ] && [ -n "$r" ] || { echo "work bench: no $k figure"; exit 1; }
	echo "work-$k-native: $n instructions"
	echo "work-$k-runtime: $r instructions"
	awk -v n="$n" -v r="$r" -v k="$k" 'BEGIN { printf "work-%s-ratio: %.4f\n", k, r / n }'
done
if [ "$(fig "$OUT/native.log" checksum)" = "$(fig "$OUT/runtime.log" checksum)" ]; then
	echo "work-checksum: same"
else
	echo "work-checksum: DIFFERENT"
	exit 1
fi
