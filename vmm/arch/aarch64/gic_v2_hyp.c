// SPDX-License-Identifier: MIT
/*
 * GICH accessors (IHI 0048 "GICH_HCR", "GICH_VTR", "GICH_ELRSR0/1",
 * "GICH_APR", "GICH_LRn"). A GICv2 list register is 32 bits: VirtualID
 * [9:0], PhysicalID [19:10] (with HW) or, without HW, EOI [19] and for an
 * SGI the source CPUID [12:10], Priority [27:23] (the top 5 bits of the 8-bit priority), State
 * [29:28], Grp1 [30], HW [31]. Converted here to and from the GICv3 ICH_LR
 * layout the generic code uses, the CPUID riding in vINTID bits [12:10],
 * EOI in ICH_LR bit 41.
 */
#include "arch/aarch64/gic_v2_hyp.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vgic_hw.h"

#define GICH_HCR    0x000
#define GICH_VTR    0x004
#define GICH_VMCR   0x008
#define GICH_APR    0x0F0

#define GICH_HCR_EN  (1u << 0)
#define GICH_HCR_UIE (1u << 1)

#define V2_LR_VID(x)      ((x) & 0x3FFu)
#define V2_LR_CPUID       0x1C00u  /* without HW: an SGI's source CPU */
#define V2_LR_EOI         (1u << 19)  /* without HW: maintenance IRQ on deactivation */
#define V2_LR_ACTIVE      (1u << 29)

uint64_t gic_v2_hyp_gich;       /* extern: the inline accessors in gic_v2_hyp.h */

static inline volatile uint32_t *gich_reg(uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(gic_v2_hyp_gich + off);
}

void gic_v2_hyp_init(uint64_t gich_pa)
{
	gic_v2_hyp_gich = gich_pa;
}

unsigned gic_v2_hyp_lr_count(void)
{
	unsigned n = (*gich_reg(GICH_VTR) & 0x3F) + 1;

	return n > VGIC_HW_MAX_LRS ? VGIC_HW_MAX_LRS : n;
}

static uint64_t v2_to_ich(uint32_t lr)
{
	uint64_t prio = (lr >> V2_LR_PRIO_SHIFT) & 0x1F;
	uint64_t v = V2_LR_VID(lr) | prio << (ICH_LR_PRIO_SHIFT + 3);

	if (lr & V2_LR_PENDING)
		v |= ICH_LR_PENDING;
	if (lr & V2_LR_ACTIVE)
		v |= ICH_LR_ACTIVE;
	if (lr & V2_LR_GRP1)
		v |= ICH_LR_GROUP1;
	if (lr & V2_LR_HW)
		v |= ICH_LR_HW | (uint64_t)((lr >> V2_LR_PID_SHIFT) & 0x3FF) << ICH_LR_PINTID_SHIFT;
	else
		v |= (lr & V2_LR_CPUID) | ((lr & V2_LR_EOI) ? ICH_LR_EOI : 0);
	return v;
}

static uint32_t ich_to_v2(uint64_t v)
{
	uint32_t lr = V2_LR_VID((uint32_t)v) |
		      (uint32_t)((v >> (ICH_LR_PRIO_SHIFT + 3)) & 0x1F) << V2_LR_PRIO_SHIFT;

	if (v & ICH_LR_PENDING)
		lr |= V2_LR_PENDING;
	if (v & ICH_LR_ACTIVE)
		lr |= V2_LR_ACTIVE;
	if (v & ICH_LR_GROUP1)
		lr |= V2_LR_GRP1;
	if (v & ICH_LR_HW)
		lr |= V2_LR_HW | (uint32_t)(ICH_LR_PINTID(v) & 0x3FF) << V2_LR_PID_SHIFT;
	else
		lr |= ((uint32_t)v & V2_LR_CPUID) | ((v & ICH_LR_EOI) ? V2_LR_EOI : 0);
	return lr;
}

uint64_t gic_v2_hyp_lr_read(unsigned n)
{
	return v2_to_ich(*gich_reg(GICH_LR0 + 4 * n));
}

void gic_v2_hyp_lr_write(unsigned n, uint64_t ich_lr)
{
	*gich_reg(GICH_LR0 + 4 * n) = ich_to_v2(ich_lr);
}

void gic_v2_hyp_set_underflow(int on)
{
	uint32_t hcr = *gich_reg(GICH_HCR);
	uint32_t want = on ? (hcr | GICH_HCR_UIE) : (hcr & ~GICH_HCR_UIE);

	if (want != hcr)
		*gich_reg(GICH_HCR) = want;
}

void gic_v2_hyp_reset(void)
{
	unsigned n = gic_v2_hyp_lr_count();

	*gich_reg(GICH_HCR) = 0;
	for (unsigned i = 0; i < n; i++)
		*gich_reg(GICH_LR0 + 4 * i) = 0;
	*gich_reg(GICH_APR) = 0;
	*gich_reg(GICH_VMCR) = 0;
	*gich_reg(GICH_HCR) = GICH_HCR_EN;
	dsb_ish();
}
