/* SPDX-License-Identifier: MIT */
/*
 * YAML documents as a small node tree that remembers the 1-based line:col of
 * every node. Loading rejects what a spec must never use: duplicate keys,
 * anchors and aliases, explicit tags, several documents in one file.
 * (Named yamldoc, not yaml, so libyaml's own <yaml.h> stays reachable.)
 */
#ifndef YAMLDOC_H
#define YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum yamldoc_kind {
	YAMLDOC_SCALAR = 1,
	YAMLDOC_SEQ    = 2,
	YAMLDOC_MAP    = 3,
};

struct yamldoc_pair;

struct yamldoc_node {
	enum yamldoc_kind kind;
	struct srcpos pos;
	char *text;                   /* scalar: its value ("" for empty) */
	bool quoted;                  /* scalar: written in quotes or as a block */
	struct yamldoc_node **items;  /* sequence items */
	struct yamldoc_pair *pairs;   /* mapping entries, in file order */
	int count;                    /* items or pairs */
};

struct yamldoc_pair {
	struct yamldoc_node *key;     /* always a scalar */
	struct yamldoc_node *value;
};

/*
 * Parses a whole file (or a buffer, for tests). Returns the number of errors
 * reported; *root is the document's root node (NULL for an empty file or on
 * a syntax error). Free with yamldoc_free.
 */
int yamldoc_load_file(const char *path, struct yamldoc_node **root);
int yamldoc_load_buffer(const char *name, const char *text, size_t len,
			struct yamldoc_node **root);
void yamldoc_free(struct yamldoc_node *node);

/* A file name that lives as long as the process, for struct srcpos.file. */
const char *yamldoc_intern(const char *name);

/* The value under key in a mapping, or NULL. */
const struct yamldoc_node *yamldoc_get(const struct yamldoc_node *map, const char *key);
/* A plain scalar that YAML reads as null: "", "~", "null". */
bool yamldoc_is_null(const struct yamldoc_node *node);
/* "a scalar", "a list", "a mapping", "nothing": for wrong-type messages. */
const char *yamldoc_kind_name(const struct yamldoc_node *node);

#endif /* YAMLDOC_H */
