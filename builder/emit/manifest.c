/* SPDX-License-Identifier: MIT */
/*
 * manifest.json, built as a jansson tree and dumped with two-space indents.
 * Numbers that are addresses are written as hex strings ("0x40000000")
 * because JSON numbers lose precision past 2^53 in many readers; counts and
 * INTIDs are plain numbers.
 */
#include "manifest.h"

#include <stdbool.h>
#include <stdlib.h>

#include "jsonio.h"
#include "report.h"

#define MANIFEST_MAX_DEPTH 8

/* The containers being filled, outermost first. */
struct manifest {
	json_t *open[MANIFEST_MAX_DEPTH];
	int depth;
};

/* Adds v (a new reference) to the innermost container, under key in an object. */
static void manifest_add(struct manifest *j, const char *key, json_t *v)
{
	json_t *in = j->open[j->depth - 1];

	if (!v || (key ? json_object_set_new(in, key, v) : json_array_append_new(in, v)))
		abort();
}

static void manifest_open(struct manifest *j, const char *key, char bracket)
{
	json_t *v = bracket == '{' ? json_object() : json_array();

	manifest_add(j, key, json_incref(v));
	if (j->depth == MANIFEST_MAX_DEPTH)
		abort();
	j->open[j->depth++] = v;
	json_decref(v);   /* the parent holds it */
}

static void manifest_close(struct manifest *j, char bracket)
{
	j->depth--;
}

static void manifest_str(struct manifest *j, const char *key, const char *v)
{
	manifest_add(j, key, jsonio_string(v));
}

static void manifest_hex(struct manifest *j, const char *key, uint64_t v)
{
	char hex[24];

	snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)v);
	manifest_add(j, key, json_string(hex));
}

static void manifest_num(struct manifest *j, const char *key, uint64_t v)
{
	manifest_add(j, key, json_integer((json_int_t)v));
}

static void manifest_bool(struct manifest *j, const char *key, bool v)
{
	manifest_add(j, key, json_boolean(v));
}

static void manifest_cap(struct manifest *j, const struct layout_cap *c)
{
	char r[4];

	manifest_open(j, NULL, '{');
	manifest_num(j, "slot", c->slot);
	manifest_str(j, "kind", report_cap_kind(c->kind));
	manifest_str(j, "rights", report_rights(c->rights, r));
	manifest_hex(j, "pa", c->pa);
	manifest_hex(j, "ipa", c->ipa);
	manifest_hex(j, "size", c->size);
	manifest_num(j, "phys_irq", c->phys_irq);
	manifest_num(j, "virt_irq", c->virt_irq);
	manifest_num(j, "peer", c->peer);
	manifest_num(j, "peer_slot", c->peer_slot);
	manifest_num(j, "object", c->object);
	manifest_num(j, "flags", c->flags);
	manifest_close(j, '}');
}

static void manifest_payload(struct manifest *j, const struct alloc_payload *p)
{
	const char *hex = alloc_payload_sha256(p);

	manifest_open(j, NULL, '{');
	manifest_str(j, "kind", report_payload_kind(p->kind));
	manifest_str(j, "source", p->source ? report_basename(p->source) : "");
	manifest_hex(j, "offset", p->offset);
	manifest_hex(j, "file_size", p->file_size);
	manifest_hex(j, "mem_size", p->mem_size);
	manifest_hex(j, "dest_pa", p->dest_pa);
	manifest_hex(j, "ipa", p->ipa);
	manifest_str(j, "sha256", hex);
	manifest_close(j, '}');
}

/* DMA masters the spec declared unprotected (no SMMU); absent when none, so
 * manifests of systems without them stay as they were. */
static void manifest_dma(struct manifest *j, const struct model_guest *mg)
{
	bool any = false;

	for (int d = 0; d < mg->device_count; d++)
		any |= mg->devices[d].dma_capable && mg->devices[d].dma_unprotected;
	if (!any)
		return;
	manifest_open(j, "dma_unprotected", '[');
	for (int d = 0; d < mg->device_count; d++) {
		if (!mg->devices[d].dma_capable || !mg->devices[d].dma_unprotected)
			continue;
		manifest_open(j, NULL, '{');
		manifest_str(j, "device", mg->devices[d].path);
		manifest_hex(j, "pa", mg->devices[d].reg[0].pa);
		manifest_close(j, '}');
	}
	manifest_close(j, ']');
}

static void manifest_guest(struct manifest *j, const struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];

	manifest_open(j, NULL, '{');
	manifest_str(j, "name", mg->name);
	manifest_num(j, "vmid", (uint64_t)gi + 1);
	manifest_num(j, "vcpus", (uint64_t)alloc_vcpus(mg));
	manifest_open(j, "cpus", '[');
	for (int i = 0; i < mg->cpu_count; i++)
		manifest_num(j, NULL, (uint64_t)mg->cpus[i]);
	manifest_close(j, ']');
	manifest_hex(j, "ram_pa", g->ram_pa);
	manifest_hex(j, "ram_ipa", g->ram_ipa);
	manifest_hex(j, "ram_size", g->ram_size);
	manifest_hex(j, "entry_ipa", g->entry_ipa);
	manifest_hex(j, "dtb_ipa", g->dtb_ipa);
	manifest_hex(j, "initrd_ipa", g->initrd_ipa);
	manifest_hex(j, "initrd_size", g->initrd_size);
	manifest_str(j, "console", mg->console == LAYOUT_CONSOLE_PL011 ? "pl011" : "none");
	manifest_hex(j, "console_ipa", g->console_ipa);
	manifest_bool(j, "console_input", mg->console_input);
	manifest_hex(j, "vgicd_ipa", g->vgicd_ipa);
	manifest_hex(j, "vgicr_ipa", g->vgicr_ipa);
	manifest_num(j, "spi_count", g->spi_count);
	manifest_str(j, "on_fault", report_on_fault(mg->on_fault));
	manifest_dma(j, mg);
	manifest_open(j, "caps", '[');
	for (int i = g->cap_first; i < g->cap_first + g->cap_count; i++)
		manifest_cap(j, &a->caps[i]);
	manifest_close(j, ']');
	manifest_open(j, "payloads", '[');
	for (int i = g->payload_first; i < g->payload_first + g->payload_count; i++)
		manifest_payload(j, &a->payloads[i]);
	manifest_close(j, ']');
	manifest_close(j, '}');
}

static void manifest_channel(struct manifest *j, const struct alloc *a, int c)
{
	const struct model_channel *mc = &a->m->channels[c];
	const struct alloc_channel *ch = &a->channels[c];
	char r[4];

	manifest_open(j, NULL, '{');
	manifest_str(j, "name", mc->name);
	manifest_hex(j, "pa", ch->pa);
	manifest_hex(j, "size", ch->size);
	manifest_open(j, "ends", '[');
	for (int e = 0; e < 2; e++) {
		manifest_open(j, NULL, '{');
		manifest_str(j, "guest", a->m->guests[mc->end[e].guest].name);
		manifest_num(j, "slot", ch->end[e].slot);
		manifest_hex(j, "ipa", ch->end[e].ipa);
		manifest_num(j, "virq", ch->end[e].virq);
		manifest_str(j, "rights", report_rights(mc->end[e].rights, r));
		manifest_bool(j, "notify", mc->end[e].notify);
		manifest_close(j, '}');
	}
	manifest_close(j, ']');
	manifest_close(j, '}');
}

static void manifest_board(struct manifest *j, const struct model_board *b)
{
	manifest_open(j, "board", '{');
	manifest_str(j, "name", b->name);
	manifest_hex(j, "ram_base", b->ram_base);
	manifest_hex(j, "ram_size", b->ram_size);
	manifest_num(j, "cpus", (uint64_t)b->cpu_count);
	manifest_num(j, "gic_version", (uint64_t)b->gic_version);
	manifest_hex(j, "uart_pa", b->uart_pa);
	manifest_hex(j, "uboot_fit_addr", b->uboot_fit_addr);
	manifest_hex(j, "uboot_image_addr", b->uboot_image_addr);
	manifest_close(j, '}');
}

/* Networks and disks by name (written only when the spec has any, so older
 * manifests stay as they were); their capabilities are in each guest's caps. */
static void manifest_virtio(struct manifest *j, const struct model *m)
{
	if (m->network_count) {
		manifest_open(j, "networks", '[');
		for (int n = 0; n < m->network_count; n++) {
			manifest_open(j, NULL, '{');
			manifest_str(j, "name", m->networks[n].name);
			manifest_open(j, "guests", '[');
			for (int i = 0; i < m->networks[n].guest_count; i++)
				manifest_str(j, NULL, m->guests[m->networks[n].guests[i]].name);
			manifest_close(j, ']');
			manifest_close(j, '}');
		}
		manifest_close(j, ']');
	}
	if (m->disk_count) {
		manifest_open(j, "disks", '[');
		for (int d = 0; d < m->disk_count; d++) {
			manifest_open(j, NULL, '{');
			manifest_str(j, "name", m->disks[d].name);
			manifest_str(j, "guest", m->guests[m->disks[d].guest].name);
			manifest_bool(j, "readonly", m->disks[d].readonly);
			manifest_close(j, '}');
		}
		manifest_close(j, ']');
	}
}

/* Time-partitioning plans by CPU, windows in order (written only when the
 * spec has a schedule, so other manifests stay as they were). */
static void manifest_schedule(struct manifest *j, const struct model *m)
{
	if (!m->plan_count)
		return;
	manifest_open(j, "schedule", '[');
	for (int i = 0; i < m->plan_count; i++) {
		const struct model_plan *p = &m->plans[i];
		manifest_open(j, NULL, '{');
		manifest_num(j, "cpu", (uint64_t)p->cpu);
		manifest_num(j, "period_ns", p->period_ns);
		manifest_open(j, "windows", '[');
		for (int w = 0; w < p->window_count; w++) {
			const struct model_window *mw = &p->windows[w];
			manifest_open(j, NULL, '{');
			if (mw->guest < 0) {
				manifest_bool(j, "idle", true);
			} else {
				manifest_str(j, "guest", m->guests[mw->guest].name);
				manifest_num(j, "vcpu",
					     (uint64_t)model_vcpu_on(&m->guests[mw->guest], p->cpu));
			}
			manifest_num(j, "length_ns", mw->length_ns);
			manifest_close(j, '}');
		}
		manifest_close(j, ']');
		manifest_close(j, '}');
	}
	manifest_close(j, ']');
}

void manifest_write(FILE *f, const struct alloc *a)
{
	struct manifest j = { .open = { json_object() }, .depth = 1 };
	json_t *root = j.open[0];

	manifest_str(&j, "name", a->m->name);
	manifest_num(&j, "abi_version", LAYOUT_ABI_VERSION);
	manifest_board(&j, &a->m->board);
	manifest_open(&j, "runtime", '{');
	manifest_hex(&j, "pa", a->runtime_pa);
	manifest_hex(&j, "size", a->runtime_size);
	manifest_hex(&j, "image_size", a->image_size);
	manifest_hex(&j, "blob_offset", a->blob_offset);
	manifest_hex(&j, "blob_size", a->blob_size);
	manifest_close(&j, '}');
	manifest_open(&j, "guests", '[');
	for (int i = 0; i < a->m->guest_count; i++)
		manifest_guest(&j, a, i);
	manifest_close(&j, ']');
	manifest_open(&j, "channels", '[');
	for (int c = 0; c < a->m->channel_count; c++)
		manifest_channel(&j, a, c);
	manifest_close(&j, ']');
	manifest_virtio(&j, a->m);
	manifest_schedule(&j, a->m);
	jsonio_dump(f, root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, true);
	json_decref(root);
}
