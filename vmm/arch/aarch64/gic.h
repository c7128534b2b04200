/* SPDX-License-Identifier: MIT */
/*
 * The physical GIC, only as far as the runtime itself needs it: SGIs
 * between physical CPUs (kicks), acknowledging interrupts taken at EL2 and
 * routing passthrough SPIs to the CPU of the vCPU that owns them. GICv3
 * (IHI 0069) with the system-register CPU interface, GICv2 (IHI 0048,
 * gic_v2.c) memory-mapped. Both run with split priority drop and
 * deactivation (EOImode 1), so a passthrough interrupt can stay active
 * until the guest's virtual EOI deactivates it (list register HW bit).
 */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/sysregs.h"

#define GIC_SGI_KICK 1      /* "re-check your vCPU state" */
#define GIC_SPURIOUS 1023

/*
 * The board's GIC (2 or 3; gic_init), and GICv2's CPU interface (gic_v2.c).
 * Hidden, as the other globals every interrupt reads: the runtime is one
 * static PIE, so they are reached PC-relative, not through the GOT.
 */
extern uint32_t gic_board_version __attribute__((visibility("hidden")));
extern uint64_t gic_v2_gicc __attribute__((visibility("hidden")));
#define GICC_IAR  0x00C
#define GICC_EOIR 0x010

struct layout_board;

bool gic_init(const struct layout_board *b);
bool gic_cpu_init(uint64_t mpidr);
void gic_send_sgi(uint64_t mpidr, unsigned intid);
/* the same in two steps, the first's value kept per target (vgic_kick):
 * the register value that sends intid to the CPU with this MPIDR (0: not
 * known yet, a GICv2 CPU interface not brought up), and sending it */
uint64_t gic_sgi_value(uint64_t mpidr, unsigned intid);
void gic_sgi_raise(uint64_t value);
/*
 * The acknowledge register's value: the INTID, and on GICv2 an SGI's
 * source CPU in bits [12:10], which its EOI must carry (IHI 0048
 * "GICC_IAR"; a GICC_IAR read is complete, its effect made, when its value
 * returns). Inline, like gic_intid and gic_drop: every interrupt taken
 * at EL2 acknowledges it (issue 15).
 */
static inline uint32_t gic_ack(void)
{
	if (gic_board_version == 3) {
		uint64_t iar = sysreg_read(S3_0_C12_C12_0);   /* ICC_IAR1_EL1 */

		/* the INTID's new active state is only guaranteed visible (to a
		 * GICD_ICACTIVER write, a HW list register's deactivation) after
		 * a DSB (IHI 0069 "Physical CPU interface") */
		dsb_sy();
		return (uint32_t)(iar & 0xFFFFFF);
	}
	if (gic_board_version == 2)
		return *(volatile uint32_t *)(uintptr_t)(gic_v2_gicc + GICC_IAR) & 0x1FFF;
	return GIC_SPURIOUS;
}

static inline uint32_t gic_intid(uint32_t iar)
{
	return gic_board_version == 2 ? iar & 0x3FF : iar;
}

void gic_v2_eoi(uint32_t iar, bool deactivate);   /* gic_v2.c */
/*
 * Priority drop and deactivation: done with the interrupt (iar: gic_ack's).
 * Inline, like gic_drop: every kick's exit ends one (issue 15).
 */
static inline void gic_eoi(uint32_t iar)
{
	if (gic_board_version == 3) {
		sysreg_write(S3_0_C12_C12_1, iar);    /* ICC_EOIR1_EL1: priority drop */
		sysreg_write(S3_0_C12_C11_1, iar);    /* ICC_DIR_EL1 */
		isb();
	} else if (gic_board_version == 2) {
		gic_v2_eoi(iar, true);
	}
}

/*
 * Priority drop only (EOImode 1): a guest deactivates it through a HW list
 * register. GICv3 ICC_EOIR1_EL1, then an ISB: a System register write
 * is only guaranteed to affect what follows after a context
 * synchronization event (Arm ARM DDI 0487 "Synchronization requirements
 * for AArch64 System registers"); GICv2 GICC_EOIR takes the whole IAR
 * value.
 */
static inline void gic_drop(uint32_t iar)
{
	if (gic_board_version == 3) {
		sysreg_write(S3_0_C12_C12_1, iar);
		isb();
	} else if (gic_board_version == 2) {
		*(volatile uint32_t *)(uintptr_t)(gic_v2_gicc + GICC_EOIR) = iar;
	}
}
/* PPIs of this CPU (virtual timer, maintenance) or SPIs */
void gic_enable(uint32_t intid);
void gic_disable(uint32_t intid);
/* an SPI: group 1, priority 0x80, delivered to the CPU with this MPIDR */
void gic_route_spi(uint32_t intid, uint64_t mpidr);
/* an SPI, or a PPI of this CPU, left active (its guest stopped before its
 * EOI, or its level dropped): deactivate it */
void gic_clear_active(uint32_t intid);
/* a PPI of this CPU that guests receive through HW list registers */
void gic_enable_forwarded(uint32_t intid);
/* the GIC (QEMU's GICv2 model) may leave an interrupt that a guest's
 * HW-linked deactivation made pending unsignalled until another GIC event:
 * a CPU must not sleep where nothing at EL2 would see that (gic_v2.c) */
bool gic_stale_hw_deactivate(void);
/* this CPU's active SGIs and PPIs (bit n: INTID n); set or clear those in mask */
uint32_t gic_private_active(void);
void gic_private_set_active(uint32_t mask, bool active);

#endif /* ARCH_GIC_H */
