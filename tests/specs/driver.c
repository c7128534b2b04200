/* SPDX-License-Identifier: MIT */
/*
 * Temporary stand-in for `partita check SPEC` until builder/main.c lands:
 * spec_load, checks_run, print the summary, exit 1 on any error.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

int main(int argc, char **argv)
{
	struct model m;

	if (argc != 3 || strcmp(argv[1], "check")) {
		fprintf(stderr, "usage: %s check SPEC\n", argv[0]);
		return 2;
	}
	int errors = spec_load(argv[2], &m);
	errors += checks_run(&m);
	diag_summary();
	model_free(&m);
	return errors ? 1 : 0;
}
