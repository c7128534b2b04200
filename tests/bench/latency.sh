#!/bin/sh
# SPDX-License-Identifier: MIT
# Interrupt latencies (a benchmark, not a test): build/tests/guests/
# latbench.elf (tests/bench/lat.c) natively at EL1 (virtualization=off,
# -smp 2) and as a two-vCPU guest owning the PL031 (tests/bench/specs/
# latency-v3.yaml, -v2.yaml), on GICv3 and GICv2, all under -icount
# shift=0,sleep=off: figures are instructions on all CPUs, the same every
# run. Prints `<what>-v<gic>-<native|runtime>: <instructions>` for ipi
# (SGI from CPU 0 to CPU 1's handler, CPU 1 in WFI), spi (the PL031's line
# to this CPU's handler, spinning) and vtimer-spin (CNTV deadline to the
# handler). The guest's own vectors save all registers: the native figure
# is the floor, the difference is the runtime's.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/bench/latency
mkdir -p "$OUT"
make -s build/partita build/vmm/vmm.bin build/tests/guests/latbench.elf || exit 1
ICOUNT="-icount shift=0,sleep=off"

# figures LOG SIDE: "<what>-<side>: <n> instructions" from LAT lines
figures() {
	sed -n "s/^\(lat| \)\{0,1\}LAT \([a-z-]*-v[23]\) \([0-9]*\)$/\2-$2: \3 instructions/p" "$1"
}

for v in 3 2; do
	rc=$(QEMU_MACHINE=virt,virtualization=off,gic-version=$v \
	     QEMU_OPTS="-cpu cortex-a57 -smp 2 -m 2G -nographic -no-reboot" \
	     qemu_boot "$OUT/native-v$v.log" $ICOUNT -kernel build/tests/guests/latbench.elf)
	grep -q '^LAT done' "$OUT/native-v$v.log" ||
		{ echo "latency bench: gicv$v native: QEMU exit $rc"; tail -n 3 "$OUT/native-v$v.log"; exit 1; }
	./build/partita build tests/bench/specs/latency-v$v.yaml -o "$OUT/v$v" >"$OUT/v$v.build.log" 2>&1 ||
		{ cat "$OUT/v$v.build.log"; exit 1; }
	rc=$(QEMU_MACHINE=virt,virtualization=on,gic-version=$v \
	     qemu_boot "$OUT/runtime-v$v.log" $ICOUNT -kernel "$OUT/v$v/latency-v$v.img")
	grep -q '^lat| LAT done' "$OUT/runtime-v$v.log" ||
		{ echo "latency bench: gicv$v runtime: QEMU exit $rc"; tail -n 3 "$OUT/runtime-v$v.log"; exit 1; }
	figures "$OUT/native-v$v.log" native
	figures "$OUT/runtime-v$v.log" runtime
done
