// SPDX-License-Identifier: MIT
/*
 * Translation table builder: walks from level 1, uses the largest block the
 * alignment of va, pa and the remaining size allows (within what the caller
 * permits), and allocates next-level tables from a static pool.
 */
#include "arch/aarch64/pgtable.h"
#include "core/lib.h"
#include "partita/layout.h"

/*
 * Stage-2 tables of every guest and the EL2 views of every CPU, so
 * proportional to the guests: 32 4-MiB guests on 4 CPUs take 77 (tests/
 * timeshare t32), 1-3 guests 13-24; 3 per guest slot leaves room for
 * guests with devices mapped in 4 KiB pages.
 */
#define PGTABLE_POOL (32 + 3 * LAYOUT_MAX_GUESTS)
#define PT_ENTRIES 512
#define PT_ADDR_MASK 0x0000FFFFFFFFF000ul

static uint64_t pgtable_pool[PGTABLE_POOL][PT_ENTRIES] __attribute__((aligned(4096)));
static unsigned pgtable_next;

uint64_t *pgtable_alloc(void)
{
	uint64_t *t;

	if (pgtable_next >= PGTABLE_POOL)
		return 0;
	t = pgtable_pool[pgtable_next++];
	memset(t, 0, sizeof(pgtable_pool[0]));
	return t;
}

unsigned pgtable_used(void)
{
	return pgtable_next;
}

static unsigned pgtable_shift(int level)
{
	return 39 - 9 * level;   /* level 1: 30, 2: 21, 3: 12 */
}

static bool pgtable_block_ok(int level, unsigned blocks, uint64_t va,
			     uint64_t pa, uint64_t size)
{
	uint64_t bs = 1ul << pgtable_shift(level);

	if (level == 1 && !(blocks & PT_LEVEL1_BLOCKS))
		return false;
	if (level == 2 && !(blocks & PT_LEVEL2_BLOCKS))
		return false;
	return IS_ALIGNED(va, bs) && IS_ALIGNED(pa, bs) && size >= bs;
}

static uint64_t *pgtable_next_level(uint64_t *entry)
{
	uint64_t *t;

	if ((*entry & 3) == PT_TABLE)
		return (uint64_t *)(uintptr_t)(*entry & PT_ADDR_MASK);
	if (*entry & PT_VALID)
		return 0;   /* already a block: overlapping maps are a bug */
	t = pgtable_alloc();
	if (t)
		*entry = (uint64_t)(uintptr_t)t | PT_TABLE;
	return t;
}

/* Maps one leaf at the highest level that fits; returns its size or 0. */
static uint64_t pgtable_map_one(uint64_t *root, uint64_t va, uint64_t pa,
				uint64_t size, uint64_t attrs, unsigned blocks)
{
	uint64_t *table = root;

	for (int level = 1; level <= 3; level++) {
		unsigned shift = pgtable_shift(level);
		uint64_t *e = &table[(va >> shift) & (PT_ENTRIES - 1)];

		if (level == 3 || pgtable_block_ok(level, blocks, va, pa, size)) {
			*e = pa | attrs | PT_AF | (level == 3 ? PT_TABLE : PT_BLOCK);
			return 1ul << shift;
		}
		table = pgtable_next_level(e);
		if (!table)
			return 0;
	}
	return 0;
}

bool pgtable_map(uint64_t *root, uint64_t va, uint64_t pa, uint64_t size,
		 uint64_t attrs, unsigned blocks)
{
	if (!IS_ALIGNED(va | pa | size, 4096) || va + size > (1ul << PGTABLE_VA_BITS))
		return false;
	while (size) {
		uint64_t done = pgtable_map_one(root, va, pa, size, attrs, blocks);

		if (!done)
			return false;
		va += done;
		pa += done;
		size -= done;
	}
	return true;
}

uint64_t pgtable_lookup(const uint64_t *root, uint64_t va)
{
	const uint64_t *table = root;

	for (int level = 1; level <= 3; level++) {
		uint64_t e = table[(va >> pgtable_shift(level)) & (PT_ENTRIES - 1)];

		if (!(e & PT_VALID))
			return 0;
		if (level == 3 || (e & 3) == PT_BLOCK)
			return e;
		table = (const uint64_t *)(uintptr_t)(e & PT_ADDR_MASK);
	}
	return 0;
}
