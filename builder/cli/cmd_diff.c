/* SPDX-License-Identifier: MIT */
/*
 * `partita diff OLD NEW`: what changed in the resulting system between two
 * specs or build folders. Exit status as diff(1): 0 no change, 1 changes,
 * 2 trouble (an input that does not load). -q prints nothing, -v whole
 * SHA-256s.
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "term.h"

int cmd_diff(const char *old_path, const char *new_path, const char *format)
{
	struct sysview old, new;
	struct diff d;

	if (strcmp(format, "text") && strcmp(format, "markdown") && strcmp(format, "json")) {
		diag_fatal("unknown --format '%s' (text, markdown or json)", format);
		return CMD_INTERNAL;
	}
	int rc = sysview_load(old_path, &old);
	if (!rc)
		rc = sysview_load(new_path, &new);
	else
		memset(&new, 0, sizeof(new));
	if (rc) {
		sysview_free(&old);
		sysview_free(&new);
		return CMD_INTERNAL;
	}
	diff_compare(&old, &new, cmd_verbosity > 0, &d);
	if (cmd_verbosity < 0)
		;   /* -q: the exit status says it all, like git diff --quiet */
	else if (!strcmp(format, "json"))
		diff_json(stdout, &d, old_path, new_path);
	else if (!strcmp(format, "markdown"))
		diff_markdown(stdout, &d, old_path, new_path);
	else
		diff_text(stdout, &d, old_path, new_path, term_colour(STDOUT_FILENO));
	rc = d.count ? CMD_USER : CMD_OK;
	diff_free(&d);
	sysview_free(&old);
	sysview_free(&new);
	return rc;
}
