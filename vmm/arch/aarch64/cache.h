/* SPDX-License-Identifier: MIT */
/*
 * Cache maintenance by VA to the point of coherency (Arm ARM DDI 0487
 * "DC CVAC", "DC CIVAC"). Guests start with caches off, so anything the
 * runtime writes for them must be cleaned to PoC first.
 */
#ifndef ARCH_CACHE_H
#define ARCH_CACHE_H

#include <stdbool.h>
#include <stdint.h>

void cache_clean_range(uint64_t va, uint64_t size);
void cache_clean_inval_range(uint64_t va, uint64_t size);
void cache_inval_range(uint64_t va, uint64_t size);
void cache_inval_icache_all(void);
/* zeroes, then cleans and invalidates to PoC (guest RAM before its entry) */
void cache_zero_range(uint64_t va, uint64_t size);

#endif /* ARCH_CACHE_H */
