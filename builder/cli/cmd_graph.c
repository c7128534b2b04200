/* SPDX-License-Identifier: MIT */
/*
 * `partita graph SPEC|DIR [--format dot|svg]`: the system as a Graphviz
 * graph. SVG is rendered by piping the DOT text into graphviz's `dot`, which
 * is optional: without it, say so and exit 2.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "graph.h"
#include "paths.h"

/* Whether an executable named prog is on $PATH. */
bool cmd_on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy = strdup(path ? path : "/usr/bin:/bin");
	bool found = false;

	if (!copy)
		abort();
	for (char *dir = strtok(copy, ":"); dir && !found; dir = strtok(NULL, ":")) {
		char *full = paths_join(*dir ? dir : ".", prog);
		found = access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}

static int cmd_graph_svg(const struct sysview *v)
{
	if (!cmd_on_path("dot")) {
		diag_fatal("--format svg needs graphviz's `dot`, which is not installed "
			   "(apt-get install graphviz), or use --format dot");
		return CMD_INTERNAL;
	}
	fflush(stdout);
	FILE *p = popen("dot -Tsvg", "w");
	if (!p) {
		diag_fatal("cannot start dot");
		return CMD_INTERNAL;
	}
	graph_dot(p, v);
	int st = pclose(p);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		diag_fatal("dot failed");
		return CMD_INTERNAL;
	}
	return CMD_OK;
}

int cmd_graph(const char *path, const char *format)
{
	struct sysview v;

	if (strcmp(format, "dot") && strcmp(format, "svg")) {
		diag_fatal("unknown --format '%s' (dot or svg)", format);
		return CMD_INTERNAL;
	}
	int rc = sysview_load(path, &v);
	if (!rc && !strcmp(format, "svg"))
		rc = cmd_graph_svg(&v);
	else if (!rc)
		graph_dot(stdout, &v);
	sysview_free(&v);
	return rc;
}
