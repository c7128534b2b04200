/* SPDX-License-Identifier: MIT */
/*
 * Each guest's IPA map: the runtime-provided windows (virtual GIC, virtual
 * console) at the board's addresses, then a check that RAM, channel windows,
 * passthrough MMIO and those windows never overlap inside one guest.
 */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>

struct alloc_window {
	uint64_t ipa, size;
	char what[48];
};

static void alloc_add(struct alloc_window *w, int *n, uint64_t ipa, uint64_t size,
		      const char *what)
{
	if (!size)
		return;
	w[*n].ipa = ipa;
	w[*n].size = size;
	snprintf(w[*n].what, sizeof(w[*n].what), "%s", what);
	(*n)++;
}

static void alloc_runtime_windows(struct alloc *a, int gi)
{
	const struct model *m = a->m;
	const struct model_guest *mg = &m->guests[gi];
	struct alloc_guest *g = &a->guests[gi];

	g->console_ipa = mg->console_ipa ? mg->console_ipa : m->board.uart_pa;
	g->vgicd_ipa = m->board.gicd.pa;
	/* GICv2 has no redistributors: the field holds the virtual GICC IPA. */
	g->vgicr_ipa = m->board.gic_version == 2 ? m->board.gicc.pa : m->board.gicr.pa;
}

static int alloc_collect(const struct alloc *a, int gi, struct alloc_window *w)
{
	const struct model *m = a->m;
	const struct model_guest *mg = &m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];
	int n = 0;

	alloc_add(w, &n, g->ram_ipa, g->ram_size, "RAM");
	/* A GICv2 distributor is one 4 KiB frame (guest_dt.c says so too): the
	 * RPi4's GIC-400 has its CPU interface 4 KiB above it. */
	alloc_add(w, &n, g->vgicd_ipa, m->board.gic_version == 2 ? ALLOC_SZ_4K : ALLOC_SZ_64K,
		  "virtual GIC distributor");
	if (m->board.gic_version == 2)
		alloc_add(w, &n, g->vgicr_ipa, ALLOC_GICC_SIZE, "virtual GIC CPU interface");
	else
		alloc_add(w, &n, g->vgicr_ipa, ALLOC_GICR_PER_VCPU * (uint64_t)alloc_vcpus(mg),
			  "virtual GIC redistributors");
	if (mg->console == LAYOUT_CONSOLE_PL011)
		alloc_add(w, &n, g->console_ipa, ALLOC_SZ_4K, "virtual console");
	for (int c = 0; c < m->channel_count; c++)
		for (int e = 0; e < 2; e++)
			if (m->channels[c].end[e].guest == gi)
				alloc_add(w, &n, a->channels[c].end[e].ipa, a->channels[c].size,
					  m->channels[c].name);
	for (int d = 0; d < mg->device_count; d++)
		for (int r = 0; r < mg->devices[d].reg_count; r++)
			alloc_add(w, &n, g->devices[d].ipa[r], mg->devices[d].reg[r].size,
				  mg->devices[d].path ? mg->devices[d].path : mg->devices[d].ref);
	for (int i = 0; i < a->virtio_count; i++)
		if (a->virtio[i].guest == gi)
			alloc_add(w, &n, a->virtio[i].ipa, ALLOC_SZ_4K, "virtio device");
	return n;
}

static int alloc_guest_ipa_overlaps(struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	int cap = 6 + 2 * a->m->channel_count + MODEL_MAX_REGS * mg->device_count +
		  a->virtio_count;
	struct alloc_window *w = calloc((size_t)cap, sizeof(*w));
	int errors = 0;

	if (!w)
		abort();
	int n = alloc_collect(a, gi, w);
	for (int i = 0; i < n; i++) {
		for (int j = i + 1; j < n; j++) {
			if (!(w[i].ipa < w[j].ipa + w[j].size && w[j].ipa < w[i].ipa + w[i].size))
				continue;
			diag_error(&mg->pos, "ipa-overlap",
				   "guest '%s': %s at IPA 0x%llx+0x%llx overlaps %s at 0x%llx+0x%llx",
				   mg->name, w[i].what, (unsigned long long)w[i].ipa,
				   (unsigned long long)w[i].size, w[j].what,
				   (unsigned long long)w[j].ipa, (unsigned long long)w[j].size);
			errors++;
		}
	}
	free(w);
	return errors;
}

int alloc_check_ipa(struct alloc *a)
{
	int errors = 0;

	for (int i = 0; i < a->m->guest_count; i++) {
		alloc_runtime_windows(a, i);
		errors += alloc_guest_ipa_overlaps(a, i);
	}
	return errors;
}
