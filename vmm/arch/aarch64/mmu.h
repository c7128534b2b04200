/* SPDX-License-Identifier: MIT */
/*
 * EL2 stage-1: an identity map (RAM normal write-back, everything else
 * Device-nGnRE, execute-never), built once by the boot CPU and enabled on
 * every CPU so exclusives and caches work at EL2; then each CPU moves to
 * its own view, which maps only the RAM it needs.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* the boot map: all RAM */
bool mmu_build(uint64_t ram_base, uint64_t ram_size);
void mmu_enable(void);
/* a CPU's own view: devices as in the boot map, RAM only as mapped here */
bool mmu_view_begin(uint32_t cpu, uint64_t ram_base, uint64_t ram_size);
bool mmu_view_map_ram(uint32_t cpu, uint64_t pa, uint64_t size);
bool mmu_view_maps(uint32_t cpu, uint64_t pa);
void mmu_view_drop(uint32_t cpu);
/* switch this CPU from the boot map to its view (if it has one) */
void mmu_view_enter(uint32_t cpu);

#endif /* ARCH_MMU_H */
