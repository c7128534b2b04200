/* SPDX-License-Identifier: MIT */
/*
 * The pipeline every command shares: load the spec, run the checks, read the
 * runtime, allocate, generate and cross-check the device trees, lay out the
 * image. Exit codes: 0 ok, 1 user errors, 2 usage or internal errors.
 */
#ifndef PIPELINE_H
#define PIPELINE_H

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
	const char *sign_key;    /* build: --sign-key DIR (else PARTITA_SIGN_KEY) */
	const char *guest;       /* dts */
	bool no_limits;          /* build/check: benchmarks only */
	const char *append_guest; /* run --shell: this guest's bootargs get ... */
	const char *append_args;  /* ... these words appended (this build only) */
	const char *input_guest;  /* run --shell: the console input goes to this guest alone */
};

/* The whole pipeline up to (not including) image assembly. */
int cmd_prepare(struct cmd_system *s, const struct cmd_options *o);
void cmd_system_free(struct cmd_system *s);

/* -q: -1, default 0, -v: 1. Set by main before any command runs. */
extern int cmd_verbosity;

#endif /* PIPELINE_H */
