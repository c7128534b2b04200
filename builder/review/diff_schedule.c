/* SPDX-License-Identifier: MIT */
/*
 * Changes to CPU sharing (issue 16). Who shares a CPU decides who can delay
 * whom, so a guest joining a shared CPU, more time per period or a longer
 * window is security-relevant; less time, a new period or a new window order
 * is not. A CPU without a plan belongs whole to its one guest.
 */
#include "diff.h"

#include <string.h>

#include "spec_value.h"

/* A guest's time on one CPU: whole, or total and longest window per period. */
struct diff_share {
	bool on;            /* the guest has a vCPU there */
	bool whole;         /* no plan: the CPU is all its own */
	uint64_t total, longest, period;
};

static bool diff_pinned(const struct sysview_guest *g, int cpu)
{
	for (int i = 0; g && i < g->cpu_count; i++)
		if (g->cpus[i] == cpu)
			return true;
	return false;
}

static struct diff_share diff_share_of(const struct sysview *v, const struct sysview_guest *g,
				       int cpu)
{
	const struct sysview_plan *p = sysview_plan(v, cpu);
	struct diff_share s = { .on = diff_pinned(g, cpu), .whole = !p };

	if (s.on && p) {
		sysview_plan_share(p, g->name, &s.total, &s.longest);
		s.period = p->period_ns;
	}
	return s;
}

static const char *diff_share_text(const struct diff_share *s, char *buf, size_t n)
{
	char t[SPEC_TIME_TEXT], l[SPEC_TIME_TEXT], p[SPEC_TIME_TEXT];

	if (s->whole)
		snprintf(buf, n, "the whole CPU");
	else
		snprintf(buf, n, "%s of %s (longest window %s)",
			 spec_time_text(s->total, t, sizeof(t)), spec_time_text(s->period, p, sizeof(p)),
			 spec_time_text(s->longest, l, sizeof(l)));
	return buf;
}

/* More of the CPU: a larger fraction of the period, or a longer window. */
static bool diff_share_grew(const struct diff_share *o, const struct diff_share *n)
{
	if (o->whole || n->whole)
		return n->whole && !o->whole;
	return n->longest > o->longest ||
	       (unsigned __int128)n->total * o->period > (unsigned __int128)o->total * n->period;
}

static int diff_sharers(const struct sysview *v, int cpu)
{
	int n = 0;

	for (int i = 0; i < v->guest_count; i++)
		n += diff_pinned(&v->guests[i], cpu);
	return n;
}

static void diff_guest_on_cpu(struct diff *d, const struct sysview *old, const struct sysview *new,
			      const struct sysview_guest *g, int cpu)
{
	const struct sysview_guest *og = sysview_guest(old, g->name);
	struct diff_share o = diff_share_of(old, og, cpu), n = diff_share_of(new, g, cpu);
	char item[16], a[96], b[96];

	snprintf(item, sizeof(item), "cpu%d", cpu);
	if (!o.on) {
		if (diff_sharers(new, cpu) > 1)
			diff_add(d, g->name, "schedule", "added", true, item, "joins shared CPU %d: %s",
				 cpu, diff_share_text(&n, b, sizeof(b)));
		return;
	}
	if (o.whole == n.whole && o.total == n.total && o.longest == n.longest &&
	    o.period == n.period)
		return;
	bool grew = diff_share_grew(&o, &n);
	diff_add(d, g->name, "schedule", grew ? "widened" : "narrowed", grew, item, "%s -> %s",
		 diff_share_text(&o, a, sizeof(a)), diff_share_text(&n, b, sizeof(b)));
}

/* "10ms: alpha 4ms, beta 4ms, idle 2ms" (cut with "..." past n bytes). */
static const char *diff_timeline(const struct sysview_plan *p, char *buf, size_t n)
{
	char t[SPEC_TIME_TEXT];
	size_t used = (size_t)snprintf(buf, n, "%s:", spec_time_text(p->period_ns, t, sizeof(t)));

	for (int i = 0; i < p->window_count && used < n; i++) {
		const struct sysview_window *w = &p->windows[i];
		used += (size_t)snprintf(buf + used, n - used, "%s %s %s", i ? "," : "",
					 w->guest ? w->guest : "idle",
					 spec_time_text(w->length_ns, t, sizeof(t)));
	}
	if (used >= n)
		memcpy(buf + n - 4, "...", 4);
	return buf;
}

/* The whole timeline of a CPU whose plan changed in any way; who gained
 * time is in the per-guest lines, so this one is never security-relevant. */
static void diff_plan(struct diff *d, int cpu, const struct sysview_plan *o,
		      const struct sysview_plan *n)
{
	char item[16], a[256], b[256];
	bool same = o && n && o->period_ns == n->period_ns && o->window_count == n->window_count;

	for (int i = 0; same && i < n->window_count; i++) {
		const struct sysview_window *x = &o->windows[i], *y = &n->windows[i];
		same = x->length_ns == y->length_ns && !x->guest == !y->guest &&
		       (!x->guest || !strcmp(x->guest, y->guest));
	}
	if (same || (!o && !n))
		return;
	snprintf(item, sizeof(item), "cpu%d", cpu);
	if (!o)
		diff_add(d, NULL, "schedule", "added", false, item, "plan %s",
			 diff_timeline(n, b, sizeof(b)));
	else if (!n)
		diff_add(d, NULL, "schedule", "removed", false, item, "plan %s",
			 diff_timeline(o, a, sizeof(a)));
	else
		diff_add(d, NULL, "schedule", "changed", false, item, "plan %s -> %s",
			 diff_timeline(o, a, sizeof(a)), diff_timeline(n, b, sizeof(b)));
}

void diff_schedule(struct diff *d, const struct sysview *old, const struct sysview *new)
{
	for (int cpu = 0; cpu < LAYOUT_MAX_CPUS; cpu++) {
		const struct sysview_plan *op = sysview_plan(old, cpu), *np = sysview_plan(new, cpu);
		for (int i = 0; i < new->guest_count; i++)
			if (diff_pinned(&new->guests[i], cpu))
				diff_guest_on_cpu(d, old, new, &new->guests[i], cpu);
		diff_plan(d, cpu, op, np);
	}
}
