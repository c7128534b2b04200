/* SPDX-License-Identifier: MIT */
/*
 * The EL2 physical timer (CNTHP_*_EL2, PPI htimer_irq) shared by the
 * deadlines one CPU keeps: its window boundaries (core/sched.c), a retry of
 * queued console output (core/conout.c), the console-input guest's prompt
 * (vdev/vpl011.c) and the bound of an EL2 WFI by the guest's own timer
 * (vdev/vgic_lr.c). Per CPU, touched only by that CPU with interrupts
 * masked (EL2 runs with PSTATE.I set), so no lock.
 */
#ifndef CORE_HTIMER_H
#define CORE_HTIMER_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

enum htimer_use {
	HTIMER_SCHED,       /* the current window's end */
	HTIMER_CONOUT,      /* console output still queued: drain again */
	HTIMER_PROMPT,      /* the input guest's unterminated line: show it */
	HTIMER_WFI,         /* an EL2 WFI waits at most until the guest's timer */
	HTIMER_USES
};

/* the PPI's INTID (1024, matching none, until htimer_init) */
extern uint32_t htimer_intid;

/* boot CPU: the board's EL2 physical timer PPI */
void htimer_init(uint32_t intid);
/* each CPU, before its idle loop: its PPI enabled, its deadlines armed */
void htimer_cpu_start(struct cpu *c);
/* this CPU's deadline for use at counter value cval (0: none) */
void htimer_set(struct cpu *c, enum htimer_use use, uint64_t cval);
uint64_t htimer_get(const struct cpu *c, enum htimer_use use);
/* the timer's interrupt on this CPU: run what is due, re-arm the rest */
bool htimer_fire(struct cpu *c);
/* a physical interrupt at EL2: true if it was this CPU's EL2 timer
 * (inline: every interrupt taken at EL2 asks) */
static inline bool htimer_take_irq(struct cpu *c, uint32_t intid)
{
	return intid == htimer_intid && htimer_fire(c);
}
/* the physical counter (CNTPCT_EL0), ordered after what came before */
uint64_t htimer_now(void);

#endif /* CORE_HTIMER_H */
