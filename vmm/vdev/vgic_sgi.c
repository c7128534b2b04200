// SPDX-License-Identifier: MIT
/*
 * SGIs between a guest's own vCPUs. With HCR_EL2.IMO/FMO set, EL1 writes to
 * ICC_SGI0R_EL1, ICC_SGI1R_EL1 and ICC_ASGI1R_EL1 trap to EL2 (Arm ARM DDI
 * 0487 "ICC_SGI1R_EL1"); decode the target list and make the SGI pending on
 * each named vCPU of the same guest. vCPU n has affinity 0.0.0.n.
 */
#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vgic_hw.h"
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
/* every vCPU of a guest has a bit in a 16-bit target list */
_Static_assert(LAYOUT_MAX_VCPUS <= 16, "vCPU target lists");

static void vgic_sgi_send(struct vcpu *v, uint64_t sgir)
{
	uint32_t intid = (uint32_t)SGIR_INTID(sgir);

	if (sgir & SGIR_IRM) {
		/* every vCPU but the sender (at most 8: all in the target list) */
		vgic_sgi_to(v, ~(1u << v->index), intid);
		return;
	}
	if (sgir & SGIR_AFF_RS)
		return;     /* no vCPU has a non-zero Aff1..Aff3 or Aff0 >= 16 */
	vgic_sgi_to(v, (uint32_t)SGIR_TARGETS(sgir), intid);
}

/*
 * SGI intid pending on t, a vCPU of the sender's guest other than the
 * sender (so not the vCPU this CPU runs: no direct LR), straight-line
 * (issue 15). The protocol of vgic_pend: the bit, then its word's dirty
 * bit, then a kick if the bit went 0 -> 1 and the SGI is enabled (an
 * enable racing with it kicks itself: vgic_set_enabled). No in_lr read:
 * only SPIs are ever coalesced in_lr (vgic_coalesce_mark).
 */
static inline void vgic_sgi_pend(struct vcpu *t, uint32_t intid)
{
	struct vgic_cpu *c = vgic_cpu_of(t);
	uint32_t bit = 1u << intid;
	uint32_t old = __atomic_fetch_or(&c->pending[0], bit, __ATOMIC_SEQ_CST);

	__atomic_fetch_or(&c->dirty, (uint16_t)1, __ATOMIC_SEQ_CST);
	if (!(old & bit) && (__atomic_load_n(&c->enabled, __ATOMIC_RELAXED) & bit))
		vgic_kick(t);
}

/* one target: GICv2's source first, then pending (v itself: a free LR);
 * an SGI is only sent with a virtual GIC, so the interface says which */
static inline void vgic_sgi_one(struct vcpu *v, struct vcpu *t, uint32_t intid)
{
	if (vgic_hw_v2)
		__atomic_fetch_or(&vgic_cpu_of(t)->sgi_src[intid],
				  (uint8_t)(1u << (v->index & 7)), __ATOMIC_ACQ_REL);
	if (t == v)
		vgic_inject(t, intid);
	else
		vgic_sgi_pend(t, intid);
}

/*
 * bit n of targets: vCPU n of v's guest (GICv3 Aff0, GICv2 CPU interface).
 * GICv2 keeps one pending instance per source (IHI 0048 "Software
 * Generated Interrupts"): the sender is recorded before the SGI is made
 * pending, and the flush gives each source its own list register. One
 * target, the usual IPI, is taken apart from the loop: it needs no
 * registers kept across calls.
 */
static void __attribute__((noinline)) vgic_sgi_many(struct vcpu *v, uint32_t targets,
						    uint32_t intid)
{
	for (; targets; targets &= targets - 1)
		vgic_sgi_one(v, &v->guest->vcpu[__builtin_ctz(targets)], intid);
}

void vgic_sgi_to(struct vcpu *v, uint32_t targets, uint32_t intid)
{
	struct guest *g = v->guest;

	intid &= 0xF;
	targets &= (1u << g->vcpu_count) - 1;
	if (targets & (targets - 1))
		vgic_sgi_many(v, targets, intid);
	else if (targets)
		vgic_sgi_one(v, &g->vcpu[__builtin_ctz(targets)], intid);
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
