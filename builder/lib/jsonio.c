/* SPDX-License-Identifier: MIT */
/*
 * jansson (libjansson, Debian's libjansson-dev) behind the limits a build
 * folder from someone else needs: the size and nesting depth are checked
 * before jansson sees the text (its own depth limit is 2048, compiled in),
 * NUL bytes are refused, and duplicate keys are an error rather than the
 * last one silently winning.
 */
#include "jsonio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Deepest nesting of [ and { outside strings (RFC 8259 section 7 escapes). */
static int jsonio_depth(const char *s, size_t len)
{
	int depth = 0, deepest = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			if (++depth > deepest)
				deepest = depth;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return deepest;
}

json_t *jsonio_parse(const char *text, size_t len, char *err, size_t err_size)
{
	json_error_t e;
	json_t *v;

	if (len > JSONIO_MAX_SIZE) {
		snprintf(err, err_size, "larger than %u MiB", JSONIO_MAX_SIZE >> 20);
		return NULL;
	}
	if (jsonio_depth(text, len) > JSONIO_MAX_DEPTH) {
		snprintf(err, err_size, "nested deeper than %d levels", JSONIO_MAX_DEPTH);
		return NULL;
	}
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!v)
		snprintf(err, err_size, "line %d column %d: %s", e.line, e.column, e.text);
	return v;
}

json_t *jsonio_load(const char *path, char *err, size_t err_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	json_t *v = NULL;

	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(err, err_size, "cannot read: %s", fd < 0 ? strerror(errno) : "not a regular file");
	} else if ((unsigned long long)st.st_size > JSONIO_MAX_SIZE) {
		snprintf(err, err_size, "not valid JSON (larger than %u MiB)", JSONIO_MAX_SIZE >> 20);
	} else {
		size_t len = (size_t)st.st_size, got = 0;
		char *text = malloc(len + 1);
		ssize_t n = 1;
		if (!text)
			abort();
		while (got < len && (n = read(fd, text + got, len - got)) > 0)
			got += (size_t)n;
		if (got < len) {
			snprintf(err, err_size, "cannot read: %s", n < 0 ? strerror(errno) : "short read");
		} else {
			char why[160];
			v = jsonio_parse(text, len, why, sizeof(why));
			if (!v)
				snprintf(err, err_size, "not valid JSON (%s)", why);
		}
		free(text);
	}
	if (fd >= 0)
		close(fd);
	return v;
}

const char *jsonio_str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

uint64_t jsonio_u64(const json_t *obj, const char *key)
{
	const json_t *m = json_object_get(obj, key);

	if (json_is_integer(m) && json_integer_value(m) >= 0)
		return (uint64_t)json_integer_value(m);
	if (json_is_string(m))
		return strtoull(json_string_value(m), NULL, 0);
	return 0;
}

bool jsonio_bool(const json_t *obj, const char *key)
{
	return json_is_true(json_object_get(obj, key));
}

json_t *jsonio_string(const char *s)
{
	json_t *v = json_string(s ? s : "");

	if (!v && s) {   /* not UTF-8 (json_string checks): keep what is ASCII */
		char *copy = strdup(s);
		if (!copy)
			abort();
		for (char *p = copy; *p; p++)
			if ((unsigned char)*p >= 0x80)
				*p = '?';
		v = json_string(copy);
		free(copy);
	}
	if (!v)
		abort();
	return v;
}

int jsonio_dump(FILE *f, const json_t *v, size_t flags, bool nl)
{
	if (json_dumpf(v, f, flags | JSON_ENCODE_ANY))
		return -1;
	return nl && fputc('\n', f) == EOF ? -1 : 0;
}
