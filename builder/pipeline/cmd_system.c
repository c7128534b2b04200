/* SPDX-License-Identifier: MIT */
/*
 * The pipeline shared by check, build, layout and dts. User errors stop it
 * after the phase that found them (all of that phase's errors reported);
 * anything that goes wrong after allocation is a builder bug (exit 2).
 */
#include "pipeline.h"

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

static struct model_guest *cmd_find_guest(struct model *m, const char *name,
					  const char *why)
{
	for (int i = 0; i < m->guest_count; i++) {
		if (!strcmp(m->guests[i].name, name))
			return &m->guests[i];
	}
	diag_fatal("%s: %s has no guest '%s'", why, m->spec_path, name);
	return NULL;
}

/* run --shell: this build's variant of the spec (the file is not changed). */
static int cmd_override(struct model *m, const struct cmd_options *o)
{
	struct model_guest *g;
	char *args;

	if (o->append_guest && o->append_args) {
		if (!(g = cmd_find_guest(m, o->append_guest, "--shell")))
			return 1;
		if (asprintf(&args, "%s%s%s", g->bootargs, *g->bootargs ? " " : "",
			     o->append_args) < 0)
			abort();
		free(g->bootargs);
		g->bootargs = args;
	}
	if (!o->input_guest)
		return 0;
	if (!(g = cmd_find_guest(m, o->input_guest, "--shell")))
		return 1;
	for (int i = 0; i < m->guest_count; i++)
		m->guests[i].console_input = false;
	g->console_input = true;
	g->console_input_pos = g->console_pos;
	return 0;
}

static int cmd_front(struct cmd_system *s, const struct cmd_options *o)
{
	int errors = spec_load(o->spec, &s->m);

	if (!errors && cmd_override(&s->m, o))
		return CMD_INTERNAL;
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

void cmd_system_free(struct cmd_system *s)
{
	if (s->allocated)
		alloc_free(&s->a);
	free(s->runtime);
	model_free(&s->m);
	memset(s, 0, sizeof(*s));
}
