/* SPDX-License-Identifier: MIT */
/*
 * System view from a spec: the allocation's capabilities per guest, with
 * MMIO windows and interrupts labelled by the board device path they came
 * from, channels from the model, payload hashes as in manifest.json.
 */
#include "sysview.h"

#include <stdlib.h>

#include "pipeline.h"
#include "report.h"
#include "sha256.h"

static const char *sysview_cap_label(const struct model_guest *mg, const struct alloc_guest *g,
				     const struct layout_cap *c)
{
	for (int d = 0; d < mg->device_count; d++) {
		const struct alloc_device *ad = &g->devices[d];
		for (int r = 0; r < mg->devices[d].reg_count; r++)
			if (c->kind == LAYOUT_CAP_MMIO && ad->mmio_slot[r] == c->slot)
				return mg->devices[d].path;
		for (int r = 0; r < mg->devices[d].irq_count; r++)
			if (c->kind == LAYOUT_CAP_IRQ && ad->irq_slot[r] == c->slot)
				return mg->devices[d].path;
	}
	return "";
}

static void sysview_caps(const struct alloc *a, int gi, struct sysview_guest *vg)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];

	for (int i = g->cap_first; i < g->cap_first + g->cap_count; i++) {
		const struct layout_cap *c = &a->caps[i];
		const char *label = sysview_cap_label(mg, g, c);
		if (c->kind == LAYOUT_CAP_MMIO) {
			struct sysview_mmio m = { .pa = c->pa, .size = c->size, .ipa = c->ipa,
						  .trapped = c->flags & LAYOUT_CAPF_TRAPPED };
			report_rights(c->rights, m.rights);
			sysview_add_mmio(vg, &m, label);
		} else if (c->kind == LAYOUT_CAP_IRQ) {
			sysview_add_irq(vg, c->phys_irq, c->virt_irq, label);
		}
	}
}

static void sysview_guest_from(const struct alloc *a, int gi, struct sysview_guest *vg)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];

	vg->name = sysview_strdup(mg->name);
	vg->ram_pa = g->ram_pa;
	vg->ram_ipa = g->ram_ipa;
	vg->ram_size = g->ram_size;
	vg->cpu_count = mg->cpu_count;
	for (int i = 0; i < mg->cpu_count; i++)
		vg->cpus[i] = mg->cpus[i];
	vg->vcpus = alloc_vcpus(mg);
	vg->console = sysview_strdup(mg->console_virtio ? "virtio" :
				     mg->console == LAYOUT_CONSOLE_NONE ? "none" :
				     mg->console_input ? "pl011 input" : "pl011");
	vg->on_fault = sysview_strdup(report_on_fault(mg->on_fault));
	vg->vsock = mg->vsock;
	for (int d = 0; d < mg->device_count && vg->dma_count < SYSVIEW_MAX_DMA; d++)
		if (mg->devices[d].dma_unprotected && mg->devices[d].dma_capable)
			vg->dma_pa[vg->dma_count++] = mg->devices[d].reg[0].pa;
	sysview_caps(a, gi, vg);
	for (int i = g->payload_first; i < g->payload_first + g->payload_count; i++) {
		const struct alloc_payload *p = &a->payloads[i];
		sysview_add_payload(vg, report_payload_kind(p->kind),
				    p->source ? report_basename(p->source) : "",
				    alloc_payload_sha256(p), p->file_size,
				    p->ipa);
	}
}

void sysview_from_system(const struct cmd_system *s, struct sysview *v)
{
	const struct model *m = &s->m;

	v->name = sysview_strdup(m->name);
	v->board = sysview_strdup(m->board.name);
	v->guest_count = m->guest_count;
	v->guests = calloc((size_t)m->guest_count + 1, sizeof(*v->guests));
	v->channel_count = m->channel_count;
	v->channels = calloc((size_t)m->channel_count + 1, sizeof(*v->channels));
	if (!v->guests || !v->channels)
		abort();
	for (int i = 0; i < m->guest_count; i++)
		sysview_guest_from(&s->a, i, &v->guests[i]);
	for (int n = 0; n < m->network_count; n++) {
		sysview_add_network(v, m->networks[n].name);
		for (int i = 0; i < m->networks[n].guest_count; i++)
			sysview_add_member(&v->networks[n], m->guests[m->networks[n].guests[i]].name);
	}
	for (int d = 0; d < m->disk_count; d++)
		sysview_add_disk(v, m->disks[d].name, m->guests[m->disks[d].guest].name,
				 m->disks[d].readonly);
	for (int i = 0; i < m->plan_count; i++) {
		const struct model_plan *mp = &m->plans[i];
		struct sysview_plan *p = sysview_add_plan(v, mp->cpu, mp->period_ns);
		for (int k = 0; k < mp->window_count; k++) {
			const struct model_window *w = &mp->windows[k];
			const struct model_guest *g = w->guest < 0 ? NULL : &m->guests[w->guest];
			sysview_add_window(p, g ? g->name : NULL, g ? model_vcpu_on(g, mp->cpu) : 0,
					   w->length_ns);
		}
	}
	for (int c = 0; c < m->channel_count; c++) {
		const struct model_channel *mc = &m->channels[c];
		struct sysview_channel *vc = &v->channels[c];
		vc->name = sysview_strdup(mc->name);
		vc->size = s->a.channels[c].size;
		for (int e = 0; e < 2; e++) {
			vc->end[e].guest = sysview_strdup(m->guests[mc->end[e].guest].name);
			report_rights(mc->end[e].rights, vc->end[e].rights);
			vc->end[e].notify = mc->end[e].notify;
		}
	}
}
