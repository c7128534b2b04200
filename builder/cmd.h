/* SPDX-License-Identifier: MIT */
/*
 * The commands behind the CLI, and the pipeline they share: load the spec,
 * run the checks, read the runtime, allocate, generate and cross-check the
 * device trees, lay out the image. Exit codes: 0 ok, 1 user errors, 2 usage
 * or internal errors.
 */
#ifndef CMD_H
#define CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "model.h"

#define CMD_OK       0
#define CMD_USER     1
#define CMD_INTERNAL 2

struct cmd_system {
	struct model m;
	struct alloc a;
	uint8_t *runtime;
	size_t runtime_size;
	bool allocated;
};

struct cmd_options {
	const char *spec;
	const char *out_dir;     /* build: -o */
	const char *guest;       /* dts */
	bool no_limits;          /* build/check: benchmarks only */
};

/* The whole pipeline up to (not including) image assembly. */
int cmd_prepare(struct cmd_system *s, const struct cmd_options *o);
void cmd_system_free(struct cmd_system *s);
/* Assembled <name>.img bytes (size in s->a.image_size); caller frees. */
uint8_t *cmd_image(const struct cmd_system *s);

int cmd_check(const struct cmd_options *o);
int cmd_build(const struct cmd_options *o);
int cmd_layout(const struct cmd_options *o);
int cmd_dts(const struct cmd_options *o);
int cmd_inspect(const char *image_path);

#endif /* CMD_H */
