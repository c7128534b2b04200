/* SPDX-License-Identifier: MIT */
/*
 * Colour decision shared by diagnostics (stderr) and diff (stdout).
 */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool term_colour(int fd)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no && *no)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fd) == 1;
}
