#!/bin/sh
# SPDX-License-Identifier: MIT
# Errata workarounds in the runtime binary: vmm.elf (built with
# -mfix-cortex-a53-835769, vmm/build.mk) must hold no Cortex-A53 erratum
# 835769 sequence (scan_835769.c over `objdump -d`). The scanner is first
# shown to find the sequence in assembled samples, and to accept the
# dependent load the workaround leaves alone.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
OUT=build/tests/errata
CROSS=${CROSS_COMPILE:-aarch64-linux-gnu-}
mkdir -p "$OUT"

if ! make -s build/vmm/vmm.elf >"$OUT/make.log" 2>&1 ||
   ! cc -O2 -Wall -Wextra -Werror -o "$OUT/scan_835769" tests/errata/scan_835769.c 2>>"$OUT/make.log"; then
	fail build "$(tail -3 "$OUT/make.log")"
	finish
	exit 1
fi

# sample NAME ASM: assemble, disassemble, scan; prints the scanner's exit
sample() {
	printf '\t.text\n%s\n' "$2" >"$OUT/$1.S"
	${CROSS}gcc -c "$OUT/$1.S" -o "$OUT/$1.o" &&
		${CROSS}objdump -d "$OUT/$1.o" | "$OUT/scan_835769" >"$OUT/$1.out"
	echo $?
}
for s in "load-madd|ldr x1, [x0]
madd x2, x3, x4, x5" "store-msub|str x9, [sp, #16]
msub x2, x3, x4, x5" "pair-umaddl|ldp x6, x7, [x0]
umaddl x2, w6, w4, x5" "prefetch-smaddl|prfm pldl1keep, [x0]
smaddl x2, w3, w4, x5" "simd-madd|ldr q0, [x0]
madd x2, x3, x4, x5"; do
	name=${s%%|*}
	if [ "$(sample "$name" "${s#*|}")" = 1 ]; then pass "scanner finds $name"
	else fail "scanner finds $name" "$(cat "$OUT/$name.out")"; fi
done
for s in "dependent-load|ldr x3, [x0]
madd x2, x3, x4, x5" "nop-between|ldr x1, [x0]
nop
madd x2, x3, x4, x5" "mul-no-accumulate|ldr x1, [x0]
mul x2, x3, x4" "32-bit-madd|ldr x1, [x0]
madd w2, w3, w4, w5"; do
	name=${s%%|*}
	if [ "$(sample "$name" "${s#*|}")" = 0 ]; then pass "scanner accepts $name"
	else fail "scanner accepts $name" "$(cat "$OUT/$name.out")"; fi
done

${CROSS}objdump -d build/vmm/vmm.elf >"$OUT/vmm.dis"
if "$OUT/scan_835769" <"$OUT/vmm.dis" >"$OUT/vmm.out"; then
	pass "vmm.elf: no erratum 835769 sequence ($(tail -1 "$OUT/vmm.out" | cut -d' ' -f2) 64-bit multiply-accumulates, none after a memory access)"
else
	fail "vmm.elf: no erratum 835769 sequence" "$(head -2 "$OUT/vmm.out" | tr '\t' ' ')"
fi
finish
