// SPDX-License-Identifier: MIT
/*
 * Stage-2 aborts from a guest (ESR_EL2 EC 0x20/0x24). The faulting IPA comes
 * from HPFAR_EL2, or from AT S1E1R/W when HPFAR is not valid (permission
 * faults). Accesses inside an emulated window with a valid syndrome (ISV)
 * are emulated, on the light exit's frame when Rt allows
 * (trap_abort_light); everything else is a guest fault with a decoded cause.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/traps.h"
#include "core/fault.h"
#include "core/guest.h"
#include "core/mmio.h"

#define ABT_S1PTW (1ul << 7)    /* ISS.S1PTW: on the guest's stage-1 table walk */

static const char *abort_cause(uint64_t fsc)
{
	static const char *const names[4][4] = {
		{ "address size fault, level 0", "address size fault, level 1",
		  "address size fault, level 2", "address size fault, level 3" },
		{ "translation fault, level 0", "translation fault, level 1",
		  "translation fault, level 2", "translation fault, level 3" },
		{ "access flag fault, level 0", "access flag fault, level 1",
		  "access flag fault, level 2", "access flag fault, level 3" },
		{ "permission fault, level 0", "permission fault, level 1",
		  "permission fault, level 2", "permission fault, level 3" },
	};

	if (fsc < 0x10)
		return names[fsc >> 2][fsc & 3];
	if (fsc == 0x10)
		return "synchronous external abort";
	if (fsc == 0x21)
		return "alignment fault";
	return "other fault";
}

/* inlined into both abort paths: no call on the light one (issue 15) */
#define ABORT_INLINE static inline __attribute__((always_inline))

ABORT_INLINE bool abort_ipa(uint64_t esr, uint64_t far, uint64_t *ipa)
{
	uint64_t fsc = ABT_FSC(esr), par;

	if ((fsc & 0x3C) != 0x0C || (esr & ABT_S1PTW)) {    /* not perm, or S1PTW */
		*ipa = ((sysreg_read(hpfar_el2) >> 4) << 12) | (far & 0xFFF);
		return true;
	}
	par = sysreg_read(par_el1);
	if (esr & DABT_WNR)
		__asm__ volatile("at s1e1w, %0; isb" : : "r"(far));
	else
		__asm__ volatile("at s1e1r, %0; isb" : : "r"(far));
	*ipa = (sysreg_read(par_el1) & 0xFFFFFFFFF000ul) | (far & 0xFFF);
	if (sysreg_read(par_el1) & 1)
		*ipa = 0;
	sysreg_write(par_el1, par);
	return *ipa != 0;
}

/*
 * The syndrome describes the access (ISS.ISV): a single load or store of
 * a general-purpose register. A stage-2 fault on the guest's stage-1
 * table walk (ISS.S1PTW) is not its instruction's access: never emulated
 * (the Arm ARM gives it no syndrome; checked all the same).
 */
static inline bool abort_syndrome(uint64_t esr)
{
	return (esr & (DABT_ISV | ABT_S1PTW)) == DABT_ISV;
}

enum abort_mmio {
	ABORT_MMIO_DONE,        /* emulated, Rt and ELR updated */
	ABORT_MMIO_NONE,        /* no window: nothing was done */
	ABORT_MMIO_REFUSED,     /* the window's handler refused: a fault */
};

/*
 * A data abort the syndrome describes (abort_syndrome) inside an emulated
 * window goes to its handler with the low ISS.SAS bytes of Rt (a write);
 * a read's value is written back to Rt, sign-extended by ISS.SSE, then
 * zero-extended from 32 bits unless ISS.SF (Arm ARM DDI 0487 "ISS
 * encoding for an exception from a Data Abort"), and ELR moves past the
 * instruction. A refusal may come after the device acted (a passthrough
 * replay the device aborted): the access is never made twice.
 */
ABORT_INLINE enum abort_mmio abort_emulate(struct vcpu *v, struct frame *f, uint64_t esr,
					  uint64_t ipa, const char **refused)
{
	struct guest *g = v->guest;
	const struct mmio_window *w;
	struct mmio_access a;
	unsigned reg = DABT_SRT(esr), sh;
	bool write = (esr & DABT_WNR) != 0;
	unsigned width = 1u << DABT_SAS(esr);

	/*
	 * The guest's last window first: accesses come in runs to one device
	 * (a console's FR polls and DR writes, a virtio driver's registers),
	 * wherever it sits in the table. Only a hint, checked like any table
	 * entry: the table never changes once the guest is built, so a value
	 * another vCPU of this guest just stored costs at most a scan.
	 */
	w = __atomic_load_n(&g->window_last, __ATOMIC_RELAXED);
	if (!w || !mmio_inside(w, ipa, width)) {
		w = mmio_find(g->window, g->window_count, ipa, width);
		if (!w)
			return ABORT_MMIO_NONE;
		__atomic_store_n(&g->window_last, w, __ATOMIC_RELAXED);
	}
	/* field by field: an initializer of the whole struct is a memset call */
	sh = 64 - 8 * width;        /* the bits above the access: 0 for 64-bit */
	a.ipa = ipa;
	a.width = width;
	a.offset = ipa - w->ipa;
	a.write = write;
	a.reg = reg;
	a.value = write && reg != 31 ? f->x[reg] << sh >> sh : 0;
	a.refused = 0;
	if (!w->handler(v, &a, w->priv)) {
		*refused = a.refused;
		return ABORT_MMIO_REFUSED;
	}
	if (!write && reg != 31) {
		uint64_t val = a.value << sh;

		val = (esr & DABT_SSE) ? (uint64_t)((int64_t)val >> sh) : val >> sh;
		f->x[reg] = (esr & DABT_SF) ? val : (uint32_t)val;
	}
	f->elr += ESR_INSN_BYTES(esr);
	return ABORT_MMIO_DONE;
}

/* a guest fault for a data or instruction abort the runtime does not emulate */
static void abort_fault(struct fault *ft, uint64_t esr, uint64_t elr, uint64_t far,
			bool has_ipa, uint64_t ipa, const char *refused)
{
	int data = ESR_EC(esr) == EC_DABT_LOW;

	ft->kind = data ? FAULT_DATA_ABORT : FAULT_INSN_ABORT;
	ft->what = data ? "data abort" : "instruction abort";
	ft->detail = refused ? refused : abort_cause(ABT_FSC(esr));
	ft->access = data ? !!(esr & DABT_WNR) : -1;
	ft->has_ipa = has_ipa;
	ft->ipa = ipa;
	ft->esr = esr;
	ft->elr = elr;
	ft->far = far;
}

/*
 * An access the light exit's handler refused, decoded before the handler
 * ran: a replay the device answered with an external abort took that
 * exception at EL2, which rewrote ESR_EL2, FAR_EL2 and HPFAR_EL2. One per
 * CPU: only the rest of the same exit reads it (interrupts are masked at
 * EL2).
 */
static struct fault abort_refusal[LAYOUT_MAX_CPUS];

/*
 * A synchronous exit with ESR_EL2.EC >= 0x20 (vectors.S), on the light
 * frame: x0-x19 and x30 only. Taken here: a data abort that emulates,
 * with its transfer register one of those (or xzr). No syndrome, an Rt
 * of x20-x29, no window and every other EC go back to the vector
 * unchanged, which completes the frame for trap_sync (trap_abort). Only
 * the window's handler runs here, never a fault path: a refusal becomes
 * TRAP_LIGHT_FAULT, raised on the completed frame (trap_abort_refused)
 * like every other fault (injection, stop and restart see the frame they
 * always see), without making the access again.
 */
unsigned long trap_abort_light(struct frame *f, uint64_t esr)
{
	struct cpu *c = vcpu_this_cpu();
	struct vcpu *v = c->vcpu;
	const char *refused = 0;
	uint64_t ipa, far;

	/* EC 0x24 and abort_syndrome's test in one compare, then Rt */
	if ((esr & (0x3Ful << 26 | DABT_ISV | ABT_S1PTW)) != ((uint64_t)EC_DABT_LOW << 26 | DABT_ISV) ||
	    DABT_SRT(esr) - 20u < 10u)
		return TRAP_LIGHT_FULL;
	far = sysreg_read(far_el2);
	if (!abort_ipa(esr, far, &ipa))
		return TRAP_LIGHT_FULL;
	switch (abort_emulate(v, f, esr, ipa, &refused)) {
	case ABORT_MMIO_DONE:
		break;
	case ABORT_MMIO_REFUSED:
		abort_fault(&abort_refusal[c->index], esr, f->elr, far, true, ipa, refused);
		return TRAP_LIGHT_FAULT;
	default:
		return TRAP_LIGHT_FULL;
	}
	trap_step_done(f, f->elr - ESR_INSN_BYTES(esr), esr);
	return trap_light_end(c, v);
}

/* TRAP_LIGHT_FAULT, on the completed frame */
void trap_abort_refused(struct vcpu *v, struct frame *f)
{
	fault_raise(v, f, &abort_refusal[vcpu_this_cpu()->index]);
}

/*
 * The common case first: a data abort with a syndrome inside an emulated
 * window (taken here when the light exit could not: Rt of x20-x29). Only
 * a real fault pays for decoding its cause. ESR, FAR and the IPA are read
 * before the handler runs: a replay aborted at EL2 rewrites them.
 */
void trap_abort(struct vcpu *v, struct frame *f, uint64_t esr)
{
	uint64_t far = sysreg_read(far_el2), ipa = 0;
	const char *refused = 0;
	bool has_ipa = abort_ipa(esr, far, &ipa);
	struct fault ft;

	if (ESR_EC(esr) == EC_DABT_LOW && has_ipa && abort_syndrome(esr) &&
	    abort_emulate(v, f, esr, ipa, &refused) == ABORT_MMIO_DONE)
		return;
	abort_fault(&ft, esr, f->elr, far, has_ipa, ipa, refused);
	fault_raise(v, f, &ft);
}
