// SPDX-License-Identifier: MIT
/*
 * Stage-2 descriptors (Arm ARM DDI 0487 "Stage 2 translation table
 * descriptors"): MemAttr[5:2] 0b1111 normal write-back or 0b0001
 * Device-nGnRE, S2AP[7:6] read/write, XN bit 54. VTCR_EL2 starts the walk
 * at level 1 (SL0 = 1) with a 39-bit IPA (T0SZ = 25).
 */
#include "arch/aarch64/pgtable.h"
#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysregs.h"
#include "partita/layout.h"

#define S2_MEMATTR_NORMAL (0xFul << 2)
#define S2_MEMATTR_DEVICE (0x1ul << 2)
#define S2_AP_R (1ul << 6)
#define S2_AP_W (1ul << 7)

bool stage2_init(struct stage2 *s2, uint32_t vmid)
{
	s2->root = pgtable_alloc();
	s2->vmid = vmid;
	return s2->root != 0 && vmid > 0 && vmid < 256;
}

bool stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size,
		unsigned rights, int kind)
{
	uint64_t attrs = kind == STAGE2_DEVICE ? S2_MEMATTR_DEVICE :
			 (S2_MEMATTR_NORMAL | PT_SH_IS);

	if (rights & LAYOUT_RIGHT_R)
		attrs |= S2_AP_R;
	if (rights & LAYOUT_RIGHT_W)
		attrs |= S2_AP_W;
	if (!(rights & LAYOUT_RIGHT_X) || kind == STAGE2_DEVICE)
		attrs |= PT_XN;
	return pgtable_map(s2->root, ipa, pa, size, attrs, PT_LEVEL2_BLOCKS);
}

uint64_t stage2_vttbr(const struct stage2 *s2)
{
	return (uint64_t)(uintptr_t)s2->root | ((uint64_t)s2->vmid << 48);
}

uint64_t stage2_vtcr(void)
{
	uint64_t ps = sysreg_read(id_aa64mmfr0_el1) & 0xF;

	if (ps > 5)
		ps = 5;
	return (64 - PGTABLE_VA_BITS) | (1ul << 6) | (1ul << 8) | (1ul << 10) |
	       (3ul << 12) | (ps << 16) | (1ul << 31);
}
