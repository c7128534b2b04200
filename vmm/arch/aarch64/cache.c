// SPDX-License-Identifier: MIT
/*
 * Data cache maintenance over a VA range using the minimum line size from
 * CTR_EL0.DminLine, and instruction cache invalidation for all CPUs.
 */
#include "arch/aarch64/cache.h"
#include "arch/aarch64/sysregs.h"

static uint64_t cache_line(void)
{
	return 4ul << ((sysreg_read(ctr_el0) >> 16) & 0xF);
}

void cache_clean_range(uint64_t va, uint64_t size)
{
	uint64_t line = cache_line();

	for (uint64_t a = va & ~(line - 1); a < va + size; a += line)
		__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
	dsb_sy();
}

void cache_clean_inval_range(uint64_t va, uint64_t size)
{
	uint64_t line = cache_line();

	for (uint64_t a = va & ~(line - 1); a < va + size; a += line)
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	dsb_sy();
}

/* Discards lines without writing them back: only for memory written with
 * the MMU off, whose stale cached copies must never reach memory. */
void cache_inval_range(uint64_t va, uint64_t size)
{
	uint64_t line = cache_line();

	for (uint64_t a = va & ~(line - 1); a < va + size; a += line)
		__asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb_sy();
}

/*
 * Zero [va, va + size) and leave it clean and invalid to PoC, for a guest
 * that starts with its caches off: DC ZVA per block where DCZID_EL0
 * allows it (Arm ARM DDI 0487 "DC ZVA"), then DC CIVAC of the block's
 * lines while they are still close. Dirty lines of the range held by any
 * other CPU (the guest's previous run) are invalidated by the same
 * maintenance, which is broadcast to the Inner Shareable domain.
 */
void cache_zero_range(uint64_t va, uint64_t size)
{
	uint64_t dczid = sysreg_read(dczid_el0), line = cache_line();
	uint64_t block = 4ul << (dczid & 0xF);
	bool zva = !(dczid & (1ul << 4)) && block >= line && !(va & (block - 1)) &&
		   !(size & (block - 1));

	if (!zva)
		block = line;
	for (uint64_t a = va & ~(line - 1); a < va + size; a += block) {
		if (zva) {
			__asm__ volatile("dc zva, %0" : : "r"(a) : "memory");
		} else {
			for (uint64_t w = a; w < a + block; w += 8)
				*(volatile uint64_t *)(uintptr_t)w = 0;
		}
		for (uint64_t l = a; l < a + block; l += line)
			__asm__ volatile("dc civac, %0" : : "r"(l) : "memory");
	}
	dsb_sy();
}

void cache_inval_icache_all(void)
{
	__asm__ volatile("ic ialluis; dsb ish; isb" ::: "memory");
}
