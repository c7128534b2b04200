/* SPDX-License-Identifier: MIT */
/*
 * The key walker with did-you-mean and the value parsers that report their
 * own diagnostics (sizes, addresses, names, enums), shared by the spec
 * readers and board.yaml's reader.
 */
#ifndef SPEC_VALUE_H
#define SPEC_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "yamldoc.h"

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

/* Time syntax: a decimal whole number and a unit, us, ms or s; in ns. */
enum spec_size_result spec_parse_time(const char *text, uint64_t *ns);
/* ns as the spec would write it (10ms, 500us, 1s; ns when nothing else is
 * exact); returns buf. SPEC_TIME_TEXT is enough for any uint64_t. */
#define SPEC_TIME_TEXT 24
const char *spec_time_text(uint64_t ns, char *buf, size_t size);

/* Value readers: each reports wrong-type / bad-size / bad-value itself. */
bool spec_scalar(const struct yamldoc_node *n, const char *expected);
bool spec_size(const struct yamldoc_node *n, uint64_t *out);
bool spec_addr(const struct yamldoc_node *n, uint64_t *out);
bool spec_time(const struct yamldoc_node *n, uint64_t *ns);   /* > 0, bad-time */
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

#endif /* SPEC_VALUE_H */
