/* SPDX-License-Identifier: MIT */
/*
 * The partita command line: global flags, argument parsing and dispatch
 * only. Exit codes: 0 ok, 1 errors in the user's input (diff: changes
 * found; fmt --check: not canonical), 2 usage or internal errors.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "main_help.h"
#include "term.h"

#define PARTITA_VERSION "0.1.0"

static int main_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "partita: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	main_help_usage(stderr);
	return CMD_INTERNAL;
}

/* The value of an option that takes one: "--opt V" or "--opt=V"; NULL if none. */
static const char *main_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);

	if (!strncmp(argv[*i], opt, n) && argv[*i][n] == '=')
		return argv[*i][n + 1] ? argv[*i] + n + 1 : NULL;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

/* Splits argv into the options of command c and its positional arguments. */
static int main_parse(int argc, char **argv, const char *cmd, struct main_args *o)
{
	for (int i = 0; i < argc; i++) {
		const char *opt = main_help_value_option(cmd, argv[i]);
		if (!strcmp(argv[i], "--") && !strcmp(cmd, "run")) {
			o->run.extra = argv + i + 1;
			o->run.extra_count = argc - i - 1;
			return CMD_OK;
		}
		if (opt) {
			const char *v = main_value(argc, argv, &i, opt);
			if (!v)
				return main_usage_error("%s needs a value", opt);
			main_help_set_value(o, opt, v);
		} else if (main_help_set_flag(o, cmd, argv[i])) {
			continue;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return main_usage_error("unknown option '%s'", argv[i]);
		} else if (o->npos < 2) {
			o->pos[o->npos++] = argv[i];
		} else {
			return main_usage_error("unexpected argument '%s'", argv[i]);
		}
	}
	return CMD_OK;
}

static int main_dispatch(const char *cmd, struct main_args *a)
{
	a->opt.spec = a->pos[0];
	a->opt.guest = a->pos[1];
	a->run.target = a->pos[0];
	if (!strcmp(cmd, "check"))
		return cmd_check(&a->opt);
	if (!strcmp(cmd, "build"))
		return cmd_build(&a->opt);
	if (!strcmp(cmd, "layout"))
		return cmd_layout(&a->opt);
	if (!strcmp(cmd, "dts"))
		return cmd_dts(&a->opt);
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(a->pos[0]);
	if (!strcmp(cmd, "diff"))
		return cmd_diff(a->pos[0], a->pos[1], a->format ? a->format : "text");
	if (!strcmp(cmd, "graph"))
		return cmd_graph(a->pos[0], a->format ? a->format : "dot");
	if (!strcmp(cmd, "fmt"))
		return cmd_fmt(a->pos[0], a->check);
	if (!strcmp(cmd, "explain"))
		return cmd_explain(a->list ? "--list" : a->pos[0]);
	return cmd_run(&a->run);
}

static int main_run(const struct main_help_command *c, int argc, char **argv)
{
	struct main_args a;

	memset(&a, 0, sizeof(a));
	for (int i = 0; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return main_help_command(stdout, c);
	if (main_parse(argc, argv, c->name, &a))
		return CMD_INTERNAL;
	if (a.npos < c->min_args - (a.list ? 1 : 0) || a.npos > c->max_args)
		return main_usage_error("wrong number of arguments for '%s'", c->name);
	return main_dispatch(c->name, &a);
}

/* Global flags before the command: -q, -v, --color=auto|always|never. */
static int main_globals(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			cmd_verbosity = -1;
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			cmd_verbosity = 1;
		else if (!strcmp(argv[i], "--color=always"))
			term_force_colour(1);
		else if (!strcmp(argv[i], "--color=never"))
			term_force_colour(0);
		else if (!strcmp(argv[i], "--color=auto"))
			term_force_colour(-1);
		else
			break;
	}
	diag_set_colour(term_colour(STDERR_FILENO));
	return i;
}

int main(int argc, char **argv)
{
	int first = main_globals(argc, argv);
	const char *cmd = first < argc ? argv[first] : NULL;

	if (!cmd)
		return main_usage_error("%s", "no command given");
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		if (first + 1 < argc && main_help_find(argv[first + 1]))
			return main_help_command(stdout, main_help_find(argv[first + 1]));
		main_help_usage(stdout);
		return CMD_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("partita %s (layout ABI %u)\n", PARTITA_VERSION, LAYOUT_ABI_VERSION);
		return CMD_OK;
	}
	const struct main_help_command *c = main_help_find(cmd);
	if (!c)
		return main_usage_error("unknown command '%s'", cmd);
	int rc = main_run(c, argc - first - 1, argv + first + 1);
	diag_summary();
	if (rc == CMD_OK && diag_error_count())
		rc = CMD_INTERNAL;
	return rc;
}
