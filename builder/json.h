/* SPDX-License-Identifier: MIT */
/*
 * A small JSON reader for the files partita itself writes (manifest.json):
 * a whole document into a tree of values. Strict RFC 8259 syntax, UTF-8
 * passed through, \u escapes below 0x80 only (manifest.json needs no more).
 */
#ifndef JSON_H
#define JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum json_kind { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_kind kind;
	bool b;
	double num;
	char *str;            /* string value */
	struct json **items;  /* array items, object values */
	char **keys;          /* object keys (same index as items) */
	int count;
};

/* Parses text; NULL on a syntax error (with the offset in *err_at). */
struct json *json_parse(const char *text, size_t len, size_t *err_at);
void json_free(struct json *v);

/* Object member by key, or NULL (also when v is not an object). */
const struct json *json_get(const struct json *v, const char *key);
/* String member, or "" when absent or not a string. */
const char *json_str(const struct json *v, const char *key);
/* Member as an unsigned number: a JSON number, or a "0x..." string; 0 if absent. */
uint64_t json_u64(const struct json *v, const char *key);

#endif /* JSON_H */
