/* SPDX-License-Identifier: MIT */
/*
 * Time partitioning plans (issue 16). A plan is static, so everything about
 * it is decided here: its windows fill the period exactly, each names a
 * guest with a vCPU pinned to that CPU (or is idle), every vCPU pinned there
 * gets a window, and the runtime's bounds (partita/layout.h) hold. The
 * runtime's layout checker (vmm/core/layout_plan.c) refuses the same blobs.
 */
#include "checks.h"

#include "spec_value.h"

static void checks_plan_times(const struct model_plan *p)
{
	char a[SPEC_TIME_TEXT], b[SPEC_TIME_TEXT];
	uint64_t sum = 0;
	bool complete = p->period_ns != 0;

	for (int i = 0; i < p->window_count; i++) {
		const struct model_window *w = &p->windows[i];
		complete = complete && w->length_ns;
		if (w->length_ns && w->length_ns < LAYOUT_MIN_WINDOW_NS)
			diag_error(&w->length_pos, "schedule-window-too-short",
				   "a window of %s on CPU %d; the runtime's shortest is %s "
				   "(a window switch costs microseconds)",
				   spec_time_text(w->length_ns, a, sizeof(a)), p->cpu,
				   spec_time_text(LAYOUT_MIN_WINDOW_NS, b, sizeof(b)));
		sum = sum > UINT64_MAX - w->length_ns ? UINT64_MAX : sum + w->length_ns;
	}
	if (p->period_ns > LAYOUT_MAX_PERIOD_NS)
		diag_error(&p->period_pos, "schedule-period-too-long",
			   "CPU %d's period is %s; the runtime's longest is %s", p->cpu,
			   spec_time_text(p->period_ns, a, sizeof(a)),
			   spec_time_text(LAYOUT_MAX_PERIOD_NS, b, sizeof(b)));
	if (p->window_count > LAYOUT_MAX_WINDOWS)
		diag_error(&p->windows[LAYOUT_MAX_WINDOWS].pos, "limits-exceeded",
			   "CPU %d's plan has %d windows; the runtime allows %d", p->cpu,
			   p->window_count, LAYOUT_MAX_WINDOWS);
	if (complete && p->window_count && sum != p->period_ns)
		diag_error(&p->period_pos, "schedule-period-mismatch",
			   "CPU %d's windows add up to %s, its period is %s; windows fill "
			   "the period exactly (an {idle: true, length: ...} window leaves "
			   "time to nobody)", p->cpu, spec_time_text(sum, a, sizeof(a)),
			   spec_time_text(p->period_ns, b, sizeof(b)));
	if (!p->window_count && p->windows_pos.line && p->period_ns)
		diag_error(&p->windows_pos, "schedule-period-mismatch",
			   "CPU %d's plan has no windows", p->cpu);
}

/* A window's guest has a vCPU on the plan's CPU. */
static void checks_plan_guests(const struct model *m, const struct model_plan *p)
{
	for (int i = 0; i < p->window_count; i++) {
		const struct model_window *w = &p->windows[i];
		if (w->guest < 0)
			continue;
		const struct model_guest *g = &m->guests[w->guest];
		if (model_vcpu_on(g, p->cpu) >= 0)
			continue;
		diag_error(&w->guest_pos, "schedule-guest-not-pinned",
			   "a window on CPU %d for guest '%s', which has no vCPU there", p->cpu,
			   g->name);
		diag_note(g->cpus_pos.line ? &g->cpus_pos : &g->pos, "'%s' is pinned here",
			  g->name);
	}
}

static bool checks_plan_has(const struct model_plan *p, int gi)
{
	for (int i = 0; i < p->window_count; i++)
		if (p->windows[i].guest == gi)
			return true;
	return false;
}

/* Every guest pinned to the CPU gets time there; a plan has somebody to run. */
static void checks_plan_coverage(const struct model *m, const struct model_plan *p)
{
	bool used = false, broken = false;

	/* a plan without windows was already reported (wrong-type, missing-key
	 * or schedule-period-mismatch); so was a window naming nobody */
	broken = p->window_count == 0;
	for (int i = 0; i < p->window_count; i++)
		broken = broken || p->windows[i].guest == MODEL_WINDOW_UNKNOWN;
	for (int gi = 0; gi < m->guest_count; gi++) {
		const struct model_guest *g = &m->guests[gi];
		int v = model_vcpu_on(g, p->cpu);
		if (v < 0)
			continue;
		used = true;
		if (broken || checks_plan_has(p, gi))   /* a window already reported */
			continue;
		diag_error(&p->pos, "schedule-guest-missing",
			   "guest '%s' is pinned to CPU %d but has no window in its plan; it "
			   "would never run", g->name, p->cpu);
		diag_note(&g->cpu_pos[v], "'%s' takes CPU %d here", g->name, p->cpu);
	}
	if (!used)
		diag_error(&p->pos, "schedule-cpu-unused",
			   "a plan for CPU %d, but no guest is pinned to it", p->cpu);
}

void checks_schedule(const struct model *m)
{
	for (int i = 0; i < m->plan_count; i++) {
		checks_plan_times(&m->plans[i]);
		checks_plan_guests(m, &m->plans[i]);
		checks_plan_coverage(m, &m->plans[i]);
	}
}
