/* SPDX-License-Identifier: MIT */
/*
 * Time partitioning (issue 16, layout.h "Time partitioning"): a CPU with a
 * plan runs the vCPU of its current window, switching at the boundaries
 * the EL2 physical timer marks (CNTHP_*_EL2, PPI htimer_irq). Static: no
 * priorities, no budgets carried over, no work conserving; an idle window,
 * or one whose vCPU is off or waits in WFI, runs nobody.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/guest.h"

struct frame;

/* struct cpu.sched bits */
#define SCHED_SWITCH 1u     /* the window changed: switch at the end of this exit */
#define SCHED_REAP   2u     /* a descheduled vCPU of this CPU was asked to stop */

/* boot CPU, after the guests are built: the plans and the one period start */
void sched_init(void);
/* each CPU before its idle loop: its first window, its timer */
void sched_cpu_start(struct cpu *c);
/* this CPU's window end came (core/htimer.c, the EL2 timer's deadline) */
bool sched_timer_irq(struct cpu *c);
/* v, on a shared CPU, was asked to stop while descheduled: its CPU parks it */
void sched_request_reap(struct vcpu *v);
bool sched_exit_slow(struct cpu *c);
/* the end of an exit: true when the vCPU must be switched (sched_switch) */
static inline bool sched_exit(struct cpu *c)
{
	return atomic_load32(&c->sched) && sched_exit_slow(c);
}
/* save the current vCPU (f: its complete frame) and enter the window's */
void sched_switch(struct frame *f) __attribute__((noreturn));
/* arch_vcpu_resume, the state loaded: the switch cost is accounted */
void sched_resumed(struct cpu *c);
/* the counter value ending this CPU's current window (~0: no plan) */
uint64_t sched_window_end(const struct cpu *c);
/* c has a plan: its WFI exits idle a window and hand over (they stay trapped) */
static inline bool sched_planned(const struct cpu *c)
{
	return sched_window_end(c) != ~0ul;
}
/* at power off: switches and switch costs per planned CPU */
void sched_report(void);
/* the idle loop: start the window's vCPU if one is due (may not return) */
void sched_idle(struct cpu *c);

#endif /* CORE_SCHED_H */
