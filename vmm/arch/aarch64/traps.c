// SPDX-License-Identifier: MIT
/*
 * Exits from a guest. Synchronous exceptions dispatch through a table
 * indexed by ESR_EL2.EC (Arm ARM DDI 0487 "ESR_EL2"); data aborts inside an
 * emulated window become mmio accesses, everything a guest may not do
 * becomes a fault. IRQs at EL2 are kicks from other CPUs and what the
 * virtual GIC forwards (virtual timer, maintenance, passthrough SPIs).
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/traps.h"
#include "core/fault.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/hvc.h"
#include "core/log.h"
#include "core/mmio.h"
#include "core/sched.h"
#include "arch/aarch64/vpmu.h"
#include "vdev/vgic.h"
#include "vdev/vgic_fwd.h"
#include "vdev/vpl011.h"

typedef void (*trap_fn)(struct vcpu *v, struct frame *f, uint64_t esr);

static inline __attribute__((always_inline)) void trap_take_irq(struct cpu *c);

static void trap_fault(struct vcpu *v, struct frame *f, uint64_t esr,
		       enum fault_kind kind, const char *what, const char *detail)
{
	struct fault ft = {
		.kind = kind, .what = what, .detail = detail, .access = -1,
		.esr = esr, .elr = f->elr, .far = sysreg_read(far_el2),
	};

	fault_raise(v, f, &ft);
}

static void trap_hvc(struct vcpu *v, struct frame *f, uint64_t esr)
{
	hvc_handle(v, f, (uint32_t)(esr & 0xFFFF));
}

static void trap_smc(struct vcpu *v, struct frame *f, uint64_t esr)
{
	trap_fault(v, f, esr, FAULT_OTHER, "smc", "guests call the hypervisor with hvc");
}

static void trap_wfx(struct vcpu *v, struct frame *f, uint64_t esr)
{
	/* WFI, trapped (HCR_EL2.TWI) only where this exit has work: a CPU
	 * with a plan, or a GIC that needs the bounded sleep (vcpu_arch.c);
	 * WFE is not trapped */
	if (!(esr & 1)) {
		vpl011_idle(v);
		conout_idle();
		/* what woke the CPU is pending at EL2: take it here, not after
		 * one more entry into the guest and exit */
		if (vgic_wfi(v))
			trap_take_irq(vcpu_this_cpu());
		if (vcpu_this_cpu()->twi_follows_timer)
			arch_twi_wfi_exit();
	}
	f->elr += ESR_INSN_BYTES(esr);
}

static void trap_sysreg(struct vcpu *v, struct frame *f, uint64_t esr)
{
	/* ISS: Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] dir[0] */
	if (vgic_sysreg(v, f, esr) || vpmu_sysreg(v, f, esr))
		return;
	log_printf("vmm|%s|trapped %s of S%lu_%lu_C%lu_C%lu_%lu (x%lu)\n", v->guest->name,
		   (esr & 1) ? "read" : "write", (esr >> 20) & 3, (esr >> 14) & 7,
		   (esr >> 10) & 0xF, (esr >> 1) & 0xF, (esr >> 17) & 7, (esr >> 5) & 0x1F);
	trap_fault(v, f, esr, FAULT_OTHER, "system register", "access not allowed");
}

static void trap_unknown(struct vcpu *v, struct frame *f, uint64_t esr)
{
	trap_fault(v, f, esr, FAULT_OTHER, "unexpected exception", "unhandled EC");
}

/*
 * Every entry filled, in EC order (eight a row), so the dispatch needs no
 * test for an empty one (issue 15: 4 instructions per exit). The asserts
 * tie the rows to the EC values.
 */
#define U trap_unknown
_Static_assert(EC_WFX == 0x01 && EC_HVC64 == 0x16 && EC_SMC64 == 0x17 &&
	       EC_SYSREG == 0x18 && EC_IABT_LOW == 0x20 && EC_DABT_LOW == 0x24,
	       "trap_table rows");
static const trap_fn trap_table[64] = {
	U, trap_wfx, U, U, U, U, U, U,                  /* 0x00 */
	U, U, U, U, U, U, U, U,                         /* 0x08 */
	U, U, U, U, U, U, trap_hvc, trap_smc,           /* 0x10 */
	trap_sysreg, U, U, U, U, U, U, U,               /* 0x18 */
	trap_abort, U, U, U, trap_abort, U, U, U,       /* 0x20 */
	U, U, U, U, U, U, U, U,                         /* 0x28 */
	U, U, U, U, U, U, U, U,                         /* 0x30 */
	U, U, U, U, U, U, U, U,                         /* 0x38 */
};
#undef U

/* the end of an exit on the full frame */
static void trap_sync_end(struct vcpu *v, struct frame *f)
{
	vcpu_check_stop(v);
	vgic_flush(v);
	if (sched_exit(vcpu_this_cpu()))
		sched_switch(f);    /* its window ended (the frame is complete here) */
}

void trap_sync(struct frame *f)
{
	struct vcpu *v = vcpu_this_cpu()->vcpu;
	uint64_t esr = sysreg_read(esr_el2), elr = f->elr;
	trap_table[ESR_EC(esr)](v, f, esr);
	trap_step_done(f, elr, esr);
	trap_sync_end(v, f);
}

/* trap_abort_light's TRAP_LIGHT_FAULT: the refused access's fault */
void trap_sync_refused(struct frame *f)
{
	struct vcpu *v = vcpu_this_cpu()->vcpu;

	trap_abort_refused(v, f);
	trap_sync_end(v, f);
}

/*
 * A synchronous exit with ESR_EL2.EC below 0x20 (WFx, HVC, system register
 * traps; vectors.S sends aborts to trap_abort_light), with a frame of
 * x0-x19, x30, ELR and SPSR and ESR_EL2 in esr: x20-x29 are neither saved
 * nor restored (AAPCS64 callee-saved in C). Taken here: a WFI, an hvc #0
 * that hvc_light answers from x0-x2, and the vGIC's ICC_SGI*R_EL1 and
 * acknowledge traps when Rt is one of the saved registers (or xzr).
 * Anything else goes back to the vector, which completes the frame for
 * trap_sync: nothing was changed.
 */
unsigned long trap_sync_light(struct frame *f, uint64_t esr)
{
	struct cpu *c = vcpu_this_cpu();
	struct vcpu *v = c->vcpu;
	unsigned rt = (unsigned)(esr >> 5) & 0x1F;

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		/* its ELR already points past it: no software-step fix-up */
		if ((esr & 0xFFFF) != 0 || !hvc_light(v, f))
			return TRAP_LIGHT_FULL;
		break;
	case EC_WFX:
		trap_wfx(v, f, esr);
		trap_step_done(f, f->elr - ESR_INSN_BYTES(esr), esr);
		break;
	case EC_SYSREG: {
		uint64_t elr = f->elr;

		if ((rt > 19 && rt < 30) || !vgic_sysreg(v, f, esr))
			return TRAP_LIGHT_FULL;
		trap_step_done(f, elr, esr);
		break;
	}
	default:
		return TRAP_LIGHT_FULL;
	}
	return trap_light_end(c, v);
}

/*
 * The general path of one physical interrupt at EL2: a kick, the
 * console's, or the vGIC's (noinline: the fast path does not pay for its
 * frame and calls).
 */
static void __attribute__((noinline)) trap_take_irq_slow(struct cpu *c, uint32_t iar,
							 uint32_t intid)
{
	enum vgic_take took = VGIC_TAKEN;

	/* the console's receive interrupt is an SPI: a PPI goes to the vGIC */
	if (!htimer_take_irq(c, intid) && (intid < 32 || !vpl011_take_irq(intid)))
		took = vgic_take_irq(c->vcpu, intid);
	if (took == VGIC_NOT_MINE) {
		log_printf("vmm|cpu%u: unexpected interrupt %u at EL2, disabled\n",
			   c->index, intid);
		gic_disable(intid);
	}
	if (took == VGIC_TAKEN_HW)
		gic_drop(iar);      /* the guest's EOI deactivates it */
	else
		gic_eoi(iar);
}

/*
 * One physical interrupt at EL2. First a kick, which only brings the CPU
 * here for the flush; then the fast path: forwarded to this CPU's vCPU
 * and straight into an empty LR (vgic_fwd.h; it never claims the
 * runtime's own interrupts); the general path for the rest.
 */
static inline __attribute__((always_inline)) void trap_take_irq(struct cpu *c)
{
	uint32_t iar = gic_ack(), intid = gic_intid(iar);

	if (intid >= VGIC_FWD_INTIDS)
		return;
	/* a kick (an IPI, a doorbell): the flush on the way back is its work */
	if (intid == GIC_SGI_KICK)
		gic_eoi(iar);
	else if (vgic_fwd_take(c->vcpu, intid))
		gic_drop(iar);      /* the guest's EOI deactivates it */
	else
		trap_take_irq_slow(c, iar, intid);
}

/*
 * No frame: vector_irq saves only the caller-saved registers and leaves
 * ELR and SPSR in the system registers. true: the vCPU's window ended,
 * vectors_switch_irq completes the frame.
 */
bool trap_irq(void)
{
	struct cpu *c = vcpu_this_cpu();

	trap_take_irq(c);
	if (__builtin_expect(c->twi_follows_timer, 0))
		arch_twi_irq_exit();
	vcpu_check_stop(c->vcpu);
	vgic_flush(c->vcpu);
	return sched_exit(c);
}

bool trap_fiq(void)
{
	return trap_irq();
}

/*
 * A physical SError taken while a guest ran (HCR_EL2.AMO) is that guest's:
 * its CPU runs nothing else. Its ELR is wherever the guest happened to be,
 * so under on_fault: abort it becomes a virtual SError, not an exception
 * at that instruction.
 */
void trap_serror(struct frame *f)
{
	struct vcpu *v = vcpu_this_cpu()->vcpu;

	trap_fault(v, f, sysreg_read(esr_el2), FAULT_SERROR, "SError", "asynchronous abort");
	vcpu_check_stop(v);
}

void trap_aarch32(struct frame *f)
{
	struct vcpu *v = vcpu_this_cpu()->vcpu;

	trap_fault(v, f, sysreg_read(esr_el2), FAULT_OTHER, "AArch32 exception",
		   "AArch32 guests are not supported");
	vcpu_check_stop(v);
}

void trap_el2_panic(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	log_printf("vmm|panic: exception %lu at EL2, ESR 0x%lx, ELR 0x%lx, FAR 0x%lx\n",
		   kind, esr, elr, far);
	arch_panic("exception at EL2");
}
