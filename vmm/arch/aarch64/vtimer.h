/* SPDX-License-Identifier: MIT */
/*
 * The generic timer for guests (Arm ARM DDI 0487 "The Generic Timer"): EL1
 * owns its virtual timer and counter (CNTVOFF_EL2 = 0); the EL1 physical
 * timer traps to EL2 and reads as zero. The virtual timer's PPI is taken at
 * EL2 and forwarded into the vGIC.
 */
#ifndef ARCH_VTIMER_H
#define ARCH_VTIMER_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct frame;

/* physical virtual-timer PPI at EL2: mask the level, make it pending on v */
void vtimer_fire(struct vcpu *v, uint32_t intid);
/* trapped CNTP_* access; false: not a timer register */
bool vtimer_sysreg(struct vcpu *v, struct frame *f, uint64_t esr);

#endif /* ARCH_VTIMER_H */
