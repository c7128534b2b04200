// SPDX-License-Identifier: MIT
/*
 * Cortex-A53 erratum 835769 ("AArch64 multiply-accumulate instruction
 * might produce incorrect result", Arm Cortex-A53 MPCore Software
 * Developers Errata Notice): reads `objdump -d` on stdin and prints every
 * 64-bit multiply-accumulate that directly follows a load, store or
 * prefetch, unless it reads the register a single integer load wrote (the
 * dependency the workaround also accepts). Exit 1 if any, 0 if none.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned bits(uint32_t insn, unsigned lo, unsigned n)
{
	return (insn >> lo) & ((1u << n) - 1);
}

/*
 * MADD, MSUB, SMADDL, SMSUBL, UMADDL, UMSUBL with a 64-bit destination
 * (Arm ARM DDI 0487 "Data-processing (3 source)": sf = 1, op54 = 00,
 * op31 000, 001 or 101); Ra = XZR is MUL/MNEG/SMULL/UMULL: no accumulate
 */
static int is_mac64(uint32_t insn)
{
	unsigned op31 = bits(insn, 21, 3);

	return (insn & 0xff000000u) == 0x9b000000u &&
	       (op31 == 0 || op31 == 1 || op31 == 5) && bits(insn, 10, 5) != 31;
}

/* "Loads and Stores" encoding group: op0 bits [28:25] = x1x0 */
static int is_memop(uint32_t insn)
{
	return (insn & 0x0a000000u) == 0x08000000u;
}

/*
 * The destination of a single integer load (register forms, literal,
 * load-exclusive/acquire), or -1 for anything else (stores, pairs,
 * prefetches, SIMD&FP): only such a load can feed the accumulate.
 */
static int single_load_rt(uint32_t insn)
{
	unsigned size = bits(insn, 30, 2), opc = bits(insn, 22, 2);

	if (bits(insn, 26, 1))
		return -1;                                   /* SIMD&FP */
	if (bits(insn, 27, 3) == 7 && opc != 0 && !(size == 3 && opc == 2))
		return (int)bits(insn, 0, 5);                /* LDR* register forms */
	if (bits(insn, 27, 3) == 3 && bits(insn, 24, 2) == 0 && size != 3)
		return (int)bits(insn, 0, 5);                /* LDR (literal) */
	if (bits(insn, 24, 6) == 0x08 && bits(insn, 22, 1) && !bits(insn, 21, 1))
		return (int)bits(insn, 0, 5);                /* LDXR, LDAXR, LDAR */
	return -1;
}

static int erratum_pair(uint32_t first, uint32_t second)
{
	int rt;

	if (!is_mac64(second) || !is_memop(first))
		return 0;
	rt = single_load_rt(first);
	return !(rt >= 0 && ((unsigned)rt == bits(second, 5, 5) ||
			     (unsigned)rt == bits(second, 16, 5) ||
			     (unsigned)rt == bits(second, 10, 5)));
}

int main(void)
{
	char line[512], prev_line[512] = "";
	uint32_t prev = 0;
	int have_prev = 0;
	unsigned long found = 0, macs = 0;

	while (fgets(line, sizeof(line), stdin)) {
		unsigned long addr;
		char word[16];
		uint32_t insn;

		/* "  400010:\t9b027c20 \tmadd\t..." : one instruction word */
		if (sscanf(line, " %lx:\t%8[0-9a-f] \t", &addr, word) != 2 ||
		    strlen(word) != 8 || strstr(line, ".word") || strstr(line, ".inst")) {
			have_prev = 0;
			continue;
		}
		insn = (uint32_t)strtoul(word, 0, 16);
		macs += is_mac64(insn);
		if (have_prev && erratum_pair(prev, insn)) {
			printf("%s%s", prev_line, line);
			found++;
		}
		prev = insn;
		have_prev = 1;
		snprintf(prev_line, sizeof(prev_line), "%s", line);
	}
	printf("835769: %lu 64-bit multiply-accumulates, %lu directly after a memory access\n",
	       macs, found);
	return found ? 1 : 0;
}
