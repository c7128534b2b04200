/* SPDX-License-Identifier: MIT */
/*
 * Exclusive ownership across guests: a device node, a physical interrupt and
 * a 4 KiB page of device registers (the stage-2 granule: two owners of one
 * page would see each other's registers) each belong to one guest, except
 * virtio-mmio slots smaller than a page: the runtime never maps those, it
 * traps and forwards each access inside the slot (LAYOUT_CAPF_TRAPPED,
 * vmm/vdev/passthru.c), so QEMU's 0x200-byte slots can go to different
 * guests.
 */
#include <libfdt.h>

#include "checks.h"

#define CHECKS_PAGE 4096ull

struct checks_owner {
	const struct model_guest *g;
	const struct model_device *d;
};

static bool checks_same_page(const struct model_device *a, const struct model_device *b)
{
	for (int i = 0; i < a->reg_count; i++) {
		uint64_t as = (a->reg[i].pa & ~(CHECKS_PAGE - 1));
		uint64_t ae = (a->reg[i].pa + a->reg[i].size + CHECKS_PAGE - 1) & ~(CHECKS_PAGE - 1);
		for (int j = 0; j < b->reg_count; j++) {
			uint64_t bs = (b->reg[j].pa & ~(CHECKS_PAGE - 1));
			uint64_t be = (b->reg[j].pa + b->reg[j].size + CHECKS_PAGE - 1) &
				      ~(CHECKS_PAGE - 1);
			if (checks_overlap(as, ae - as, bs, be - bs))
				return true;
		}
	}
	return false;
}

/* a virtio-mmio device whose every window is trapped and forwarded */
static bool checks_forwarded(const struct model *m, const struct model_device *d)
{
	if (!m->board.fdt || fdt_node_check_compatible(m->board.fdt, d->node, "virtio,mmio"))
		return false;
	for (int i = 0; i < d->reg_count; i++)
		if (!((d->reg[i].pa | d->reg[i].size) & (CHECKS_PAGE - 1)))
			return false;
	return true;
}

static int checks_shared_irq(const struct model_device *a, const struct model_device *b)
{
	for (int i = 0; i < a->irq_count; i++)
		for (int j = 0; j < b->irq_count; j++)
			if (a->irq[i].intid == b->irq[j].intid)
				return (int)a->irq[i].intid;
	return -1;
}

static void checks_pair(const struct model *m, struct checks_owner a, struct checks_owner b)
{
	int irq;

	if (a.d->node == b.d->node) {
		diag_error(&b.d->pos, "device-owned-twice", "%s is given to '%s' and '%s'",
			   b.d->path, a.g->name, b.g->name);
		diag_note(&a.d->pos, "'%s' takes it here", a.g->name);
		return;
	}
	if (a.g == b.g)
		return;
	if ((irq = checks_shared_irq(a.d, b.d)) >= 0) {
		diag_error(&b.d->pos, "irq-owned-twice",
			   "interrupt %d of %s (guest '%s') is also used by %s (guest '%s')",
			   irq, b.d->path, b.g->name, a.d->path, a.g->name);
		diag_note(&a.d->pos, "'%s' takes %s here", a.g->name, a.d->path);
	}
	if (checks_same_page(a.d, b.d) &&
	    !(checks_forwarded(m, a.d) && checks_forwarded(m, b.d))) {
		diag_error(&b.d->pos, "device-page-shared",
			   "%s (guest '%s') shares a 4 KiB register page with %s (guest '%s')",
			   b.d->path, b.g->name, a.d->path, a.g->name);
		diag_note(&a.d->pos, "'%s' takes %s here", a.g->name, a.d->path);
	}
}

void checks_device_sharing(const struct model *m)
{
	for (int gi = 0; gi < m->guest_count; gi++) {
		const struct model_guest *g = &m->guests[gi];
		for (int di = 0; di < g->device_count; di++) {
			struct checks_owner b = { g, &g->devices[di] };
			/* every earlier (guest, device) pair, in spec order */
			for (int gj = 0; gj <= gi; gj++) {
				const struct model_guest *o = &m->guests[gj];
				int end = gj == gi ? di : o->device_count;
				for (int dj = 0; dj < end; dj++)
					checks_pair(m, (struct checks_owner){ o, &o->devices[dj] }, b);
			}
		}
	}
}
