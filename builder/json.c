/* SPDX-License-Identifier: MIT */
/*
 * Recursive-descent JSON reader (RFC 8259 grammar). Depth is bounded so a
 * hostile file cannot exhaust the stack; memory is owned by the tree.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 64

struct json_in {
	const char *s;
	size_t len, at;
	int depth;
};

static struct json *json_value(struct json_in *in);

static void json_ws(struct json_in *in)
{
	while (in->at < in->len && strchr(" \t\r\n", in->s[in->at]))
		in->at++;
}

static bool json_eat(struct json_in *in, char c)
{
	json_ws(in);
	if (in->at < in->len && in->s[in->at] == c) {
		in->at++;
		return true;
	}
	return false;
}

static struct json *json_new(enum json_kind kind)
{
	struct json *v = calloc(1, sizeof(*v));

	if (!v)
		abort();
	v->kind = kind;
	return v;
}

static int json_hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* After the opening quote; returns a malloc'd string or NULL. */
static char *json_string_body(struct json_in *in)
{
	char *out = malloc(in->len - in->at + 1);
	size_t n = 0;

	if (!out)
		abort();
	while (in->at < in->len) {
		char c = in->s[in->at++];
		if (c == '"') {
			out[n] = '\0';
			return out;
		}
		if ((unsigned char)c < 0x20)
			break;
		if (c != '\\') {
			out[n++] = c;
			continue;
		}
		if (in->at >= in->len)
			break;
		c = in->s[in->at++];
		const char *esc = strchr("\"\\/bfnrt", c);
		if (esc) {
			out[n++] = "\"\\/\b\f\n\r\t"[esc - "\"\\/bfnrt"];
		} else if (c == 'u' && in->at + 4 <= in->len && json_hex4(in->s + in->at) >= 0 &&
			   json_hex4(in->s + in->at) < 0x80) {
			out[n++] = (char)json_hex4(in->s + in->at);
			in->at += 4;
		} else {
			break;
		}
	}
	free(out);
	return NULL;
}

static struct json *json_members(struct json_in *in, bool object)
{
	struct json *v = json_new(object ? JSON_OBJECT : JSON_ARRAY);
	char close = object ? '}' : ']';

	if (json_eat(in, close))
		return v;
	do {
		char *key = NULL;
		if (object && (!json_eat(in, '"') || !(key = json_string_body(in)) ||
			       !json_eat(in, ':'))) {
			free(key);
			json_free(v);
			return NULL;
		}
		struct json *item = json_value(in);
		v->items = realloc(v->items, sizeof(*v->items) * (size_t)(v->count + 1));
		v->keys = realloc(v->keys, sizeof(*v->keys) * (size_t)(v->count + 1));
		if (!v->items || !v->keys)
			abort();
		v->keys[v->count] = key;
		v->items[v->count++] = item;
		if (!item) {
			json_free(v);
			return NULL;
		}
	} while (json_eat(in, ','));
	if (!json_eat(in, close)) {
		json_free(v);
		return NULL;
	}
	return v;
}

static struct json *json_number(struct json_in *in)
{
	const char *start = in->s + in->at;
	char *end;
	size_t n = 0;

	while (in->at + n < in->len && strchr("+-0123456789.eE", start[n]))
		n++;
	char *copy = strndup(start, n);
	if (!copy)
		abort();
	double d = strtod(copy, &end);
	bool ok = n > 0 && *end == '\0';
	free(copy);
	if (!ok)
		return NULL;
	in->at += n;
	struct json *v = json_new(JSON_NUMBER);
	v->num = d;
	return v;
}

static struct json *json_word(struct json_in *in, const char *word, enum json_kind kind, bool b)
{
	size_t n = strlen(word);

	if (in->len - in->at < n || memcmp(in->s + in->at, word, n))
		return NULL;
	in->at += n;
	struct json *v = json_new(kind);
	v->b = b;
	return v;
}

static struct json *json_value(struct json_in *in)
{
	struct json *v = NULL;

	json_ws(in);
	if (in->at >= in->len || ++in->depth > JSON_MAX_DEPTH)
		return NULL;
	char c = in->s[in->at];
	if (c == '{' || c == '[') {
		in->at++;
		v = json_members(in, c == '{');
	} else if (c == '"') {
		in->at++;
		char *s = json_string_body(in);
		if (s) {
			v = json_new(JSON_STRING);
			v->str = s;
		}
	} else if (c == 't' || c == 'f') {
		v = json_word(in, c == 't' ? "true" : "false", JSON_BOOL, c == 't');
	} else if (c == 'n') {
		v = json_word(in, "null", JSON_NULL, false);
	} else {
		v = json_number(in);
	}
	in->depth--;
	return v;
}

struct json *json_parse(const char *text, size_t len, size_t *err_at)
{
	struct json_in in = { .s = text, .len = len };
	struct json *v = json_value(&in);

	json_ws(&in);
	if (v && in.at != len) {
		json_free(v);
		v = NULL;
	}
	if (!v && err_at)
		*err_at = in.at;
	return v;
}

void json_free(struct json *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->count; i++) {
		json_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

const struct json *json_get(const struct json *v, const char *key)
{
	if (!v || v->kind != JSON_OBJECT)
		return NULL;
	for (int i = 0; i < v->count; i++)
		if (!strcmp(v->keys[i], key))
			return v->items[i];
	return NULL;
}

const char *json_str(const struct json *v, const char *key)
{
	const struct json *m = json_get(v, key);

	return m && m->kind == JSON_STRING ? m->str : "";
}

uint64_t json_u64(const struct json *v, const char *key)
{
	const struct json *m = json_get(v, key);

	if (m && m->kind == JSON_NUMBER && m->num >= 0)
		return (uint64_t)m->num;
	if (m && m->kind == JSON_STRING)
		return strtoull(m->str, NULL, 0);
	return 0;
}
