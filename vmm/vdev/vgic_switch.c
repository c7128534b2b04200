// SPDX-License-Identifier: MIT
/*
 * The virtual GIC of a vCPU across its windows (time partitioning): its
 * list registers, virtual machine control and active priorities (GICv3
 * ICH_LR<n>_EL2, ICH_VMCR_EL2, ICH_AP0R<n>/AP1R<n>_EL2, ICH_HCR_EL2, IHI
 * 0069; GICv2 GICH_LRn, GICH_VMCR, GICH_APR, GICH_HCR, IHI 0048), the
 * active state of its forwarded PPIs at the physical GIC, and its
 * passthrough SPIs, masked at the distributor while it is descheduled so
 * a device of a guest out of its window cannot interrupt another guest's.
 * Interrupts injected meanwhile wait in its software pending bitmap; the
 * flush after vgic_switch_in places them.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vpmu.h"
#include "core/guest.h"
#include "vdev/vgic.h"
#include "vdev/vgic_switch.h"

#define ICH_HCR_EL2   S3_4_C12_C11_0
#define ICH_VTR_EL2   S3_4_C12_C11_1
#define ICH_VMCR_EL2  S3_4_C12_C11_7
#define GICH_HCR      0x000
#define GICH_VMCR     0x008
#define GICH_APR      0x0F0

static volatile uint32_t *vgic_switch_gich(uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(rt.layout->board.gich_pa + off);
}

/* ICH_VTR_EL2.PREbits [28:26] + 1 priority bits: 1, 2 or 4 APR registers each */
static unsigned vgic_switch_aprs(void)
{
	unsigned pre = (unsigned)((sysreg_read(ICH_VTR_EL2) >> 26) & 7) + 1;

	return pre <= 5 ? 1u : pre == 6 ? 2u : 4u;
}

#define APR_CASE(n) case n: \
	if (save) { s->ap0r[n] = (uint32_t)sysreg_read(S3_4_C12_C8_##n); \
		    s->ap1r[n] = (uint32_t)sysreg_read(S3_4_C12_C9_##n); } \
	else { sysreg_write(S3_4_C12_C8_##n, s->ap0r[n]); \
	       sysreg_write(S3_4_C12_C9_##n, s->ap1r[n]); } break

static void vgic_switch_v3_aprs(struct vgic_ctx *s, bool save)
{
	for (unsigned n = 0; n < vgic_switch_aprs(); n++) {
		switch (n) { APR_CASE(0); APR_CASE(1); APR_CASE(2); APR_CASE(3); default: break; }
	}
}

static uint32_t vgic_switch_ppis(void)
{
	const struct layout_board *b = &rt.layout->board;

	return 1u << b->vtimer_irq | 1u << b->ptimer_irq | 1u << VPMU_PPI;
}

void vgic_switch_out(struct vcpu *v, struct vgic_ctx *s)
{
	if (vgic_ready()) {
		if (vgic_v3()) {
			s->hcr = sysreg_read(ICH_HCR_EL2);
			s->vmcr = sysreg_read(ICH_VMCR_EL2);
			vgic_switch_v3_aprs(s, true);
		} else {
			s->hcr = *vgic_switch_gich(GICH_HCR);
			s->vmcr = *vgic_switch_gich(GICH_VMCR);
			s->ap1r[0] = *vgic_switch_gich(GICH_APR);
		}
		for (unsigned n = 0; n < vgic_hw_lr_count(); n++)
			s->lr[n] = vgic_hw_lr_read(n);
		vgic_hw_reset();
	}
	/* a forwarded PPI still active for v must not block the next vCPU's */
	s->ppi_active = gic_private_active() & vgic_switch_ppis();
	gic_private_set_active(s->ppi_active, false);
	vgic_hwirq_vcpu_mask(v);
}

void vgic_switch_in(struct vcpu *v, const struct vgic_ctx *s)
{
	/* a vCPU parked in the last window may have left one active */
	gic_private_set_active(vgic_switch_ppis() & ~s->ppi_active, false);
	gic_private_set_active(s->ppi_active, true);
	if (vgic_ready()) {
		for (unsigned n = 0; n < vgic_hw_lr_count(); n++)
			vgic_hw_lr_write(n, s->lr[n]);
		if (vgic_v3()) {
			vgic_switch_v3_aprs((struct vgic_ctx *)s, false);
			sysreg_write(ICH_VMCR_EL2, s->vmcr);
			sysreg_write(ICH_HCR_EL2, s->hcr);
		} else {
			*vgic_switch_gich(GICH_APR) = s->ap1r[0];
			*vgic_switch_gich(GICH_VMCR) = (uint32_t)s->vmcr;
			*vgic_switch_gich(GICH_HCR) = (uint32_t)s->hcr;
		}
		isb();
	}
	vgic_hwirq_vcpu_start(v);   /* its passthrough SPIs unmasked again */
}
