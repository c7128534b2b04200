/* SPDX-License-Identifier: MIT */
/*
 * The commands behind the CLI. The pipeline they share (load the spec, run
 * the checks, allocate, generate and cross-check the device trees) and the
 * exit codes are in pipeline.h.
 */
#ifndef CMD_H
#define CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"

int cmd_check(const struct cmd_options *o);
int cmd_build(const struct cmd_options *o);
int cmd_layout(const struct cmd_options *o);
int cmd_dts(const struct cmd_options *o);
int cmd_inspect(const char *image_path);
int cmd_diff(const char *old_path, const char *new_path, const char *format);
int cmd_graph(const char *path, const char *format);
int cmd_explain(const char *id);
int cmd_fmt(const char *spec, bool check);

struct cmd_run_options {
	const char *target;      /* SPEC or build folder */
	bool uboot, gdb;
	const char *shell_guest; /* NULL: none */
	const char *timeout;     /* seconds, NULL: none */
	const char *serial1;     /* file for QEMU's second serial port, NULL: none */
	char **extra;            /* after `--` */
	int extra_count;
};
int cmd_run(const struct cmd_run_options *o);

/* Whether an executable named prog is on $PATH. */
bool cmd_on_path(const char *prog);

#endif /* CMD_H */
