/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the spec readers (spec*.c, template.c): the load
 * context, templates and the per-section readers. The key walker and the
 * value parsers (shared with board.yaml) are in spec_value.h.
 */
#ifndef SPEC_H
#define SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "spec_value.h"
#include "yamldoc.h"

#define SPEC_MAX_TEMPLATES 16
#define SPEC_MAX_KEYS 32       /* keys of any one mapping kind */
/* The spec format this tool reads (top-level `partita:`, absent means 1).
 * A format change bumps it, and `partita fmt` rewrites older specs. */
#define SPEC_FORMAT_VERSION 1

struct spec_template {
	char *name;
	struct yamldoc_node *root;    /* NULL when it failed to load */
};

struct spec_ctx {
	struct model *m;
	struct spec_template templates[SPEC_MAX_TEMPLATES];
	int template_count;
};

/* A reference to a guest by name (spec_channel.c): its index, or -1 after
 * reporting check_id with a did-you-mean hint. */
struct model;
int spec_guest_ref(const struct model *m, const struct yamldoc_node *n, const char *check_id);

/*
 * The top-level `partita:` format version. False (after format-too-new)
 * when the spec is newer than SPEC_FORMAT_VERSION; with strict, a value
 * that is not a whole number from 1 up is reported too (spec_load), while
 * fmt only needs to know whether it may touch the file.
 */
bool spec_format_version(const struct yamldoc_node *root, bool strict);

/* spec_guest.c, spec_channel.c, template.c */
extern const char *const spec_guest_keys[];
extern const int spec_guest_key_count;
bool template_key_known(const char *key);
void spec_guests(struct spec_ctx *ctx, const struct yamldoc_node *guests);
void spec_channels(struct spec_ctx *ctx, const struct yamldoc_node *channels);
/* spec_virtio.c */
void spec_disks(struct spec_ctx *ctx, const struct yamldoc_node *disks);
void spec_networks(struct spec_ctx *ctx, const struct yamldoc_node *networks);
void spec_virtio_free(struct model *m);
/* spec_schedule.c */
void spec_schedule(struct spec_ctx *ctx, const struct yamldoc_node *schedule);
void spec_schedule_free(struct model *m);
const struct yamldoc_node *template_find(struct spec_ctx *ctx,
					 const struct yamldoc_node *ref);
void template_free_all(struct spec_ctx *ctx);

#endif /* SPEC_H */
