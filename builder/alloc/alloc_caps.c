/* SPDX-License-Identifier: MIT */
/*
 * Virtual INTIDs and capability slots. Passthrough SPIs keep their INTID
 * unless taken; channel doorbells take the next free INTIDs from 96 up. Slots
 * are arithmetic (layout.h): base of the kind + index within the guest.
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

struct alloc_virqs {
	bool used[LAYOUT_MAX_VIRQ];
	uint32_t highest;
};

static bool alloc_take(struct alloc_virqs *v, uint32_t intid)
{
	if (intid >= LAYOUT_MAX_VIRQ || v->used[intid])
		return false;
	v->used[intid] = true;
	if (intid > v->highest)
		v->highest = intid;
	return true;
}

static uint32_t alloc_next_free(struct alloc_virqs *v)
{
	for (uint32_t i = ALLOC_DOORBELL_BASE; i < LAYOUT_MAX_VIRQ; i++)
		if (alloc_take(v, i))
			return i;
	return 0;
}

static int alloc_virq_exhausted(const struct model_guest *mg)
{
	diag_error(&mg->pos, "limits-exceeded",
		   "guest '%s' needs more virtual interrupts than the runtime emulates (INTID < %d)",
		   mg->name, LAYOUT_MAX_VIRQ);
	return 1;
}

/* The entry before r of md with the same INTID, or -1. A device may list one
 * line twice (ZynqMP GEM: one entry per queue, both SPI 63): the guest sees
 * it twice with one virq, and the guest holds one IRQ capability for it. */
static int alloc_irq_repeat(const struct model_device *md, int r)
{
	for (int k = 0; k < r; k++)
		if (md->irq[k].intid == md->irq[r].intid)
			return k;
	return -1;
}

static int alloc_guest_irqs(struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	struct alloc_guest *g = &a->guests[gi];
	struct alloc_virqs v;

	memset(&v, 0, sizeof(v));
	for (uint32_t i = 0; i < 32; i++)
		v.used[i] = true;  /* SGIs and PPIs are never remapped */
	if (mg->console == LAYOUT_CONSOLE_PL011 && alloc_take(&v, a->m->board.uart_irq))
		g->console_virq = a->m->board.uart_irq;
	for (int d = 0; d < mg->device_count; d++) {
		const struct model_device *md = &mg->devices[d];
		for (int r = 0; r < md->irq_count; r++) {
			uint32_t intid = md->irq[r].intid;
			int first = alloc_irq_repeat(md, r);
			if (first >= 0) {
				g->devices[d].virq[r] = g->devices[d].virq[first];
				continue;
			}
			if (intid < 32 || !alloc_take(&v, intid))
				intid = alloc_next_free(&v);
			if (!intid)
				return alloc_virq_exhausted(mg);
			g->devices[d].virq[r] = intid;
		}
	}
	for (int c = 0; c < a->m->channel_count; c++) {
		for (int e = 0; e < 2; e++) {
			if (a->m->channels[c].end[e].guest != gi)
				continue;
			uint32_t intid = alloc_next_free(&v);
			if (!intid)
				return alloc_virq_exhausted(mg);
			a->channels[c].end[e].virq = intid;
		}
	}
	uint32_t spis = v.highest >= 32 ? v.highest - 32 + 1 : 0;
	spis = (uint32_t)alloc_align_up(spis, 32);
	g->spi_count = spis < ALLOC_MIN_SPIS ? ALLOC_MIN_SPIS : spis;
	return 0;
}

int alloc_irqs(struct alloc *a)
{
	int errors = 0;

	for (int i = 0; i < a->m->guest_count; i++)
		errors += alloc_guest_irqs(a, i);
	return errors;
}

static struct layout_cap *alloc_new_cap(struct alloc *a, uint32_t slot, uint16_t kind)
{
	struct layout_cap *c = &a->caps[a->cap_count++];

	memset(c, 0, sizeof(*c));
	c->slot = slot;
	c->kind = kind;
	return c;
}

static int alloc_slot_limit(const struct model_guest *mg, const char *kind, int n, int max)
{
	if (n <= max)
		return 0;
	diag_error(&mg->pos, "limits-exceeded",
		   "guest '%s' needs %d %s capabilities; the slot layout has room for %d",
		   mg->name, n, kind, max);
	return 1;
}

static void alloc_device_caps(struct alloc *a, int gi, bool irqs)
{
	const struct model_guest *mg = &a->m->guests[gi];
	uint32_t idx = 0;

	for (int d = 0; d < mg->device_count; d++) {
		const struct model_device *md = &mg->devices[d];
		struct alloc_device *ad = &a->guests[gi].devices[d];
		int n = irqs ? md->irq_count : md->reg_count;
		for (int r = 0; r < n; r++, idx++) {
			int first = irqs ? alloc_irq_repeat(md, r) : -1;
			if (first >= 0) {
				ad->irq_slot[r] = ad->irq_slot[first];
				idx--;
				continue;
			}
			uint32_t base = irqs ? LAYOUT_SLOT_BASE_IRQ : LAYOUT_SLOT_BASE_MMIO;
			struct layout_cap *c = alloc_new_cap(a, base + idx,
				irqs ? LAYOUT_CAP_IRQ : LAYOUT_CAP_MMIO);
			c->object = (uint32_t)d;
			if (irqs) {
				c->phys_irq = md->irq[r].intid;
				c->virt_irq = ad->virq[r];
				ad->irq_slot[r] = c->slot;
				continue;
			}
			c->rights = LAYOUT_RIGHT_R | LAYOUT_RIGHT_W;
			c->pa = md->reg[r].pa;
			c->ipa = ad->ipa[r] = md->reg[r].pa;  /* identity: drivers see real addresses */
			c->size = md->reg[r].size;
			ad->mmio_slot[r] = c->slot;
			if ((c->pa | c->size) & (ALLOC_SZ_4K - 1))
				c->flags |= LAYOUT_CAPF_TRAPPED;
		}
	}
}

/* Channel slots of every guest first, so each cap can name its peer's slot. */
static void alloc_channel_slots(struct alloc *a)
{
	for (int gi = 0; gi < a->m->guest_count; gi++) {
		uint32_t idx = 0;
		for (int c = 0; c < a->m->channel_count; c++)
			for (int e = 0; e < 2; e++)
				if (a->m->channels[c].end[e].guest == gi)
					a->channels[c].end[e].slot = LAYOUT_SLOT_BASE_CHANNEL + idx++;
	}
}

static void alloc_channel_caps(struct alloc *a, int gi)
{
	for (int c = 0; c < a->m->channel_count; c++) {
		const struct model_channel *mc = &a->m->channels[c];
		const struct alloc_channel *ch = &a->channels[c];
		for (int e = 0; e < 2; e++) {
			if (mc->end[e].guest != gi)
				continue;
			struct layout_cap *cap = alloc_new_cap(a, ch->end[e].slot, LAYOUT_CAP_CHANNEL);
			cap->rights = mc->end[e].rights;
			cap->pa = ch->pa;
			cap->ipa = ch->end[e].ipa;
			cap->size = ch->size;
			cap->virt_irq = ch->end[e].virq;
			cap->peer = (uint32_t)mc->end[!e].guest;
			cap->peer_slot = ch->end[!e].slot;
			cap->object = (uint32_t)c;
			cap->flags = mc->end[e].notify ? LAYOUT_CAPF_NOTIFY : 0;
		}
	}
}

static int alloc_count_kind(const struct alloc *a, int gi, bool irqs)
{
	const struct model_guest *mg = &a->m->guests[gi];
	int n = 0;

	for (int d = 0; d < mg->device_count; d++)
		n += irqs ? mg->devices[d].irq_count : mg->devices[d].reg_count;
	return n;
}

static int alloc_guest_limits(const struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	int chans = 0;

	for (int c = 0; c < a->m->channel_count; c++)
		for (int e = 0; e < 2; e++)
			chans += a->m->channels[c].end[e].guest == gi;
	return alloc_slot_limit(mg, "vCPU", alloc_vcpus(mg), LAYOUT_SLOT_BASE_MEMORY) +
	       alloc_slot_limit(mg, "MMIO", alloc_count_kind(a, gi, false),
				LAYOUT_SLOT_BASE_IRQ - LAYOUT_SLOT_BASE_MMIO) +
	       alloc_slot_limit(mg, "IRQ", alloc_count_kind(a, gi, true),
				LAYOUT_SLOT_BASE_CHANNEL - LAYOUT_SLOT_BASE_IRQ) +
	       alloc_slot_limit(mg, "channel", chans,
				LAYOUT_SLOT_LIMIT - LAYOUT_SLOT_BASE_CHANNEL);
}

static void alloc_guest_caps(struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];
	int vcpus = alloc_vcpus(mg);

	for (int v = 0; v < vcpus; v++) {
		struct layout_cap *c = alloc_new_cap(a, LAYOUT_SLOT_BASE_VCPU + (uint32_t)v,
						     LAYOUT_CAP_VCPU);
		c->object = (uint32_t)v;
		c->peer = (uint32_t)mg->cpus[mg->cpu_count ? v % mg->cpu_count : 0];
	}
	struct layout_cap *mem = alloc_new_cap(a, LAYOUT_SLOT_BASE_MEMORY, LAYOUT_CAP_MEMORY);
	mem->rights = LAYOUT_RIGHT_R | LAYOUT_RIGHT_W | LAYOUT_RIGHT_X;
	mem->pa = g->ram_pa;
	mem->ipa = g->ram_ipa;
	mem->size = g->ram_size;
	alloc_device_caps(a, gi, false);
	alloc_device_caps(a, gi, true);
	alloc_channel_caps(a, gi);
	alloc_virtio_caps(a, gi);
}

int alloc_caps(struct alloc *a)
{
	size_t max = 0;
	int errors = 0;

	for (int i = 0; i < a->m->guest_count; i++) {
		const struct model_guest *mg = &a->m->guests[i];
		errors += alloc_guest_limits(a, i);
		max += (size_t)alloc_vcpus(mg) + 1 +
		       (size_t)alloc_count_kind(a, i, false) + (size_t)alloc_count_kind(a, i, true);
	}
	if (errors)
		return errors;
	max += 2 * (size_t)a->m->channel_count + (size_t)a->virtio_count;
	a->caps = calloc(max + 1, sizeof(*a->caps));
	if (!a->caps)
		abort();
	alloc_channel_slots(a);
	for (int i = 0; i < a->m->guest_count; i++) {
		a->guests[i].cap_first = a->cap_count;
		alloc_guest_caps(a, i);
		a->guests[i].cap_count = a->cap_count - a->guests[i].cap_first;
	}
	if (!a->no_limits && a->cap_count > LAYOUT_MAX_CAPS) {
		diag_error(&a->m->name_pos, "limits-exceeded",
			   "the system needs %d capabilities; the runtime holds at most %d",
			   a->cap_count, LAYOUT_MAX_CAPS);
		errors++;
	}
	return errors;
}
