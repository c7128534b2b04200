/* SPDX-License-Identifier: MIT */
/*
 * Channels: shared memory between exactly two guests, with per-end rights
 * and notification. Form:
 *   name: {between: [a, b], size: 4K, ends: {a: {rights: ro, notify: false}}}
 * Ends default to rights rw and notify true; size defaults to 4 KiB.
 */
#include "spec.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"

enum { CH_BETWEEN, CH_SIZE, CH_ENDS, CH_DESCRIPTION, CH_COUNT };
static const char *const channel_keys[CH_COUNT] = { "between", "size", "ends", "description" };
static const char *const channel_rights[] = { "ro", "rw" };

int spec_guest_ref(const struct model *m, const struct yamldoc_node *n, const char *check_id)
{
	const char *names[LAYOUT_MAX_GUESTS * 4];
	int count = 0;

	if (!spec_scalar(n, "a guest name"))
		return -1;
	for (int i = 0; i < m->guest_count; i++) {
		if (!strcmp(m->guests[i].name, n->text))
			return i;
		if (count < (int)(sizeof(names) / sizeof(names[0])))
			names[count++] = m->guests[i].name;
	}
	const char *hint = suggest_word(n->text, names, (size_t)count);
	diag_error(&n->pos, check_id, "no guest '%s'%s%s%s", n->text,
		   hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	return -1;
}

static void channel_between(struct model *m, struct model_channel *c,
			    const struct yamldoc_node *n)
{
	if (!spec_seq(n, "a list of two guest names"))
		return;
	if (n->count != 2) {
		diag_error(&n->pos, "channel-needs-two",
			   "a channel joins exactly two guests; %d named", n->count);
		return;
	}
	for (int i = 0; i < 2; i++) {
		c->end[i].guest = spec_guest_ref(m, n->items[i], "channel-peer-unknown");
		c->end[i].pos = n->items[i]->pos;
	}
}

static void channel_end_opts(struct model_channel_end *e, const struct yamldoc_node *n)
{
	enum { E_RIGHTS, E_NOTIFY, E_COUNT };
	static const char *const keys[E_COUNT] = { "rights", "notify" };
	const struct yamldoc_pair *f[E_COUNT];
	int rights;

	if (!spec_map(n, "a mapping with rights and notify"))
		return;
	spec_fields(n->pairs, n->count, keys, E_COUNT, f, "channel end");
	if (f[E_RIGHTS] && spec_enum(f[E_RIGHTS]->value, channel_rights, 2, &rights))
		e->rights = rights ? (LAYOUT_RIGHT_R | LAYOUT_RIGHT_W) : LAYOUT_RIGHT_R;
	if (f[E_NOTIFY])
		spec_bool(f[E_NOTIFY]->value, &e->notify);
}

static void channel_ends(struct model *m, struct model_channel *c, const struct yamldoc_node *n)
{
	if (!spec_map(n, "a mapping of guest names to end options"))
		return;
	for (int i = 0; i < n->count; i++) {
		const struct yamldoc_node *key = n->pairs[i].key;
		int g = spec_guest_ref(m, key, "channel-peer-unknown"), k;
		if (g < 0)
			continue;
		for (k = 0; k < 2 && c->end[k].guest != g; k++)
			;
		if (k == 2)
			diag_error(&key->pos, "channel-peer-unknown",
				   "guest '%s' is not an end of this channel", key->text);
		else
			channel_end_opts(&c->end[k], n->pairs[i].value);
	}
}

static void channel_one(struct model *m, const struct yamldoc_pair *entry)
{
	struct model_channel *c = &m->channels[m->channel_count++];
	const struct yamldoc_pair *f[CH_COUNT];

	c->name = spec_strdup(entry->key->text);
	c->pos = entry->key->pos;
	c->size = 4096;
	c->size_pos = c->pos;
	for (int i = 0; i < 2; i++) {
		c->end[i].guest = -1;
		c->end[i].rights = LAYOUT_RIGHT_R | LAYOUT_RIGHT_W;
		c->end[i].notify = true;
		c->end[i].pos = c->pos;
	}
	spec_name(entry->key, "channel");
	if (!spec_map(entry->value, "a mapping with between, size, ends"))
		return;
	spec_fields(entry->value->pairs, entry->value->count, channel_keys, CH_COUNT, f,
		    "channel");
	spec_require(f, channel_keys, CH_COUNT, 1u << CH_BETWEEN, &c->pos, "channel");
	if (f[CH_BETWEEN])
		channel_between(m, c, f[CH_BETWEEN]->value);
	if (f[CH_SIZE] && spec_size(f[CH_SIZE]->value, &c->size))
		c->size_pos = f[CH_SIZE]->value->pos;
	if (f[CH_ENDS])
		channel_ends(m, c, f[CH_ENDS]->value);
	if (f[CH_DESCRIPTION])
		spec_scalar(f[CH_DESCRIPTION]->value, "a line of text");
}

void spec_channels(struct spec_ctx *ctx, const struct yamldoc_node *channels)
{
	struct model *m = ctx->m;

	if (yamldoc_is_null(channels) || !spec_map(channels, "a mapping of channel names"))
		return;
	m->channels = calloc((size_t)channels->count + 1, sizeof(*m->channels));
	if (!m->channels)
		abort();
	for (int i = 0; i < channels->count; i++)
		channel_one(m, &channels->pairs[i]);
}
