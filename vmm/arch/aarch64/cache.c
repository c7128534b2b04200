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

void cache_inval_icache_all(void)
{
	__asm__ volatile("ic ialluis; dsb ish; isb" ::: "memory");
}
