// SPDX-License-Identifier: MIT
/*
 * Virtual timer forwarding. The virtual timer interrupt is level-sensitive:
 * taken at EL2 we set CNTV_CTL_EL0.IMASK so the level drops before the EOI,
 * then make the same INTID pending in the vGIC. The guest's handler reprograms
 * CNTV_CVAL/CTL and clears IMASK itself, as it does on bare hardware.
 */
#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vtimer.h"
#include "core/guest.h"
#include "core/hvc.h"
#include "core/log.h"
#include "vdev/vgic.h"

#define CNT_CTL_IMASK (1ul << 1)

#define TIMER_ISS(crm, op2) \
	((uint64_t)3 << 20 | (uint64_t)(op2) << 17 | (uint64_t)3 << 14 | \
	 (uint64_t)14 << 10 | (uint64_t)(crm) << 1)
#define TIMER_ISS_MASK 0x3FFC1Eul
/* logged once per guest through the hypercall log: op0 3, op1 3, CRn 14, CRm 2 */
#define VTIMER_LOG_ID 0x33E20000u

void vtimer_fire(struct vcpu *v, uint32_t intid)
{
	sysreg_write(cntv_ctl_el0, sysreg_read(cntv_ctl_el0) | CNT_CTL_IMASK);
	isb();
	if (v && atomic_load32(&v->state) == VCPU_RUNNING)
		vgic_inject(v, intid);
}

/* CNTP_TVAL_EL0 (op2 0), CNTP_CTL_EL0 (1), CNTP_CVAL_EL0 (2): CRn 14, CRm 2 */
bool vtimer_sysreg(struct vcpu *v, struct frame *f, uint64_t esr)
{
	uint64_t iss = esr & TIMER_ISS_MASK;
	unsigned rt = (unsigned)(esr >> 5) & 0x1F;

	if (iss != TIMER_ISS(2, 0) && iss != TIMER_ISS(2, 1) && iss != TIMER_ISS(2, 2))
		return false;
	hvc_log_once(v, VTIMER_LOG_ID, "EL1 physical timer (CNTP_*, use CNTV_*)");
	if ((esr & 1) && rt != 31)
		f->x[rt] = 0;
	f->elr += 4;
	return true;
}
