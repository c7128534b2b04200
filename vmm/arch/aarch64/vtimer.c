// SPDX-License-Identifier: MIT
/*
 * The EL1 timers of a guest's CPU (Arm ARM DDI 0487 "The Generic Timer in
 * AArch64 state"): the guest owns its virtual and physical timers and both
 * counters directly (CNTHCTL_EL2.EL1PCTEN/EL1PCEN, CNTVOFF_EL2 = 0, so
 * CNTVCT = CNTPCT - CNTVOFF = CNTPCT as on bare metal). Their PPIs are taken
 * at EL2 and forwarded through HW list registers (vgic_ppi.c): nothing here
 * touches CNTx_CTL behind the guest's back; the interrupt's level is read
 * from CTL (ENABLE, ISTATUS, not IMASK), as the timer drives the line.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vtimer.h"
#include "core/guest.h"

#define CNT_CTL_ENABLE  (1ul << 0)
#define CNT_CTL_IMASK   (1ul << 1)
#define CNT_CTL_ISTATUS (1ul << 2)

static bool vtimer_asserted(uint64_t ctl)
{
	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK | CNT_CTL_ISTATUS)) ==
	       (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}

bool vtimer_level(uint32_t intid)
{
	isb();
	if (intid == rt.layout->board.vtimer_irq)
		return vtimer_asserted(sysreg_read(cntv_ctl_el0));
	if (intid == rt.layout->board.ptimer_irq)
		return vtimer_asserted(sysreg_read(cntp_ctl_el0));
	return false;
}

/*
 * An EL1 timer's line is high, or its PPI active at the physical GIC (an
 * instance forwarded with the HW bit that the guest has not deactivated):
 * the states in which a GIC that does not signal a still-high line after
 * the guest's deactivation (gic_stale_hw_deactivate) could leave it unseen.
 */
bool vtimer_held(void)
{
	isb();
	return vtimer_asserted(sysreg_read(cntv_ctl_el0)) ||
	       vtimer_asserted(sysreg_read(cntp_ctl_el0)) || vtimer_ppi_active();
}

/* a timer PPI is active at the physical GIC (forwarded, not yet deactivated) */
bool vtimer_ppi_active(void)
{
	const struct layout_board *b = &rt.layout->board;
	uint32_t ppis = (1u << (b->vtimer_irq & 31)) |
			(b->ptimer_irq < 32 ? 1u << b->ptimer_irq : 0);

	return (gic_private_active() & ppis) != 0;
}

/*
 * When the first of this CPU's enabled, unmasked EL1 timers fires, as a
 * physical counter value (CNTVOFF_EL2 is 0: CNTV_CVAL compares with the
 * same count), or 0 for none. Its line may already be high.
 */
uint64_t vtimer_deadline(void)
{
	uint64_t v = sysreg_read(cntv_ctl_el0), p = sysreg_read(cntp_ctl_el0), at = ~0ul;

	if ((v & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE)
		at = sysreg_read(cntv_cval_el0);
	if ((p & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE &&
	    sysreg_read(cntp_cval_el0) < at)
		at = sysreg_read(cntp_cval_el0);
	return at == ~0ul ? 0 : at ? at : 1;
}

void vtimer_quiesce(uint32_t intid)
{
	if (intid == rt.layout->board.vtimer_irq)
		sysreg_write(cntv_ctl_el0, 0);
	else if (intid == rt.layout->board.ptimer_irq)
		sysreg_write(cntp_ctl_el0, 0);
	isb();
}
