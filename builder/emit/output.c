/* SPDX-License-Identifier: MIT */
/*
 * Output directory handling for `partita build`. The temp dir is a sibling
 * of the target so the final rename(2) stays inside one file system and is
 * atomic; an existing target is first moved aside, then removed.
 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "paths.h"

/* mkdir -p; remembers the topmost folder it had to create in *created. */
static int output_mkdirs(const char *path, char **created)
{
	char *p = strdup(path);
	int rc = 0;

	if (!p)
		abort();
	for (char *s = p + 1; !rc; s++) {
		char c = *s;
		if (c && c != '/')
			continue;
		*s = '\0';
		if (!mkdir(p, 0755)) {
			if (!*created)
				*created = strdup(p);
		} else if (errno != EEXIST) {
			rc = -1;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

/* Removes the empty parents output_mkdirs created, deepest first. */
static void output_remove_created(struct output *o)
{
	char *path = paths_dirname(o->dir);

	while (o->created && strlen(path) >= strlen(o->created)) {
		char *up = paths_dirname(path);
		rmdir(path);
		free(path);
		path = up;
	}
	free(path);
}

static char *output_sibling(const char *dir, const char *tag)
{
	char *parent = paths_dirname(dir);
	const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
	char name[512];

	snprintf(name, sizeof(name), ".%s.partita-%s.%ld", base, tag, (long)getpid());
	char *out = paths_join(parent, name);
	free(parent);
	return out;
}

int output_begin(struct output *o, const char *dir)
{
	char *trimmed = strdup(dir);
	size_t n = strlen(trimmed);

	while (n > 1 && trimmed[n - 1] == '/')
		trimmed[--n] = '\0';
	o->dir = trimmed;
	char *parent = paths_dirname(trimmed);
	int rc = output_mkdirs(parent, &o->created);
	free(parent);
	o->tmp = output_sibling(trimmed, "tmp");
	if (!rc) {
		output_remove_dir(o->tmp);  /* a leftover of a killed run with our pid */
		rc = mkdir(o->tmp, 0755);
	}
	if (rc) {
		diag_fatal("cannot create '%s': %s", o->tmp, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return 1;
	}
	return 0;
}

char *output_path(const struct output *o, const char *name)
{
	return paths_join(o->tmp, name);
}

int output_write(const struct output *o, const char *name, const void *data, size_t size)
{
	char *path = output_path(o, name);
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f || fwrite(data, 1, size, f) != size)
		rc = 1;
	if (f && fclose(f))
		rc = 1;
	if (rc)
		diag_fatal("cannot write '%s': %s", path, strerror(errno));
	free(path);
	return rc;
}

int output_remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *f = paths_join(path, e->d_name);
		unlink(f);
		free(f);
	}
	closedir(d);
	return rmdir(path);
}

int output_commit(struct output *o)
{
	struct stat st;
	char *old = NULL;

	if (!lstat(o->dir, &st)) {
		if (!S_ISDIR(st.st_mode)) {
			diag_fatal("'%s' exists and is not a directory", o->dir);
			return 1;
		}
		old = output_sibling(o->dir, "old");
		output_remove_dir(old);
		if (rename(o->dir, old)) {
			diag_fatal("cannot move '%s' aside: %s", o->dir, strerror(errno));
			free(old);
			return 1;
		}
	}
	if (rename(o->tmp, o->dir)) {
		diag_fatal("cannot rename '%s' to '%s': %s", o->tmp, o->dir, strerror(errno));
		if (old)
			rename(old, o->dir);
		free(old);
		return 1;
	}
	if (old && output_remove_dir(old))
		diag_warning(NULL, NULL, "could not remove the previous output '%s'", old);
	free(old);
	free(o->tmp);
	o->tmp = NULL;
	free(o->created);
	o->created = NULL;  /* the folders now hold the output */
	return 0;
}

void output_abort(struct output *o)
{
	if (o->tmp)
		output_remove_dir(o->tmp);
	if (o->dir)
		output_remove_created(o);
	free(o->created);
	free(o->tmp);
	free(o->dir);
	o->tmp = NULL;
	o->dir = NULL;
	o->created = NULL;
}
