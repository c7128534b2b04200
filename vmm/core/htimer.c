// SPDX-License-Identifier: MIT
/*
 * One EL2 physical timer per CPU (Arm ARM DDI 0487 "CNTHP_CVAL_EL2",
 * "CNTHP_CTL_EL2"), several deadlines: the comparator holds the earliest
 * armed one; when it fires, every deadline that is due runs and the next
 * earliest is armed. Its interrupt reaches EL2 whatever the guest does
 * (HCR_EL2.IMO), and it wakes a CPU from WFI at EL1 or EL2 (DDI 0487
 * "Wait for Interrupt": a physical IRQ is a WFI wake-up event whatever
 * PSTATE.I is), which is why the console and the untrapped WFI need it.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "core/conout.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/sched.h"
#include "vdev/vpl011.h"

#define CNTHP_CTL_ENABLE 1ul

struct htimer_cpu {
	uint64_t at[HTIMER_USES];      /* counter values; 0: not armed */
};

static struct htimer_cpu htimer_cpus[LAYOUT_MAX_CPUS];
uint32_t htimer_intid = 1024;

uint64_t htimer_now(void)
{
	isb();
	return sysreg_read(cntpct_el0);
}

void htimer_init(uint32_t intid)
{
	if (intid >= 16 && intid < 32)
		htimer_intid = intid;
}

/* the comparator on the earliest deadline, or off (its level drops) */
static void htimer_program(const struct htimer_cpu *h)
{
	uint64_t min = ~0ul;

	for (unsigned u = 0; u < HTIMER_USES; u++) {
		if (h->at[u] && h->at[u] < min)
			min = h->at[u];
	}
	if (min == ~0ul) {
		sysreg_write(cnthp_ctl_el2, 0);
	} else {
		sysreg_write(cnthp_cval_el2, min);
		sysreg_write(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
	}
	isb();
}

void htimer_cpu_start(struct cpu *c)
{
	if (htimer_intid < 1024)
		gic_enable(htimer_intid);
	htimer_program(&htimer_cpus[c->index]);
}

void htimer_set(struct cpu *c, enum htimer_use use, uint64_t cval)
{
	struct htimer_cpu *h = &htimer_cpus[c->index];

	h->at[use] = cval;
	htimer_program(h);
}

uint64_t htimer_get(const struct cpu *c, enum htimer_use use)
{
	return htimer_cpus[c->index].at[use];
}

static void htimer_due(struct cpu *c, enum htimer_use use)
{
	switch (use) {
	case HTIMER_SCHED:
		sched_timer_irq(c);
		break;
	case HTIMER_CONOUT:
		conout_retry_due(c);    /* re-armed while output is still queued */
		break;
	case HTIMER_PROMPT:
		if (c->vcpu)
			vpl011_idle(c->vcpu);   /* only if that vCPU wrote it */
		break;
	default:
		break;              /* HTIMER_WFI: waking the CPU was the point */
	}
}

bool htimer_fire(struct cpu *c)
{
	struct htimer_cpu *h = &htimer_cpus[c->index];
	uint64_t now = htimer_now();

	for (unsigned u = 0; u < HTIMER_USES; u++) {
		if (h->at[u] && h->at[u] <= now) {
			h->at[u] = 0;
			htimer_due(c, (enum htimer_use)u);
		}
	}
	htimer_program(h);
	return true;
}
