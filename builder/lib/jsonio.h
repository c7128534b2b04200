/* SPDX-License-Identifier: MIT */
/*
 * JSON through jansson for the files partita reads and writes
 * (manifest.json, diff --format json): a reader with limits for hostile
 * input and member accessors that tolerate absent or mistyped members, and
 * writer helpers (strings that are always valid UTF-8, one dump call).
 */
#ifndef JSONIO_H
#define JSONIO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSONIO_MAX_DEPTH 64               /* nesting of arrays and objects */
#define JSONIO_MAX_SIZE (64u << 20)       /* bytes: a 256-guest manifest is ~2 MB */

/*
 * Reads and parses the file at path (refused unread when larger than
 * JSONIO_MAX_SIZE); NULL after writing why into err.
 */
json_t *jsonio_load(const char *path, char *err, size_t err_size);
/* Parses one document; NULL after writing why into err (position included). */
json_t *jsonio_parse(const char *text, size_t len, char *err, size_t err_size);

/* Members of an object (NULL or another kind gives the default). */
const char *jsonio_str(const json_t *obj, const char *key);      /* "" */
/* A non-negative integer, or a "0x..." / decimal string; 0 otherwise. */
uint64_t jsonio_u64(const json_t *obj, const char *key);
bool jsonio_bool(const json_t *obj, const char *key);             /* false */

/* A string value for writing; bytes that are not UTF-8 become '?'. */
json_t *jsonio_string(const char *s);
/* Writes v (flags as json_dumpf's) and a newline when nl; 0 or -1. */
int jsonio_dump(FILE *f, const json_t *v, size_t flags, bool nl);

#endif /* JSONIO_H */
