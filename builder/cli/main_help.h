/* SPDX-License-Identifier: MIT */
/*
 * The command table of the CLI: names, argument counts, options and help
 * texts, so that main.c holds only the parsing loop and the dispatch.
 */
#ifndef MAIN_HELP_H
#define MAIN_HELP_H

#include <stdbool.h>
#include <stdio.h>

#include "cmd.h"

struct main_help_command {
	const char *name;
	const char *args;
	const char *summary;
	const char *options;   /* per-command option lines, or NULL */
	int min_args, max_args;
};

/* Everything a command line can set. */
struct main_args {
	struct cmd_options opt;
	struct cmd_run_options run;
	const char *pos[2];
	int npos;
	const char *format;    /* diff, graph */
	bool check;            /* fmt --check */
	bool list;             /* explain --list */
};

const struct main_help_command *main_help_find(const char *name);
void main_help_usage(FILE *f);
int main_help_command(FILE *f, const struct main_help_command *c);

/* The option taking a value that arg is (or starts as "--opt="), or NULL. */
const char *main_help_value_option(const char *cmd, const char *arg);
void main_help_set_value(struct main_args *a, const char *opt, const char *value);
/* Sets a flag option of cmd; false when arg is not one. */
bool main_help_set_flag(struct main_args *a, const char *cmd, const char *arg);

#endif /* MAIN_HELP_H */
