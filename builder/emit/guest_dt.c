/* SPDX-License-Identifier: MIT */
/*
 * The fixed part of a guest's device tree: root, /chosen, /aliases, /memory,
 * /cpus, /psci, /timer, /pmu, the virtual GIC and the channel nodes.
 * Bindings: Linux Documentation/devicetree/bindings (arm/psci.yaml, timer/
 * arm,arch_timer.yaml, arm/pmu.yaml, interrupt-controller/arm,gic-v3.yaml,
 * arm,gic.yaml).
 */
#include "guest_dt.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void guest_dt_prop(struct guest_dt *w, const char *name, const void *val, int len)
{
	if (w->err >= 0)
		w->err = fdt_property(w->fdt, name, val, len);
}

void guest_dt_u32(struct guest_dt *w, const char *name, uint32_t v)
{
	if (w->err >= 0)
		w->err = fdt_property_u32(w->fdt, name, v);
}

void guest_dt_str(struct guest_dt *w, const char *name, const char *s)
{
	if (w->err >= 0)
		w->err = fdt_property_string(w->fdt, name, s);
}

void guest_dt_begin(struct guest_dt *w, const char *fmt, ...)
{
	char name[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (w->err >= 0)
		w->err = fdt_begin_node(w->fdt, name);
}

void guest_dt_end(struct guest_dt *w)
{
	if (w->err >= 0)
		w->err = fdt_end_node(w->fdt);
}

/* reg with #address-cells = #size-cells = 2. */
void guest_dt_reg(struct guest_dt *w, const uint64_t *addr_size, int pairs)
{
	fdt64_t cells[2 * MODEL_MAX_REGS + 2];

	for (int i = 0; i < 2 * pairs; i++)
		cells[i] = cpu_to_fdt64(addr_size[i]);
	guest_dt_prop(w, "reg", cells, (int)(2 * (size_t)pairs * sizeof(fdt64_t)));
}

static void guest_dt_cells(struct guest_dt *w, const char *name, const uint32_t *v, int n)
{
	fdt32_t cells[16];

	for (int i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(v[i]);
	guest_dt_prop(w, name, cells, n * (int)sizeof(fdt32_t));
}

static void guest_dt_strings(struct guest_dt *w, const char *name, const char *a, const char *b)
{
	char buf[128];
	size_t la = strlen(a) + 1, lb = strlen(b) + 1;

	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	guest_dt_prop(w, name, buf, (int)(la + lb));
}

void guest_dt_console_path(const struct alloc *a, int gi, char *buf, size_t size)
{
	if (a->m->guests[gi].console == LAYOUT_CONSOLE_NONE)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "/pl011@%llx", (unsigned long long)a->guests[gi].console_ipa);
}

static void guest_dt_chosen(struct guest_dt *w)
{
	const struct model_guest *mg = &w->a->m->guests[w->gi];
	const struct alloc_guest *g = &w->a->guests[w->gi];
	char console[64];

	guest_dt_console_path(w->a, w->gi, console, sizeof(console));
	guest_dt_begin(w, "chosen");
	if (mg->bootargs && *mg->bootargs)
		guest_dt_str(w, "bootargs", mg->bootargs);
	if (g->initrd_size && w->err >= 0) {
		w->err = fdt_property_u64(w->fdt, "linux,initrd-start", g->initrd_ipa);
		if (w->err >= 0)
			w->err = fdt_property_u64(w->fdt, "linux,initrd-end",
						  g->initrd_ipa + g->initrd_size);
	}
	if (*console)
		guest_dt_str(w, "stdout-path", console);
	guest_dt_end(w);
	if (!*console)
		return;
	guest_dt_begin(w, "aliases");
	guest_dt_str(w, "serial0", console);
	guest_dt_end(w);
}

static void guest_dt_cpus(struct guest_dt *w)
{
	const struct model *m = w->a->m;
	const struct model_guest *mg = &m->guests[w->gi];
	const struct alloc_guest *g = &w->a->guests[w->gi];
	uint64_t mem[2] = { g->ram_ipa, g->ram_size };

	guest_dt_begin(w, "memory@%llx", (unsigned long long)g->ram_ipa);
	guest_dt_str(w, "device_type", "memory");
	guest_dt_reg(w, mem, 1);
	guest_dt_end(w);
	guest_dt_begin(w, "cpus");
	guest_dt_u32(w, "#address-cells", 1);
	guest_dt_u32(w, "#size-cells", 0);
	for (int v = 0; v < alloc_vcpus(mg); v++) {
		guest_dt_begin(w, "cpu@%x", v);
		guest_dt_str(w, "device_type", "cpu");
		guest_dt_str(w, "compatible", m->board.cpu_compatible ?
			     m->board.cpu_compatible : "arm,armv8");
		guest_dt_u32(w, "reg", (uint32_t)v);
		guest_dt_str(w, "enable-method", "psci");
		guest_dt_end(w);
	}
	guest_dt_end(w);
	guest_dt_begin(w, "psci");
	guest_dt_strings(w, "compatible", "arm,psci-1.0", "arm,psci-0.2");
	guest_dt_str(w, "method", "hvc");
	guest_dt_end(w);
}

/* GIC interrupt specifier cells: <type number flags>, type 1 = PPI. */
static void guest_dt_irq_cells(uint32_t intid, uint32_t flags, uint32_t *out)
{
	out[0] = intid < 32 ? 1u : 0u;
	out[1] = intid < 32 ? intid - 16 : intid - 32;
	out[2] = flags;
}

static void guest_dt_timer(struct guest_dt *w)
{
	const struct model_board *b = &w->a->m->board;
	uint32_t cells[12];

	for (int i = 0; i < 4; i++)
		guest_dt_irq_cells(b->timer_irq[i], b->timer_flags[i], &cells[3 * i]);
	guest_dt_begin(w, "timer");
	guest_dt_strings(w, "compatible", "arm,armv8-timer", "arm,armv7-timer");
	guest_dt_cells(w, "interrupts", cells, 12);
	guest_dt_prop(w, "always-on", NULL, 0);
	guest_dt_end(w);
}

/* The PMU of the guest's CPUs (the runtime gives each guest its CPUs' own
 * PMU, vpmu.c), only on boards whose tree has one: PMUv3 is optional in
 * Armv8-A. The board's compatible list is kept, so Linux names the PMU after
 * the core (armv8_cortex_a53) where the tree does. The overflow interrupt is
 * listed only when the board wires it to the PPI the runtime forwards;
 * per-CPU SPIs (ZynqMP, BCM2711) are not routed to guests, and Linux then
 * counts without sampling. Flags as the board's, like the timer's (GICv2:
 * the CPU mask in bits [15:8]). */
static void guest_dt_pmu(struct guest_dt *w)
{
	const struct model_board *b = &w->a->m->board;
	const void *compat;
	uint32_t irq[3];
	int len;

	if (b->pmu_node <= 0)
		return;
	compat = fdt_getprop(b->fdt, b->pmu_node, "compatible", &len);
	if (!compat)
		return;
	guest_dt_begin(w, "pmu");
	guest_dt_prop(w, "compatible", compat, len);
	if (b->pmu_irq == GUEST_DT_PMU_INTID) {
		guest_dt_irq_cells(b->pmu_irq, b->pmu_flags, irq);
		guest_dt_cells(w, "interrupts", irq, 3);
	}
	guest_dt_end(w);
}

static void guest_dt_gic(struct guest_dt *w)
{
	const struct model *m = w->a->m;
	const struct alloc_guest *g = &w->a->guests[w->gi];
	uint32_t maint[3];
	uint64_t reg[4] = { g->vgicd_ipa, ALLOC_SZ_64K, g->vgicr_ipa,
			    ALLOC_GICR_PER_VCPU * (uint64_t)alloc_vcpus(&m->guests[w->gi]) };

	guest_dt_irq_cells(m->board.maint_irq, 4, maint);
	guest_dt_begin(w, "intc@%llx", (unsigned long long)g->vgicd_ipa);
	if (m->board.gic_version == 2) {
		reg[1] = ALLOC_SZ_4K;
		reg[3] = ALLOC_GICC_SIZE;
		guest_dt_str(w, "compatible", "arm,cortex-a15-gic");
	} else {
		guest_dt_str(w, "compatible", "arm,gic-v3");
		guest_dt_u32(w, "#redistributor-regions", 1);
	}
	guest_dt_reg(w, reg, 2);
	guest_dt_u32(w, "#interrupt-cells", 3);
	guest_dt_prop(w, "interrupt-controller", NULL, 0);
	guest_dt_cells(w, "interrupts", maint, 3);
	guest_dt_u32(w, "phandle", GUEST_DT_PHANDLE_GIC);
	guest_dt_end(w);
}

static void guest_dt_channels(struct guest_dt *w)
{
	const struct model *m = w->a->m;

	for (int c = 0; c < m->channel_count; c++) {
		for (int e = 0; e < 2; e++) {
			if (m->channels[c].end[e].guest != w->gi)
				continue;
			const struct alloc_channel *ch = &w->a->channels[c];
			uint64_t reg[2] = { ch->end[e].ipa, ch->size };
			uint32_t irq[3];
			guest_dt_irq_cells(ch->end[e].virq, 1 /* rising edge */, irq);
			guest_dt_begin(w, "channel@%llx", (unsigned long long)ch->end[e].ipa);
			guest_dt_str(w, "compatible", "partita,channel");
			guest_dt_reg(w, reg, 1);
			guest_dt_cells(w, "interrupts", irq, 3);
			guest_dt_u32(w, "partita,slot", ch->end[e].slot);
			guest_dt_str(w, "partita,channel", m->channels[c].name);
			guest_dt_str(w, "partita,peer", m->guests[m->channels[c].end[!e].guest].name);
			guest_dt_str(w, "label", m->channels[c].name);
			guest_dt_end(w);
		}
	}
}

static void guest_dt_root(struct guest_dt *w)
{
	const struct model *m = w->a->m;
	char model[160];

	snprintf(model, sizeof(model), "Partita %s/%s", m->name, m->guests[w->gi].name);
	if (w->err >= 0)
		w->err = fdt_finish_reservemap(w->fdt);
	guest_dt_begin(w, "%s", "");
	guest_dt_u32(w, "#address-cells", 2);
	guest_dt_u32(w, "#size-cells", 2);
	guest_dt_str(w, "compatible", "partita,guest");
	guest_dt_str(w, "model", model);
	guest_dt_u32(w, "interrupt-parent", GUEST_DT_PHANDLE_GIC);
	guest_dt_chosen(w);
	guest_dt_cpus(w);
	guest_dt_timer(w);
	guest_dt_pmu(w);
	guest_dt_gic(w);
	guest_dt_clocks(w);
	guest_dt_console(w);
	guest_dt_devices(w);
	guest_dt_channels(w);
	guest_dt_virtio(w);
	guest_dt_end(w);
	if (w->err >= 0)
		w->err = fdt_finish(w->fdt);
}

static int guest_dt_build(struct alloc *a, int gi)
{
	struct alloc_guest *g = &a->guests[gi];

	for (int size = 16384; size <= (int)ALLOC_SZ_2M; size *= 2) {
		struct guest_dt w = { .a = a, .gi = gi, .fdt = calloc(1, (size_t)size) };
		if (!w.fdt)
			abort();
		w.err = fdt_create(w.fdt, size);
		guest_dt_collect_clocks(&w);
		guest_dt_root(&w);
		if (w.err == -FDT_ERR_NOSPACE) {
			free(w.fdt);
			continue;
		}
		if (w.err >= 0)
			w.err = fdt_check_full(w.fdt, fdt_totalsize(w.fdt));
		if (w.err < 0) {
			diag_fatal("internal: device tree of guest '%s': %s",
				   a->m->guests[gi].name, fdt_strerror(w.err));
			free(w.fdt);
			return 1;
		}
		g->dtb = w.fdt;
		g->dtb_size = fdt_totalsize(w.fdt);
		return 0;
	}
	diag_fatal("internal: device tree of guest '%s' exceeds 2 MiB", a->m->guests[gi].name);
	return 1;
}

int guest_dt_build_all(struct alloc *a)
{
	int errors = 0;

	for (int i = 0; i < a->m->guest_count; i++) {
		struct alloc_guest *g = &a->guests[i];
		if (guest_dt_build(a, i)) {
			errors++;
			continue;
		}
		struct alloc_payload *p = &a->payloads[g->dtb_payload];
		p->data = g->dtb;
		p->file_size = p->mem_size = g->dtb_size;
	}
	return errors;
}
