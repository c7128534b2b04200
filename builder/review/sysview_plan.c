/* SPDX-License-Identifier: MIT */
/*
 * Time-partitioning plans in a system view, whichever way it was read, and
 * the two numbers a review compares for a guest on a shared CPU: its time
 * per period and its longest window (how long it can hold the CPU).
 */
#include "sysview.h"

#include <stdlib.h>
#include <string.h>

struct sysview_plan *sysview_add_plan(struct sysview *v, int cpu, uint64_t period_ns)
{
	v->plans = sysview_grow(v->plans, v->plan_count, sizeof(*v->plans));
	struct sysview_plan *p = &v->plans[v->plan_count++];
	p->cpu = cpu;
	p->period_ns = period_ns;
	return p;
}

void sysview_add_window(struct sysview_plan *p, const char *guest, int vcpu, uint64_t length_ns)
{
	p->windows = sysview_grow(p->windows, p->window_count, sizeof(*p->windows));
	struct sysview_window *w = &p->windows[p->window_count++];
	w->guest = guest ? sysview_strdup(guest) : NULL;
	w->vcpu = vcpu;
	w->length_ns = length_ns;
}

const struct sysview_plan *sysview_plan(const struct sysview *v, int cpu)
{
	for (int i = 0; i < v->plan_count; i++)
		if (v->plans[i].cpu == cpu)
			return &v->plans[i];
	return NULL;
}

void sysview_plan_share(const struct sysview_plan *p, const char *guest, uint64_t *total,
			uint64_t *longest)
{
	*total = *longest = 0;
	for (int i = 0; p && i < p->window_count; i++) {
		const struct sysview_window *w = &p->windows[i];
		if (!w->guest || strcmp(w->guest, guest))
			continue;
		*total = *total > UINT64_MAX - w->length_ns ? UINT64_MAX : *total + w->length_ns;
		if (w->length_ns > *longest)
			*longest = w->length_ns;
	}
}

void sysview_plans_free(struct sysview *v)
{
	for (int i = 0; i < v->plan_count; i++) {
		for (int w = 0; w < v->plans[i].window_count; w++)
			free(v->plans[i].windows[w].guest);
		free(v->plans[i].windows);
	}
	free(v->plans);
}
