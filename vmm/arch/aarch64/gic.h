/* SPDX-License-Identifier: MIT */
/*
 * The physical GIC, only as far as the runtime itself needs it: SGIs
 * between physical CPUs (kicks) and acknowledging interrupts taken at EL2.
 * GICv3 (IHI 0069) with system-register CPU interface; GICv2 not yet.
 */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_SGI_KICK 1      /* "re-check your vCPU state" */
#define GIC_SPURIOUS 1023

struct layout_board;

bool gic_init(const struct layout_board *b);
bool gic_cpu_init(uint64_t mpidr);
void gic_send_sgi(uint64_t mpidr, unsigned intid);
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);
void gic_enable(uint32_t intid);
void gic_disable(uint32_t intid);

#endif /* ARCH_GIC_H */
