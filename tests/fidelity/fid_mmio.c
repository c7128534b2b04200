// SPDX-License-Identifier: MIT
/*
 * Trapped MMIO as the instruction set defines it: loads and stores of
 * every width and signedness on the PL011's UARTIBRD (16 bits, read-write
 * on the real and the virtual UART), through every general-purpose
 * register x0-x30 and xzr. Under Partita the console is trapped: x0-x19
 * and x30 take the light exit, x20-x29 the full one (issue 15), and both
 * must write back exactly what the hardware would (Arm ARM DDI 0487
 * "LDRSB", "LDRSH", "LDRSW": sign-extended to 32 or 64 bits, a W register
 * write clears bits 63:32).
 */
#include "fid.h"

#define UARTIBRD (GUEST_UART + 0x24)
#define MMIO_IBRD 0x8081u      /* bits 15 and 7 set: the signed loads extend them */

/*
 * fid_mmio_regs(addr, out): for every register xN, in the order x0-x15,
 * x18-x30 (x16 and x17 hold addr and out), then x16, x17 (x0 and x1 do):
 * xN = all ones, ldr wN, [addr], out[N] = xN; then xN = 0xdead8000 + N,
 * strh wN, [addr], ldr wN, [addr], out[31 + N] = xN. Callee-saved
 * registers, x18 and x30 are kept.
 */
__asm__(
	".text\n"
	".balign 4\n"
	".globl fid_mmio_regs\n"
	"fid_mmio_regs:\n"
	"	stp x29, x30, [sp, #-112]!\n"
	"	stp x19, x20, [sp, #16]\n"
	"	stp x21, x22, [sp, #32]\n"
	"	stp x23, x24, [sp, #48]\n"
	"	stp x25, x26, [sp, #64]\n"
	"	stp x27, x28, [sp, #80]\n"
	"	str x18, [sp, #96]\n"
	"	.macro fid_mmio_one n, a, o\n"
	"	mov x\\n, #-1\n"
	"	ldr w\\n, [x\\a]\n"
	"	str x\\n, [x\\o, #8 * \\n]\n"
	"	mov x\\n, #0x8000 + \\n\n"
	"	movk x\\n, #0xdead, lsl #16\n"
	"	strh w\\n, [x\\a]\n"
	"	ldr w\\n, [x\\a]\n"
	"	str x\\n, [x\\o, #8 * (31 + \\n)]\n"
	"	.endm\n"
	"	mov x16, x0\n"
	"	mov x17, x1\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
	"	fid_mmio_one \\n, 16, 17\n"
	"	.endr\n"
	"	mov x0, x16\n"
	"	mov x1, x17\n"
	"	fid_mmio_one 16, 0, 1\n"
	"	fid_mmio_one 17, 0, 1\n"
	"	.purgem fid_mmio_one\n"
	"	ldr x18, [sp, #96]\n"
	"	ldp x27, x28, [sp, #80]\n"
	"	ldp x25, x26, [sp, #64]\n"
	"	ldp x23, x24, [sp, #48]\n"
	"	ldp x21, x22, [sp, #32]\n"
	"	ldp x19, x20, [sp, #16]\n"
	"	ldp x29, x30, [sp], #112\n"
	"	ret\n");
void fid_mmio_regs(uint64_t addr, uint64_t *out);

/* a load into a register first set to all ones: what the access left there */
#define LOAD(insn, reg) ({ uint64_t v_ = ~0ul; \
	__asm__ volatile(insn " %" reg "0, [%1]" : "+r"(v_) : "r"(UARTIBRD) : "memory"); v_; })

static void fid_mmio_widths(void)
{
	struct { const char *name; uint64_t got, want; } l[] = {
		{ "ldrb w", LOAD("ldrb", "w"), 0x81 },
		{ "ldrh w", LOAD("ldrh", "w"), 0x8081 },
		{ "ldr w", LOAD("ldr", "w"), 0x8081 },
		{ "ldrsb w", LOAD("ldrsb", "w"), 0xFFFFFF81 },
		{ "ldrsb x", LOAD("ldrsb", "x"), 0xFFFFFFFFFFFFFF81 },
		{ "ldrsh w", LOAD("ldrsh", "w"), 0xFFFF8081 },
		{ "ldrsh x", LOAD("ldrsh", "x"), 0xFFFFFFFFFFFF8081 },
		{ "ldrsw x", LOAD("ldrsw", "x"), 0x8081 },
	};
	unsigned bad = 0, first = 0;

	for (unsigned i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (l[i].got != l[i].want && !bad++)
			first = i;
	fid_report("mmio-load-widths", !bad, bad ? l[first].name : "8/16/32-bit, signed and not",
		   bad ? l[first].got : 0, bad ? l[first].want : 0);
}

static void fid_mmio_stores(void)
{
	uint32_t got[4];

	wr8(UARTIBRD, 0xA5);                    /* strb: the low byte only */
	got[0] = rd32(UARTIBRD);
	__asm__ volatile("strh %w0, [%1]" : : "r"(0xBEEF1234u), "r"(UARTIBRD) : "memory");
	got[1] = rd32(UARTIBRD);
	__asm__ volatile("str wzr, [%0]" : : "r"(UARTIBRD) : "memory");
	got[2] = rd32(UARTIBRD);
	wr32(UARTIBRD, MMIO_IBRD);
	__asm__ volatile("ldr wzr, [%0]" : : "r"(UARTIBRD) : "memory");    /* discarded */
	got[3] = rd32(UARTIBRD);
	fid_report("mmio-store-widths", got[0] == 0xA5 && got[1] == 0x1234 && got[2] == 0 &&
		   got[3] == MMIO_IBRD, "strb, strh, str wzr, ldr wzr",
		   (uint64_t)got[0] << 32 | got[1], (uint64_t)got[2] << 32 | got[3]);
}

/* each load reads what the store through the register before it left */
static void fid_mmio_every_register(void)
{
	static const uint8_t order[31] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
					   18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
					   16, 17 };
	uint64_t out[62], prev = MMIO_IBRD;
	unsigned bad = 0, first = 0;

	wr32(UARTIBRD, MMIO_IBRD);
	fid_mmio_regs(UARTIBRD, out);
	for (unsigned i = 0; i < 31; i++) {
		unsigned n = order[i];

		if (out[n] != prev && !bad++)
			first = n;
		if (out[31 + n] != 0x8000u + n && !bad++)
			first = 31 + n;
		prev = 0x8000u + n;
	}
	fid_report("mmio-every-register", !bad,
		   bad ? "xN (a: N, or 31 + N for the store)" : "ldr w and strh through x0-x30",
		   first, bad ? out[first] : 0);
}

void fid_mmio_cases(void)
{
	uint32_t ibrd = rd32(UARTIBRD);

	wr32(UARTIBRD, MMIO_IBRD);
	fid_mmio_widths();
	fid_mmio_stores();
	fid_mmio_every_register();
	wr32(UARTIBRD, ibrd);
}
