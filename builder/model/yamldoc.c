/* SPDX-License-Identifier: MIT */
/*
 * Builds the yamldoc tree from libyaml's event stream. libyaml marks are
 * 0-based and it accepts duplicate keys, so positions are shifted and keys
 * compared here. Nesting is bounded so a hostile file cannot exhaust the stack.
 */
#include "yamldoc.h"

#include <yaml.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YAMLDOC_MAX_DEPTH 64
/* Entries per list or mapping: far above any real spec, and it keeps the
 * duplicate-key scan (quadratic) cheap on a hostile file. */
#define YAMLDOC_MAX_ENTRIES 1024

struct yamldoc_parser {
	yaml_parser_t *lib;
	const char *file;     /* interned */
	int errors;
	bool broken;          /* a syntax error: stop reading events */
};

struct yamldoc_name {
	struct yamldoc_name *next;
	char name[];
};

static struct yamldoc_name *yamldoc_names;

const char *yamldoc_intern(const char *name)
{
	struct yamldoc_name *n;

	for (n = yamldoc_names; n; n = n->next)
		if (!strcmp(n->name, name))
			return n->name;
	n = malloc(sizeof(*n) + strlen(name) + 1);
	if (!n)
		abort();
	strcpy(n->name, name);
	n->next = yamldoc_names;
	yamldoc_names = n;
	return n->name;
}

static struct srcpos yamldoc_pos(const struct yamldoc_parser *p, yaml_mark_t mark)
{
	struct srcpos pos = { p->file, (int)mark.line + 1, (int)mark.column + 1 };
	return pos;
}

static void yamldoc_error(struct yamldoc_parser *p, yaml_mark_t mark,
			  const char *check, const char *msg)
{
	struct srcpos pos = yamldoc_pos(p, mark);

	diag_error(&pos, check, "%s", msg);
	p->errors++;
}

/* Next event; a libyaml error becomes one yaml-syntax diagnostic. */
static bool yamldoc_next(struct yamldoc_parser *p, yaml_event_t *ev)
{
	if (p->broken)
		return false;
	if (yaml_parser_parse(p->lib, ev))
		return true;
	struct srcpos pos = yamldoc_pos(p, p->lib->problem_mark);
	diag_error(&pos, "yaml-syntax", "%s",
		   p->lib->problem ? p->lib->problem : "cannot read the file");
	if (p->lib->context) {
		struct srcpos ctx = yamldoc_pos(p, p->lib->context_mark);
		diag_note(&ctx, "%s", p->lib->context);  /* "while parsing ..." */
	}
	p->errors++;
	p->broken = true;
	return false;
}

static struct yamldoc_node *yamldoc_new(enum yamldoc_kind kind, struct srcpos pos)
{
	struct yamldoc_node *n = calloc(1, sizeof(*n));

	if (!n)
		abort();
	n->kind = kind;
	n->pos = pos;
	return n;
}

static void yamldoc_reject_extras(struct yamldoc_parser *p, const yaml_event_t *ev,
				  const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor)
		yamldoc_error(p, ev->start_mark, "yaml-anchor",
			      "anchors and aliases are not supported: write the value out");
	if (tag)
		yamldoc_error(p, ev->start_mark, "yaml-tag",
			      "YAML tags are not supported: remove the tag");
}

static struct yamldoc_node *yamldoc_node(struct yamldoc_parser *p, yaml_event_t *ev,
					 int depth);

/* Refuses one entry too many and stops reading (the tree is dropped). */
static bool yamldoc_too_many(struct yamldoc_parser *p, const yaml_event_t *ev, int count)
{
	if (count < YAMLDOC_MAX_ENTRIES)
		return false;
	struct srcpos pos = yamldoc_pos(p, ev->start_mark);

	diag_error(&pos, "limits-exceeded", "more than %d entries in one list or mapping",
		   YAMLDOC_MAX_ENTRIES);
	p->errors++;
	p->broken = true;
	return true;
}

static void yamldoc_grow(void **array, int count, size_t elem)
{
	if (count & (count - 1))
		return;   /* grow at 0, 1, 2, 4, 8, ... */
	void *bigger = realloc(*array, (size_t)(count ? count * 2 : 1) * elem);
	if (!bigger)
		abort();
	*array = bigger;
}

static struct yamldoc_node *yamldoc_seq(struct yamldoc_parser *p, yaml_event_t *ev,
					int depth)
{
	struct yamldoc_node *seq = yamldoc_new(YAMLDOC_SEQ, yamldoc_pos(p, ev->start_mark));
	yaml_event_t item;

	yamldoc_reject_extras(p, ev, ev->data.sequence_start.anchor,
			      ev->data.sequence_start.tag);
	while (yamldoc_next(p, &item)) {
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			return seq;
		}
		if (yamldoc_too_many(p, &item, seq->count)) {
			yaml_event_delete(&item);
			break;
		}
		struct yamldoc_node *child = yamldoc_node(p, &item, depth + 1);
		yaml_event_delete(&item);
		if (!child)
			break;
		yamldoc_grow((void **)&seq->items, seq->count, sizeof(*seq->items));
		seq->items[seq->count++] = child;
	}
	yamldoc_free(seq);
	return NULL;
}

static bool yamldoc_check_key(struct yamldoc_parser *p, const struct yamldoc_node *map,
			      const struct yamldoc_node *key)
{
	if (key->kind != YAMLDOC_SCALAR) {
		diag_error(&key->pos, "yaml-syntax", "a mapping key must be a plain word");
		p->errors++;
		return false;
	}
	for (int i = 0; i < map->count; i++) {
		if (strcmp(map->pairs[i].key->text, key->text))
			continue;
		diag_error(&key->pos, "duplicate-key", "key '%s' appears twice", key->text);
		diag_note(&map->pairs[i].key->pos, "first '%s' is here", key->text);
		p->errors++;
		return false;
	}
	return true;
}

/* Reads key/value pairs until the mapping ends. */
static bool yamldoc_map_body(struct yamldoc_parser *p, struct yamldoc_node *map, int depth)
{
	yaml_event_t ev;

	while (yamldoc_next(p, &ev)) {
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return true;
		}
		if (yamldoc_too_many(p, &ev, map->count)) {
			yaml_event_delete(&ev);
			return false;
		}
		struct yamldoc_node *key = yamldoc_node(p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!key || !yamldoc_next(p, &ev)) {
			yamldoc_free(key);
			return false;
		}
		struct yamldoc_node *value = yamldoc_node(p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!value) {
			yamldoc_free(key);
			return false;
		}
		if (!yamldoc_check_key(p, map, key)) {
			yamldoc_free(key);
			yamldoc_free(value);
			continue;   /* keep the first; go on reading */
		}
		yamldoc_grow((void **)&map->pairs, map->count, sizeof(*map->pairs));
		map->pairs[map->count].key = key;
		map->pairs[map->count++].value = value;
	}
	return false;
}

static struct yamldoc_node *yamldoc_map(struct yamldoc_parser *p, yaml_event_t *ev,
					int depth)
{
	struct yamldoc_node *map = yamldoc_new(YAMLDOC_MAP, yamldoc_pos(p, ev->start_mark));

	yamldoc_reject_extras(p, ev, ev->data.mapping_start.anchor,
			      ev->data.mapping_start.tag);
	if (yamldoc_map_body(p, map, depth))
		return map;
	yamldoc_free(map);
	return NULL;
}

static struct yamldoc_node *yamldoc_scalar(struct yamldoc_parser *p, yaml_event_t *ev)
{
	struct yamldoc_node *n = yamldoc_new(YAMLDOC_SCALAR, yamldoc_pos(p, ev->start_mark));

	yamldoc_reject_extras(p, ev, ev->data.scalar.anchor, ev->data.scalar.tag);
	n->text = strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
	if (!n->text)
		abort();
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	return n;
}

static struct yamldoc_node *yamldoc_node(struct yamldoc_parser *p, yaml_event_t *ev,
					 int depth)
{
	if (depth > YAMLDOC_MAX_DEPTH) {
		yamldoc_error(p, ev->start_mark, "yaml-syntax", "nested too deeply");
		p->broken = true;
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return yamldoc_scalar(p, ev);
	case YAML_SEQUENCE_START_EVENT:
		return yamldoc_seq(p, ev, depth);
	case YAML_MAPPING_START_EVENT:
		return yamldoc_map(p, ev, depth);
	case YAML_ALIAS_EVENT: {
		yamldoc_error(p, ev->start_mark, "yaml-anchor",
			      "anchors and aliases are not supported: write the value out");
		struct yamldoc_node *n = yamldoc_new(YAMLDOC_SCALAR,
						     yamldoc_pos(p, ev->start_mark));
		n->text = strdup("");
		return n;
	}
	default:
		yamldoc_error(p, ev->start_mark, "yaml-syntax", "unexpected YAML event");
		p->broken = true;
		return NULL;
	}
}

/* stream-start, [document-start node document-end], stream-end */
static struct yamldoc_node *yamldoc_stream(struct yamldoc_parser *p)
{
	struct yamldoc_node *root = NULL;
	yaml_event_t ev;
	int docs = 0;

	while (yamldoc_next(p, &ev)) {
		yaml_event_type_t type = ev.type;
		if (type == YAML_DOCUMENT_START_EVENT && ++docs > 1)
			yamldoc_error(p, ev.start_mark, "yaml-multi-document",
				      "a spec is one YAML document: remove the second '---'");
		else if (type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT ||
			 type == YAML_MAPPING_START_EVENT || type == YAML_ALIAS_EVENT) {
			struct yamldoc_node *n = yamldoc_node(p, &ev, 0);
			if (docs == 1 && !root)
				root = n;
			else
				yamldoc_free(n);
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT || docs > 1)
			break;
	}
	if (root && root->kind == YAMLDOC_SCALAR && yamldoc_is_null(root)) {
		yamldoc_free(root);   /* a file of comments only */
		root = NULL;
	}
	return root;
}

static int yamldoc_run(const char *name, yaml_parser_t *lib, struct yamldoc_node **root)
{
	struct yamldoc_parser p = { .lib = lib, .file = yamldoc_intern(name) };

	*root = yamldoc_stream(&p);
	if (p.broken && *root) {
		yamldoc_free(*root);
		*root = NULL;
	}
	return p.errors;
}

int yamldoc_load_buffer(const char *name, const char *text, size_t len,
			struct yamldoc_node **root)
{
	yaml_parser_t lib;

	if (!yaml_parser_initialize(&lib))
		abort();
	yaml_parser_set_input_string(&lib, (const unsigned char *)text, len);
	int errors = yamldoc_run(name, &lib, root);
	yaml_parser_delete(&lib);
	return errors;
}

int yamldoc_load_file(const char *path, struct yamldoc_node **root)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t lib;

	*root = NULL;
	if (!f) {
		struct srcpos pos = { yamldoc_intern(path), 0, 0 };
		diag_error(&pos, NULL, "cannot open: %s", strerror(errno));
		return 1;
	}
	if (!yaml_parser_initialize(&lib))
		abort();
	yaml_parser_set_input_file(&lib, f);
	int errors = yamldoc_run(path, &lib, root);
	yaml_parser_delete(&lib);
	fclose(f);
	return errors;
}

void yamldoc_free(struct yamldoc_node *node)
{
	if (!node)
		return;
	for (int i = 0; node->kind == YAMLDOC_SEQ && i < node->count; i++)
		yamldoc_free(node->items[i]);
	for (int i = 0; node->kind == YAMLDOC_MAP && i < node->count; i++) {
		yamldoc_free(node->pairs[i].key);
		yamldoc_free(node->pairs[i].value);
	}
	free(node->items);
	free(node->pairs);
	free(node->text);
	free(node);
}

const struct yamldoc_node *yamldoc_get(const struct yamldoc_node *map, const char *key)
{
	if (!map || map->kind != YAMLDOC_MAP)
		return NULL;
	for (int i = 0; i < map->count; i++)
		if (!strcmp(map->pairs[i].key->text, key))
			return map->pairs[i].value;
	return NULL;
}

bool yamldoc_is_null(const struct yamldoc_node *node)
{
	if (!node || node->kind != YAMLDOC_SCALAR || node->quoted)
		return false;
	return !strcmp(node->text, "") || !strcmp(node->text, "~") ||
	       !strcmp(node->text, "null") || !strcmp(node->text, "Null") ||
	       !strcmp(node->text, "NULL");
}

const char *yamldoc_kind_name(const struct yamldoc_node *node)
{
	if (!node || yamldoc_is_null(node))
		return "nothing";
	switch (node->kind) {
	case YAMLDOC_SCALAR: return "a scalar";
	case YAMLDOC_SEQ:    return "a list";
	default:             return "a mapping";
	}
}
