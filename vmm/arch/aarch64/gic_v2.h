/* SPDX-License-Identifier: MIT */
/* GICv2 (IHI 0048) back end of gic.h: memory-mapped CPU interface. */
#ifndef ARCH_GIC_V2_H
#define ARCH_GIC_V2_H

#include <stdbool.h>
#include <stdint.h>

struct layout_board;

bool gic_v2_init(const struct layout_board *b);
bool gic_v2_stale_hw_deactivate(void);
bool gic_v2_cpu_init(uint64_t mpidr);
uint32_t gic_v2_sgi_value(uint64_t mpidr, unsigned intid);
void gic_v2_sgi_raise(uint64_t value);
void gic_v2_eoi(uint32_t iar, bool deactivate);
void gic_v2_set_group1(uint32_t intid);
void gic_v2_enable(uint32_t intid);
void gic_v2_route_spi(uint32_t intid, uint64_t mpidr);

#endif /* ARCH_GIC_V2_H */
