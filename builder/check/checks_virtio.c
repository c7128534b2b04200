/* SPDX-License-Identifier: MIT */
/*
 * Virtio checks: a disk image is whole 512-byte sectors (the virtio-blk
 * capacity unit) and not empty; a network joins two or more distinct
 * guests; the runtime emulates at most LAYOUT_MAX_VIRTIO devices and a
 * guest has LAYOUT_SLOT_LIMIT_VIRTIO - LAYOUT_SLOT_BASE_VIRTIO slots.
 */
#include "checks.h"

#define CHECKS_SECTOR 512u

static void checks_disk(const struct model_disk *d)
{
	if (!d->image.data)
		return;     /* unreadable: already reported */
	if (d->image.size == 0 || d->image.size % CHECKS_SECTOR)
		diag_error(&d->image.pos, "disk-size",
			   "disk '%s': image '%s' is %zu bytes, not a non-zero multiple of %u (one sector)",
			   d->name, d->image.path, d->image.size, CHECKS_SECTOR);
}

static void checks_network(const struct model_network *n)
{
	if (n->guest_count < 2)
		diag_error(&n->guests_pos, "network-needs-two",
			   "network '%s' joins %d guest%s; a network needs at least two",
			   n->name, n->guest_count, n->guest_count == 1 ? "" : "s");
	for (int i = 0; i < n->guest_count; i++) {
		for (int j = 0; j < i; j++) {
			if (n->guests[i] < 0 || n->guests[i] != n->guests[j])
				continue;
			diag_error(&n->guest_pos[i], "network-guest-twice",
				   "network '%s' lists a guest twice", n->name);
			diag_note(&n->guest_pos[j], "first listed here");
			break;
		}
	}
}

/* Devices of guest gi: one per disk it holds, one per network it is on, vsock. */
static int checks_virtio_of(const struct model *m, int gi)
{
	int n = m->guests[gi].vsock;

	for (int d = 0; d < m->disk_count; d++)
		n += m->disks[d].guest == gi;
	for (int w = 0; w < m->network_count; w++)
		for (int i = 0; i < m->networks[w].guest_count; i++)
			n += m->networks[w].guests[i] == gi;
	return n;
}

static void checks_virtio_limits(const struct model *m)
{
	int total = 0;

	for (int gi = 0; gi < m->guest_count; gi++) {
		int n = checks_virtio_of(m, gi);
		int max = (int)(LAYOUT_SLOT_LIMIT_VIRTIO - LAYOUT_SLOT_BASE_VIRTIO);

		total += n;
		if (n > max)
			diag_error(&m->guests[gi].pos, "limits-exceeded",
				   "guest '%s' has %d virtio devices; the slot layout has room for %d",
				   m->guests[gi].name, n, max);
	}
	if (total > LAYOUT_MAX_VIRTIO)
		diag_error(&m->name_pos, "limits-exceeded",
			   "the system has %d virtio devices; the runtime emulates at most %d",
			   total, LAYOUT_MAX_VIRTIO);
}

void checks_virtio(const struct model *m)
{
	for (int d = 0; d < m->disk_count; d++)
		checks_disk(&m->disks[d]);
	for (int n = 0; n < m->network_count; n++)
		checks_network(&m->networks[n]);
	checks_virtio_limits(m);
}
