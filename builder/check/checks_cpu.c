/* SPDX-License-Identifier: MIT */
/*
 * CPU placement: every vCPU is pinned to a physical CPU, a guest's vCPUs to
 * different CPUs. A CPU belongs to one guest unless the spec gives it a
 * time-partitioning plan (schedule.cpuN, checks_schedule.c).
 */
#include "checks.h"

static void checks_cpu_range(const struct model *m, const struct model_guest *g, int i)
{
	if (!m->board.cpu_count || g->cpus[i] < m->board.cpu_count)
		return;
	diag_error(&g->cpu_pos[i], "cpu-out-of-range",
		   "guest '%s' wants CPU %d, but board '%s' has CPUs 0-%d", g->name, g->cpus[i],
		   m->board.name, m->board.cpu_count - 1);
}

static bool checks_cpu_duplicate(const struct model_guest *g, int i)
{
	for (int j = 0; j < i; j++) {
		if (g->cpus[j] != g->cpus[i])
			continue;
		diag_error(&g->cpu_pos[i], "cpu-duplicate",
			   "guest '%s' lists CPU %d twice", g->name, g->cpus[i]);
		diag_note(&g->cpu_pos[j], "first listed here");
		return true;
	}
	return false;
}

static void checks_cpu_shared(const struct model *m, int gi, int i)
{
	const struct model_guest *g = &m->guests[gi];

	if (model_plan_of(m, g->cpus[i]))
		return;   /* time-shared: checks_schedule.c */
	/* a plan was written for some CPU but keyed wrongly (schedule-bad-cpu):
	 * which CPU it meant is unknown, so a sharing error here would only be
	 * that one's echo */
	if (m->plan_key_bad)
		return;
	for (int o = 0; o < gi; o++) {
		const struct model_guest *other = &m->guests[o];
		for (int j = 0; j < other->cpu_count; j++) {
			if (other->cpus[j] != g->cpus[i])
				continue;
			diag_error(&g->cpu_pos[i], "cpu-shared",
				   "CPU %d is given to both '%s' and '%s' without a plan; "
				   "guests share a CPU only under schedule.cpu%d",
				   g->cpus[i], other->name, g->name, g->cpus[i]);
			diag_note(&other->cpu_pos[j], "'%s' takes CPU %d here", other->name,
				  other->cpus[j]);
			return;
		}
	}
}

void checks_cpus(const struct model *m)
{
	for (int gi = 0; gi < m->guest_count; gi++) {
		const struct model_guest *g = &m->guests[gi];
		if (!g->cpu_count && g->cpus_pos.line)
			diag_error(&g->cpus_pos, "no-cpus", "guest '%s' has no CPUs", g->name);
		for (int i = 0; i < g->cpu_count; i++) {
			checks_cpu_range(m, g, i);
			if (!checks_cpu_duplicate(g, i))
				checks_cpu_shared(m, gi, i);
		}
	}
}

void checks_vcpus(const struct model *m)
{
	for (int gi = 0; gi < m->guest_count; gi++) {
		const struct model_guest *g = &m->guests[gi];
		if (g->cpu_count && g->vcpus > g->cpu_count)
			diag_error(&g->vcpus_pos, "vcpus-exceed-cpus",
				   "guest '%s' has %d vCPUs but %d pinned CPU%s; more vCPUs than "
				   "CPUs would need a scheduler", g->name, g->vcpus, g->cpu_count,
				   g->cpu_count == 1 ? "" : "s");
	}
}
