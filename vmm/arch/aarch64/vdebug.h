/* SPDX-License-Identifier: MIT */
/*
 * Debug and performance-monitor registers a guest may not own: trapped by
 * MDCR_EL2 (TDA, TDOSA, TDRA, TPM, TPMCR) and emulated as RAZ/WI, so a
 * guest's breakpoints, watchpoints and counters never survive it or reach
 * another guest. Guests get no PMU node in their device tree either.
 */
#ifndef ARCH_VDEBUG_H
#define ARCH_VDEBUG_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct frame;

/* MDCR_EL2 for guests: the traps above, HPMN = all counters (PMCR_EL0.N) */
uint64_t vdebug_mdcr(void);
/* trapped debug/PMU register access; false: not one of them */
bool vdebug_sysreg(struct vcpu *v, struct frame *f, uint64_t esr);

#endif /* ARCH_VDEBUG_H */
