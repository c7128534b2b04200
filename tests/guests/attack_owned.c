// SPDX-License-Identifier: MIT
/*
 * Attacks through a device the attacker owns, run only by name with a spec
 * that gives it the device (tests/attack/specs/passthru.yaml): QEMU's
 * fw-cfg (0x18 bytes, so a trapped passthrough window the runtime replays)
 * rejects accesses of the wrong width with an external abort. Each bad
 * access must come back as an abort injected into this guest; the device
 * must still answer afterwards and nothing else may notice.
 */
#include "attack.h"

#define FW_CFG_DATA 0x09020000ul
#define FW_CFG_SEL 0x09020008ul      /* big-endian, 16-bit writes only */

static uint64_t l1_table[512] __attribute__((aligned(4096)));

static void w16(uint64_t a, uint16_t v)
{
	__asm__ volatile("strh %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static void w32(uint64_t a, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static uint64_t r8(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static uint64_t r16(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static uint64_t r32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static uint64_t r64(uint64_t a)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

/* fw-cfg key 0 is the signature "QEMU", read a byte at a time */
static int64_t signature_ok(void)
{
	uint32_t sig = 0;

	w16(FW_CFG_SEL, 0);
	for (int i = 0; i < 4; i++)
		sig = sig << 8 | (uint32_t)r8(FW_CFG_DATA);
	return sig == 0x51454d55u;   /* 'Q' 'E' 'M' 'U' */
}

/*
 * With its MMU off a guest's accesses are Device memory and an unaligned
 * one faults at EL1 already. Mapping the low 2 GiB as Normal (SCTLR_EL1.C
 * clear: Non-cacheable) lets an unaligned load reach stage 2 and EL2.
 */
static void mmu_normal(int on)
{
	uint64_t sctlr;

	if (on) {
		l1_table[0] = 0x00000000ul | 1ul << 10 | 1;    /* AF, block, MAIR attr 0 */
		l1_table[1] = 0x40000000ul | 1ul << 10 | 1;
		__asm__ volatile("msr mair_el1, %0" : : "r"(0x44ul));   /* Normal NC */
		/* T0SZ 32 (4 GiB, walk from level 1), 4 KiB granule, EPD1 */
		__asm__ volatile("msr tcr_el1, %0" : : "r"(32ul | 1ul << 23));
		__asm__ volatile("msr ttbr0_el1, %0" : : "r"(l1_table));
		__asm__ volatile("dsb ish; isb; tlbi vmalle1; dsb ish; isb" ::: "memory");
	}
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr = on ? (sctlr | 1) : (sctlr & ~1ul);
	__asm__ volatile("msr sctlr_el1, %0; isb" : : "r"(sctlr) : "memory");
}

static void passthru_width(struct attack_ctx *c)
{
	attack_note("sig", signature_ok());
	w32(FW_CFG_SEL, 0);             /* QEMU: only 16-bit writes */
	r16(FW_CFG_SEL);                /* QEMU: never read */
	r64(FW_CFG_DATA);               /* runtime: wider than 32 bits */
	mmu_normal(1);
	r32(FW_CFG_DATA + 1);           /* runtime: unaligned */
	mmu_normal(0);
	attack_note("sig_after", signature_ok());
}

const struct attack attack_owned_table[] = {
	{ "passthru-width", passthru_width },
	{ 0, 0 },
};
