/* SPDX-License-Identifier: MIT */
/*
 * The virtio parts of a spec. Forms:
 *   disks:    name: {image: path, guest: g, readonly: true|false}
 *   networks: name: {guests: [a, b, ...]}
 * A disk image is read whole here; readonly defaults to false.
 */
#include "spec.h"

#include <stdlib.h>
#include <string.h>

#include "payload.h"

enum { DISK_IMAGE, DISK_GUEST, DISK_READONLY, DISK_DESCRIPTION, DISK_COUNT };
static const char *const disk_keys[DISK_COUNT] = { "image", "guest", "readonly", "description" };

static void disk_one(struct spec_ctx *ctx, const struct yamldoc_pair *entry)
{
	struct model *m = ctx->m;
	struct model_disk *d = &m->disks[m->disk_count++];
	const struct yamldoc_pair *f[DISK_COUNT];

	d->name = spec_strdup(entry->key->text);
	d->pos = d->guest_pos = entry->key->pos;
	d->guest = -1;
	spec_name(entry->key, "disk");
	if (!spec_map(entry->value, "a mapping with image, guest, readonly"))
		return;
	spec_fields(entry->value->pairs, entry->value->count, disk_keys, DISK_COUNT, f, "disk");
	spec_require(f, disk_keys, DISK_COUNT, 1u << DISK_IMAGE | 1u << DISK_GUEST, &d->pos,
		     "disk");
	if (f[DISK_GUEST]) {
		d->guest = spec_guest_ref(m, f[DISK_GUEST]->value, "virtio-guest-unknown");
		d->guest_pos = f[DISK_GUEST]->value->pos;
	}
	if (f[DISK_READONLY])
		spec_bool(f[DISK_READONLY]->value, &d->readonly);
	if (f[DISK_IMAGE] && spec_scalar(f[DISK_IMAGE]->value, "a file path"))
		payload_read(&d->image, m->spec_dir, f[DISK_IMAGE]->value->text,
			     &f[DISK_IMAGE]->value->pos);
	if (f[DISK_DESCRIPTION])
		spec_scalar(f[DISK_DESCRIPTION]->value, "a line of text");
}

enum { NET_GUESTS, NET_DESCRIPTION, NET_COUNT };
static const char *const network_keys[NET_COUNT] = { "guests", "description" };

static void network_guests(struct model *m, struct model_network *n,
			   const struct yamldoc_node *list)
{
	n->guests_pos = list->pos;
	if (!spec_seq(list, "a list of guest names"))
		return;
	for (int i = 0; i < list->count; i++) {
		if (n->guest_count == LAYOUT_MAX_GUESTS) {
			diag_error(&list->items[i]->pos, "limits-exceeded",
				   "a network joins at most %d guests", LAYOUT_MAX_GUESTS);
			return;
		}
		n->guest_pos[n->guest_count] = list->items[i]->pos;
		n->guests[n->guest_count++] = spec_guest_ref(m, list->items[i], "virtio-guest-unknown");
	}
}

static void network_one(struct spec_ctx *ctx, const struct yamldoc_pair *entry)
{
	struct model *m = ctx->m;
	struct model_network *n = &m->networks[m->network_count++];
	const struct yamldoc_pair *f[NET_COUNT];

	n->name = spec_strdup(entry->key->text);
	n->pos = n->guests_pos = entry->key->pos;
	spec_name(entry->key, "network");
	if (!spec_map(entry->value, "a mapping with guests"))
		return;
	spec_fields(entry->value->pairs, entry->value->count, network_keys, NET_COUNT, f,
		    "network");
	spec_require(f, network_keys, NET_COUNT, 1u << NET_GUESTS, &n->pos, "network");
	if (f[NET_GUESTS])
		network_guests(m, n, f[NET_GUESTS]->value);
	if (f[NET_DESCRIPTION])
		spec_scalar(f[NET_DESCRIPTION]->value, "a line of text");
}

void spec_disks(struct spec_ctx *ctx, const struct yamldoc_node *disks)
{
	struct model *m = ctx->m;

	if (yamldoc_is_null(disks) || !spec_map(disks, "a mapping of disk names"))
		return;
	m->disks = calloc((size_t)disks->count + 1, sizeof(*m->disks));
	if (!m->disks)
		abort();
	for (int i = 0; i < disks->count; i++)
		disk_one(ctx, &disks->pairs[i]);
}

void spec_networks(struct spec_ctx *ctx, const struct yamldoc_node *networks)
{
	struct model *m = ctx->m;

	if (yamldoc_is_null(networks) || !spec_map(networks, "a mapping of network names"))
		return;
	m->networks = calloc((size_t)networks->count + 1, sizeof(*m->networks));
	if (!m->networks)
		abort();
	for (int i = 0; i < networks->count; i++)
		network_one(ctx, &networks->pairs[i]);
}

void spec_virtio_free(struct model *m)
{
	for (int i = 0; i < m->disk_count; i++) {
		free(m->disks[i].name);
		payload_free(&m->disks[i].image);
	}
	free(m->disks);
	for (int i = 0; i < m->network_count; i++)
		free(m->networks[i].name);
	free(m->networks);
}
