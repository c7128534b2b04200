/* SPDX-License-Identifier: MIT */
/*
 * Walks a guest DTB's top-level nodes (the generator puts every addressable
 * node there, with #address-cells = #size-cells = 2), collects reg windows
 * and GIC interrupt specifiers, and matches them against the cap table in
 * both directions.
 */
#include "crosscheck.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest_dt.h"

struct crosscheck_seen {
	char node[128];
	uint64_t ipa, size;   /* reg window, or size 0 and ipa = INTID */
	bool is_irq;
	bool used;
};

struct crosscheck {
	const struct alloc *a;
	int gi;
	struct crosscheck_seen *seen;
	int count, cap;
	int errors;
};

static void crosscheck_add(struct crosscheck *x, const char *node, uint64_t ipa,
			   uint64_t size, bool is_irq)
{
	if (x->count == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 32;
		x->seen = realloc(x->seen, (size_t)x->cap * sizeof(*x->seen));
		if (!x->seen)
			abort();
	}
	struct crosscheck_seen *s = &x->seen[x->count++];
	snprintf(s->node, sizeof(s->node), "/%s", node);
	s->ipa = ipa;
	s->size = size;
	s->is_irq = is_irq;
	s->used = false;
}

/* Nodes the runtime provides itself: virtual GIC, timer, PMU, virtual console. */
static bool crosscheck_runtime_node(const struct crosscheck *x, const char *name)
{
	const struct alloc_guest *g = &x->a->guests[x->gi];
	char path[64], gic[64];

	guest_dt_console_path(x->a, x->gi, path, sizeof(path));
	snprintf(gic, sizeof(gic), "intc@%llx", (unsigned long long)g->vgicd_ipa);
	return !strcmp(name, "timer") || !strcmp(name, "pmu") || !strcmp(name, gic) ||
	       (*path && !strcmp(name, path + 1));
}

/* The timer's and the PMU's interrupts need no capability: they are PPIs of
 * the guest's own CPUs that the runtime forwards (vgic_ppi.c: the board's
 * timer PPIs and PPI 23). Any other INTID there would never arrive. */
static void crosscheck_ppis(struct crosscheck *x, const void *dtb, int node, const char *name)
{
	const struct model_board *b = &x->a->m->board;
	const fdt32_t *irq;
	int len;

	if (strcmp(name, "timer") && strcmp(name, "pmu"))
		return;
	irq = fdt_getprop(dtb, node, "interrupts", &len);
	for (int i = 0; irq && i + 2 < len / 4; i += 3) {
		uint32_t type = fdt32_to_cpu(irq[i]), num = fdt32_to_cpu(irq[i + 1]);
		uint32_t intid = type == 1 ? 16 + num : 32 + num;
		bool ok = !strcmp(name, "pmu") ? intid == GUEST_DT_PMU_INTID :
			  intid == b->timer_irq[0] || intid == b->timer_irq[1] ||
			  intid == b->timer_irq[2] || intid == b->timer_irq[3];
		if (ok)
			continue;
		diag_fatal("internal: cross-check: guest '%s': /%s interrupt %u is not a PPI the runtime forwards",
			   x->a->m->guests[x->gi].name, name, intid);
		x->errors++;
	}
}

static void crosscheck_node(struct crosscheck *x, const void *dtb, int node)
{
	const char *name = fdt_get_name(dtb, node, NULL);
	const uint8_t *reg;
	const fdt32_t *irq;
	int len;

	if (crosscheck_runtime_node(x, name)) {
		crosscheck_ppis(x, dtb, node, name);
		return;
	}
	reg = fdt_getprop(dtb, node, "reg", &len);
	for (int i = 0; reg && i + 16 <= len; i += 16) {
		fdt64_t cell[2];
		memcpy(cell, reg + i, sizeof(cell));  /* properties are only 4-byte aligned */
		crosscheck_add(x, name, fdt64_to_cpu(cell[0]), fdt64_to_cpu(cell[1]), false);
	}
	irq = fdt_getprop(dtb, node, "interrupts", &len);
	for (int i = 0; irq && i + 2 < len / 4; i += 3) {
		uint32_t type = fdt32_to_cpu(irq[i]), num = fdt32_to_cpu(irq[i + 1]);
		crosscheck_add(x, name, type == 1 ? 16 + num : 32 + num, 0, true);
	}
}

/* Marks what cap c covers; returns how many seen entries it matched. */
static int crosscheck_cap(struct crosscheck *x, const struct layout_cap *c)
{
	int matched_reg = 0, matched_irq = 0;

	for (int i = 0; i < x->count; i++) {
		struct crosscheck_seen *s = &x->seen[i];
		bool both = c->kind == LAYOUT_CAP_CHANNEL || c->kind == LAYOUT_CAP_VIRTIO;
		bool reg_cap = c->kind == LAYOUT_CAP_MEMORY || c->kind == LAYOUT_CAP_MMIO || both;
		bool irq_cap = c->kind == LAYOUT_CAP_IRQ || both;
		if (!s->is_irq && reg_cap && s->ipa == c->ipa && s->size == c->size) {
			s->used = true;
			matched_reg++;
		}
		if (s->is_irq && irq_cap && s->ipa == c->virt_irq) {
			s->used = true;
			matched_irq++;
		}
	}
	if (c->kind == LAYOUT_CAP_CHANNEL || c->kind == LAYOUT_CAP_VIRTIO)
		return matched_reg && matched_irq;
	return matched_reg + matched_irq;
}

static const char *crosscheck_kind(uint16_t kind)
{
	switch (kind) {
	case LAYOUT_CAP_MEMORY: return "MEMORY";
	case LAYOUT_CAP_MMIO: return "MMIO";
	case LAYOUT_CAP_IRQ: return "IRQ";
	case LAYOUT_CAP_CHANNEL: return "CHANNEL";
	case LAYOUT_CAP_VIRTIO: return "VIRTIO";
	default: return "VCPU";
	}
}

/* The seen entry nearest to cap c (same kind, overlapping), or NULL. */
static const struct crosscheck_seen *crosscheck_near_seen(const struct crosscheck *x,
							  const struct layout_cap *c)
{
	for (int i = 0; i < x->count; i++) {
		const struct crosscheck_seen *s = &x->seen[i];
		if (!s->is_irq && c->size && s->ipa < c->ipa + c->size && c->ipa < s->ipa + s->size)
			return s;
		if (s->is_irq && c->virt_irq && s->ipa == c->virt_irq)
			return s;
	}
	return NULL;
}

/* The cap of this guest nearest to a seen entry, or NULL. */
static const struct layout_cap *crosscheck_near_cap(const struct crosscheck *x,
						    const struct crosscheck_seen *s)
{
	const struct alloc_guest *g = &x->a->guests[x->gi];

	for (int i = g->cap_first; i < g->cap_first + g->cap_count; i++) {
		const struct layout_cap *c = &x->a->caps[i];
		if (!s->is_irq && c->size && s->ipa < c->ipa + c->size && c->ipa < s->ipa + s->size)
			return c;
		if (s->is_irq && c->virt_irq == s->ipa)
			return c;
	}
	return NULL;
}

static void crosscheck_report(struct crosscheck *x)
{
	const char *guest = x->a->m->guests[x->gi].name;
	const struct alloc_guest *g = &x->a->guests[x->gi];

	for (int i = g->cap_first; i < g->cap_first + g->cap_count; i++) {
		const struct layout_cap *c = &x->a->caps[i];
		if (c->kind == LAYOUT_CAP_VCPU || crosscheck_cap(x, c))
			continue;
		const struct crosscheck_seen *near = crosscheck_near_seen(x, c);
		diag_fatal("internal: cross-check: guest '%s': %s capability in slot %u (ipa 0x%llx, size 0x%llx, virq %u) does not appear in its device tree; nearest node: %s",
			   guest, crosscheck_kind(c->kind), c->slot, (unsigned long long)c->ipa,
			   (unsigned long long)c->size, c->virt_irq, near ? near->node : "none");
		x->errors++;
	}
	for (int i = 0; i < x->count; i++) {
		const struct crosscheck_seen *s = &x->seen[i];
		if (s->used)
			continue;
		const struct layout_cap *near = crosscheck_near_cap(x, s);
		char cap[64] = "none";
		if (near)
			snprintf(cap, sizeof(cap), "%s slot %u", crosscheck_kind(near->kind), near->slot);
		diag_fatal("internal: cross-check: guest '%s': %s %s 0x%llx (size 0x%llx) is not covered by any capability; nearest capability: %s",
			   guest, s->node, s->is_irq ? "interrupt" : "reg", (unsigned long long)s->ipa,
			   (unsigned long long)s->size, cap);
		x->errors++;
	}
}

int crosscheck_guest(const struct alloc *a, int gi, const void *dtb)
{
	struct crosscheck x = { .a = a, .gi = gi };
	int node;

	if (fdt_check_header(dtb)) {
		diag_fatal("internal: cross-check: guest '%s' has no valid device tree",
			   a->m->guests[gi].name);
		return 1;
	}
	fdt_for_each_subnode(node, dtb, 0)
		crosscheck_node(&x, dtb, node);
	crosscheck_report(&x);
	free(x.seen);
	return x.errors;
}

int crosscheck_all(const struct alloc *a)
{
	int errors = 0;

	for (int i = 0; i < a->m->guest_count; i++)
		errors += crosscheck_guest(a, i, a->guests[i].dtb);
	return errors;
}
