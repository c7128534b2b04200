/* SPDX-License-Identifier: MIT */
/*
 * GICv2 virtual interface control (IHI 0048 chapter 5, "GICH_*"): the
 * memory-mapped twin of the GICv3 ICH_*_EL2 registers. GICH is banked per
 * CPU at one address. List registers are exchanged in the GICv3 ICH_LR
 * layout (vgic_hw.h) so the list-register logic above serves both GICs.
 */
#ifndef ARCH_GIC_V2_HYP_H
#define ARCH_GIC_V2_HYP_H

#include <stdint.h>

#define GICH_ELRSR0 0x030
#define GICH_LR0    0x100

/* GICH_LRn fields (IHI 0048 "GICH_LRn") */
#define V2_LR_PID_SHIFT   10
#define V2_LR_PRIO_SHIFT  23       /* priority [7:3] */
#define V2_LR_PENDING     (1u << 28)
#define V2_LR_GRP1        (1u << 30)
#define V2_LR_HW          (1u << 31)

extern uint64_t gic_v2_hyp_gich __attribute__((visibility("hidden")));  /* gic.h */

void gic_v2_hyp_init(uint64_t gich_pa);
unsigned gic_v2_hyp_lr_count(void);
uint64_t gic_v2_hyp_lr_read(unsigned n);
void gic_v2_hyp_lr_write(unsigned n, uint64_t ich_lr);
/* GICH_ELRSR0 (at most 16 LRs: ELRSR1 is never needed); inline: every
 * delivery asks */
static inline uint32_t gic_v2_hyp_empty_lrs(void)
{
	return *(volatile uint32_t *)(uintptr_t)(gic_v2_hyp_gich + GICH_ELRSR0);
}
/* GICH_LR0 written in its own layout (vgic_hw_lr0_write_hw) */
static inline void gic_v2_hyp_lr0_write_raw(uint32_t lr)
{
	*(volatile uint32_t *)(uintptr_t)(gic_v2_hyp_gich + GICH_LR0) = lr;
}
void gic_v2_hyp_set_underflow(int on);
void gic_v2_hyp_reset(void);

#endif /* ARCH_GIC_V2_HYP_H */
