/* SPDX-License-Identifier: MIT */
/*
 * virtio devices: per guest, its virtio console (`console: virtio`), one
 * virtio-blk per disk it holds, then one virtio-net per network it is on
 * (spec order each), then its virtio-vsock (`vsock: true`). Register windows
 * (4 KiB each) follow the guest's channel window from the next 2 MiB
 * boundary; INTIDs are the next free ones from 96 after the doorbells; slots
 * count from LAYOUT_SLOT_BASE_VIRTIO. A disk is a DISK payload that the
 * runtime uses in place, so its address is known only with the runtime
 * region. MACs: SHA-256 of "<network>/<guest>", locally administered unicast.
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void alloc_virtio_mac(const char *network, const char *guest, uint8_t mac[6])
{
	struct sha256 s;
	uint8_t h[SHA256_SIZE];

	sha256_init(&s);
	sha256_update(&s, network, strlen(network));
	sha256_update(&s, "/", 1);
	sha256_update(&s, guest, strlen(guest));
	sha256_final(&s, h);
	memcpy(mac, h, 6);
	mac[0] = (uint8_t)((mac[0] & 0xFC) | 0x02);   /* local, unicast */
}

/* End of guest gi's channel window: its ends are laid out back to back. */
static uint64_t alloc_virtio_base(const struct alloc *a, int gi)
{
	uint64_t end = a->guests[gi].chan_window_ipa;

	for (int c = 0; c < a->m->channel_count; c++)
		for (int e = 0; e < 2; e++)
			if (a->m->channels[c].end[e].guest == gi)
				end += a->channels[c].size;
	return alloc_align_up(end, ALLOC_SZ_2M);
}

static struct alloc_virtio *alloc_virtio_new(struct alloc *a, int gi, uint32_t type,
					     int backend, uint64_t *ipa, uint32_t *slot)
{
	struct alloc_virtio *v = &a->virtio[a->virtio_count++];

	memset(v, 0, sizeof(*v));
	v->guest = gi;
	v->type = type;
	v->backend = backend;
	v->ipa = *ipa;
	v->slot = (*slot)++;
	v->payload = v->cap = -1;
	*ipa += ALLOC_SZ_4K;
	return v;
}

static void alloc_virtio_guest(struct alloc *a, int gi)
{
	const struct model *m = a->m;
	uint64_t ipa = alloc_virtio_base(a, gi);
	uint32_t slot = LAYOUT_SLOT_BASE_VIRTIO;

	if (m->guests[gi].console_virtio)
		alloc_virtio_new(a, gi, LAYOUT_VIRTIO_CONSOLE, 0, &ipa, &slot);
	for (int d = 0; d < m->disk_count; d++)
		if (m->disks[d].guest == gi)
			alloc_virtio_new(a, gi, LAYOUT_VIRTIO_BLK, d, &ipa, &slot);
	for (int n = 0; n < m->network_count; n++) {
		for (int i = 0; i < m->networks[n].guest_count; i++) {
			if (m->networks[n].guests[i] != gi)
				continue;
			struct alloc_virtio *v = alloc_virtio_new(a, gi, LAYOUT_VIRTIO_NET, n,
								  &ipa, &slot);
			alloc_virtio_mac(m->networks[n].name, m->guests[gi].name, v->mac);
		}
	}
	if (m->guests[gi].vsock)
		alloc_virtio_new(a, gi, LAYOUT_VIRTIO_VSOCK, gi, &ipa, &slot);
}

static bool alloc_on_network(const struct model_network *n, int gi)
{
	for (int i = 0; i < n->guest_count; i++)
		if (n->guests[i] == gi)
			return true;
	return false;
}

static uint64_t alloc_guest_bit(int gi)
{
	return gi >= 0 && gi < 64 ? 1ull << gi : 0;
}

/* vsock capability: the other vsock guests gi shares a channel or network with. */
static uint64_t alloc_vsock_reach(const struct model *m, int gi)
{
	uint64_t reach = 0;

	for (int c = 0; c < m->channel_count; c++) {
		int e0 = m->channels[c].end[0].guest, e1 = m->channels[c].end[1].guest;
		if (e0 == gi && e1 >= 0)
			reach |= alloc_guest_bit(e1);
		if (e1 == gi && e0 >= 0)
			reach |= alloc_guest_bit(e0);
	}
	for (int n = 0; n < m->network_count; n++) {
		if (!alloc_on_network(&m->networks[n], gi))
			continue;
		for (int i = 0; i < m->networks[n].guest_count; i++)
			if (m->networks[n].guests[i] >= 0)
				reach |= alloc_guest_bit(m->networks[n].guests[i]);
	}
	for (int g = 0; g < m->guest_count; g++)
		if (!m->guests[g].vsock)
			reach &= ~alloc_guest_bit(g);
	return reach & ~alloc_guest_bit(gi);
}

int alloc_virtio_plan(struct alloc *a)
{
	const struct model *m = a->m;
	size_t max = (size_t)m->disk_count + 2 * (size_t)m->guest_count;

	for (int n = 0; n < m->network_count; n++)
		max += (size_t)m->networks[n].guest_count;
	a->virtio = calloc(max + 1, sizeof(*a->virtio));
	if (!a->virtio)
		abort();
	for (int gi = 0; gi < m->guest_count; gi++)
		alloc_virtio_guest(a, gi);
	return 0;
}

/* INTIDs guest gi already has: console, passthrough, doorbells. */
static void alloc_virtio_used(const struct alloc *a, int gi, bool *used)
{
	const struct model *m = a->m;
	const struct alloc_guest *g = &a->guests[gi];

	for (uint32_t i = 0; i < 32; i++)
		used[i] = true;
	if (g->console_virq)
		used[g->console_virq] = true;
	for (int d = 0; d < m->guests[gi].device_count; d++)
		for (int r = 0; r < m->guests[gi].devices[d].irq_count; r++)
			used[g->devices[d].virq[r]] = true;
	for (int c = 0; c < m->channel_count; c++)
		for (int e = 0; e < 2; e++)
			if (m->channels[c].end[e].guest == gi)
				used[a->channels[c].end[e].virq] = true;
}

static int alloc_virtio_guest_irqs(struct alloc *a, int gi)
{
	bool used[LAYOUT_MAX_VIRQ] = { false };
	uint32_t next = ALLOC_DOORBELL_BASE, spis;
	struct alloc_guest *g = &a->guests[gi];

	alloc_virtio_used(a, gi, used);
	for (int i = 0; i < a->virtio_count; i++) {
		struct alloc_virtio *v = &a->virtio[i];
		if (v->guest != gi)
			continue;
		while (next < LAYOUT_MAX_VIRQ && used[next])
			next++;
		if (next == LAYOUT_MAX_VIRQ) {
			diag_error(&a->m->guests[gi].pos, "limits-exceeded",
				   "guest '%s' needs more virtual interrupts than the runtime emulates (INTID < %d)",
				   a->m->guests[gi].name, LAYOUT_MAX_VIRQ);
			return 1;
		}
		used[next] = true;
		v->virq = next;
		spis = (uint32_t)alloc_align_up(next - 32 + 1, 32);
		if (spis > g->spi_count)
			g->spi_count = spis;
	}
	return 0;
}

int alloc_virtio_irqs(struct alloc *a)
{
	int errors = 0;

	for (int gi = 0; gi < a->m->guest_count; gi++)
		errors += alloc_virtio_guest_irqs(a, gi);
	return errors;
}

void alloc_virtio_caps(struct alloc *a, int gi)
{
	for (int i = 0; i < a->virtio_count; i++) {
		struct alloc_virtio *v = &a->virtio[i];
		if (v->guest != gi)
			continue;
		struct layout_cap *c = &a->caps[a->cap_count];
		memset(c, 0, sizeof(*c));
		v->cap = a->cap_count++;
		c->slot = v->slot;
		c->kind = LAYOUT_CAP_VIRTIO;
		c->ipa = v->ipa;
		c->size = ALLOC_SZ_4K;
		c->virt_irq = v->virq;
		c->object = v->type;
		c->peer = (uint32_t)v->backend;
		c->rights = LAYOUT_RIGHT_R | LAYOUT_RIGHT_W;
		if (v->type == LAYOUT_VIRTIO_BLK && a->m->disks[v->backend].readonly)
			c->rights = LAYOUT_RIGHT_R;
		for (int b = 0; v->type == LAYOUT_VIRTIO_NET && b < 6; b++)
			c->pa |= (uint64_t)v->mac[b] << (8 * b);
		if (v->type == LAYOUT_VIRTIO_VSOCK) {
			c->peer = LAYOUT_VSOCK_CID_BASE + (uint32_t)gi;
			c->pa = alloc_vsock_reach(a->m, gi);
		}
	}
}

void alloc_virtio_payloads(struct alloc *a, int gi)
{
	for (int i = 0; i < a->virtio_count; i++) {
		struct alloc_virtio *v = &a->virtio[i];
		if (v->guest != gi || v->type != LAYOUT_VIRTIO_BLK)
			continue;
		const struct model_disk *d = &a->m->disks[v->backend];
		struct alloc_payload *p = &a->payloads[a->payload_count];
		memset(p, 0, sizeof(*p));
		v->payload = a->payload_count++;
		p->guest = gi;
		p->kind = LAYOUT_PAYLOAD_DISK;
		p->data = d->image.data;
		p->source = d->image.path;
		p->file_size = p->mem_size = d->image.size;
	}
}

/* The runtime keeps the image at runtime_pa: each disk is used where it lies. */
void alloc_virtio_place(struct alloc *a)
{
	for (int i = 0; i < a->virtio_count; i++) {
		const struct alloc_virtio *v = &a->virtio[i];
		if (v->type != LAYOUT_VIRTIO_BLK || v->payload < 0)
			continue;
		struct alloc_payload *p = &a->payloads[v->payload];
		p->dest_pa = a->runtime_pa + p->offset;
		if (v->cap >= 0)
			a->caps[v->cap].pa = p->dest_pa;
	}
}
