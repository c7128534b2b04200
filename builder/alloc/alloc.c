/* SPDX-License-Identifier: MIT */
/*
 * Allocation of physical memory: guest RAM (fixed `phys` first, the rest
 * bottom-up from the board RAM base, 2 MiB aligned), channel regions after
 * guest RAM, and the runtime region at the top of board RAM.
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static bool alloc_overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

/* Moves pa past every fixed guest RAM range it would overlap. */
static uint64_t alloc_skip_fixed(const struct alloc *a, uint64_t pa, uint64_t size,
				 uint64_t align)
{
	const struct model *m = a->m;
	bool moved = true;

	while (moved) {
		moved = false;
		for (int i = 0; i < m->guest_count; i++) {
			const struct alloc_guest *g = &a->guests[i];
			if (!m->guests[i].mem_phys_set ||
			    !alloc_overlaps(pa, size, g->ram_pa, g->ram_size))
				continue;
			pa = alloc_align_up(g->ram_pa + g->ram_size, align);
			moved = true;
		}
	}
	return pa;
}

/* [pa, pa+size) fits below end without wrapping (cursor: where we started). */
static bool alloc_fits(uint64_t pa, uint64_t size, uint64_t cursor, uint64_t end)
{
	return pa >= cursor && pa <= end && size <= end - pa;
}

static uint64_t alloc_guest_ipa(const struct model *m, const struct model_guest *mg,
				uint64_t pa)
{
	if (mg->mem_identity)
		return pa;
	if (mg->mem_ipa_set)
		return mg->mem_ipa;
	return m->board.ram_base;
}

int alloc_ram(struct alloc *a)
{
	const struct model *m = a->m;
	uint64_t ram_end = m->board.ram_base + m->board.ram_size;
	uint64_t cursor = alloc_align_up(m->board.ram_base, ALLOC_SZ_2M);
	int errors = 0;

	for (int i = 0; i < m->guest_count; i++) {
		if (!m->guests[i].mem_phys_set)
			continue;
		a->guests[i].ram_pa = m->guests[i].mem_phys;
		a->guests[i].ram_size = m->guests[i].mem_size;
	}
	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *mg = &m->guests[i];
		struct alloc_guest *g = &a->guests[i];
		if (!mg->mem_phys_set) {
			g->ram_size = mg->mem_size;
			g->ram_pa = alloc_skip_fixed(a, cursor, g->ram_size, ALLOC_SZ_2M);
			if (!alloc_fits(g->ram_pa, g->ram_size, cursor, ram_end)) {
				diag_error(&mg->mem_pos, "ram-exhausted",
					   "guest '%s' needs 0x%llx bytes of RAM but only 0x%llx are left on board '%s'",
					   mg->name, (unsigned long long)g->ram_size,
					   (unsigned long long)(ram_end > g->ram_pa ? ram_end - g->ram_pa : 0),
					   m->board.name);
				errors++;
				continue;
			}
			cursor = alloc_align_up(g->ram_pa + g->ram_size, ALLOC_SZ_2M);
		}
		g->ram_ipa = alloc_guest_ipa(m, mg, g->ram_pa);
	}
	a->next_pa = cursor;
	return errors;
}

int alloc_channels(struct alloc *a)
{
	const struct model *m = a->m;
	uint64_t ram_end = m->board.ram_base + m->board.ram_size;
	uint64_t cursor = a->next_pa;
	uint64_t *window = calloc((size_t)m->guest_count + 1, sizeof(*window));
	int errors = 0;

	if (!window)
		abort();
	for (int i = 0; i < m->guest_count; i++) {
		struct alloc_guest *g = &a->guests[i];
		g->chan_window_ipa = alloc_align_up(g->ram_ipa + g->ram_size, ALLOC_SZ_2M);
		window[i] = g->chan_window_ipa;
	}
	for (int c = 0; c < m->channel_count; c++) {
		const struct model_channel *mc = &m->channels[c];
		struct alloc_channel *ch = &a->channels[c];
		ch->size = alloc_align_up(mc->size ? mc->size : ALLOC_SZ_4K, ALLOC_SZ_4K);
		ch->pa = alloc_skip_fixed(a, cursor, ch->size, ALLOC_SZ_4K);
		if (!alloc_fits(ch->pa, ch->size, cursor, ram_end)) {
			diag_error(&mc->size_pos, "ram-exhausted",
				   "channel '%s' (0x%llx bytes) does not fit in board RAM after the guests",
				   mc->name, (unsigned long long)ch->size);
			errors++;
			continue;
		}
		cursor = ch->pa + ch->size;
		for (int e = 0; e < 2; e++) {
			ch->end[e].ipa = window[mc->end[e].guest];
			window[mc->end[e].guest] += ch->size;
		}
	}
	free(window);
	a->next_pa = cursor;
	return errors;
}

static void alloc_overlap_error(const struct srcpos *pos, const char *what,
				uint64_t pa, uint64_t size, const struct alloc *a)
{
	diag_error(pos, "guest-ram-overlaps-runtime",
		   "%s 0x%llx+0x%llx overlaps the runtime region 0x%llx+0x%llx at the top of board RAM",
		   what, (unsigned long long)pa, (unsigned long long)size,
		   (unsigned long long)a->runtime_pa, (unsigned long long)a->runtime_size);
}

int alloc_place_runtime(struct alloc *a, uint64_t image_size)
{
	const struct model *m = a->m;
	uint64_t ram_end = m->board.ram_base + m->board.ram_size;
	int errors = 0;

	a->image_size = image_size;
	a->runtime_size = alloc_align_up(image_size, ALLOC_SZ_2M);
	if (a->runtime_size > m->board.ram_size) {
		diag_error(&m->board.pos, "ram-exhausted",
			   "the image (0x%llx bytes) does not fit in board RAM (0x%llx bytes)",
			   (unsigned long long)image_size, (unsigned long long)m->board.ram_size);
		return 1;
	}
	a->runtime_pa = alloc_align_down(ram_end - a->runtime_size, ALLOC_SZ_2M);
	for (int i = 0; i < m->guest_count; i++) {
		const struct alloc_guest *g = &a->guests[i];
		if (!alloc_overlaps(g->ram_pa, g->ram_size, a->runtime_pa, a->runtime_size))
			continue;
		alloc_overlap_error(&m->guests[i].mem_pos, "guest RAM", g->ram_pa,
				    g->ram_size, a);
		errors++;
	}
	for (int c = 0; c < m->channel_count; c++) {
		const struct alloc_channel *ch = &a->channels[c];
		if (!alloc_overlaps(ch->pa, ch->size, a->runtime_pa, a->runtime_size))
			continue;
		alloc_overlap_error(&m->channels[c].pos, "channel memory", ch->pa,
				    ch->size, a);
		errors++;
	}
	alloc_virtio_place(a);
	return errors;
}

uint64_t alloc_ipa_to_pa(const struct alloc_guest *g, uint64_t ipa)
{
	return g->ram_pa + (ipa - g->ram_ipa);
}

int alloc_plan(const struct model *m, bool no_limits, struct alloc *a)
{
	int errors;

	memset(a, 0, sizeof(*a));
	a->m = m;
	a->no_limits = no_limits;
	a->guests = calloc((size_t)m->guest_count + 1, sizeof(*a->guests));
	a->channels = calloc((size_t)m->channel_count + 1, sizeof(*a->channels));
	if (!a->guests || !a->channels)
		abort();
	for (int i = 0; i < m->guest_count; i++) {
		a->guests[i].devices = calloc((size_t)m->guests[i].device_count + 1,
					      sizeof(struct alloc_device));
		if (!a->guests[i].devices)
			abort();
	}
	errors = alloc_ram(a);
	if (!errors)
		errors += alloc_channels(a);
	if (!errors)
		errors += alloc_virtio_plan(a);
	if (!errors)
		errors += alloc_irqs(a);
	if (!errors)
		errors += alloc_virtio_irqs(a);
	if (!errors)
		errors += alloc_caps(a);
	if (!errors)
		errors += alloc_payloads(a);
	if (!errors)
		errors += alloc_check_ipa(a);
	return errors;
}

void alloc_free(struct alloc *a)
{
	if (a->guests && a->m) {
		for (int i = 0; i < a->m->guest_count; i++) {
			free(a->guests[i].devices);
			free(a->guests[i].dtb);
		}
	}
	free(a->guests);
	free(a->channels);
	free(a->caps);
	free(a->payloads);
	free(a->virtio);
	memset(a, 0, sizeof(*a));
}
