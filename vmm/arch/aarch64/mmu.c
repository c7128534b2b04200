// SPDX-License-Identifier: MIT
/*
 * EL2 stage-1 identity maps over the 39-bit address space: the boot map
 * (all RAM) and one view per CPU (devices, and only the RAM ranges core/
 * el2view.c gives it). TCR_EL2 and MAIR_EL2 values follow Arm ARM DDI 0487
 * ("TCR_EL2", "MAIR_EL2"); PS is taken from ID_AA64MMFR0_EL1.PARange.
 */
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/pgtable.h"
#include "arch/aarch64/sysregs.h"
#include "partita/layout.h"

#define ATTR_NORMAL ((uint64_t)MAIR_IDX_NORMAL << 2 | PT_SH_IS)
#define ATTR_DEVICE ((uint64_t)MAIR_IDX_DEVICE << 2 | PT_XN)
#define GIB (1ul << 30)

static uint64_t *mmu_root;
static uint64_t *mmu_view[LAYOUT_MAX_CPUS];

static bool mmu_map_device(uint64_t *root, uint64_t from, uint64_t to)
{
	if (to <= from)
		return true;
	return pgtable_map(root, from, from, to - from, ATTR_DEVICE,
			   PT_LEVEL1_BLOCKS | PT_LEVEL2_BLOCKS);
}

static bool mmu_map_normal(uint64_t *root, uint64_t pa, uint64_t size)
{
	return pgtable_map(root, pa, pa, size, ATTR_NORMAL, PT_LEVEL1_BLOCKS | PT_LEVEL2_BLOCKS);
}

/* devices below and above RAM; in RAM, what `ram` says (all of it, or nothing) */
static uint64_t *mmu_new_root(uint64_t ram_base, uint64_t ram_size, bool ram)
{
	uint64_t *root = pgtable_alloc();
	uint64_t end = ram_base + ram_size, top = 1ul << PGTABLE_VA_BITS;

	if (!root || end > top || !mmu_map_device(root, 0, ram_base) ||
	    !mmu_map_device(root, end, top) || (ram && !mmu_map_normal(root, ram_base, ram_size)))
		return 0;
	return root;
}

bool mmu_build(uint64_t ram_base, uint64_t ram_size)
{
	mmu_root = mmu_new_root(ram_base, ram_size, true);
	return mmu_root != 0;
}

bool mmu_view_begin(uint32_t cpu, uint64_t ram_base, uint64_t ram_size)
{
	if (cpu >= LAYOUT_MAX_CPUS)
		return false;
	mmu_view[cpu] = mmu_new_root(ram_base, ram_size, false);
	return mmu_view[cpu] != 0;
}

/* a range mapped already (a channel both ends of which run here) is kept */
bool mmu_view_map_ram(uint32_t cpu, uint64_t pa, uint64_t size)
{
	uint64_t *root = mmu_view[cpu];

	if (!root || !size)
		return root != 0;
	if (pgtable_lookup(root, pa) && pgtable_lookup(root, pa + size - 1))
		return true;
	return mmu_map_normal(root, pa, size);
}

bool mmu_view_maps(uint32_t cpu, uint64_t pa)
{
	return cpu < LAYOUT_MAX_CPUS && mmu_view[cpu] && pgtable_lookup(mmu_view[cpu], pa);
}

void mmu_view_drop(uint32_t cpu)
{
	mmu_view[cpu] = 0;    /* its tables stay used: the pool only grows */
}

/*
 * Same attributes for every page both maps hold, so no cache maintenance;
 * the TLB may hold the boot map's entries for RAM this view leaves out.
 */
void mmu_view_enter(uint32_t cpu)
{
	if (cpu >= LAYOUT_MAX_CPUS || !mmu_view[cpu])
		return;
	sysreg_write(ttbr0_el2, (uint64_t)(uintptr_t)mmu_view[cpu]);
	isb();
	__asm__ volatile("tlbi alle2; dsb nsh; isb" ::: "memory");
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
