// SPDX-License-Identifier: MIT
/*
 * Verification of the time-partitioning tables (layout.h "Time
 * partitioning"): every plan names a CPU once, its windows lie in the window
 * table, are long enough and sum to its period; every window names a vCPU
 * pinned to that CPU (or is idle), and every vCPU pinned to a planned CPU
 * has a window there. A CPU shared by several guests without a plan refuses.
 */
#include "core/layout.h"
#include "core/lib.h"
#include "core/log.h"

uint32_t layout_vcpu_on(const struct layout_header *h, uint32_t gi, uint32_t cpu)
{
	const struct layout_guest *g = &layout_guests(h)[gi];
	const struct layout_cap *caps = layout_caps(h) + g->cap_first;

	for (uint32_t i = 0; i < g->cap_count; i++) {
		if (caps[i].kind == LAYOUT_CAP_VCPU && caps[i].peer == cpu)
			return caps[i].object;
	}
	return ~0u;
}

/* one window of plan p: idle, or a vCPU pinned to p's CPU; adds its guest to *seen */
static bool layout_window_ok(const struct layout_header *h, const struct layout_plan *p,
			     const struct layout_window *w, uint32_t *seen)
{
	if (w->length_ns < LAYOUT_MIN_WINDOW_NS) {
		log_printf("vmm|layout: CPU %u has a window of %lu ns (minimum %lu): " LAYOUT_REFUSE,
			   p->cpu, w->length_ns, LAYOUT_MIN_WINDOW_NS);
		return false;
	}
	if (w->guest == LAYOUT_WINDOW_IDLE && w->vcpu == 0)
		return true;
	if (w->guest >= h->guest_count || layout_vcpu_on(h, w->guest, p->cpu) != w->vcpu) {
		log_printf("vmm|layout: CPU %u has a window for guest %u vCPU %u, not pinned there: "
			   LAYOUT_REFUSE, p->cpu, w->guest, w->vcpu);
		return false;
	}
	*seen |= 1u << w->guest;
	return true;
}

static bool layout_plan_ok(const struct layout_header *h, const struct layout_plan *p,
			   const uint32_t *cpu_guests)
{
	const struct layout_window *w;
	uint64_t sum = 0;
	uint32_t seen = 0;

	if (p->cpu >= h->board.cpu_count || p->reserved != 0 || p->window_count == 0 ||
	    p->window_count > LAYOUT_MAX_WINDOWS ||
	    !lib_inside(p->window_first, p->window_count, 0, h->window_count) ||
	    p->period_ns == 0 || p->period_ns > LAYOUT_MAX_PERIOD_NS) {
		log_printf("vmm|layout: plan of CPU %u: bad CPU, window range or period %lu ns: "
			   LAYOUT_REFUSE, p->cpu, p->period_ns);
		return false;
	}
	w = layout_windows(h) + p->window_first;
	for (uint32_t i = 0; i < p->window_count; i++) {
		if (!layout_window_ok(h, p, &w[i], &seen))
			return false;
		/* each length <= the period bound: no overflow before the compare */
		sum += w[i].length_ns < LAYOUT_MAX_PERIOD_NS ? w[i].length_ns : LAYOUT_MAX_PERIOD_NS + 1;
	}
	if (sum != p->period_ns || seen != cpu_guests[p->cpu]) {
		log_printf("vmm|layout: plan of CPU %u: windows sum to %lu ns for a period of %lu ns, "
			   "guests 0x%x planned of 0x%x pinned: " LAYOUT_REFUSE,
			   p->cpu, sum, p->period_ns, seen, cpu_guests[p->cpu]);
		return false;
	}
	return true;
}

bool layout_plans_ok(const struct layout_header *h, const uint32_t *cpu_guests)
{
	uint32_t planned = 0;

	for (uint32_t i = 0; i < h->plan_count; i++) {
		const struct layout_plan *p = &layout_plans(h)[i];

		if (!layout_plan_ok(h, p, cpu_guests))
			return false;
		if (planned & (1u << p->cpu)) {
			log_printf("vmm|layout: CPU %u has two plans: " LAYOUT_REFUSE, p->cpu);
			return false;
		}
		planned |= 1u << p->cpu;
	}
	for (uint32_t cpu = 0, shared = 0; cpu < h->board.cpu_count; cpu++) {
		uint32_t m = cpu_guests[cpu];

		if ((planned & (1u << cpu)) &&
		    (shared += (uint32_t)__builtin_popcount(m)) > LAYOUT_MAX_SHARED_VCPUS) {
			log_printf("vmm|layout: more than %u vCPUs share CPUs: " LAYOUT_REFUSE,
				   LAYOUT_MAX_SHARED_VCPUS);
			return false;
		}

		if ((m & (m - 1)) && !(planned & (1u << cpu))) {
			log_printf("vmm|layout: CPU %u is shared by guests 0x%x without a plan: "
				   LAYOUT_REFUSE, cpu, m);
			return false;
		}
	}
	return true;
}
