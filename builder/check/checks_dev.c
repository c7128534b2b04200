/* SPDX-License-Identifier: MIT */
/*
 * Passthrough devices: each device, interrupt and 4 KiB register page has at
 * most one owner; the runtime's own UART, the GIC and its ITS are never
 * given away; a device must not sit where the guest's virtual console is;
 * and with no IOMMU a DMA master only works when guest RAM is identity mapped
 * and only when the spec declares it unprotected (it reaches all memory).
 */
#include "checks.h"
#include "device.h"

#define CHECKS_PAGE_MASK (~0xfffull)

static bool checks_runtime_owned(const struct model_board *b, const struct model_device *d)
{
	if (device_is_runtime_node(b, d->node))
		return true;
	const struct model_reg owned[] = {
		{ b->uart_pa, b->uart_size }, b->gicd, b->gicr, b->gicc, b->gich, b->gicv, b->its,
	};
	for (int r = 0; r < d->reg_count; r++)
		for (size_t o = 0; o < sizeof(owned) / sizeof(owned[0]); o++)
			if (checks_overlap(d->reg[r].pa, d->reg[r].size, owned[o].pa, owned[o].size))
				return true;
	return false;
}

static void checks_device_one(const struct model *m, const struct model_guest *g,
			      const struct model_device *d)
{
	if (checks_runtime_owned(&m->board, d))
		diag_error(&d->pos, "device-owned-by-runtime",
			   "%s belongs to the runtime (its console UART, the GIC or the ITS) "
			   "and cannot be given to guest '%s'", d->path, g->name);
	if (d->dma_capable && !g->mem_identity)
		diag_error(&d->pos, "dma-needs-identity",
			   "%s can master DMA and there is no IOMMU: guest '%s' needs "
			   "memory: {size: ..., identity: true}", d->path, g->name);
	/* The runtime programs no SMMU on any board: such a device reaches all
	 * physical memory, so the spec must say it accepts that. */
	if (d->dma_capable && !d->dma_unprotected)
		diag_error(&d->pos, "dma-unprotected",
			   "%s can master DMA and no SMMU confines it: it can read and write all "
			   "physical memory (the runtime and every guest). Declare the risk with "
			   "{device: %s, dma: unprotected} (see partita explain dma-unprotected)",
			   d->path, d->ref);
	if (d->dma_unprotected && !d->dma_capable)
		diag_note(&d->dma_pos, "%s is not known to master DMA; dma: unprotected changes "
			  "nothing for it", d->path);
	for (int r = 0; g->console != LAYOUT_CONSOLE_NONE && r < d->reg_count; r++) {
		if (!checks_overlap(d->reg[r].pa, d->reg[r].size, g->console_ipa, 4096))
			continue;
		diag_error(&d->pos, "console-conflict",
			   "%s is at 0x%llx, where guest '%s' has its virtual console", d->path,
			   (unsigned long long)d->reg[r].pa, g->name);
		diag_note(&g->console_pos, "the console is placed here (set console: none or "
			  "console: {type: pl011, address: ...})");
		break;
	}
}

void checks_devices(const struct model *m)
{
	if (!m->board.fdt)
		return;
	for (int i = 0; i < m->guest_count; i++)
		for (int d = 0; d < m->guests[i].device_count; d++)
			checks_device_one(m, &m->guests[i], &m->guests[i].devices[d]);
}
