/* SPDX-License-Identifier: MIT */
/*
 * Guest tree nodes copied or derived from the board tree: fixed clocks the
 * console and passthrough devices refer to (board fixed-clocks copied, the
 * rates board.yaml or the spec states as made-up fixed-clock nodes, one per
 * rate), the virtual PL011 console, and passthrough device nodes with reg,
 * interrupts and clocks rewritten to the guest's view. Properties naming
 * nodes the guest does not have (firmware power domains, resets, pin
 * control, the SMMU, child nodes) are dropped; layout.txt lists them.
 */
#include "guest_dt.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const guest_dt_dropped[] = {
	"phandle", "linux,phandle", "interrupt-parent", "interrupts-extended",
	"resets", "reset-names", "power-domains", "power-domain-names", "iommus",
	"iommu-map", "msi-parent", "msi-map", "dmas", "dma-names", "gpios",
	"gpio-ranges", "assigned-clocks", "assigned-clock-parents",
	"assigned-clock-rates", "#stream-id-cells", "phy-handle", "phys", "phy", "sfp",
	"memory-region", "nvmem-cells", "mboxes", "sram",
};

bool guest_dt_is_dropped(const char *name)
{
	size_t n = strlen(name);

	if (!strncmp(name, "pinctrl-", 8) || (n > 6 && !strcmp(name + n - 6, "-gpios")))
		return true;
	for (size_t i = 0; i < sizeof(guest_dt_dropped) / sizeof(guest_dt_dropped[0]); i++)
		if (!strcmp(name, guest_dt_dropped[i]))
			return true;
	return false;
}

/* Board offset of a fixed clock (#clock-cells = 0) by phandle, or -1. */
static int guest_dt_fixed_clock(const void *board, uint32_t phandle)
{
	int off = fdt_node_offset_by_phandle(board, phandle);
	const fdt32_t *cells;
	int len;

	if (off < 0 || fdt_node_check_compatible(board, off, "fixed-clock"))
		return -1;
	cells = fdt_getprop(board, off, "#clock-cells", &len);
	return cells && len == 4 && fdt32_to_cpu(*cells) == 0 ? off : -1;
}

/* Guest phandle for a board clock phandle, or 0 when not copied. */
static uint32_t guest_dt_clock_phandle(const struct guest_dt *w, uint32_t board_phandle)
{
	int off = guest_dt_fixed_clock(w->a->m->board.fdt, board_phandle);

	for (int i = 0; off >= 0 && i < w->clock_count; i++)
		if (w->clock_node[i] == off)
			return GUEST_DT_PHANDLE_CLK0 + (uint32_t)i;
	return 0;
}

static void guest_dt_note_clocks(struct guest_dt *w, int node)
{
	const void *board = w->a->m->board.fdt;
	const fdt32_t *cells;
	int len;

	if (node < 0 || !(cells = fdt_getprop(board, node, "clocks", &len)))
		return;
	for (int i = 0; i < len / 4; i++) {
		int off = guest_dt_fixed_clock(board, fdt32_to_cpu(cells[i]));
		bool known = false;
		for (int k = 0; k < w->clock_count; k++)
			known |= w->clock_node[k] == off;
		if (off >= 0 && !known && w->clock_count < GUEST_DT_MAX_CLOCKS)
			w->clock_node[w->clock_count++] = off;
	}
}

/* Stated rates, one fixed-clock node each, in first-use order. */
static void guest_dt_note_rates(struct guest_dt *w, const struct model_device *md)
{
	for (int c = 0; c < md->clock_count; c++) {
		uint64_t hz = md->clocks[c].hz;
		bool known = false;
		if (!hz)
			continue;
		for (int k = 0; k < w->rate_count; k++)
			known |= w->rate[k] == hz;
		if (!known && w->rate_count < GUEST_DT_MAX_CLOCKS)
			w->rate[w->rate_count++] = hz;
	}
}

void guest_dt_collect_clocks(struct guest_dt *w)
{
	const struct model *m = w->a->m;
	const struct model_guest *mg = &m->guests[w->gi];

	w->clock_count = w->rate_count = 0;
	if (!m->board.fdt)
		return;
	if (mg->console != LAYOUT_CONSOLE_NONE && m->board.uart_path)
		guest_dt_note_clocks(w, fdt_path_offset(m->board.fdt, m->board.uart_path));
	w->synth_clock = mg->console != LAYOUT_CONSOLE_NONE && w->clock_count == 0;
	for (int d = 0; d < mg->device_count; d++) {
		guest_dt_note_clocks(w, mg->devices[d].node);
		guest_dt_note_rates(w, &mg->devices[d]);
	}
}

static uint32_t guest_dt_rate_phandle(const struct guest_dt *w, uint64_t hz)
{
	for (int k = 0; k < w->rate_count; k++)
		if (w->rate[k] == hz)
			return GUEST_DT_PHANDLE_CLK0 + (uint32_t)(w->clock_count + w->synth_clock + k);
	return 0;
}

static void guest_dt_uart_clock(struct guest_dt *w);
static void guest_dt_rate_clocks(struct guest_dt *w);

void guest_dt_clocks(struct guest_dt *w)
{
	const void *board = w->a->m->board.fdt;

	for (int i = 0; i < w->clock_count; i++) {
		int off = w->clock_node[i], prop;
		guest_dt_begin(w, "%s", fdt_get_name(board, off, NULL));
		fdt_for_each_property_offset(prop, board, off) {
			const char *name;
			int len;
			const void *val = fdt_getprop_by_offset(board, prop, &name, &len);
			if (!guest_dt_is_dropped(name))
				guest_dt_prop(w, name, val, len);
		}
		guest_dt_u32(w, "phandle", GUEST_DT_PHANDLE_CLK0 + (uint32_t)i);
		guest_dt_end(w);
	}
	if (w->synth_clock)
		guest_dt_uart_clock(w);
	guest_dt_rate_clocks(w);
}

/* A board without a described UART clock: the PL011 binding needs one. */
static void guest_dt_uart_clock(struct guest_dt *w)
{
	guest_dt_begin(w, "uart-clk");
	guest_dt_str(w, "compatible", "fixed-clock");
	guest_dt_u32(w, "#clock-cells", 0);
	guest_dt_u32(w, "clock-frequency", 24000000);
	guest_dt_str(w, "clock-output-names", "clk24mhz");
	guest_dt_u32(w, "phandle", GUEST_DT_PHANDLE_CLK0 + (uint32_t)w->clock_count);
	guest_dt_end(w);
}

/* A rate the board descriptor or the spec states (clock bindings:
 * fixed-clock.yaml); the guest cannot change it, as on the board, where
 * firmware set it before the runtime started. */
static void guest_dt_rate_clocks(struct guest_dt *w)
{
	for (int k = 0; k < w->rate_count; k++) {
		guest_dt_begin(w, "clock-%llu", (unsigned long long)w->rate[k]);
		guest_dt_str(w, "compatible", "fixed-clock");
		guest_dt_u32(w, "#clock-cells", 0);
		guest_dt_u32(w, "clock-frequency", (uint32_t)w->rate[k]);
		guest_dt_u32(w, "phandle", guest_dt_rate_phandle(w, w->rate[k]));
		guest_dt_end(w);
	}
}

static void guest_dt_irq_prop(struct guest_dt *w, const uint32_t *virq,
			      const struct model_irq *irq, int n)
{
	fdt32_t cells[3 * MODEL_MAX_REGS];

	for (int i = 0; i < n; i++) {
		cells[3 * i] = cpu_to_fdt32(virq[i] < 32 ? 1 : 0);
		cells[3 * i + 1] = cpu_to_fdt32(virq[i] < 32 ? virq[i] - 16 : virq[i] - 32);
		cells[3 * i + 2] = cpu_to_fdt32(irq ? irq[i].dt_flags : 4);
	}
	guest_dt_prop(w, "interrupts", cells, n * 12);
}

void guest_dt_console(struct guest_dt *w)
{
	const struct model *m = w->a->m;
	const struct alloc_guest *g = &w->a->guests[w->gi];
	uint64_t reg[2] = { g->console_ipa, ALLOC_SZ_4K };
	uint32_t clk = GUEST_DT_PHANDLE_CLK0 + (w->synth_clock ? (uint32_t)w->clock_count : 0);
	fdt32_t clocks[2] = { cpu_to_fdt32(clk), cpu_to_fdt32(clk) };

	if (m->guests[w->gi].console == LAYOUT_CONSOLE_NONE)
		return;
	guest_dt_begin(w, "pl011@%llx", (unsigned long long)g->console_ipa);
	guest_dt_prop(w, "compatible", "arm,pl011\0arm,primecell", sizeof("arm,pl011\0arm,primecell"));
	guest_dt_reg(w, reg, 1);
	guest_dt_irq_prop(w, &g->console_virq, NULL, 1);
	guest_dt_prop(w, "clocks", clocks, sizeof(clocks));
	guest_dt_prop(w, "clock-names", "uartclk\0apb_pclk", sizeof("uartclk\0apb_pclk"));
	guest_dt_end(w);
}

/* clocks rewritten to guest phandles: a stated rate's fixed-clock, or the
 * copy of the board fixed-clock (device_clock.c resolved every entry). */
static bool guest_dt_map_clocks(const struct guest_dt *w, const struct model_device *md,
				fdt32_t *out)
{
	for (int i = 0; i < md->clock_count; i++) {
		const struct model_clock *c = &md->clocks[i];
		uint32_t ph = c->hz ? guest_dt_rate_phandle(w, c->hz) : 0;
		if (!c->hz)
			ph = guest_dt_clock_phandle(w, fdt_get_phandle(w->a->m->board.fdt, c->provider));
		if (!ph)
			return false;
		out[i] = cpu_to_fdt32(ph);
	}
	return md->clock_count > 0;
}

static void guest_dt_device(struct guest_dt *w, int d)
{
	const struct model_device *md = &w->a->m->guests[w->gi].devices[d];
	const struct alloc_device *ad = &w->a->guests[w->gi].devices[d];
	const void *board = w->a->m->board.fdt;
	fdt32_t mapped[MODEL_MAX_CLOCKS];
	uint64_t reg[2 * MODEL_MAX_REGS];
	char base[96];
	int prop;

	snprintf(base, sizeof(base), "%s", fdt_get_name(board, md->node, NULL));
	base[strcspn(base, "@")] = '\0';
	bool clocks_ok = guest_dt_map_clocks(w, md, mapped);
	for (int r = 0; r < md->reg_count; r++) {
		reg[2 * r] = ad->ipa[r];
		reg[2 * r + 1] = md->reg[r].size;
	}
	if (md->reg_count)
		guest_dt_begin(w, "%s@%llx", base, (unsigned long long)ad->ipa[0]);
	else
		guest_dt_begin(w, "%s", base);
	fdt_for_each_property_offset(prop, board, md->node) {
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(board, prop, &name, &len);
		if (guest_dt_is_dropped(name) || !strcmp(name, "reg") ||
		    !strcmp(name, "interrupts"))
			continue;
		if (!strcmp(name, "clocks") && clocks_ok)
			guest_dt_prop(w, name, mapped, md->clock_count * 4);
		else if (strcmp(name, "clocks") && (strcmp(name, "clock-names") || clocks_ok))
			guest_dt_prop(w, name, val, len);
	}
	/* From the model, whatever form the board used (interrupts-extended...). */
	if (md->reg_count)
		guest_dt_reg(w, reg, md->reg_count);
	if (md->irq_count)
		guest_dt_irq_prop(w, ad->virq, md->irq, md->irq_count);
	guest_dt_end(w);
}

void guest_dt_devices(struct guest_dt *w)
{
	const struct model_guest *mg = &w->a->m->guests[w->gi];

	for (int d = 0; d < mg->device_count; d++)
		if (mg->devices[d].node >= 0 && w->a->m->board.fdt)
			guest_dt_device(w, d);
}
