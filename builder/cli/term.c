/* SPDX-License-Identifier: MIT */
/*
 * Colour decision shared by diagnostics (stderr) and diff (stdout); the
 * global --color=always|never overrides it for both.
 */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int term_forced = -1;

void term_force_colour(int on)
{
	term_forced = on;
}

bool term_colour(int fd)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (term_forced >= 0)
		return term_forced;
	if (no && *no)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fd) == 1;
}
