/* SPDX-License-Identifier: MIT */
/*
 * Memory: sizes in whole 4 KiB pages (the stage-2 granule), fixed physical
 * ranges inside board RAM and disjoint, and enough RAM for everything.
 */
#include "checks.h"

#define CHECKS_PAGE 4096ull
/* Stage 2 takes 39-bit IPAs (T0SZ = 25, vmm/arch/aarch64/stage2.c). */
#define CHECKS_IPA_SPACE (1ull << 39)

bool checks_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	if (!as || !bs)
		return false;
	return a <= b ? b - a < as : a - b < bs;
}

bool checks_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a >= b && a - b <= bs && as <= bs - (a - b);
}

bool checks_guest_ipa(const struct model *m, const struct model_guest *g, uint64_t *ipa)
{
	if (g->mem_ipa_set) {
		*ipa = g->mem_ipa;
		return true;
	}
	if (g->mem_identity || !m->board.ram_size)
		return false;
	*ipa = m->board.ram_base;
	return true;
}

void checks_sizes(const struct model *m)
{
	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *g = &m->guests[i];
		if (g->mem_size % CHECKS_PAGE)
			diag_error(&g->mem_pos, "size-unaligned",
				   "guest '%s' memory 0x%llx is not a multiple of 4 KiB", g->name,
				   (unsigned long long)g->mem_size);
		else if (m->board.ram_size && g->mem_size > m->board.ram_size)
			diag_error(&g->mem_pos, "size-too-large",
				   "guest '%s' wants %llu MiB; board '%s' has %llu MiB of RAM",
				   g->name, (unsigned long long)(g->mem_size >> 20), m->board.name,
				   (unsigned long long)(m->board.ram_size >> 20));
		if ((g->mem_ipa_set && g->mem_ipa % CHECKS_PAGE) ||
		    (g->mem_phys_set && g->mem_phys % CHECKS_PAGE))
			diag_error(&g->mem_addr_pos, "memory-ipa-unaligned",
				   "guest '%s' memory address is not 4 KiB aligned", g->name);
		else if (g->mem_ipa_set && !checks_inside(g->mem_ipa, g->mem_size, 0, CHECKS_IPA_SPACE))
			diag_error(&g->mem_addr_pos, "bad-value",
				   "guest '%s' RAM 0x%llx+0x%llx does not fit the 39-bit guest-physical space",
				   g->name, (unsigned long long)g->mem_ipa,
				   (unsigned long long)g->mem_size);
	}
	for (int i = 0; i < m->channel_count; i++) {
		const struct model_channel *c = &m->channels[i];
		if (c->size % CHECKS_PAGE)
			diag_error(&c->size_pos, "size-unaligned",
				   "channel '%s' size 0x%llx is not a multiple of 4 KiB", c->name,
				   (unsigned long long)c->size);
		else if (m->board.ram_size && c->size > m->board.ram_size)
			diag_error(&c->size_pos, "size-too-large",
				   "channel '%s' is larger than board RAM", c->name);
	}
}

void checks_guest_ram(const struct model *m)
{
	const struct model_board *b = &m->board;

	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *g = &m->guests[i];
		if (!g->mem_phys_set || !g->mem_size)
			continue;
		if (b->ram_size && !checks_inside(g->mem_phys, g->mem_size, b->ram_base, b->ram_size)) {
			diag_error(&g->mem_addr_pos, "guest-ram-outside-board",
				   "guest '%s' RAM 0x%llx+0x%llx is outside board RAM 0x%llx+0x%llx",
				   g->name, (unsigned long long)g->mem_phys,
				   (unsigned long long)g->mem_size, (unsigned long long)b->ram_base,
				   (unsigned long long)b->ram_size);
			continue;
		}
		for (int j = 0; j < i; j++) {
			const struct model_guest *o = &m->guests[j];
			if (!o->mem_phys_set ||
			    !checks_overlap(g->mem_phys, g->mem_size, o->mem_phys, o->mem_size))
				continue;
			diag_error(&g->mem_addr_pos, "guest-ram-overlap",
				   "guest '%s' RAM 0x%llx+0x%llx overlaps guest '%s'", g->name,
				   (unsigned long long)g->mem_phys, (unsigned long long)g->mem_size,
				   o->name);
			diag_note(&o->mem_addr_pos, "'%s' RAM declared here", o->name);
		}
	}
}

/* The sum of all guest RAM and channels must fit in board RAM. */
void checks_ram_total(const struct model *m)
{
	uint64_t total = 0, ram = m->board.ram_size;

	if (!ram)
		return;
	for (int i = 0; i < m->channel_count; i++)
		total += m->channels[i].size % CHECKS_PAGE ? 0 : m->channels[i].size;
	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *g = &m->guests[i];
		if (g->mem_size > ram)
			return;   /* already size-too-large */
		total += g->mem_size;
		if (total <= ram)
			continue;
		diag_error(&g->mem_pos, "ram-exhausted",
			   "guests and channels need %llu MiB up to guest '%s'; board '%s' has %llu MiB",
			   (unsigned long long)(total >> 20), g->name, m->board.name,
			   (unsigned long long)(ram >> 20));
		return;
	}
}
