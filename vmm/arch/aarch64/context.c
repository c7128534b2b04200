// SPDX-License-Identifier: MIT
/*
 * Saving and loading the state of a vCPU that shares its CPU (Arm ARM DDI
 * 0487 "AArch64 System register descriptions"): the EL1 registers a guest
 * writes without trapping, FP/SIMD, its EL1 timers, PMU, breakpoints and
 * watchpoints, the per-vCPU EL2 controls (HCR_EL2, VMPIDR_EL2, VTTBR_EL2)
 * and its virtual GIC (vgic_switch.c). The order on load follows the rule
 * KVM applies for the speculative-AT errata (Cortex-A76 1165522, A55
 * 1530923 and others): stage-2 (VTTBR_EL2) first, then the EL1
 * translation registers, with an ISB before anything can translate.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/context.h"
#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vdebug.h"
#include "arch/aarch64/vpmu.h"
#include "core/guest.h"
#include "core/lib.h"
#include "core/sched.h"
#include "vdev/vgic.h"

extern void vectors_enter_guest(struct frame *f) __attribute__((noreturn));

/* the guest's own, untrapped EL1/EL0 registers (HCR_EL2 traps none of them) */
#define CONTEXT_EL1(X) \
	X(sctlr_el1) X(actlr_el1) X(cpacr_el1) X(ttbr0_el1) X(ttbr1_el1) X(tcr_el1) \
	X(esr_el1) X(afsr0_el1) X(afsr1_el1) X(far_el1) X(mair_el1) X(amair_el1) \
	X(vbar_el1) X(contextidr_el1) X(tpidr_el0) X(tpidrro_el0) X(tpidr_el1) \
	X(cntkctl_el1) X(par_el1) X(sp_el0) X(sp_el1) X(elr_el1) X(spsr_el1) \
	X(csselr_el1) X(mdscr_el1) X(mdccint_el1) X(pmuserenr_el0)

#define CONTEXT_COUNT(r) + 1
_Static_assert(0 CONTEXT_EL1(CONTEXT_COUNT) == CONTEXT_EL1_REGS, "EL1 register list");

static void context_el1_save(uint64_t *r)
{
	unsigned i = 0;
#define CONTEXT_READ(reg) r[i++] = sysreg_read(reg);
	CONTEXT_EL1(CONTEXT_READ)
#undef CONTEXT_READ
}

static void context_el1_load(const uint64_t *r)
{
	unsigned i = 0;
#define CONTEXT_WRITE(reg) sysreg_write(reg, r[i++]);
	CONTEXT_EL1(CONTEXT_WRITE)
#undef CONTEXT_WRITE
}

#define CNT_DBG_SLOTS(shift) ((unsigned)((sysreg_read(id_aa64dfr0_el1) >> (shift)) & 0xF) + 1)

#define DBG_SAVE(n) case n: x->bvr[n] = sysreg_read(dbgbvr##n##_el1); \
	x->bcr[n] = sysreg_read(dbgbcr##n##_el1); break;
#define DBG_LOAD(n) case n: sysreg_write(dbgbvr##n##_el1, x->bvr[n]); \
	sysreg_write(dbgbcr##n##_el1, x->bcr[n]); break;
#define WPT_SAVE(n) case n: x->wvr[n] = sysreg_read(dbgwvr##n##_el1); \
	x->wcr[n] = sysreg_read(dbgwcr##n##_el1); break;
#define WPT_LOAD(n) case n: sysreg_write(dbgwvr##n##_el1, x->wvr[n]); \
	sysreg_write(dbgwcr##n##_el1, x->wcr[n]); break;
#define DBG16(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) \
	M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)

/*
 * The guest owns its CPU's breakpoints and watchpoints (vdebug.c): another
 * guest on the same CPU must neither see nor trigger them. BRPs [15:12],
 * WRPs [23:20] of ID_AA64DFR0_EL1: slots minus one.
 */
static void context_dbg_save(struct vcpu_ctx *x)
{
	for (unsigned n = 0; n < CNT_DBG_SLOTS(12); n++) {
		switch (n) { DBG16(DBG_SAVE) default: break; }
	}
	for (unsigned n = 0; n < CNT_DBG_SLOTS(20); n++) {
		switch (n) { DBG16(WPT_SAVE) default: break; }
	}
	x->oslk = (sysreg_read(oslsr_el1) >> 1) & 1;   /* OSLSR_EL1.OSLK */
	x->osdlr = sysreg_read(osdlr_el1);
}

static void context_dbg_load(const struct vcpu_ctx *x)
{
	for (unsigned n = 0; n < CNT_DBG_SLOTS(12); n++) {
		switch (n) { DBG16(DBG_LOAD) default: break; }
	}
	for (unsigned n = 0; n < CNT_DBG_SLOTS(20); n++) {
		switch (n) { DBG16(WPT_LOAD) default: break; }
	}
	sysreg_write(osdlr_el1, x->osdlr);
	sysreg_write(oslar_el1, x->oslk);
}

/* event counter n through PMSELR_EL0 / PMXEV*_EL0 (n = 31: the cycle filter) */
static void context_pmu_save(struct vcpu_ctx *x)
{
	unsigned n = (unsigned)((sysreg_read(pmcr_el0) >> 11) & 0x1F);   /* PMCR_EL0.N */

	x->pmcr = sysreg_read(pmcr_el0);
	x->pmselr = sysreg_read(pmselr_el0);
	x->pminten = sysreg_read(pmintenset_el1);
	x->pmcnten = sysreg_read(pmcntenset_el0);
	x->pmovs = sysreg_read(pmovsset_el0);
	x->pmccntr = sysreg_read(pmccntr_el0);
	x->pmccfiltr = sysreg_read(pmccfiltr_el0);
	for (unsigned i = 0; i < n && i < 31; i++) {
		sysreg_write(pmselr_el0, i);
		isb();
		x->pmevcntr[i] = sysreg_read(pmxevcntr_el0);
		x->pmevtyper[i] = sysreg_read(pmxevtyper_el0);
	}
}

static void context_pmu_load(const struct vcpu_ctx *x)
{
	unsigned n = (unsigned)((sysreg_read(pmcr_el0) >> 11) & 0x1F);

	sysreg_write(pmcntenclr_el0, ~0ul);
	sysreg_write(pmintenclr_el1, ~0ul);
	sysreg_write(pmovsclr_el0, ~0ul);
	for (unsigned i = 0; i < n && i < 31; i++) {
		sysreg_write(pmselr_el0, i);
		isb();
		sysreg_write(pmxevtyper_el0, x->pmevtyper[i]);
		sysreg_write(pmxevcntr_el0, x->pmevcntr[i]);
	}
	sysreg_write(pmccfiltr_el0, x->pmccfiltr);
	sysreg_write(pmccntr_el0, x->pmccntr);
	sysreg_write(pmselr_el0, x->pmselr);
	sysreg_write(pmovsset_el0, x->pmovs);
	sysreg_write(pmintenset_el1, x->pminten);
	sysreg_write(pmcr_el0, x->pmcr & 0xFFul);   /* E P C D X DP LC LP; P and C read 0 */
	sysreg_write(pmcntenset_el0, x->pmcnten);
}

/* the EL1 timers: saved, then stopped, so they cannot fire in another window */
static void context_timers_save(struct vcpu_ctx *x)
{
	x->cntv_ctl = sysreg_read(cntv_ctl_el0);
	x->cntv_cval = sysreg_read(cntv_cval_el0);
	x->cntp_ctl = sysreg_read(cntp_ctl_el0);
	x->cntp_cval = sysreg_read(cntp_cval_el0);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
}

/*
 * CNTVOFF_EL2 stays 0 for every guest: the virtual count is the physical
 * one, so a descheduled guest's time goes on in real time and a compare
 * value that passed meanwhile fires as soon as it is loaded (late, not lost).
 */
static void context_timers_load(const struct vcpu_ctx *x)
{
	sysreg_write(cntv_cval_el0, x->cntv_cval);
	sysreg_write(cntp_cval_el0, x->cntp_cval);
	sysreg_write(cntv_ctl_el0, x->cntv_ctl);
	sysreg_write(cntp_ctl_el0, x->cntp_ctl);
}

void context_save(struct vcpu *v, const struct frame *f)
{
	struct vcpu_ctx *x = v->ctx;

	memcpy(&x->gp, f, sizeof(x->gp));
	context_fp_save(x->fp);
	context_el1_save(x->el1);
	x->hcr = sysreg_read(hcr_el2);
	context_timers_save(x);
	context_pmu_save(x);
	context_dbg_save(x);
	vgic_switch_out(v, &x->vgic);
	x->valid = 1;
}

/*
 * VMIDs: every guest has its own (layout_guest.vmid, never reused while the
 * system runs), and TLB entries of the EL1&0 regime are tagged with the
 * VMID of the VTTBR_EL2 they were made under (Arm ARM DDI 0487 "VMID and
 * the translation regimes", "TLB maintenance requirements"): an entry of
 * the outgoing guest can never match while another VMID is current, so the
 * switch needs no TLB invalidation. Caches are physically tagged (PIPT
 * data, and instruction caches behave as PIPT on the cores supported), so
 * neither do they.
 */
void context_load(struct vcpu *v, struct frame *f)
{
	struct vcpu_ctx *x = v->ctx;

	sysreg_write(vttbr_el2, stage2_vttbr(&v->guest->s2));
	sysreg_write(vmpidr_el2, (1ul << 31) | v->index);
	isb();
	context_el1_load(x->el1);
	context_fp_load(x->fp);
	sysreg_write(hcr_el2, x->hcr);
	context_timers_load(x);
	context_pmu_load(x);
	context_dbg_load(x);
	isb();
	vgic_switch_in(v, &x->vgic);
	memcpy(f, &x->gp, sizeof(*f));
	x->valid = 0;
}

void arch_vcpu_resume(struct cpu *c, struct vcpu *v)
{
	struct frame *f = arch_cpu_frame(c);

	context_load(v, f);
	vgic_flush(v);      /* what was injected while it was out */
	sched_resumed(c);
	vectors_enter_guest(f);
}

void context_scrub(void)
{
	static const uint64_t zero[66];   /* V0-V31, FPCR, FPSR */
	uint64_t el1[CONTEXT_EL1_REGS] = { 0 };

	context_fp_load(zero);
	el1[0] = SCTLR_EL1_RESET;
	context_el1_load(el1);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	vpmu_reset();
	vdebug_reset();
	isb();
}
