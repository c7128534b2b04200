/* SPDX-License-Identifier: MIT */
/*
 * Time partitioning (issue 16): the cyclic plan of each shared CPU. Form:
 *   schedule: {cpuN: {period: 10ms, windows: [{guest: a, length: 4ms},
 *                                             {idle: true, length: 6ms}]}}
 * Read here as written; whether the windows fit the period and the guests
 * pinned to the CPU is check/checks_schedule.c's job.
 */
#include "spec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { PLAN_PERIOD, PLAN_WINDOWS, PLAN_DESCRIPTION, PLAN_COUNT };
static const char *const plan_keys[PLAN_COUNT] = { "period", "windows", "description" };
enum { WIN_GUEST, WIN_IDLE, WIN_LENGTH, WIN_COUNT };
static const char *const window_keys[WIN_COUNT] = { "guest", "idle", "length" };

/* "cpuN", N decimal without leading zeros: the physical CPU index or -1. */
static int schedule_cpu_key(const char *key)
{
	long n = 0;

	if (strncmp(key, "cpu", 3) || !isdigit((unsigned char)key[3]) ||
	    (key[3] == '0' && key[4]))
		return -1;
	for (const char *p = key + 3; *p; p++) {
		if (!isdigit((unsigned char)*p) || n > 1000)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return (int)n;
}

static void schedule_window(struct model *m, struct model_window *w,
			    const struct yamldoc_node *n)
{
	const struct yamldoc_pair *f[WIN_COUNT];
	bool idle = false;

	w->pos = w->guest_pos = w->length_pos = n->pos;
	w->guest = MODEL_WINDOW_UNKNOWN;
	if (!spec_map(n, "a window: {guest: NAME, length: TIME} or {idle: true, length: TIME}"))
		return;
	spec_fields(n->pairs, n->count, window_keys, WIN_COUNT, f, "window");
	spec_require(f, window_keys, WIN_COUNT, 1u << WIN_LENGTH, &w->pos, "window");
	if (f[WIN_LENGTH]) {
		w->length_pos = f[WIN_LENGTH]->value->pos;
		if (!spec_time(f[WIN_LENGTH]->value, &w->length_ns))
			w->length_ns = 0;
	}
	if (f[WIN_GUEST] && f[WIN_IDLE]) {
		diag_error(&f[WIN_IDLE]->key->pos, "schedule-window-form",
			   "a window either names a guest or is idle, not both");
		return;
	}
	if (f[WIN_IDLE]) {
		w->guest_pos = f[WIN_IDLE]->value->pos;
		if (spec_bool(f[WIN_IDLE]->value, &idle) && !idle)
			diag_error(&w->guest_pos, "schedule-window-form",
				   "idle: false says nothing; name the window's guest instead");
		if (idle)
			w->guest = MODEL_WINDOW_IDLE;
	} else if (f[WIN_GUEST]) {
		w->guest_pos = f[WIN_GUEST]->value->pos;
		int g = spec_guest_ref(m, f[WIN_GUEST]->value, "schedule-guest-unknown");
		if (g >= 0)
			w->guest = g;
	} else {
		diag_error(&w->pos, "schedule-window-form",
			   "a window needs guest: NAME, or idle: true for time nobody runs in");
	}
}

static void schedule_windows(struct model *m, struct model_plan *p,
			     const struct yamldoc_node *list)
{
	p->windows_pos = list->pos;
	if (!spec_seq(list, "a list of windows"))
		return;
	p->windows = calloc((size_t)list->count + 1, sizeof(*p->windows));
	if (!p->windows)
		abort();
	for (int i = 0; i < list->count; i++)
		schedule_window(m, &p->windows[p->window_count++], list->items[i]);
}

static void schedule_plan(struct model *m, const struct yamldoc_pair *entry)
{
	const struct yamldoc_pair *f[PLAN_COUNT];
	struct model_plan *p = &m->plans[m->plan_count];
	int cpu = schedule_cpu_key(entry->key->text);

	if (cpu < 0) {
		diag_error(&entry->key->pos, "schedule-bad-cpu",
			   "'%s' is not a CPU; plans are keyed cpuN (cpu0, cpu1, ...)",
			   entry->key->text);
		m->plan_key_bad = true;
		return;
	}
	if (cpu >= LAYOUT_MAX_CPUS || (m->board.cpu_count && cpu >= m->board.cpu_count)) {
		diag_error(&entry->key->pos, "cpu-out-of-range",
			   "a plan for CPU %d, but the board has CPUs 0-%d", cpu,
			   (m->board.cpu_count ? m->board.cpu_count : LAYOUT_MAX_CPUS) - 1);
		return;
	}
	m->plan_count++;
	p->cpu = cpu;
	p->pos = p->period_pos = entry->key->pos;   /* windows_pos: only when present */
	if (!spec_map(entry->value, "a plan: {period: TIME, windows: [...]}"))
		return;
	spec_fields(entry->value->pairs, entry->value->count, plan_keys, PLAN_COUNT, f, "plan");
	spec_require(f, plan_keys, PLAN_COUNT, 1u << PLAN_PERIOD | 1u << PLAN_WINDOWS, &p->pos,
		     "plan");
	if (f[PLAN_PERIOD]) {
		p->period_pos = f[PLAN_PERIOD]->value->pos;
		if (!spec_time(f[PLAN_PERIOD]->value, &p->period_ns))
			p->period_ns = 0;
	}
	if (f[PLAN_WINDOWS])
		schedule_windows(m, p, f[PLAN_WINDOWS]->value);
	if (f[PLAN_DESCRIPTION])
		spec_scalar(f[PLAN_DESCRIPTION]->value, "a line of text");
}

static int schedule_by_cpu(const void *a, const void *b)
{
	return ((const struct model_plan *)a)->cpu - ((const struct model_plan *)b)->cpu;
}

void spec_schedule(struct spec_ctx *ctx, const struct yamldoc_node *schedule)
{
	struct model *m = ctx->m;

	m->schedule_pos = schedule->pos;
	if (yamldoc_is_null(schedule) || !spec_map(schedule, "a mapping of cpuN to plans"))
		return;
	m->plans = calloc((size_t)schedule->count + 1, sizeof(*m->plans));
	if (!m->plans)
		abort();
	for (int i = 0; i < schedule->count; i++)
		schedule_plan(m, &schedule->pairs[i]);
	/* Keys are unique (yamldoc refuses duplicates, cpuN has no leading
	 * zeros), so the order by CPU is total: deterministic outputs. */
	qsort(m->plans, (size_t)m->plan_count, sizeof(*m->plans), schedule_by_cpu);
}

void spec_schedule_free(struct model *m)
{
	for (int i = 0; i < m->plan_count; i++)
		free(m->plans[i].windows);
	free(m->plans);
}

const struct model_plan *model_plan_of(const struct model *m, int cpu)
{
	for (int i = 0; i < m->plan_count; i++)
		if (m->plans[i].cpu == cpu)
			return &m->plans[i];
	return NULL;
}

int model_vcpu_on(const struct model_guest *g, int cpu)
{
	for (int i = 0; i < g->cpu_count; i++)
		if (g->cpus[i] == cpu)
			return i;
	return -1;
}
