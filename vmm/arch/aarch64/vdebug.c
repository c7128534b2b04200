// SPDX-License-Identifier: MIT
/*
 * RAZ/WI emulation of the trapped debug and PMU system registers (Arm ARM
 * DDI 0487 "MDCR_EL2"; encodings: op0 2 = debug, op0 3 CRn 9 CRm 12-14 and
 * op1 3 CRn 14 CRm 8-15 = PMU). Linux at EL1 clears the OS lock, resets
 * its breakpoint slots and PMUSERENR_EL0 at boot: all harmless as RAZ/WI.
 */
#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vdebug.h"

#define MDCR_TPMCR (1ul << 5)
#define MDCR_TPM   (1ul << 6)
#define MDCR_TDA   (1ul << 9)
#define MDCR_TDOSA (1ul << 10)
#define MDCR_TDRA  (1ul << 11)

#define ISS_OP0(esr) (((esr) >> 20) & 3)
#define ISS_OP1(esr) (((esr) >> 14) & 7)
#define ISS_CRN(esr) (((esr) >> 10) & 0xF)
#define ISS_CRM(esr) (((esr) >> 1) & 0xF)

uint64_t vdebug_mdcr(void)
{
	uint64_t hpmn = (sysreg_read(pmcr_el0) >> 11) & 0x1F;

	return hpmn | MDCR_TPMCR | MDCR_TPM | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA;
}

static bool vdebug_is_pmu(uint64_t esr)
{
	if (ISS_OP0(esr) != 3)
		return false;
	if (ISS_CRN(esr) == 9 && ISS_CRM(esr) >= 12)
		return true;    /* PMCR_EL0 ... PMUSERENR_EL0, PMINTEN*_EL1 */
	return ISS_OP1(esr) == 3 && ISS_CRN(esr) == 14 && ISS_CRM(esr) >= 8;
}

bool vdebug_sysreg(struct vcpu *v, struct frame *f, uint64_t esr)
{
	unsigned rt = (unsigned)(esr >> 5) & 0x1F;

	if (ISS_OP0(esr) != 2 && !vdebug_is_pmu(esr))
		return false;
	if ((esr & 1) && rt != 31)
		f->x[rt] = 0;
	f->elr += 4;
	return true;
}
