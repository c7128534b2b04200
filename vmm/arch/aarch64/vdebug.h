/* SPDX-License-Identifier: MIT */
/*
 * Debug registers guests own (breakpoints, watchpoints, single step, OS
 * lock: not trapped, exceptions at the guest's EL1) and the MDCR_EL2 value
 * that gives them so (the PMU's part is vpmu.c's).
 */
#ifndef ARCH_VDEBUG_H
#define ARCH_VDEBUG_H

#include <stdbool.h>
#include <stdint.h>

/* MDCR_EL2 for guests: debug untrapped, TDE clear; the PMU's bits */
uint64_t vdebug_mdcr(void);
/* a vCPU starts: no breakpoint or watchpoint armed, OS lock set */
void vdebug_reset(void);

#endif /* ARCH_VDEBUG_H */
