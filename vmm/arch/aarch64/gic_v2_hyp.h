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

void gic_v2_hyp_init(uint64_t gich_pa);
unsigned gic_v2_hyp_lr_count(void);
uint64_t gic_v2_hyp_lr_read(unsigned n);
void gic_v2_hyp_lr_write(unsigned n, uint64_t ich_lr);
uint32_t gic_v2_hyp_empty_lrs(void);
void gic_v2_hyp_set_underflow(int on);
void gic_v2_hyp_reset(void);

#endif /* ARCH_GIC_V2_HYP_H */
