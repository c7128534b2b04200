/* SPDX-License-Identifier: MIT */
/*
 * The generic timer for guests (Arm ARM DDI 0487 "The Generic Timer"): EL1
 * owns its virtual and physical timers and counters (CNTVOFF_EL2 = 0). The
 * timers' PPIs are taken at EL2 and forwarded into the vGIC with the HW bit
 * (vgic_ppi.c); their pending state follows the line's level.
 */
#ifndef ARCH_VTIMER_H
#define ARCH_VTIMER_H

#include <stdbool.h>
#include <stdint.h>

/* the level of timer PPI intid on this CPU, as the timer drives it */
bool vtimer_level(uint32_t intid);
/* the timer behind intid fired on a CPU whose vCPU is not running: off */
void vtimer_quiesce(uint32_t intid);
uint64_t vtimer_deadline(void);
/* an EL1 timer's line is high or its PPI active at the GIC */
bool vtimer_held(void);
/* a timer PPI is active at the physical GIC */
bool vtimer_ppi_active(void);

#endif /* ARCH_VTIMER_H */
