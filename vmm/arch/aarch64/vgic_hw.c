// SPDX-License-Identifier: MIT
/*
 * ICH_*_EL2 accessors (GICv3 IHI 0069 "ICH_LR<n>_EL2", "ICH_HCR_EL2",
 * "ICH_VTR_EL2", "ICH_ELRSR_EL2", "ICH_VMCR_EL2", "ICH_AP1R<n>_EL2").
 * System register names are encoded in the instruction, so list registers
 * are reached through a switch on their number. GICv2 boards go to
 * gic_v2_hyp.c through the same entry points.
 */
#include <stdbool.h>

#include "arch/aarch64/gic_v2_hyp.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vgic_hw.h"

#define ICH_HCR_EL2   S3_4_C12_C11_0
#define ICH_VTR_EL2   S3_4_C12_C11_1
#define ICH_VMCR_EL2  S3_4_C12_C11_7

#define LR_CASE_READ(n, crm, op2) case n: return sysreg_read(S3_4_C12_##crm##_##op2)
#define LR_CASE_WRITE(n, crm, op2) case n: sysreg_write(S3_4_C12_##crm##_##op2, val); break

bool vgic_hw_v2;
unsigned vgic_hw_nlrs;          /* the same on every CPU; read once */
uint32_t vgic_hw_all;

void vgic_hw_select(unsigned gic_version, uint64_t gich_pa)
{
	unsigned n;

	vgic_hw_v2 = gic_version == 2;
	if (vgic_hw_v2) {
		gic_v2_hyp_init(gich_pa);
		n = gic_v2_hyp_lr_count();
	} else {
		n = (unsigned)(sysreg_read(ICH_VTR_EL2) & 0x1F) + 1;
	}
	vgic_hw_nlrs = n > VGIC_HW_MAX_LRS ? VGIC_HW_MAX_LRS : n;
	vgic_hw_all = (1u << vgic_hw_nlrs) - 1;
}

uint64_t vgic_hw_lr_read(unsigned n)
{
	if (vgic_hw_v2)
		return gic_v2_hyp_lr_read(n);
	switch (n) {
	LR_CASE_READ(0, C12, 0); LR_CASE_READ(1, C12, 1);
	LR_CASE_READ(2, C12, 2); LR_CASE_READ(3, C12, 3);
	LR_CASE_READ(4, C12, 4); LR_CASE_READ(5, C12, 5);
	LR_CASE_READ(6, C12, 6); LR_CASE_READ(7, C12, 7);
	LR_CASE_READ(8, C13, 0); LR_CASE_READ(9, C13, 1);
	LR_CASE_READ(10, C13, 2); LR_CASE_READ(11, C13, 3);
	LR_CASE_READ(12, C13, 4); LR_CASE_READ(13, C13, 5);
	LR_CASE_READ(14, C13, 6); LR_CASE_READ(15, C13, 7);
	default: return 0;
	}
}

void vgic_hw_lr_write(unsigned n, uint64_t val)
{
	if (vgic_hw_v2) {
		gic_v2_hyp_lr_write(n, val);
		return;
	}
	/* LR 0, the one-interrupt flush's and most direct ones: no jump table */
	if (n == 0) {
		sysreg_write(S3_4_C12_C12_0, val);
		return;
	}
	switch (n) {
	LR_CASE_WRITE(0, C12, 0); LR_CASE_WRITE(1, C12, 1);
	LR_CASE_WRITE(2, C12, 2); LR_CASE_WRITE(3, C12, 3);
	LR_CASE_WRITE(4, C12, 4); LR_CASE_WRITE(5, C12, 5);
	LR_CASE_WRITE(6, C12, 6); LR_CASE_WRITE(7, C12, 7);
	LR_CASE_WRITE(8, C13, 0); LR_CASE_WRITE(9, C13, 1);
	LR_CASE_WRITE(10, C13, 2); LR_CASE_WRITE(11, C13, 3);
	LR_CASE_WRITE(12, C13, 4); LR_CASE_WRITE(13, C13, 5);
	LR_CASE_WRITE(14, C13, 6); LR_CASE_WRITE(15, C13, 7);
	default: break;
	}
}

void vgic_hw_set_underflow(int on)
{
	uint64_t hcr, want;

	if (vgic_hw_v2) {
		gic_v2_hyp_set_underflow(on);
		return;
	}
	hcr = sysreg_read(ICH_HCR_EL2);
	want = on ? (hcr | ICH_HCR_UIE) : (hcr & ~ICH_HCR_UIE);
	if (want != hcr)
		sysreg_write(ICH_HCR_EL2, want);
}

void vgic_hw_set_trap_ack(int on)
{
	uint64_t hcr = sysreg_read(ICH_HCR_EL2), trap = ICH_HCR_TALL0 | ICH_HCR_TALL1;

	if (vgic_hw_v2)
		return;     /* GICH_HCR has no trap controls */
	sysreg_write(ICH_HCR_EL2, on ? (hcr | trap) : (hcr & ~trap));
}

bool vgic_hw_trap_ack_on(void)
{
	return !vgic_hw_v2 && (sysreg_read(ICH_HCR_EL2) & (ICH_HCR_TALL0 | ICH_HCR_TALL1));
}

/*
 * An LR with EOI set and state invalid is not empty (ICH_ELRSR_EL2) and
 * keeps the maintenance interrupt asserted (ICH_EISR_EL2) until rewritten.
 */
void vgic_hw_drop_eoi_lrs(void)
{
	uint32_t busy = ~vgic_hw_empty_lrs() & ((1u << vgic_hw_nlrs) - 1);

	for (; busy; busy &= busy - 1) {
		unsigned n = (unsigned)__builtin_ctz(busy);
		uint64_t lr = vgic_hw_lr_read(n);

		if ((lr & (ICH_LR_EOI | ICH_LR_HW)) == ICH_LR_EOI)
			vgic_hw_lr_write(n, lr & ~ICH_LR_EOI);
	}
}

void vgic_hw_reset(void)
{
	unsigned n;

	if (vgic_hw_v2) {
		gic_v2_hyp_reset();
		return;
	}
	n = vgic_hw_lr_count();
	sysreg_write(ICH_HCR_EL2, 0);
	for (unsigned i = 0; i < n; i++)
		vgic_hw_lr_write(i, 0);
	/* active-priority registers: ICH_AP0R0/ICH_AP1R0 (5 priority bits: one each) */
	sysreg_write(S3_4_C12_C8_0, 0);
	sysreg_write(S3_4_C12_C9_0, 0);
	sysreg_write(ICH_VMCR_EL2, 0);
	sysreg_write(ICH_HCR_EL2, ICH_HCR_EN);
	isb();
}
