/* SPDX-License-Identifier: MIT */
/*
 * EL2 stage-1: an identity map (RAM normal write-back, everything else
 * Device-nGnRE, execute-never), built once by the boot CPU and enabled on
 * every CPU so exclusives and caches work at EL2.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdbool.h>
#include <stdint.h>

bool mmu_build(uint64_t ram_base, uint64_t ram_size);
void mmu_enable(void);

#endif /* ARCH_MMU_H */
