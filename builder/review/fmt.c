/* SPDX-License-Identifier: MIT */
/*
 * The reformatter. It never re-emits YAML from a tree (libyaml would drop
 * the comments): it permutes and patches the original lines, using the
 * positions the YAML loader keeps, and re-parses the result as a safety net.
 */
#include "fmt.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "spec.h"
#include "yamldoc.h"

struct fmt {
	char **lines;
	int n;
	FILE *out;
};

/* Emits lines [lo, hi) holding the value of key (after the key's own line). */
typedef void (*fmt_child)(struct fmt *f, const char *key, const struct yamldoc_node *value,
			  int lo, int hi);

static const char *const fmt_top_keys[] = { "partita", "name", "description", "board", "guests",
					     "channels", "disks", "networks", "schedule" };
static const char *const fmt_channel_keys[] = { "description", "between", "size", "ends" };
static const char *const fmt_disk_keys[] = { "description", "image", "guest", "readonly" };
static const char *const fmt_network_keys[] = { "description", "guests" };
static const char *const fmt_plan_keys[] = { "description", "period", "windows" };

void fmt_size(unsigned long long v, char buf[32])
{
	static const char units[] = "KMGT";
	int u = -1;

	while (v && (v & 1023) == 0 && u < 3) {
		v >>= 10;
		u++;
	}
	if (u < 0)
		snprintf(buf, 32, "%llu", v);
	else
		snprintf(buf, 32, "%llu%c", v, units[u]);
}

static bool fmt_blank(const char *line)
{
	return line[strspn(line, " \t")] == '\0';
}

static bool fmt_comment(const char *line)
{
	return line[strspn(line, " \t")] == '#';
}

/* Rewrites the plain scalar n in place as canon, the same value spelt canonically. */
static void fmt_patch(struct fmt *f, const struct yamldoc_node *n, const char *canon)
{
	char *line = f->lines[n->pos.line - 1];
	size_t col = (size_t)n->pos.col - 1, len = strlen(n->text);
	if (!strcmp(canon, n->text) || strlen(line) < col + len || strncmp(line + col, n->text, len))
		return;
	char *patched;
	if (asprintf(&patched, "%.*s%s%s", (int)col, line, canon, line + col + len) < 0)
		abort();
	free(line);
	f->lines[n->pos.line - 1] = patched;
}

static bool fmt_plain(const struct fmt *f, const struct yamldoc_node *n)
{
	return n && n->kind == YAMLDOC_SCALAR && !n->quoted && n->pos.line >= 1 &&
	       n->pos.line <= f->n;
}

/* A size gets the shortest exact unit (256M, not 0x10000000). */
static void fmt_patch_size(struct fmt *f, const struct yamldoc_node *n)
{
	uint64_t v;
	char canon[32];

	if (!fmt_plain(f, n) || spec_parse_size(n->text, &v) != SPEC_SIZE_OK || v == 0)
		return;
	fmt_size(v, canon);
	fmt_patch(f, n, canon);
}

/*
 * The format version is written in decimal (partita: 0x1 becomes 1). Only
 * format 1 exists; when a format 2 comes, this is where fmt rewrites a
 * format-1 spec's text into format 2 and sets partita: 2.
 */
static void fmt_version(struct fmt *f, const struct yamldoc_node *root)
{
	const struct yamldoc_node *v = yamldoc_get(root, "partita");
	char canon[32];
	char *end;

	if (!fmt_plain(f, v) || !isdigit((unsigned char)v->text[0]))
		return;
	bool hex = v->text[1] == 'x' || v->text[1] == 'X';
	unsigned long long n = strtoull(v->text, &end, hex ? 16 : 10);
	if (*end || n == 0)
		return;
	snprintf(canon, sizeof(canon), "%llu", n);
	fmt_patch(f, v, canon);
}

static void fmt_sizes(struct fmt *f, const struct yamldoc_node *root)
{
	const struct yamldoc_node *guests = yamldoc_get(root, "guests");
	const struct yamldoc_node *chans = yamldoc_get(root, "channels");

	for (int i = 0; guests && guests->kind == YAMLDOC_MAP && i < guests->count; i++) {
		const struct yamldoc_node *mem = yamldoc_get(guests->pairs[i].value, "memory");
		fmt_patch_size(f, mem && mem->kind == YAMLDOC_MAP ? yamldoc_get(mem, "size") : mem);
	}
	for (int i = 0; chans && chans->kind == YAMLDOC_MAP && i < chans->count; i++)
		fmt_patch_size(f, yamldoc_get(chans->pairs[i].value, "size"));
}

/* A time gets the largest exact unit (10ms, not 10000us). */
static void fmt_patch_time(struct fmt *f, const struct yamldoc_node *n)
{
	uint64_t ns;
	char canon[SPEC_TIME_TEXT];

	if (!fmt_plain(f, n) || spec_parse_time(n->text, &ns) != SPEC_SIZE_OK || ns == 0)
		return;
	fmt_patch(f, n, spec_time_text(ns, canon, sizeof(canon)));
}

static void fmt_times(struct fmt *f, const struct yamldoc_node *root)
{
	const struct yamldoc_node *plans = yamldoc_get(root, "schedule");

	for (int i = 0; plans && plans->kind == YAMLDOC_MAP && i < plans->count; i++) {
		const struct yamldoc_node *plan = plans->pairs[i].value, *w;
		if (plan->kind != YAMLDOC_MAP)
			continue;
		fmt_patch_time(f, yamldoc_get(plan, "period"));
		w = yamldoc_get(plan, "windows");
		for (int k = 0; w && w->kind == YAMLDOC_SEQ && k < w->count; k++)
			if (w->items[k]->kind == YAMLDOC_MAP)
				fmt_patch_time(f, yamldoc_get(w->items[k], "length"));
	}
}

static void fmt_emit(struct fmt *f, int lo, int hi)
{
	for (int i = lo; i < hi; i++)
		fprintf(f->out, "%s\n", f->lines[i]);
}

/* Whether every key of map starts its own line, at one column, in [lo, hi). */
static bool fmt_block_map(const struct fmt *f, const struct yamldoc_node *map, int lo, int hi)
{
	if (!map || map->kind != YAMLDOC_MAP || map->count == 0)
		return false;
	for (int i = 0; i < map->count; i++) {
		const struct yamldoc_node *k = map->pairs[i].key;
		int line = k->pos.line - 1;
		if (line < lo || line >= hi || k->pos.col != map->pairs[0].key->pos.col ||
		    (i && line <= map->pairs[i - 1].key->pos.line - 1) ||
		    (int)strspn(f->lines[line], " ") != k->pos.col - 1)
			return false;
	}
	return true;
}

/* First line of entry i: its key line, or the comments right above it. */
static int fmt_entry_start(const struct fmt *f, const struct yamldoc_node *map, int i, int lo)
{
	int start = map->pairs[i].key->pos.line - 1;
	int floor = i ? map->pairs[i - 1].key->pos.line : lo;

	while (start - 1 >= floor && fmt_comment(f->lines[start - 1]))
		start--;
	return start;
}

static int fmt_rank(const char *key, const char *const *order, int norder, int i)
{
	for (int r = 0; order && r < norder; r++)
		if (!strcmp(order[r], key))
			return r;
	return norder + i;   /* unknown keys (errors anyway) keep their place, last */
}

/* Emits lines [lo, hi) with map's entries in canonical order. */
static void fmt_map(struct fmt *f, const struct yamldoc_node *map, int lo, int hi,
		    const char *const *order, int norder, fmt_child child)
{
	if (!fmt_block_map(f, map, lo, hi)) {
		fmt_emit(f, lo, hi);
		return;
	}
	int n = map->count, tail = hi;
	int *start = calloc((size_t)n + 1, sizeof(int)), *idx = calloc((size_t)n, sizeof(int));
	if (!start || !idx)
		abort();
	while (tail > map->pairs[n - 1].key->pos.line && fmt_blank(f->lines[tail - 1]))
		tail--;
	for (int i = 0; i < n; i++)
		start[i] = fmt_entry_start(f, map, i, lo);
	start[n] = tail;
	for (int i = 0; i < n; i++)
		idx[i] = i;
	for (int i = 1; i < n; i++)   /* insertion sort: stable, n is small */
		for (int j = i; j > 0 && fmt_rank(map->pairs[idx[j]].key->text, order, norder, idx[j]) <
			       fmt_rank(map->pairs[idx[j - 1]].key->text, order, norder, idx[j - 1]); j--) {
			int t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	fmt_emit(f, lo, start[0]);
	for (int k = 0; k < n; k++) {
		int i = idx[k], key = map->pairs[i].key->pos.line - 1;
		if (child) {
			fmt_emit(f, start[i], key + 1);
			child(f, map->pairs[i].key->text, map->pairs[i].value, key + 1, start[i + 1]);
		} else {
			fmt_emit(f, start[i], start[i + 1]);
		}
	}
	fmt_emit(f, tail, hi);
	free(start);
	free(idx);
}

static void fmt_guest(struct fmt *f, const char *key, const struct yamldoc_node *v, int lo, int hi)
{
	fmt_map(f, v, lo, hi, spec_guest_keys, spec_guest_key_count, NULL);
}

static void fmt_channel(struct fmt *f, const char *key, const struct yamldoc_node *v, int lo,
			int hi)
{
	fmt_map(f, v, lo, hi, fmt_channel_keys, 4, NULL);
}

static void fmt_disk(struct fmt *f, const char *key, const struct yamldoc_node *v, int lo, int hi)
{
	fmt_map(f, v, lo, hi, fmt_disk_keys, 4, NULL);
}

static void fmt_network(struct fmt *f, const char *key, const struct yamldoc_node *v, int lo,
			int hi)
{
	fmt_map(f, v, lo, hi, fmt_network_keys, 2, NULL);
}

static void fmt_plan(struct fmt *f, const char *key, const struct yamldoc_node *v, int lo, int hi)
{
	fmt_map(f, v, lo, hi, fmt_plan_keys, 3, NULL);
}

static void fmt_top(struct fmt *f, const char *key, const struct yamldoc_node *v, int lo, int hi)
{
	if (!strcmp(key, "guests"))
		fmt_map(f, v, lo, hi, NULL, 0, fmt_guest);
	else if (!strcmp(key, "channels"))
		fmt_map(f, v, lo, hi, NULL, 0, fmt_channel);
	else if (!strcmp(key, "disks"))
		fmt_map(f, v, lo, hi, NULL, 0, fmt_disk);
	else if (!strcmp(key, "networks"))
		fmt_map(f, v, lo, hi, NULL, 0, fmt_network);
	else if (!strcmp(key, "schedule"))
		fmt_map(f, v, lo, hi, NULL, 0, fmt_plan);
	else
		fmt_emit(f, lo, hi);
}

static void fmt_split(struct fmt *f, const char *text, size_t len)
{
	size_t at = 0;

	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		f->lines = realloc(f->lines, sizeof(*f->lines) * (size_t)(f->n + 1));
		if (!f->lines || !(f->lines[f->n++] = strndup(text + at, end - at)))
			abort();
		at = end + 1;
	}
}

char *fmt_canonical(const char *name, const char *text, size_t len)
{
	struct yamldoc_node *root = NULL;
	struct fmt f = { 0 };
	char *out = NULL;
	size_t out_len = 0;
	int before = diag_error_count();

	if (yamldoc_load_buffer(name, text, len, &root) || !root ||
	    !spec_format_version(root, false)) {
		if (diag_error_count() == before) {
			struct srcpos start = { name, 1, 1 };
			diag_error(&start, "missing-key", "the spec is empty");
		}
		yamldoc_free(root);
		return NULL;
	}
	fmt_split(&f, text, len);
	fmt_sizes(&f, root);
	fmt_times(&f, root);
	fmt_version(&f, root);
	f.out = open_memstream(&out, &out_len);
	if (!f.out)
		abort();
	fmt_map(&f, root, 0, f.n, fmt_top_keys, 9, fmt_top);
	fclose(f.out);
	yamldoc_free(root);
	for (int i = 0; i < f.n; i++)
		free(f.lines[i]);
	free(f.lines);
	return out;
}
