/* SPDX-License-Identifier: MIT */
/*
 * spec_load: the spec file's top level (format version, name, board, guests,
 * channels, virtio, schedule), read in a fixed order whatever the key order
 * in the file, since guests need the board and channels and plans need the
 * guests. Also model_free.
 */
#include "spec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "device.h"
#include "paths.h"
#include "payload.h"

enum { TOP_PARTITA, TOP_NAME, TOP_DESCRIPTION, TOP_BOARD, TOP_GUESTS, TOP_CHANNELS, TOP_DISKS,
       TOP_NETWORKS, TOP_SCHEDULE, TOP_COUNT };
static const char *const spec_top_keys[TOP_COUNT] = {
	"partita", "name", "description", "board", "guests", "channels", "disks", "networks",
	"schedule",
};

bool spec_format_version(const struct yamldoc_node *root, bool strict)
{
	const struct yamldoc_node *v = root->kind == YAMLDOC_MAP ? yamldoc_get(root, "partita") : NULL;
	uint64_t n = 0;
	char *end;

	if (!v)
		return true;   /* absent: format 1, the only one so far */
	if (strict) {
		if (!spec_uint(v, UINT64_MAX, &n))
			return true;
		if (n == 0)
			diag_error(&v->pos, "bad-value", "spec format versions start at 1");
	} else if (v->kind == YAMLDOC_SCALAR && isdigit((unsigned char)v->text[0])) {
		bool hex = v->text[1] == 'x' || v->text[1] == 'X';
		n = strtoull(v->text, &end, hex ? 16 : 10);
		if (*end)
			n = 0;   /* not a number: spec_load reports it, fmt leaves it */
	}
	if (n <= SPEC_FORMAT_VERSION)
		return true;
	diag_error(&v->pos, "format-too-new",
		   "the spec is format version %llu, newer than this partita reads (format "
		   "version %d); use a newer partita",
		   (unsigned long long)n, SPEC_FORMAT_VERSION);
	return false;
}

static void spec_top(struct spec_ctx *ctx, const struct yamldoc_node *root)
{
	const struct yamldoc_pair *f[TOP_COUNT];
	struct srcpos start = { root->pos.file, 1, 1 };
	struct model *m = ctx->m;

	/* A newer format's keys may mean what this tool cannot know: stop here. */
	if (!spec_format_version(root, true))
		return;
	spec_fields(root->pairs, root->count, spec_top_keys, TOP_COUNT, f, "top-level");
	spec_require(f, spec_top_keys, TOP_COUNT,
		     1u << TOP_NAME | 1u << TOP_BOARD | 1u << TOP_GUESTS, &start, "the spec");
	if (f[TOP_NAME] && spec_name(f[TOP_NAME]->value, "system")) {
		m->name = spec_strdup(f[TOP_NAME]->value->text);
		m->name_pos = f[TOP_NAME]->value->pos;
	}
	if (f[TOP_DESCRIPTION])
		spec_scalar(f[TOP_DESCRIPTION]->value, "a line of text");
	if (f[TOP_BOARD])
		board_load(m, f[TOP_BOARD]->value);
	if (f[TOP_GUESTS])
		spec_guests(ctx, f[TOP_GUESTS]->value);
	if (f[TOP_CHANNELS])
		spec_channels(ctx, f[TOP_CHANNELS]->value);
	if (f[TOP_DISKS])
		spec_disks(ctx, f[TOP_DISKS]->value);
	if (f[TOP_NETWORKS])
		spec_networks(ctx, f[TOP_NETWORKS]->value);
	if (f[TOP_SCHEDULE])
		spec_schedule(ctx, f[TOP_SCHEDULE]->value);
}

static int spec_load_from(const char *path, const char *text, size_t len,
			  struct model *m)
{
	struct spec_ctx ctx = { .m = m };
	struct yamldoc_node *root;
	int before = diag_error_count();

	memset(m, 0, sizeof(*m));
	m->spec_path = spec_strdup(path);
	m->spec_dir = paths_dirname(path);
	if (text)
		yamldoc_load_buffer(path, text, len, &root);
	else
		yamldoc_load_file(path, &root);
	if (root && spec_map(root, "a mapping of spec keys (name, board, guests, ...)"))
		spec_top(&ctx, root);
	else if (!root && diag_error_count() == before) {
		struct srcpos start = { yamldoc_intern(path), 1, 1 };
		diag_error(&start, "missing-key", "the spec is empty");
	}
	template_free_all(&ctx);
	yamldoc_free(root);
	return diag_error_count() - before;
}

int spec_load(const char *path, struct model *m)
{
	return spec_load_from(path, NULL, 0, m);
}

int spec_load_buffer(const char *path, const char *text, size_t len, struct model *m)
{
	return spec_load_from(path, text ? text : "", len, m);
}

static void spec_free_guest(struct model_guest *g)
{
	free(g->name);
	free(g->template_name);
	free(g->bootargs);
	payload_free(&g->kernel.file);
	payload_free(&g->initrd);
	for (int i = 0; i < g->device_count; i++)
		device_free(&g->devices[i]);
	free(g->devices);
}

void model_free(struct model *m)
{
	for (int i = 0; i < m->guest_count; i++)
		spec_free_guest(&m->guests[i]);
	free(m->guests);
	for (int i = 0; i < m->channel_count; i++)
		free(m->channels[i].name);
	free(m->channels);
	spec_virtio_free(m);
	spec_schedule_free(m);
	board_free(&m->board);
	free(m->name);
	free(m->spec_path);
	free(m->spec_dir);
	memset(m, 0, sizeof(*m));
}
