/* SPDX-License-Identifier: MIT */
/*
 * The runtime's fixed arrays (LAYOUT_MAX_* and the capability slot ranges in
 * partita/layout.h) bound guests, vCPUs, capabilities, payloads and virtual
 * interrupts; anything past them is refused here, never truncated later.
 */
#include "checks.h"

struct checks_count {
	int mmio, irq, channel, caps, payloads;
};

static struct checks_count checks_count_guest(const struct model *m, int gi)
{
	const struct model_guest *g = &m->guests[gi];
	struct checks_count c = { 0 };

	for (int d = 0; d < g->device_count; d++) {
		c.mmio += g->devices[d].reg_count;
		c.irq += g->devices[d].irq_count;
	}
	for (int i = 0; i < m->channel_count; i++)
		for (int e = 0; e < 2; e++)
			c.channel += m->channels[i].end[e].guest == gi;
	c.caps = g->vcpus + 1 + c.mmio + c.irq + c.channel;
	c.payloads = (g->kernel.format == KERNEL_ELF ? g->kernel.seg_count : 1) + 1 +
		     (g->has_initrd ? 1 : 0);
	return c;
}

static void checks_limit(const struct srcpos *pos, const char *guest, int have, unsigned max,
			 const char *what)
{
	if (have > (int)max)
		diag_error(pos, "limits-exceeded", "guest '%s' has %d %s; the runtime allows %u",
			   guest, have, what, max);
}

static void checks_guest_limits(const struct model *m, int gi, struct checks_count *total)
{
	const struct model_guest *g = &m->guests[gi];
	struct checks_count c = checks_count_guest(m, gi);
	const struct srcpos *devpos = g->device_count ? &g->devices[g->device_count - 1].pos
						      : &g->pos;

	checks_limit(g->vcpus_pos.line ? &g->vcpus_pos : &g->cpus_pos, g->name, g->vcpus,
		     LAYOUT_MAX_VCPUS, "vCPUs");
	checks_limit(devpos, g->name, c.mmio, LAYOUT_SLOT_BASE_IRQ - LAYOUT_SLOT_BASE_MMIO,
		     "device windows");
	checks_limit(devpos, g->name, c.irq, LAYOUT_SLOT_BASE_CHANNEL - LAYOUT_SLOT_BASE_IRQ,
		     "device interrupts");
	checks_limit(&g->pos, g->name, c.channel, LAYOUT_SLOT_LIMIT - LAYOUT_SLOT_BASE_CHANNEL,
		     "channel ends");
	checks_limit(devpos, g->name, 32 + c.irq + c.channel + 1, LAYOUT_MAX_VIRQ,
		     "virtual interrupt numbers in use");
	total->caps += c.caps;
	total->payloads += c.payloads;
}

/* every vCPU pinned to a CPU with a plan needs one of the runtime's
 * saved-state slots (struct vcpu_ctx, vmm/core/sched.c) */
static void checks_shared_limit(const struct model *m)
{
	int shared = 0;

	for (int gi = 0; gi < m->guest_count; gi++) {
		const struct model_guest *g = &m->guests[gi];

		for (int v = 0; v < g->vcpus && v < LAYOUT_MAX_CPUS; v++)
			shared += model_plan_of(m, g->cpus[v]) != NULL;
	}
	if (shared > LAYOUT_MAX_SHARED_VCPUS)
		diag_error(&m->schedule_pos, "limits-exceeded",
			   "%d vCPUs share CPUs under plans; the runtime allows %d",
			   shared, LAYOUT_MAX_SHARED_VCPUS);
}

void checks_limits(const struct model *m)
{
	struct checks_count total = { 0 };

	if (m->guest_count > LAYOUT_MAX_GUESTS)
		diag_error(&m->guests[LAYOUT_MAX_GUESTS].pos, "limits-exceeded",
			   "%d guests; the runtime allows %d", m->guest_count, LAYOUT_MAX_GUESTS);
	for (int gi = 0; gi < m->guest_count; gi++)
		checks_guest_limits(m, gi, &total);
	struct srcpos start = { m->name_pos.file, 1, 1 };
	if (total.caps > LAYOUT_MAX_CAPS)
		diag_error(&start, "limits-exceeded", "%d capabilities; the runtime allows %d",
			   total.caps, LAYOUT_MAX_CAPS);
	if (total.payloads > LAYOUT_MAX_PAYLOADS)
		diag_error(&start, "limits-exceeded", "%d payloads; the runtime allows %d",
			   total.payloads, LAYOUT_MAX_PAYLOADS);
	checks_shared_limit(m);
}

void checks_channels(const struct model *m)
{
	for (int i = 0; i < m->channel_count; i++) {
		const struct model_channel *c = &m->channels[i];
		if (c->end[0].guest >= 0 && c->end[0].guest == c->end[1].guest) {
			diag_error(&c->end[1].pos, "channel-self",
				   "channel '%s' joins guest '%s' to itself", c->name,
				   m->guests[c->end[0].guest].name);
			diag_note(&c->end[0].pos, "first end here");
		}
	}
}
