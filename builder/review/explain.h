/* SPDX-License-Identifier: MIT */
/*
 * `partita explain CHECK-ID`: a paragraph per diagnostic id on what the check
 * guards and how to fix the spec. explain_text.c holds the texts, one per id
 * the builder can report; tests/review checks that none is missing.
 */
#ifndef EXPLAIN_H
#define EXPLAIN_H

struct explain_entry {
	const char *id;
	const char *text;
};

extern const struct explain_entry explain_entries[];
extern const int explain_count;

/* The entry for id, or NULL. */
const struct explain_entry *explain_find(const char *id);

#endif /* EXPLAIN_H */
