/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the spec readers (spec*.c, template.c, board.c): the
 * load context, the key walker with did-you-mean, and value parsers that
 * report their own diagnostics (sizes, addresses, names, enums).
 */
#ifndef SPEC_H
#define SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
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

/*
 * Matches mapping entries against the known keys: found[i] is the entry for
 * keys[i] or NULL. Unknown keys are reported (with a did-you-mean hint);
 * `what` names the mapping in messages ("guest", "channel", ...).
 */
void spec_fields(const struct yamldoc_pair *pairs, int count, const char *const *keys,
		 int nkeys, const struct yamldoc_pair **found, const char *what);
/* Reports missing-key for every keys[i] whose bit is set in required. */
void spec_require(const struct yamldoc_pair **found, const char *const *keys, int nkeys,
		  unsigned required, const struct srcpos *where, const char *what);

/* Size syntax: decimal or 0x hex, optional K/M/G/T (or KiB/MiB/GiB/TiB). */
enum spec_size_result { SPEC_SIZE_OK = 0, SPEC_SIZE_BAD = -1, SPEC_SIZE_OVERFLOW = -2 };
enum spec_size_result spec_parse_size(const char *text, uint64_t *out);

/* Value readers: each reports wrong-type / bad-size / bad-value itself. */
bool spec_scalar(const struct yamldoc_node *n, const char *expected);
bool spec_size(const struct yamldoc_node *n, uint64_t *out);
bool spec_addr(const struct yamldoc_node *n, uint64_t *out);
bool spec_uint(const struct yamldoc_node *n, uint64_t max, uint64_t *out);
bool spec_bool(const struct yamldoc_node *n, bool *out);
bool spec_enum(const struct yamldoc_node *n, const char *const *names, int count,
	       int *out);
bool spec_seq(const struct yamldoc_node *n, const char *expected);
bool spec_map(const struct yamldoc_node *n, const char *expected);
/* A guest, channel or system name: [a-z][a-z0-9_-]{0,30}. */
bool spec_name_ok(const char *name);
bool spec_name(const struct yamldoc_node *n, const char *what);
char *spec_strdup(const char *s);
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
const struct yamldoc_node *template_find(struct spec_ctx *ctx,
					 const struct yamldoc_node *ref);
void template_free_all(struct spec_ctx *ctx);

#endif /* SPEC_H */
