/* SPDX-License-Identifier: MIT */
/*
 * Freestanding helpers: memory copy/fill (the compiler may also emit calls
 * to memcpy/memset), string length and bounded compare.
 */
#ifndef CORE_LIB_H
#define CORE_LIB_H

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t lib_strnlen(const char *s, size_t max);

#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((uint64_t)(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((uint64_t)(a) - 1)) == 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* [a, a+as) and [b, b+bs) overlap; sizes are non-zero and do not wrap */
static inline int lib_overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

/* [a, a+as) lies inside [b, b+bs), without overflow */
static inline int lib_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a >= b && as <= bs && a - b <= bs - as;
}

#endif /* CORE_LIB_H */
