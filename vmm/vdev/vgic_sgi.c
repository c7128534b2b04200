// SPDX-License-Identifier: MIT
/*
 * SGIs between a guest's own vCPUs. With HCR_EL2.IMO/FMO set, EL1 writes to
 * ICC_SGI0R_EL1, ICC_SGI1R_EL1 and ICC_ASGI1R_EL1 trap to EL2 (Arm ARM DDI
 * 0487 "ICC_SGI1R_EL1"); decode the target list and make the SGI pending on
 * each named vCPU of the same guest. vCPU n has affinity 0.0.0.n.
 */
#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "vdev/vgic.h"

/* ESR_EL2 ISS of a trapped MSR/MRS without Rt and direction */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	((uint64_t)(op0) << 20 | (uint64_t)(op2) << 17 | (uint64_t)(op1) << 14 | \
	 (uint64_t)(crn) << 10 | (uint64_t)(crm) << 1)
#define SYSREG_ISS_MASK 0x3FFC1Eul
/* ICC_SGI1R_EL1, ICC_ASGI1R_EL1, ICC_SGI0R_EL1: S3_0_C12_C11_<5, 6, 7> */
#define ICC_SGIXR_ISS  SYSREG_ISS(3, 0, 12, 11, 0)
#define SYSREG_OP2(esr) (((esr) >> 17) & 7)

#define SGIR_TARGETS(x) ((x) & 0xFFFF)
#define SGIR_INTID(x)   (((x) >> 24) & 0xF)
#define SGIR_IRM        (1ul << 40)
#define SGIR_AFF_RS     0xFF0F00FF0000ul    /* Aff3, RS, Aff2, Aff1 */

static void vgic_sgi_send(struct vcpu *v, uint64_t sgir)
{
	struct guest *g = v->guest;
	uint32_t intid = (uint32_t)SGIR_INTID(sgir);

	if (sgir & SGIR_IRM) {
		for (uint32_t i = 0; i < g->vcpu_count; i++) {
			if (i != v->index)
				vgic_inject(&g->vcpu[i], intid);
		}
		return;
	}
	if (sgir & SGIR_AFF_RS)
		return;     /* no vCPU has a non-zero Aff1..Aff3 or Aff0 >= 16 */
	vgic_sgi_to(v, (uint32_t)SGIR_TARGETS(sgir), intid);
}

/*
 * bit n of targets: vCPU n of v's guest (GICv3 Aff0, GICv2 CPU interface).
 * GICv2 keeps one pending instance per source (IHI 0048 "Software
 * Generated Interrupts"): the sender is recorded before the SGI is made
 * pending, and the flush gives each source its own list register.
 */
void vgic_sgi_to(struct vcpu *v, uint32_t targets, uint32_t intid)
{
	struct guest *g = v->guest;

	for (uint32_t i = 0; i < g->vcpu_count && i < 16; i++) {
		if (!(targets & (1u << i)))
			continue;
		if (!vgic_v3())
			__atomic_fetch_or(&vgic_cpu_of(&g->vcpu[i])->sgi_src[intid & 0xF],
					  (uint8_t)(1u << (v->index & 7)), __ATOMIC_ACQ_REL);
		vgic_inject(&g->vcpu[i], intid);
	}
}

bool vgic_sysreg(struct vcpu *v, struct frame *f, uint64_t esr)
{
	uint64_t iss = esr & SYSREG_ISS_MASK;
	unsigned rt = (unsigned)(esr >> 5) & 0x1F;

	/* one compare without Op2, then Op2 5-7 (issue 15: the IPI's first test) */
	if ((iss & ~SYSREG_ISS(0, 0, 0, 0, 7)) != ICC_SGIXR_ISS || SYSREG_OP2(esr) < 5)
		return vgic_coalesce_trap(v, esr);   /* retried, ELR unchanged */
	if (esr & 1)
		return false;   /* write-only registers: a read is undefined */
	vgic_sgi_send(v, rt == 31 ? 0 : f->x[rt]);
	f->elr += 4;
	return true;
}
