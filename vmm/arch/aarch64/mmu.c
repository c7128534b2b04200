// SPDX-License-Identifier: MIT
/*
 * EL2 stage-1 identity map over the 39-bit address space. TCR_EL2 and
 * MAIR_EL2 values follow Arm ARM DDI 0487 ("TCR_EL2", "MAIR_EL2"); PS is
 * taken from ID_AA64MMFR0_EL1.PARange.
 */
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/pgtable.h"
#include "arch/aarch64/sysregs.h"

#define ATTR_NORMAL ((uint64_t)MAIR_IDX_NORMAL << 2 | PT_SH_IS)
#define ATTR_DEVICE ((uint64_t)MAIR_IDX_DEVICE << 2 | PT_XN)
#define GIB (1ul << 30)

static uint64_t *mmu_root;

static bool mmu_map_device(uint64_t from, uint64_t to)
{
	if (to <= from)
		return true;
	return pgtable_map(mmu_root, from, from, to - from, ATTR_DEVICE,
			   PT_LEVEL1_BLOCKS | PT_LEVEL2_BLOCKS);
}

bool mmu_build(uint64_t ram_base, uint64_t ram_size)
{
	uint64_t end = ram_base + ram_size;
	uint64_t top = 1ul << PGTABLE_VA_BITS;

	mmu_root = pgtable_alloc();
	if (!mmu_root || end > top)
		return false;
	return mmu_map_device(0, ram_base) &&
	       pgtable_map(mmu_root, ram_base, ram_base, ram_size, ATTR_NORMAL,
			   PT_LEVEL1_BLOCKS | PT_LEVEL2_BLOCKS) &&
	       mmu_map_device(end, top);
}

static uint64_t mmu_tcr(void)
{
	uint64_t ps = sysreg_read(id_aa64mmfr0_el1) & 0xF;

	if (ps > 5)
		ps = 5;
	return (64 - PGTABLE_VA_BITS) | (1ul << 8) | (1ul << 10) | (3ul << 12) |
	       (ps << 16) | (1ul << 23) | (1ul << 31);
}

void mmu_enable(void)
{
	__asm__ volatile("tlbi alle2; dsb sy; isb" ::: "memory");
	sysreg_write(mair_el2, MAIR_EL2_VALUE);
	sysreg_write(tcr_el2, mmu_tcr());
	sysreg_write(ttbr0_el2, (uint64_t)(uintptr_t)mmu_root);
	isb();
	sysreg_write(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I);
	isb();
}
