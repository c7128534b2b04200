#!/bin/sh
# SPDX-License-Identifier: MIT
# Fidelity: build/tests/guests/fidelity.elf, a bare-metal program written
# for QEMU virt, runs natively at EL1 (virtualization=off, -smp 2) and as a
# Partita guest on CPUs 0-1 (tests/fidelity/specs), on GICv3 and GICv2,
# both under -icount shift=0,sleep=off (QEMU models the PMU's
# INST_RETIRED only with icount). Every case must PASS in both runs; the
# table shows case, native, under the runtime. The same image runs the
# ELF in reset mode on CPU 2 ('again'): RAM zero at each of its 5 entries,
# then the runtime stops it for resetting too fast.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
. tests/lib.sh
OUT=build/tests/fidelity
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}
mkdir -p "$OUT"
make -s build/partita build/vmm/vmm.bin build/tests/guests/fidelity.elf || exit 1
snapshot_runtime
ICOUNT="-icount shift=0,sleep=off"

# verdicts LOG: "case verdict" per FID line of the fid guest (native: bare)
verdicts() {
	sed -n 's/^\(fid| \)\{0,1\}FID \([a-z0-9-]*\) \(PASS\|FAIL\|SKIP\).*/\2 \3/p' "$1"
}

for v in 3 2; do
	native=$OUT/native-v$v.log
	runtime=$OUT/runtime-v$v.log
	rc=$(QEMU_MACHINE=virt,virtualization=off,gic-version=$v \
	     QEMU_OPTS="-cpu cortex-a57 -smp 2 -m 2G -nographic -no-reboot" \
	     qemu_boot "$native" $ICOUNT -kernel build/tests/guests/fidelity.elf)
	[ "$rc" = 0 ] && grep -q '^FID done' "$native" && pass "gicv$v native run" ||
		fail "gicv$v native run" "QEMU exit $rc, see $native"
	if PARTITA_RUNTIME=$PWD/$OUT/vmm.bin ./build/partita build \
		tests/fidelity/specs/fidelity-v$v.yaml -o "$OUT/v$v" >"$OUT/v$v.build.log" 2>&1; then
		rc=$(QEMU_MACHINE=virt,virtualization=on,gic-version=$v qemu_boot "$runtime" \
		     $ICOUNT -kernel "$OUT/v$v/fidelity-v$v.img")
	else
		rc=build; cat "$OUT/v$v.build.log"
	fi
	[ "$rc" = 0 ] && grep -q '^fid| FID done' "$runtime" && pass "gicv$v runtime run" ||
		fail "gicv$v runtime run" "exit $rc, see $runtime"
	# the only faults: the three abort cases' accesses to 0x0b000000
	if ! sed -n '/^vmm|/,$p' "$runtime" | grep -q panic &&
	   [ "$(grep -c '^vmm|fid|fault' "$runtime")" = 3 ] &&
	   [ "$(grep '^vmm|fid|fault' "$runtime" | grep -vc 'IPA 0xb000000')" = 0 ]; then
		pass "gicv$v runtime: no panic, faults only from the abort cases"
	else
		fail "gicv$v runtime: no panic, faults only from the abort cases"
	fi

	printf '%-32s %-8s %-8s\n' "GICv$v case" native runtime
	verdicts "$native" >"$OUT/n$v.txt"
	verdicts "$runtime" >"$OUT/r$v.txt"
	while read -r name nv; do
		rv=$(sed -n "s/^$name //p" "$OUT/r$v.txt" | head -n 1)
		printf '%-32s %-8s %-8s\n' "$name" "$nv" "${rv:--}"
		if [ "$nv" = PASS ] && [ "$rv" = PASS ]; then
			pass "gicv$v $name"
		else
			fail "gicv$v $name" "native $nv, runtime ${rv:-missing}"
		fi
	done <"$OUT/n$v.txt"
	# the runtime's own rows: QEMU resets keep RAM, it cannot be compared
	n=$(grep -c '^again| FID ram-zero-at-entry PASS' "$runtime")
	printf '%-32s %-8s %-8s\n' "ram-zero-after-reset" "n/a" "$([ "$n" = 5 ] && echo PASS || echo FAIL)"
	[ "$n" = 5 ] && [ "$(grep -c '^again| FID ram-zero-at-entry FAIL' "$runtime")" = 0 ] &&
		pass "gicv$v RAM zero at 5 entries of a resetting guest" ||
		fail "gicv$v RAM zero at 5 entries of a resetting guest" "$n of 5"
	printf '%-32s %-8s %-8s\n' "reset-rate-limit" "n/a" \
		"$(grep -q '^vmm|again|restart storm: reset again' "$runtime" && echo PASS || echo FAIL)"
	grep -q '^vmm|again|restart storm: reset again after 4 restarts' "$runtime" &&
	[ "$(grep -c '^vmm|again|restarting' "$runtime")" = 4 ] &&
		pass "gicv$v resets throttled and stopped like fault restarts" ||
		fail "gicv$v resets throttled and stopped like fault restarts"
done
echo "n/a: QEMU keeps RAM across its own reset and models no caches, so neither"
echo "the zeroing after a reset nor the clean+invalidate of a restart has a native twin."
echo "Linux perf on the same PMU (armv8_pmuv3, perf_event_open counts, overflow"
echo "interrupts): tests/linuxvm (GICv3, -icount) and tests/boards (GICv2)."
finish
