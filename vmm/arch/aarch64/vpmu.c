// SPDX-License-Identifier: MIT
/*
 * PMU registers replayed at EL2 for the guest of this CPU (Arm ARM DDI 0487
 * "PMEVTYPER<n>_EL0", "PMCCFILTR_EL0", "MDCR_EL2"). Every CPU is one
 * guest's, so its counters hold only that guest's work; what a guest may
 * not have is counts of EL2, which Armv8.0 cores (Cortex-A53/A57/A72) can
 * only exclude through the NSH bit the guest itself writes: hence the trap,
 * and NSH cleared in every event filter written. PMEVCNTR<n>/PMEVTYPER<n>
 * go through PMSELR_EL0 + PMXEV*, restoring the guest's PMSELR.
 */
#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vpmu.h"

#define MDCR_TPMCR (1ul << 5)
#define MDCR_TPM   (1ul << 6)
#define MDCR_HPMD  (1ul << 17)
#define EVTYPER_NSH (1ul << 27)
#define PMCR_P (1ul << 1)
#define PMCR_C (1ul << 2)
#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1F)
#define PMCR_RO_MASK (0x1Ful << 11 | 0xFFul << 24)  /* N, IMP/IDCODE */
#define PMCR_RW_MASK 0xFFul                          /* E P C D X DP LC LP */

/* ISS fields (ESR_EL2, EC 0x18) */
#define ISS_OP0(esr) (((esr) >> 20) & 3)
#define ISS_OP2(esr) (((esr) >> 17) & 7)
#define ISS_OP1(esr) (((esr) >> 14) & 7)
#define ISS_CRN(esr) (((esr) >> 10) & 0xF)
#define ISS_CRM(esr) (((esr) >> 1) & 0xF)
#define ISS_KEY(crn, crm, op2) ((crn) << 8 | (crm) << 4 | (op2))

enum vpmu_reg {
	PMCR = ISS_KEY(9, 12, 0), PMCNTENSET = ISS_KEY(9, 12, 1),
	PMCNTENCLR = ISS_KEY(9, 12, 2), PMOVSCLR = ISS_KEY(9, 12, 3),
	PMSWINC = ISS_KEY(9, 12, 4), PMSELR = ISS_KEY(9, 12, 5),
	PMCEID0 = ISS_KEY(9, 12, 6), PMCEID1 = ISS_KEY(9, 12, 7),
	PMCCNTR = ISS_KEY(9, 13, 0), PMXEVTYPER = ISS_KEY(9, 13, 1),
	PMXEVCNTR = ISS_KEY(9, 13, 2), PMUSERENR = ISS_KEY(9, 14, 0),
	PMINTENSET = ISS_KEY(9, 14, 1), PMINTENCLR = ISS_KEY(9, 14, 2),
	PMOVSSET = ISS_KEY(9, 14, 3),
};

static bool vpmu_has_hpmd(void)
{
	/* ID_AA64DFR0_EL1.PMUVer [11:8]: 4 = PMUv3 for Armv8.1, 0xF = none */
	uint64_t ver = (sysreg_read(id_aa64dfr0_el1) >> 8) & 0xF;

	return ver >= 4 && ver != 0xF;
}

uint64_t vpmu_mdcr(void)
{
	return PMCR_N(sysreg_read(pmcr_el0)) | MDCR_TPMCR | MDCR_TPM |
	       (vpmu_has_hpmd() ? MDCR_HPMD : 0);
}

static uint64_t vpmu_filter(uint64_t evtyper)
{
	return evtyper & ~EVTYPER_NSH;
}

/* PMEVCNTR<n> (counter) or PMEVTYPER<n> (!counter; n 31: PMCCFILTR) */
static uint64_t vpmu_indexed(unsigned n, bool counter, bool write, uint64_t val)
{
	uint64_t sel = sysreg_read(pmselr_el0), out = 0;

	if (counter && n >= PMCR_N(sysreg_read(pmcr_el0)))
		return 0;
	if (!counter && n != 31 && n >= PMCR_N(sysreg_read(pmcr_el0)))
		return 0;
	sysreg_write(pmselr_el0, n);
	isb();
	if (counter && write)
		sysreg_write(pmxevcntr_el0, val);
	else if (counter)
		out = sysreg_read(pmxevcntr_el0);
	else if (write)
		sysreg_write(pmxevtyper_el0, vpmu_filter(val));
	else
		out = sysreg_read(pmxevtyper_el0);
	sysreg_write(pmselr_el0, sel);
	isb();
	return out;
}

/* the PMSELR-selected counter (PMXEV*): the same path, SEL from the guest */
static uint64_t vpmu_selected(bool counter, bool write, uint64_t val)
{
	return vpmu_indexed((unsigned)sysreg_read(pmselr_el0) & 0x1F, counter, write, val);
}

#define RW(reg, name) \
	case reg: if (write) sysreg_write(name, val); else out = sysreg_read(name); break

static bool vpmu_access(unsigned key, bool write, uint64_t val, uint64_t *res)
{
	uint64_t out = 0;

	switch (key) {
	case PMCR:
		if (write)
			sysreg_write(pmcr_el0, val & PMCR_RW_MASK);
		else
			out = sysreg_read(pmcr_el0) & (PMCR_RW_MASK | PMCR_RO_MASK) & ~(PMCR_P | PMCR_C);
		break;
	RW(PMCNTENSET, pmcntenset_el0);
	RW(PMCNTENCLR, pmcntenclr_el0);
	RW(PMOVSCLR, pmovsclr_el0);
	RW(PMOVSSET, pmovsset_el0);
	RW(PMSELR, pmselr_el0);
	RW(PMCCNTR, pmccntr_el0);
	RW(PMUSERENR, pmuserenr_el0);
	RW(PMINTENSET, pmintenset_el1);
	RW(PMINTENCLR, pmintenclr_el1);
	case PMSWINC: if (write) sysreg_write(pmswinc_el0, val); break;
	case PMCEID0: out = sysreg_read(pmceid0_el0); break;
	case PMCEID1: out = sysreg_read(pmceid1_el0); break;
	case PMXEVTYPER: out = vpmu_selected(false, write, val); break;
	case PMXEVCNTR: out = vpmu_selected(true, write, val); break;
	default:
		return false;
	}
	*res = out;
	return true;
}

bool vpmu_sysreg(struct vcpu *v, struct frame *f, uint64_t esr)
{
	unsigned rt = (unsigned)(esr >> 5) & 0x1F, crn = ISS_CRN(esr), crm = ISS_CRM(esr);
	bool write = !(esr & 1);
	uint64_t val = rt == 31 ? 0 : f->x[rt], out = 0;

	if (ISS_OP0(esr) != 3)
		return false;
	if (crn == 14 && crm >= 8 && ISS_OP1(esr) == 3) {
		/* PMEVCNTR<n>: CRm 8-11; PMEVTYPER<n> (PMCCFILTR): CRm 12-15 */
		out = vpmu_indexed((crm & 3) << 3 | ISS_OP2(esr), crm < 12, write, val);
	} else {
		unsigned key = ISS_KEY(crn, crm, ISS_OP2(esr));
		/* PMINTENSET/CLR are EL1 registers (op1 0), the rest EL0 (op1 3) */
		unsigned op1 = key == PMINTENSET || key == PMINTENCLR ? 0 : 3;

		if (crn != 9 || crm < 12 || ISS_OP1(esr) != op1 ||
		    !vpmu_access(key, write, val, &out))
			return false;
	}
	isb();
	if (!write && rt != 31)
		f->x[rt] = out;
	f->elr += 4;
	return true;
}

bool vpmu_level(void)
{
	return (sysreg_read(pmovsset_el0) & sysreg_read(pmintenset_el1)) != 0;
}

void vpmu_quiesce(void)
{
	sysreg_write(pmintenclr_el1, ~0ul);
	isb();
}

void vpmu_reset(void)
{
	unsigned n = (unsigned)PMCR_N(sysreg_read(pmcr_el0));

	sysreg_write(pmcntenclr_el0, ~0ul);
	sysreg_write(pmintenclr_el1, ~0ul);
	sysreg_write(pmovsclr_el0, ~0ul);
	sysreg_write(pmcr_el0, PMCR_P | PMCR_C);    /* zero every counter, E off */
	sysreg_write(pmuserenr_el0, 0);
	for (unsigned i = 0; i < n; i++)
		vpmu_indexed(i, false, true, 0);
	vpmu_indexed(31, false, true, 0);
	sysreg_write(pmselr_el0, 0);
	isb();
}
