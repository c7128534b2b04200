/* SPDX-License-Identifier: MIT */
/*
 * VMSAv8-64 translation tables, 4 KiB granule, 39-bit input, start level 1
 * (Arm ARM DDI 0487 "Translation table descriptor formats"). Used for both
 * the EL2 stage-1 identity map and each guest's stage-2. Tables come from a
 * fixed pool in the runtime's bss.
 */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>

#define PGTABLE_VA_BITS 39
#define PT_VALID   1ul
#define PT_TABLE   3ul     /* table at levels 1-2, page at level 3 */
#define PT_BLOCK   1ul
#define PT_AF      (1ul << 10)
#define PT_SH_IS   (3ul << 8)
#define PT_XN      (1ul << 54)

#define PT_LEVEL1_BLOCKS 1  /* allow 1 GiB blocks */
#define PT_LEVEL2_BLOCKS 2  /* allow 2 MiB blocks */

/* Returns a zeroed table or NULL when the pool is exhausted. */
uint64_t *pgtable_alloc(void);
/*
 * Map [va, va+size) to pa with leaf attributes `attrs` (no type bits).
 * `blocks` says which block sizes may be used. false: pool exhausted or
 * misaligned (va, pa, size must be 4 KiB aligned).
 */
bool pgtable_map(uint64_t *root, uint64_t va, uint64_t pa, uint64_t size,
		 uint64_t attrs, unsigned blocks);
/* Leaf descriptor for va, or 0 when unmapped. */
uint64_t pgtable_lookup(const uint64_t *root, uint64_t va);
unsigned pgtable_used(void);

#endif /* ARCH_PGTABLE_H */
