/* SPDX-License-Identifier: MIT */
/*
 * Per-guest parts of a diff: MMIO windows (matched by physical address,
 * which names the device on a board), interrupts (by physical INTID),
 * payloads (by kind; compared by SHA-256, file name and load address) and
 * channel ends (by channel name and guest).
 */
#include "diff.h"

#include <stdio.h>
#include <string.h>

static unsigned diff_rights(const char *r)
{
	return (strchr(r, 'r') ? 1u : 0) | (strchr(r, 'w') ? 2u : 0) | (strchr(r, 'x') ? 4u : 0);
}

/* widened / narrowed / changed (both), or NULL when equal. */
static const char *diff_rights_action(const char *o, const char *n)
{
	unsigned a = diff_rights(o), b = diff_rights(n);

	if (a == b)
		return NULL;
	if ((b & ~a) && (a & ~b))
		return "changed";
	return b & ~a ? "widened" : "narrowed";
}

static const struct sysview_mmio *diff_find_mmio(const struct sysview_guest *g, uint64_t pa)
{
	for (int i = 0; i < g->mmio_count; i++)
		if (g->mmio[i].pa == pa)
			return &g->mmio[i];
	return NULL;
}

/* The better label of a window seen from both sides: a device path wins. */
static const char *diff_label(const struct sysview_mmio *a, const struct sysview_mmio *b)
{
	return a->label[0] == '/' || !b ? a->label : b->label;
}

static void diff_mmio(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n)
{
	char s[32];

	for (int i = 0; i < n->mmio_count; i++) {
		const struct sysview_mmio *nm = &n->mmio[i], *om = diff_find_mmio(o, nm->pa);
		const char *label = diff_label(nm, om);
		const char *act = om ? diff_rights_action(om->rights, nm->rights) : NULL;
		if (!om)
			diff_add(d, n->name, "device", "added", true, label, "mmio 0x%llx+%s %s%s",
				 (unsigned long long)nm->pa, diff_size(nm->size, s), nm->rights,
				 nm->trapped ? " trapped" : "");
		else if (nm->size != om->size)
			diff_add(d, n->name, "device", nm->size > om->size ? "widened" : "narrowed",
				 nm->size > om->size, label, "mmio window 0x%llx -> 0x%llx bytes",
				 (unsigned long long)om->size, (unsigned long long)nm->size);
		if (act)
			diff_add(d, n->name, "device", act, strcmp(act, "narrowed") != 0, label,
				 "rights %s -> %s", om->rights, nm->rights);
		if (om && om->ipa != nm->ipa)
			diff_add(d, n->name, "device", "moved", false, label, "ipa 0x%llx -> 0x%llx",
				 (unsigned long long)om->ipa, (unsigned long long)nm->ipa);
	}
	for (int i = 0; i < o->mmio_count; i++)
		if (!diff_find_mmio(n, o->mmio[i].pa))
			diff_add(d, n->name, "device", "removed", false, o->mmio[i].label,
				 "mmio 0x%llx+%s", (unsigned long long)o->mmio[i].pa,
				 diff_size(o->mmio[i].size, s));
}

static const struct sysview_irq *diff_find_irq(const struct sysview_guest *g, uint32_t phys)
{
	for (int i = 0; i < g->irq_count; i++)
		if (g->irq[i].phys == phys)
			return &g->irq[i];
	return NULL;
}

static void diff_irqs(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n)
{
	char item[32];

	for (int i = 0; i < n->irq_count; i++) {
		const struct sysview_irq *ni = &n->irq[i], *oi = diff_find_irq(o, ni->phys);
		const char *label = ni->label[0] ? ni->label : oi ? oi->label : "";
		snprintf(item, sizeof(item), "intid %u", ni->phys);
		if (!oi)
			diff_add(d, n->name, "irq", "added", true, item, "-> virq %u%s%s", ni->virt,
				 *label ? " from " : "", label);
		else if (oi->virt != ni->virt)
			diff_add(d, n->name, "irq", "moved", false, item, "virq %u -> %u", oi->virt,
				 ni->virt);
	}
	for (int i = 0; i < o->irq_count; i++)
		if (!diff_find_irq(n, o->irq[i].phys)) {
			snprintf(item, sizeof(item), "intid %u", o->irq[i].phys);
			diff_add(d, n->name, "irq", "removed", false, item, "was virq %u%s%s",
				 o->irq[i].virt, o->irq[i].label[0] ? " from " : "", o->irq[i].label);
		}
}

static const struct sysview_payload *diff_find_payload(const struct sysview_guest *g,
							const char *key)
{
	for (int i = 0; i < g->payload_count; i++)
		if (!strcmp(g->payloads[i].key, key))
			return &g->payloads[i];
	return NULL;
}

/* "(generated)" for payloads without a file: the DTBs the builder writes. */
static const char *diff_source(const struct sysview_payload *p)
{
	return *p->source ? p->source : "(generated)";
}

/* What differs between two versions of a payload, in words; "" when nothing. */
static void diff_payload_detail(const struct diff *d, char *buf, size_t len,
				const struct sysview_payload *op, const struct sysview_payload *np)
{
	size_t used = 0;
	char a[68], b[68];

	buf[0] = '\0';
	if (strcmp(op->source, np->source))
		used += (size_t)snprintf(buf + used, len - used, "%s -> %s, ", diff_source(op),
					 diff_source(np));
	if (used < len && strcmp(op->sha256, np->sha256))
		used += (size_t)snprintf(buf + used, len - used,
					 "sha256 %s -> %s, 0x%llx -> 0x%llx bytes, ",
					 diff_hash(d, op->sha256, a), diff_hash(d, np->sha256, b),
					 (unsigned long long)op->size,
					 (unsigned long long)np->size);
	else if (used < len && used)
		used += (size_t)snprintf(buf + used, len - used, "same bytes, ");
	if (used < len && op->ipa != np->ipa)
		used += (size_t)snprintf(buf + used, len - used, "ipa 0x%llx -> 0x%llx, ",
					 (unsigned long long)op->ipa, (unsigned long long)np->ipa);
	if (used >= 2 && used < len)
		buf[used - 2] = '\0';   /* the last ", " */
}

static void diff_payloads(struct diff *d, const struct sysview_guest *o,
			  const struct sysview_guest *n)
{
	char detail[400], h[68];

	for (int i = 0; i < n->payload_count; i++) {
		const struct sysview_payload *np = &n->payloads[i];
		const struct sysview_payload *op = diff_find_payload(o, np->key);
		if (!op) {
			diff_add(d, n->name, "payload", "added", false, np->key,
				 "%s sha256 %s", diff_source(np), diff_hash(d, np->sha256, h));
			continue;
		}
		diff_payload_detail(d, detail, sizeof(detail), op, np);
		if (*detail)
			diff_add(d, n->name, "payload", "changed", false, np->key, "%s", detail);
	}
	for (int i = 0; i < o->payload_count; i++)
		if (!diff_find_payload(n, o->payloads[i].key))
			diff_add(d, n->name, "payload", "removed", false, o->payloads[i].key,
				 "%s sha256 %s", diff_source(&o->payloads[i]),
				 diff_hash(d, o->payloads[i].sha256, h));
}

/* The label of the window at pa: its board device path when known. */
static const char *diff_mmio_label(const struct sysview_guest *g, uint64_t pa, const char *fallback)
{
	for (int i = 0; i < g->mmio_count; i++)
		if (g->mmio[i].pa == pa && g->mmio[i].label && *g->mmio[i].label)
			return g->mmio[i].label;
	return fallback;
}

/* vsock reaches the guest's channel and network peers: gaining it is security-relevant. */
static void diff_vsock(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n)
{
	if (o->vsock != n->vsock)
		diff_add(d, n->name, "vsock", n->vsock ? "added" : "removed", n->vsock, "",
			 "%s", n->vsock ? "virtio-vsock to its channel and network peers" :
			 "virtio-vsock removed");
}

static bool diff_has_dma(const struct sysview_guest *g, uint64_t pa)
{
	for (int i = 0; i < g->dma_count; i++)
		if (g->dma_pa[i] == pa)
			return true;
	return false;
}

/* An unprotected DMA master reaches all physical memory (no SMMU): a new
 * one is security-relevant whatever else changed. */
static void diff_dma(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n)
{
	char label[32];

	for (int i = 0; i < n->dma_count; i++) {
		snprintf(label, sizeof(label), "mmio@0x%llx", (unsigned long long)n->dma_pa[i]);
		if (!diff_has_dma(o, n->dma_pa[i]))
			diff_add(d, n->name, "dma", "added", true, diff_mmio_label(n, n->dma_pa[i], label),
				 "unprotected DMA master (no SMMU): reaches all physical memory");
	}
	for (int i = 0; i < o->dma_count; i++) {
		snprintf(label, sizeof(label), "mmio@0x%llx", (unsigned long long)o->dma_pa[i]);
		if (!diff_has_dma(n, o->dma_pa[i]))
			diff_add(d, n->name, "dma", "removed", false, diff_mmio_label(o, o->dma_pa[i], label),
				 "unprotected DMA master removed");
	}
}

void diff_guest_parts(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n)
{
	diff_dma(d, o, n);
	diff_vsock(d, o, n);
	diff_mmio(d, o, n);
	diff_irqs(d, o, n);
	diff_payloads(d, o, n);
}

static const char *diff_peer(const struct sysview_channel *c, const char *guest)
{
	return strcmp(c->end[0].guest, guest) ? c->end[0].guest : c->end[1].guest;
}

static void diff_end(struct diff *d, const struct sysview_channel *oc,
		     const struct sysview_channel *nc, const struct sysview_end *ne)
{
	const struct sysview_end *oe = sysview_end(oc, ne->guest);
	const char *g = ne->guest;
	char a[32], b[32];

	if (!oe) {
		diff_add(d, g, "channel", "added", true, nc->name, "opened to %s: %s %s%s",
			 diff_peer(nc, g), diff_size(nc->size, a), ne->rights,
			 ne->notify ? ", notify" : "");
		return;
	}
	const char *act = diff_rights_action(oe->rights, ne->rights);
	if (act)
		diff_add(d, g, "channel", act, strcmp(act, "narrowed") != 0, nc->name,
			 "rights %s -> %s", oe->rights, ne->rights);
	if (oe->notify != ne->notify)
		diff_add(d, g, "channel", ne->notify ? "widened" : "narrowed", ne->notify, nc->name,
			 "notify %s", ne->notify ? "gained (may ring the peer's doorbell)" : "lost");
	if (oc->size != nc->size)
		diff_add(d, g, "channel", nc->size > oc->size ? "widened" : "narrowed",
			 nc->size > oc->size, nc->name, "size %s -> %s", diff_size(oc->size, a),
			 diff_size(nc->size, b));
	if (strcmp(diff_peer(oc, g), diff_peer(nc, g)))
		diff_add(d, g, "channel", "changed", true, nc->name, "peer %s -> %s",
			 diff_peer(oc, g), diff_peer(nc, g));
}

void diff_channels(struct diff *d, const struct sysview *old, const struct sysview *new)
{
	for (int i = 0; i < new->channel_count; i++) {
		const struct sysview_channel *nc = &new->channels[i];
		const struct sysview_channel *oc = sysview_channel(old, nc->name);
		for (int e = 0; e < 2; e++)
			diff_end(d, oc, nc, &nc->end[e]);
		for (int e = 0; oc && e < 2; e++)
			if (!sysview_end(nc, oc->end[e].guest))
				diff_add(d, oc->end[e].guest, "channel", "removed", false, nc->name,
					 "closed (was to %s)", diff_peer(oc, oc->end[e].guest));
	}
	for (int i = 0; i < old->channel_count; i++) {
		const struct sysview_channel *oc = &old->channels[i];
		if (sysview_channel(new, oc->name))
			continue;
		for (int e = 0; e < 2; e++)
			diff_add(d, oc->end[e].guest, "channel", "removed", false, oc->name,
				 "closed (was to %s)", diff_peer(oc, oc->end[e].guest));
	}
}

/* Members of network n other than guest, for the detail line. */
static void diff_others(char *buf, size_t len, const struct sysview_network *n, const char *guest)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n->guest_count && used < len; i++)
		if (strcmp(n->guests[i], guest))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
						 n->guests[i]);
	if (!used)
		snprintf(buf, len, "no other guest");
}

/* Joining a network reaches every other member: security-relevant. */
void diff_networks(struct diff *d, const struct sysview *old, const struct sysview *new)
{
	char others[256];

	for (int i = 0; i < new->network_count; i++) {
		const struct sysview_network *nn = &new->networks[i];
		const struct sysview_network *on = sysview_network(old, nn->name);
		for (int g = 0; g < nn->guest_count; g++)
			if (!sysview_network_has(on, nn->guests[g])) {
				diff_others(others, sizeof(others), nn, nn->guests[g]);
				diff_add(d, nn->guests[g], "network", "added", true, nn->name,
					 "joined (virtio-net) with %s", others);
			}
	}
	for (int i = 0; i < old->network_count; i++) {
		const struct sysview_network *on = &old->networks[i];
		const struct sysview_network *nn = sysview_network(new, on->name);
		for (int g = 0; g < on->guest_count; g++)
			if (!sysview_network_has(nn, on->guests[g])) {
				diff_others(others, sizeof(others), on, on->guests[g]);
				diff_add(d, on->guests[g], "network", "removed", false, on->name,
					 "left (was with %s)", others);
			}
	}
}

/* A disk is matched by name; moving it to another guest is a loss and a gain. */
void diff_disks(struct diff *d, const struct sysview *old, const struct sysview *new)
{
	for (int i = 0; i < new->disk_count; i++) {
		const struct sysview_disk *nd = &new->disks[i];
		const struct sysview_disk *od = sysview_disk(old, nd->name);
		if (!od || strcmp(od->guest, nd->guest))
			diff_add(d, nd->guest, "disk", "added", true, nd->name, "attached (virtio-blk) %s",
				 nd->readonly ? "read-only" : "read-write");
		else if (od->readonly != nd->readonly)
			diff_add(d, nd->guest, "disk", nd->readonly ? "narrowed" : "widened",
				 !nd->readonly, nd->name, "%s", nd->readonly ? "read-write -> read-only" :
				 "read-only -> read-write");
	}
	for (int i = 0; i < old->disk_count; i++) {
		const struct sysview_disk *od = &old->disks[i];
		const struct sysview_disk *nd = sysview_disk(new, od->name);
		if (!nd || strcmp(od->guest, nd->guest))
			diff_add(d, od->guest, "disk", "removed", false, od->name, "detached");
	}
}
