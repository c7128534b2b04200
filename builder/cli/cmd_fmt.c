/* SPDX-License-Identifier: MIT */
/*
 * `partita fmt SPEC [--check]`: rewrite SPEC in canonical form (fmt.h), or
 * with --check only report whether it is canonical (exit 1 when not). The
 * file is replaced atomically (temp file + rename) and never written when it
 * does not parse or when the result would not parse back to itself.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fmt.h"

static char *cmd_fmt_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	FILE *mem;
	int c;

	*len = 0;
	if (!f)
		return NULL;
	mem = open_memstream(&text, len);
	if (!mem)
		abort();
	while ((c = fgetc(f)) != EOF)
		fputc(c, mem);
	fclose(mem);
	fclose(f);
	return text;
}

static int cmd_fmt_write(const char *path, const char *text)
{
	struct stat st;
	char *tmp;
	int rc = CMD_OK;

	if (asprintf(&tmp, "%s.partita-fmt.tmp", path) < 0)
		abort();
	FILE *f = fopen(tmp, "wb");
	if (!f || fputs(text, f) == EOF || fclose(f)) {
		diag_fatal("cannot write '%s': %s", tmp, strerror(errno));
		rc = CMD_INTERNAL;
	} else if ((!stat(path, &st) && chmod(tmp, st.st_mode & 07777)) || rename(tmp, path)) {
		diag_fatal("cannot replace '%s': %s", path, strerror(errno));
		rc = CMD_INTERNAL;
	}
	if (rc)
		remove(tmp);
	free(tmp);
	return rc;
}

int cmd_fmt(const char *spec, bool check)
{
	size_t len;
	char *text = cmd_fmt_read(spec, &len);

	if (!text) {
		diag_fatal("cannot read '%s': %s", spec, strerror(errno));
		return CMD_USER;
	}
	char *canon = fmt_canonical(spec, text, len);
	char *again = canon ? fmt_canonical(spec, canon, strlen(canon)) : NULL;
	int rc = CMD_OK;
	if (!canon) {
		rc = CMD_USER;   /* the loader reported why */
	} else if (!again || strcmp(again, canon)) {
		diag_fatal("%s: the reformatted text would not be stable; file left as it is "
			   "(please report this spec)", spec);
		rc = CMD_INTERNAL;
	} else if (!strcmp(canon, text)) {
		if (cmd_verbosity > 0)
			fprintf(stderr, "partita: %s: already canonical\n", spec);
	} else if (check) {
		if (cmd_verbosity >= 0)
			fprintf(stderr, "partita: %s: not in canonical form (run `partita fmt %s`)\n",
				spec, spec);
		rc = CMD_USER;
	} else {
		rc = cmd_fmt_write(spec, canon);
		if (!rc && cmd_verbosity >= 0)
			fprintf(stderr, "partita: %s: reformatted\n", spec);
	}
	free(again);
	free(canon);
	free(text);
	return rc;
}
