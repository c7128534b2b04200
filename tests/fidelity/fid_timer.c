// SPDX-License-Identifier: MIT
/*
 * Generic timer cases (Arm ARM DDI 0487 "The Generic Timer"), each for the
 * virtual (CNTV_*, PPI 27) and the EL1 physical timer (CNTP_*, PPI 30):
 * the PPI's pending bit follows the timer's output (condition met, then
 * disabled or masked: no longer pending); an interrupt for a negative
 * TVAL arrives at once; a handler that re-arms by writing only CVAL gets
 * the next one; the interrupt is active in the handler and not after the
 * EOI. Plus the counters: CNTVCT = CNTPCT - CNTVOFF, CNTVOFF 0 for EL1.
 */
#include "fid.h"

#define CTL_ENABLE 1u
#define CTL_IMASK  2u
#define CTL_ISTATUS 4u
#define TICKS 3

static unsigned timer_sel;            /* 0: virtual, 1: physical */
static volatile unsigned ticks, active_in_handler;

static uint32_t timer_ppi(void)
{
	return timer_sel ? PPI_PTIMER : PPI_VTIMER;
}

static void timer_ctl(uint64_t v)
{
	if (timer_sel)
		sysreg_write(cntp_ctl_el0, v);
	else
		sysreg_write(cntv_ctl_el0, v);
	isb();
}

static uint64_t timer_ctl_read(void)
{
	isb();
	return timer_sel ? sysreg_read(cntp_ctl_el0) : sysreg_read(cntv_ctl_el0);
}

static void timer_cval(uint64_t v)
{
	if (timer_sel)
		sysreg_write(cntp_cval_el0, v);
	else
		sysreg_write(cntv_cval_el0, v);
	isb();
}

static void timer_tval(int32_t v)
{
	if (timer_sel)
		sysreg_write(cntp_tval_el0, (uint64_t)(int64_t)v);
	else
		sysreg_write(cntv_tval_el0, (uint64_t)(int64_t)v);
	isb();
}

static uint64_t timer_count(void)
{
	isb();
	return timer_sel ? sysreg_read(cntpct_el0) : sysreg_read(cntvct_el0);
}

static const char *timer_name(const char *v, const char *p)
{
	return timer_sel ? p : v;
}

/* let a level change reach the GIC (and, under a hypervisor, EL2) */
static void settle(void)
{
	uint64_t end = fid_deadline(50);

	while (fid_before(end))
		;
}

/* the PPI's pending bit with the timer firing, disabled, firing, masked */
static void case_pending(void)
{
	uint32_t ppi = timer_ppi();
	unsigned p[4];
	uint64_t end;

	irq_off();
	gic_enable(ppi);
	timer_cval(0);
	timer_ctl(CTL_ENABLE);
	end = fid_deadline(1000);
	while (!(timer_ctl_read() & CTL_ISTATUS) && fid_before(end))
		;
	settle();
	p[0] = (unsigned)gic_pending(ppi);
	timer_ctl(0);
	settle();
	p[1] = (unsigned)gic_pending(ppi);
	timer_ctl(CTL_ENABLE);
	settle();
	p[2] = (unsigned)gic_pending(ppi);
	timer_ctl(CTL_ENABLE | CTL_IMASK);
	settle();
	p[3] = (unsigned)gic_pending(ppi);
	timer_ctl(0);
	gic_disable(ppi);
	fid_report(timer_name("vtimer-pending-follows-level", "ptimer-pending-follows-level"),
		   p[0] && !p[1] && p[2] && !p[3], "pending(on,off,on,masked)",
		   p[0] << 12 | p[1] << 8 | p[2] << 4 | p[3], 0);
}

static void timer_irq(uint32_t iar)
{
	if ((iar & 0x3FF) != timer_ppi())
		return;
	active_in_handler = (unsigned)gic_active(timer_ppi());
	ticks++;
	if (ticks < TICKS)
		timer_cval(timer_count() + 2000);   /* CTL untouched */
	else
		timer_ctl(0);
}

/* negative TVAL: due at once; then two re-arms through CVAL alone */
static void case_ticks(void)
{
	uint32_t ppi = timer_ppi();
	uint64_t end;
	unsigned first;

	ticks = 0;
	active_in_handler = 0;
	fid_irq_hook = timer_irq;
	gic_enable(ppi);
	timer_tval(-1000);
	timer_ctl(CTL_ENABLE);
	irq_on();
	end = fid_deadline(20000);
	while (!ticks && fid_before(end))
		;
	first = ticks;
	end = fid_deadline(50000);
	while (ticks < TICKS && fid_before(end))
		;
	irq_off();
	timer_ctl(0);
	gic_disable(ppi);
	fid_irq_hook = 0;
	fid_report(timer_name("vtimer-negative-tval", "ptimer-negative-tval"), first >= 1,
		   "interrupts after TVAL -1000", first, 0);
	fid_report(timer_name("vtimer-cval-rearm", "ptimer-cval-rearm"), ticks == TICKS,
		   "ticks re-armed by CVAL only", ticks, TICKS);
	fid_report(timer_name("vtimer-active-state", "ptimer-active-state"),
		   active_in_handler && !gic_active(ppi), "active in handler, after EOI",
		   active_in_handler, (uint64_t)gic_active(ppi));
}

static void case_counters(void)
{
	uint64_t p0, v, p1, p2;

	isb();
	p0 = sysreg_read(cntpct_el0);
	isb();
	v = sysreg_read(cntvct_el0);
	isb();
	p1 = sysreg_read(cntpct_el0);
	settle();
	p2 = sysreg_read(cntpct_el0);
	fid_report("counters", p0 <= v && v <= p1 && p2 > p1,
		   "CNTPCT <= CNTVCT <= CNTPCT (CNTVOFF 0), counting", v - p0, p2 - p1);
}

void fid_timer_cases(void)
{
	for (timer_sel = 0; timer_sel < 2; timer_sel++) {
		case_pending();
		case_ticks();
	}
	case_counters();
}
