/* SPDX-License-Identifier: MIT */
/*
 * The partita command line: argument parsing and dispatch only. Exit codes:
 * 0 ok, 1 errors in the user's input, 2 usage or internal errors.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"

#define PARTITA_VERSION "0.1.0"

struct main_command {
	const char *name;
	const char *args;
	const char *help;
};

static const struct main_command main_commands[] = {
	{ "check", "SPEC", "load, check and allocate SPEC; write nothing" },
	{ "build", "SPEC [-o DIR]", "build image, FIT, boot.scr, DTBs and reports into DIR\n"
	  "                          (default: images/<name>/ under the current directory)" },
	{ "layout", "SPEC", "print the layout report (layout.txt) to stdout" },
	{ "dts", "SPEC GUEST", "print GUEST's generated device tree as DTS (through dtc)" },
	{ "inspect", "IMAGE", "decode a built <name>.img: verify the layout, list its contents" },
};
#define MAIN_NCOMMANDS (sizeof(main_commands) / sizeof(main_commands[0]))

static void main_usage(FILE *f)
{
	fprintf(f, "usage: partita COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < MAIN_NCOMMANDS; i++)
		fprintf(f, "  %-8s %-14s %s\n", main_commands[i].name, main_commands[i].args,
			main_commands[i].help);
	fprintf(f, "\noptions: --help, --version; `partita COMMAND --help` for one command.\n"
		"exit status: 0 ok, 1 errors in the spec or image, 2 usage or internal errors.\n"
		"environment: PARTITA_RUNTIME (runtime binary), PARTITA_DATADIR (boards, templates),\n"
		"             SOURCE_DATE_EPOCH (FIT and boot.scr timestamps; default 0).\n");
}

static int main_command_help(const struct main_command *c)
{
	printf("usage: partita %s %s\n  %s\n", c->name, c->args, c->help);
	if (!strcmp(c->name, "build") || !strcmp(c->name, "check"))
		printf("  --no-limits  skip the named checks and the runtime's LAYOUT_MAX_* limits\n"
		       "               (benchmarks only: the runtime refuses such an image)\n");
	return CMD_OK;
}

static int main_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "partita: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	main_usage(stderr);
	return CMD_INTERNAL;
}

/* Splits argv into options and up to two positional arguments. */
static int main_parse(int argc, char **argv, const char *cmd, struct cmd_options *o,
		      const char *pos[2], int *npos)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && !strcmp(cmd, "build")) {
			if (++i == argc)
				return main_usage_error("%s needs a directory", "-o");
			o->out_dir = argv[i];
		} else if (!strcmp(argv[i], "--no-limits") &&
			   (!strcmp(cmd, "build") || !strcmp(cmd, "check"))) {
			o->no_limits = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return main_usage_error("unknown option '%s'", argv[i]);
		} else if (*npos < 2) {
			pos[(*npos)++] = argv[i];
		} else {
			return main_usage_error("unexpected argument '%s'", argv[i]);
		}
	}
	return CMD_OK;
}

static int main_run(const struct main_command *c, int argc, char **argv)
{
	struct cmd_options o = { 0 };
	const char *pos[2] = { NULL, NULL };
	int npos = 0, want = !strcmp(c->name, "dts") ? 2 : 1;

	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return main_command_help(c);
	if (main_parse(argc, argv, c->name, &o, pos, &npos))
		return CMD_INTERNAL;
	if (npos != want)
		return main_usage_error("wrong number of arguments for '%s'", c->name);
	o.spec = pos[0];
	o.guest = pos[1];
	if (!strcmp(c->name, "check"))
		return cmd_check(&o);
	if (!strcmp(c->name, "build"))
		return cmd_build(&o);
	if (!strcmp(c->name, "layout"))
		return cmd_layout(&o);
	if (!strcmp(c->name, "dts"))
		return cmd_dts(&o);
	return cmd_inspect(pos[0]);
}

int main(int argc, char **argv)
{
	int rc;

	if (argc < 2)
		return main_usage_error("%s", "no command given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		main_usage(stdout);
		return CMD_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("partita %s (layout ABI %u)\n", PARTITA_VERSION, LAYOUT_ABI_VERSION);
		return CMD_OK;
	}
	for (size_t i = 0; i < MAIN_NCOMMANDS; i++) {
		if (strcmp(argv[1], main_commands[i].name))
			continue;
		rc = main_run(&main_commands[i], argc - 2, argv + 2);
		diag_summary();
		if (rc == CMD_OK && diag_error_count())
			rc = CMD_INTERNAL;
		return rc;
	}
	return main_usage_error("unknown command '%s'", argv[1]);
}
