/* SPDX-License-Identifier: MIT */
/*
 * The plan tables as the builder writes them (builder/emit/blob.c) against
 * the runtime's own check of them (vmm/core/layout_plan.c, built for the
 * host): both fixture guests share CPU 0 under a plan with an idle window,
 * and the runtime must accept the blob. Then one field at a time is broken
 * the way a builder bug would break it, and the runtime must refuse.
 */
#include <stdarg.h>

#include "back_fixture.h"
#include "blob.h"

#include "../../vmm/core/layout_plan.c"

void log_printf(const char *fmt, ...)
{
	(void)fmt;
}

/* Which guests have a vCPU on each CPU, from the vCPU caps, as layout.c does. */
static bool plans_ok(const struct layout_header *h)
{
	uint32_t cpu_guests[LAYOUT_MAX_CPUS] = { 0 };
	const struct layout_cap *c = layout_caps(h);

	for (uint32_t gi = 0; gi < h->guest_count; gi++) {
		const struct layout_guest *g = &layout_guests(h)[gi];
		for (uint32_t i = g->cap_first; i < g->cap_first + g->cap_count; i++)
			if (c[i].kind == LAYOUT_CAP_VCPU && c[i].peer < LAYOUT_MAX_CPUS)
				cpu_guests[c[i].peer] |= 1u << gi;
	}
	return layout_plans_ok(h, cpu_guests);
}

int main(void)
{
	struct model m;
	struct alloc a;

	back_model(&m);
	back_shared_plan(&m);        /* both guests on CPU 0: the vCPU caps say so */
	BACK_CHECK("plan abi: allocation", alloc_plan(&m, false, &a) == 0);
	uint8_t *buf = calloc(1, blob_size(&a));
	struct layout_header *h = (struct layout_header *)buf;
	blob_encode(&a, buf);
	BACK_CHECK("plan abi: the runtime accepts the builder's plan", plans_ok(h));
	struct layout_plan *p = (struct layout_plan *)(buf + h->plan_offset);
	struct layout_window *w = (struct layout_window *)(buf + h->window_offset);
	p->period_ns++;
	BACK_CHECK("plan abi: a period one ns off is refused", !plans_ok(h));
	p->period_ns--;
	w[2].guest = LAYOUT_WINDOW_IDLE;
	BACK_CHECK("plan abi: a pinned guest without a window is refused", !plans_ok(h));
	w[2].guest = 1;
	w[0].vcpu = 1;
	BACK_CHECK("plan abi: a window naming the wrong vCPU is refused", !plans_ok(h));
	w[0].vcpu = 0;
	h->plan_count = 0;
	BACK_CHECK("plan abi: a shared CPU without a plan is refused", !plans_ok(h));
	h->plan_count = 1;
	BACK_CHECK("plan abi: restored blob accepted", plans_ok(h));
	free(buf);
	m.plans = NULL;
	m.plan_count = 0;
	alloc_free(&a);
	return back_finish();
}
