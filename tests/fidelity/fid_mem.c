// SPDX-License-Identifier: MIT
/*
 * Memory cases: the guest's RAM outside its own image (and the device tree
 * it was given) reads as zero at entry; a load, a store and an instruction
 * fetch at an address where nothing is (QEMU virt has no device at
 * 0x0b000000; no capability maps it) arrive as synchronous external aborts
 * at EL1, data aborts with FAR and WnR, a prefetch abort with FAR = ELR.
 */
#include "fid.h"

#define FDT_MAGIC_BE 0xEDFE0DD0u    /* 0xd00dfeed as a little-endian load */
#define NOWHERE 0x0B000000ul
#define EC_IABT_CUR 0x21
#define EC_DABT_CUR 0x25

extern char _start[], __stack_top[];
extern void fid_call_at(uint64_t addr);

static uint32_t be32(const volatile uint32_t *p)
{
	return __builtin_bswap32(*p);
}

/* first non-zero word from start to end, not counting a device tree */
static uint64_t ram_first_dirty(uint64_t start, uint64_t end)
{
	for (uint64_t a = start; a < end; a += 8) {
		volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)a;

		if (!*p)
			continue;
		if (*(volatile uint32_t *)p == FDT_MAGIC_BE) {
			a += ((be32((volatile uint32_t *)p + 1) + 7) & ~7ul) - 8;
			continue;
		}
		return a;
	}
	return 0;
}

void fid_ram_zero_case(const void *dtb, const char *name)
{
	uint64_t base = (uint64_t)(uintptr_t)_start;
	uint64_t dirty = ram_first_dirty((uint64_t)(uintptr_t)__stack_top, base + FID_RAM_SIZE);

	fid_report(name, !dirty, "first non-zero address", dirty,
		   dirty ? *(volatile uint64_t *)(uintptr_t)dirty : 0);
}

static volatile uint64_t ab_esr, ab_far, ab_elr;
static volatile unsigned ab_count;

static int abort_sync(struct fid_regs *r, uint64_t esr)
{
	unsigned ec = ESR_EC(esr);

	if (ec != EC_DABT_CUR && ec != EC_IABT_CUR)
		return 0;
	ab_esr = esr;
	ab_far = sysreg_read(far_el1);
	ab_elr = r->elr;
	ab_count++;
	r->elr = ec == EC_DABT_CUR ? r->elr + 4 : r->x[30];
	return 1;
}

/* EC, FSC 0x10 (synchronous external abort), WnR for data, FAR */
static void abort_report(const char *name, unsigned ec, unsigned wnr)
{
	int ok = ab_count == 1 && ESR_EC(ab_esr) == ec && (ab_esr & 0x3F) == 0x10 &&
		 ab_far == NOWHERE && ((ab_esr >> 6) & 1) == wnr;

	if (ec == EC_IABT_CUR)
		ok = ok && ab_elr == NOWHERE;
	fid_report(name, ok, "ESR, FAR", ab_esr, ab_far);
	ab_count = 0;
	ab_esr = ab_far = 0;
}

void fid_abort_cases(void)
{
	fid_sync_hook = abort_sync;
	dsb();      /* the hook is in place before the first access */
	(void)rd32(NOWHERE);
	abort_report("abort-load", EC_DABT_CUR, 0);
	wr32(NOWHERE, 1);
	abort_report("abort-store", EC_DABT_CUR, 1);
	fid_call_at(NOWHERE);
	abort_report("abort-fetch", EC_IABT_CUR, 0);
	fid_sync_hook = 0;
}
