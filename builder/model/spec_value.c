/* SPDX-License-Identifier: MIT */
/*
 * Scalar readers for spec values. YAML hands every scalar over as text, so
 * sizes, addresses, integers and booleans are parsed here, with overflow
 * detected rather than wrapped, and each mistake reported at the value.
 */
#include "spec_value.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

static const struct {
	const char *suffix;
	unsigned shift;
} spec_suffixes[] = {
	{ "K", 10 }, { "M", 20 }, { "G", 30 }, { "T", 40 },
	{ "KiB", 10 }, { "MiB", 20 }, { "GiB", 30 }, { "TiB", 40 },
};

static enum spec_size_result spec_digits(const char **p, uint64_t *out)
{
	const char *s = *p;
	unsigned base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!isxdigit((unsigned char)*s) || (base == 10 && !isdigit((unsigned char)*s)))
		return SPEC_SIZE_BAD;
	for (; isxdigit((unsigned char)*s); s++) {
		if (base == 10 && !isdigit((unsigned char)*s))
			break;
		unsigned d = isdigit((unsigned char)*s) ? (unsigned)(*s - '0')
			: (unsigned)(tolower((unsigned char)*s) - 'a' + 10);
		if (v > (UINT64_MAX - d) / base)
			return SPEC_SIZE_OVERFLOW;
		v = v * base + d;
	}
	*p = s;
	*out = v;
	return SPEC_SIZE_OK;
}

enum spec_size_result spec_parse_size(const char *text, uint64_t *out)
{
	const char *p = text;
	uint64_t v;
	enum spec_size_result r = spec_digits(&p, &v);

	if (r != SPEC_SIZE_OK)
		return r;
	if (*p == '\0') {
		*out = v;
		return SPEC_SIZE_OK;
	}
	for (size_t i = 0; i < sizeof(spec_suffixes) / sizeof(spec_suffixes[0]); i++) {
		if (strcmp(p, spec_suffixes[i].suffix))
			continue;
		if (v > (UINT64_MAX >> spec_suffixes[i].shift))
			return SPEC_SIZE_OVERFLOW;
		*out = v << spec_suffixes[i].shift;
		return SPEC_SIZE_OK;
	}
	return SPEC_SIZE_BAD;
}

bool spec_scalar(const struct yamldoc_node *n, const char *expected)
{
	if (n->kind == YAMLDOC_SCALAR && !yamldoc_is_null(n))
		return true;
	diag_error(&n->pos, "wrong-type", "expected %s, found %s", expected,
		   yamldoc_kind_name(n));
	return false;
}

bool spec_seq(const struct yamldoc_node *n, const char *expected)
{
	if (n->kind == YAMLDOC_SEQ)
		return true;
	diag_error(&n->pos, "wrong-type", "expected %s, found %s", expected,
		   yamldoc_kind_name(n));
	return false;
}

bool spec_map(const struct yamldoc_node *n, const char *expected)
{
	if (n->kind == YAMLDOC_MAP)
		return true;
	diag_error(&n->pos, "wrong-type", "expected %s, found %s", expected,
		   yamldoc_kind_name(n));
	return false;
}

static bool spec_number(const struct yamldoc_node *n, uint64_t *out, const char *what)
{
	if (!spec_scalar(n, what))
		return false;
	switch (spec_parse_size(n->text, out)) {
	case SPEC_SIZE_OK:
		return true;
	case SPEC_SIZE_OVERFLOW:
		diag_error(&n->pos, "size-too-large", "'%s' does not fit in 64 bits", n->text);
		return false;
	default:
		diag_error(&n->pos, "bad-size",
			   "'%s' is not %s (write e.g. 4096, 0x1000, 4K, 256M, 1G)",
			   n->text, what);
		return false;
	}
}

bool spec_size(const struct yamldoc_node *n, uint64_t *out)
{
	if (!spec_number(n, out, "a size"))
		return false;
	if (*out)
		return true;
	diag_error(&n->pos, "bad-size", "a size of zero is not allowed");
	return false;
}

static const struct {
	const char *unit;
	uint64_t ns;
} spec_time_units[] = {
	{ "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
};

enum spec_size_result spec_parse_time(const char *text, uint64_t *ns)
{
	const char *p = text;
	uint64_t v;
	enum spec_size_result r;

	if (!isdigit((unsigned char)text[0]) || (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')))
		return SPEC_SIZE_BAD;
	r = spec_digits(&p, &v);
	if (r != SPEC_SIZE_OK)
		return r;
	for (size_t i = 0; i < sizeof(spec_time_units) / sizeof(spec_time_units[0]); i++) {
		if (strcmp(p, spec_time_units[i].unit))
			continue;
		if (v > UINT64_MAX / spec_time_units[i].ns)
			return SPEC_SIZE_OVERFLOW;
		*ns = v * spec_time_units[i].ns;
		return SPEC_SIZE_OK;
	}
	return SPEC_SIZE_BAD;
}

const char *spec_time_text(uint64_t ns, char *buf, size_t size)
{
	/* the largest unit that states it exactly, as a spec would write it */
	if (ns && ns % 1000000000 == 0)
		snprintf(buf, size, "%llus", (unsigned long long)(ns / 1000000000));
	else if (ns && ns % 1000000 == 0)
		snprintf(buf, size, "%llums", (unsigned long long)(ns / 1000000));
	else if (ns % 1000 == 0)
		snprintf(buf, size, "%lluus", (unsigned long long)(ns / 1000));
	else
		snprintf(buf, size, "%lluns", (unsigned long long)ns);
	return buf;
}

bool spec_time(const struct yamldoc_node *n, uint64_t *ns)
{
	if (!spec_scalar(n, "a time"))
		return false;
	switch (spec_parse_time(n->text, ns)) {
	case SPEC_SIZE_OK:
		if (*ns)
			return true;
		diag_error(&n->pos, "bad-time", "a time of zero is not allowed");
		return false;
	case SPEC_SIZE_OVERFLOW:
		diag_error(&n->pos, "bad-time", "'%s' does not fit in 64 bits of nanoseconds",
			   n->text);
		return false;
	default:
		diag_error(&n->pos, "bad-time",
			   "'%s' is not a time (a whole number with us, ms or s: 500us, 4ms, 1s)",
			   n->text);
		return false;
	}
}

bool spec_addr(const struct yamldoc_node *n, uint64_t *out)
{
	return spec_number(n, out, "an address");
}

bool spec_uint(const struct yamldoc_node *n, uint64_t max, uint64_t *out)
{
	const char *p;

	if (!spec_scalar(n, "a whole number"))
		return false;
	p = n->text;
	enum spec_size_result r = spec_digits(&p, out);
	if (r == SPEC_SIZE_OK && *p == '\0' && *out <= max)
		return true;
	if (r == SPEC_SIZE_BAD || (r == SPEC_SIZE_OK && *p))
		diag_error(&n->pos, "wrong-type", "expected a whole number, found '%s'", n->text);
	else
		diag_error(&n->pos, "bad-value", "%s is out of range (at most %llu)",
			   n->text, (unsigned long long)max);
	return false;
}

bool spec_bool(const struct yamldoc_node *n, bool *out)
{
	if (!spec_scalar(n, "true or false"))
		return false;
	if (!n->quoted && !strcmp(n->text, "true")) {
		*out = true;
		return true;
	}
	if (!n->quoted && !strcmp(n->text, "false")) {
		*out = false;
		return true;
	}
	diag_error(&n->pos, "wrong-type", "expected true or false, found '%s'", n->text);
	return false;
}

bool spec_enum(const struct yamldoc_node *n, const char *const *names, int count, int *out)
{
	if (!spec_scalar(n, "a word"))
		return false;
	for (int i = 0; i < count; i++) {
		if (!strcmp(n->text, names[i])) {
			*out = i;
			return true;
		}
	}
	const char *hint = suggest_word(n->text, names, (size_t)count);
	if (hint)
		diag_error(&n->pos, "bad-value", "'%s' is not allowed here; did you mean '%s'?",
			   n->text, hint);
	else
		diag_error(&n->pos, "bad-value", "'%s' is not allowed here (one of: %s%s%s%s%s)",
			   n->text, names[0], count > 1 ? ", " : "", count > 1 ? names[1] : "",
			   count > 2 ? ", " : "", count > 2 ? names[2] : "");
	return false;
}

bool spec_name_ok(const char *name)
{
	size_t len = strlen(name);

	if (len < 1 || len > 31 || !islower((unsigned char)name[0]))
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = name[i];
		if (!(islower((unsigned char)c) || isdigit((unsigned char)c) || c == '_' || c == '-'))
			return false;
	}
	return true;
}

bool spec_name(const struct yamldoc_node *n, const char *what)
{
	if (!spec_scalar(n, "a name"))
		return false;
	if (spec_name_ok(n->text))
		return true;
	diag_error(&n->pos, "bad-name",
		   "%s name '%s' must match [a-z][a-z0-9_-]{0,30}", what, n->text);
	return false;
}

char *spec_strdup(const char *s)
{
	char *copy = strdup(s ? s : "");

	if (!copy)
		abort();
	return copy;
}

void spec_fields(const struct yamldoc_pair *pairs, int count, const char *const *keys,
		 int nkeys, const struct yamldoc_pair **found, const char *what)
{
	for (int k = 0; k < nkeys; k++)
		found[k] = NULL;
	for (int i = 0; i < count; i++) {
		const char *key = pairs[i].key->text;
		int k;
		for (k = 0; k < nkeys && strcmp(key, keys[k]); k++)
			;
		if (k < nkeys) {
			if (!found[k])
				found[k] = &pairs[i];
			continue;
		}
		const char *hint = suggest_word(key, keys, (size_t)nkeys);
		if (hint)
			diag_error(&pairs[i].key->pos, "unknown-key",
				   "unknown %s key '%s'; did you mean '%s'?", what, key, hint);
		else
			diag_error(&pairs[i].key->pos, "unknown-key",
				   "unknown %s key '%s'", what, key);
	}
}

void spec_require(const struct yamldoc_pair **found, const char *const *keys, int nkeys,
		  unsigned required, const struct srcpos *where, const char *what)
{
	for (int k = 0; k < nkeys; k++)
		if ((required & (1u << k)) && !found[k])
			diag_error(where, "missing-key", "%s has no '%s'", what, keys[k]);
}
