/* SPDX-License-Identifier: MIT */
/*
 * The pipeline shared by check, build, layout and dts. User errors stop it
 * after the phase that found them (all of that phase's errors reported);
 * anything that goes wrong after allocation is a builder bug (exit 2).
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "crosscheck.h"
#include "guest_dt.h"
#include "image.h"
#include "paths.h"

/* The checks run even after loading errors so one run reports every mistake. */
int cmd_verbosity;

static int cmd_front(struct cmd_system *s, const struct cmd_options *o)
{
	int errors = spec_load(o->spec, &s->m);

	if (!o->no_limits)
		errors += checks_run(&s->m);
	return errors ? CMD_USER : CMD_OK;
}

int cmd_prepare(struct cmd_system *s, const struct cmd_options *o)
{
	int rc;

	memset(s, 0, sizeof(*s));
	rc = cmd_front(s, o);
	if (rc)
		return rc;
	if (image_read_runtime(paths_runtime(), &s->runtime, &s->runtime_size))
		return CMD_INTERNAL;
	s->allocated = true;
	if (alloc_plan(&s->m, o->no_limits, &s->a))
		return CMD_USER;
	if (guest_dt_build_all(&s->a) || crosscheck_all(&s->a))
		return CMD_INTERNAL;
	uint64_t size = image_layout(&s->a, s->runtime_size);
	if (alloc_place_runtime(&s->a, size))
		return CMD_USER;
	return CMD_OK;
}

uint8_t *cmd_image(const struct cmd_system *s)
{
	return image_build(&s->a, s->runtime, s->runtime_size);
}

void cmd_system_free(struct cmd_system *s)
{
	if (s->allocated)
		alloc_free(&s->a);
	free(s->runtime);
	model_free(&s->m);
	memset(s, 0, sizeof(*s));
}
