/* SPDX-License-Identifier: MIT */
/*
 * Resolving `devices:` entries in the board tree and reading what a
 * passthrough needs: reg windows translated up through parent buses' ranges
 * (DT spec v0.4 2.3.8), GIC interrupts from interrupts or interrupts-extended
 * (3 cells: type, number, flags; SPI n is INTID 32+n, PPI n is 16+n) and
 * whether the device can master DMA (marked so, a DMA controller, or by its
 * generic node name).
 */
#include "device.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "spec_value.h"
#include "suggest.h"

#define DEVICE_MAX_SUGGEST 512

static uint64_t device_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* Translates a bus address of a child of node `bus` into the bus's parent space. */
static bool device_translate(const void *fdt, int bus, uint64_t *addr)
{
	int len, parent = fdt_parent_offset(fdt, bus);
	const fdt32_t *r = fdt_getprop(fdt, bus, "ranges", &len);

	if (!r || parent < 0)
		return r != NULL || bus == 0;
	if (len == 0)
		return true;   /* empty ranges: identity */
	int ca = fdt_address_cells(fdt, bus), pa = fdt_address_cells(fdt, parent);
	int cs = fdt_size_cells(fdt, bus), step = ca + pa + cs;
	for (int i = 0; step > 0 && (i + step) * 4 <= len; i += step) {
		uint64_t child = device_cells(r + i, ca), size = device_cells(r + i + ca + pa, cs);
		if (*addr >= child && *addr - child < size) {
			*addr = *addr - child + device_cells(r + i + ca, pa);
			return true;
		}
	}
	return false;
}

int device_read_reg(const void *fdt, int node, struct model_reg *out, int max)
{
	int len, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg || parent < 0)
		return 0;
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return 0;
	int count = len / (4 * (ac + sc));
	for (int i = 0; i < count && i < max; i++) {
		uint64_t addr = device_cells(reg + i * (ac + sc), ac);
		for (int bus = parent; bus > 0; bus = fdt_parent_offset(fdt, bus))
			if (!device_translate(fdt, bus, &addr))
				return 0;
		out[i].pa = addr;
		out[i].size = device_cells(reg + i * (ac + sc) + ac, sc);
	}
	return count;
}

static int device_irq_parent(const void *fdt, int node)
{
	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		int len;
		const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-parent", &len);
		if (p && len == 4)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
	}
	return -1;
}

/* A GIC takes 3 cells: type (0 SPI, 1 PPI), number, flags. */
static bool device_is_gic(const void *fdt, int ctrl)
{
	const fdt32_t *cells = ctrl >= 0 ? fdt_getprop(fdt, ctrl, "#interrupt-cells", NULL) : NULL;

	return cells && fdt32_to_cpu(*cells) == 3 &&
	       fdt_getprop(fdt, ctrl, "interrupt-controller", NULL);
}

static void device_gic_irq(const fdt32_t *cell, struct model_irq *out)
{
	out->intid = (fdt32_to_cpu(cell[0]) == 1 ? 16 : 32) + fdt32_to_cpu(cell[1]);
	out->dt_flags = fdt32_to_cpu(cell[2]);
}

/* interrupts-extended: <phandle type number flags>... (every entry on a GIC). */
static int device_read_irqs_ext(const void *fdt, const fdt32_t *p, int len,
				struct model_irq *out, int max)
{
	int count = 0;

	for (int i = 0; (i + 4) * 4 <= len; i += 4, count++) {
		if (!device_is_gic(fdt, fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[i]))))
			return -1;
		if (count < max)
			device_gic_irq(p + i + 1, &out[count]);
	}
	return count;
}

int device_read_irqs(const void *fdt, int node, struct model_irq *out, int max)
{
	int len;
	const fdt32_t *irq = fdt_getprop(fdt, node, "interrupts", &len);

	if (!irq) {
		irq = fdt_getprop(fdt, node, "interrupts-extended", &len);
		return irq ? device_read_irqs_ext(fdt, irq, len, out, max) : 0;
	}
	if (!device_is_gic(fdt, device_irq_parent(fdt, node)))
		return -1;   /* not wired to a GIC: cannot pass through */
	int count = len / 12;
	for (int i = 0; i < count && i < max; i++)
		device_gic_irq(irq + i * 3, &out[i]);
	return count;
}

/* Generic node names (DT spec v0.4 2.2.2) of classes that master the bus
 * themselves. Many SoC trees mark none of their DMA masters with iommus or
 * dma-coherent (the i.MX8MQ's FEC and uSDHC, for instance). */
static const char *const device_dma_names[] = {
	"ethernet", "mmc", "usb", "sata", "pcie", "dma-controller", "gpu", "crypto",
	"video-codec", "display-controller", "nand-controller",
};

static bool device_dma_name(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	size_t len = name ? strcspn(name, "@") : 0;

	for (size_t i = 0; i < sizeof(device_dma_names) / sizeof(device_dma_names[0]); i++)
		if (len == strlen(device_dma_names[i]) && !strncmp(name, device_dma_names[i], len))
			return true;
	return false;
}

static bool device_dma(const void *fdt, int node)
{
	return fdt_getprop(fdt, node, "dma-coherent", NULL) ||
	       fdt_getprop(fdt, node, "iommus", NULL) ||
	       fdt_getprop(fdt, node, "dma-ranges", NULL) ||
	       fdt_getprop(fdt, node, "#dma-cells", NULL) ||   /* a DMA controller */
	       fdt_node_check_compatible(fdt, node, "virtio,mmio") == 0 ||
	       device_dma_name(fdt, node);
}

/* A path, an alias (/aliases), a label (/__symbols__) or a unique node name. */
int device_find_node(const void *fdt, const char *ref)
{
	if (ref[0] == '/')
		return fdt_path_offset(fdt, ref);
	const char *alias = fdt_get_alias(fdt, ref);
	if (alias)
		return fdt_path_offset(fdt, alias);
	int symbols = fdt_path_offset(fdt, "/__symbols__");
	const char *label = symbols >= 0 ? fdt_getprop(fdt, symbols, ref, NULL) : NULL;
	if (label)
		return fdt_path_offset(fdt, label);
	int found = -FDT_ERR_NOTFOUND;
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		const char *name = fdt_get_name(fdt, node, NULL);
		if (name && !strcmp(name, ref))
			found = found >= 0 ? -FDT_ERR_NOTFOUND : node;  /* ambiguous */
	}
	return found;
}

/*
 * Each node's path, built as one walk goes down the tree: fdt_get_path per
 * node walks from the start of the tree every time (quadratic, once per
 * unknown device: a fuzzed spec naming many took a second). A path that
 * does not fit is skipped, as fdt_get_path would refuse it.
 */
static int device_all_paths(const void *fdt, char paths[][128], int max)
{
	enum { LEVELS = 32 };
	int end[LEVELS];             /* path length at each level; -1: too long */
	char cur[128];
	int count = 0, depth = 0;    /* libfdt counts the root as depth 1 */

	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0 && count < max;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *name = fdt_get_name(fdt, node, NULL);
		int level = depth - 1;
		int base = level == 0 ? 0 : level < LEVELS ? end[level - 1] : -1;
		int len = level == 0 ? 0 : base >= 0 && name ? base + 1 + (int)strlen(name) : -1;

		if (len >= (int)sizeof(cur))
			len = -1;
		if (level < LEVELS)
			end[level] = len;
		if (len < 0)
			continue;
		if (level > 0) {
			cur[base] = '/';
			memcpy(cur + base + 1, name, (size_t)(len - base - 1));
		}
		cur[len] = '\0';
		strcpy(paths[count++], level == 0 ? "/" : cur);
	}
	return count;
}

static void device_not_found(const void *fdt, const struct model_device *d)
{
	static char paths[DEVICE_MAX_SUGGEST][128];
	const char *names[DEVICE_MAX_SUGGEST];
	int count = device_all_paths(fdt, paths, DEVICE_MAX_SUGGEST);

	for (int i = 0; i < count; i++) {
		const char *slash = strrchr(paths[i], '/');
		names[i] = d->ref[0] == '/' ? paths[i] : slash + 1;   /* the root: "" */
	}
	const char *hint = suggest_word(d->ref, names, (size_t)count);
	diag_error(&d->pos, "device-not-found",
		   "no device '%s' in the board tree (give a node path, label or alias)%s%s%s",
		   d->ref, hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
}

bool device_is_runtime_node(const struct model_board *b, int node)
{
	for (int n = node; n >= 0; n = fdt_parent_offset(b->fdt, n))
		if (n == b->uart_node || n == b->gic_node)
			return true;
	return false;
}

bool device_resolve(const struct model_board *b, struct model_device *d)
{
	char path[256];
	int node = device_find_node(b->fdt, d->ref);

	if (node < 0 || fdt_get_path(b->fdt, node, path, sizeof(path))) {
		device_not_found(b->fdt, d);
		return false;
	}
	d->node = node;
	d->path = spec_strdup(path);
	d->reg_count = device_read_reg(b->fdt, node, d->reg, MODEL_MAX_REGS);
	d->irq_count = device_read_irqs(b->fdt, node, d->irq, MODEL_MAX_REGS);
	d->dma_capable = device_dma(b->fdt, node);
	if (d->reg_count < 1) {
		diag_error(&d->pos, "device-not-mmio",
			   "'%s' has no MMIO window (reg) the CPU can reach; it cannot be passed through",
			   path);
		return false;
	}
	if (d->irq_count < 0) {
		diag_error(&d->pos, "device-not-mmio",
			   "'%s' has interrupts not wired to the GIC; it cannot be passed through",
			   path);
		return false;
	}
	if (device_is_runtime_node(b, node)) {
		/* The GIC has more windows than a guest device may; say the
		 * real reason instead (checks_devices: device-owned-by-runtime). */
		d->reg_count = d->reg_count < MODEL_MAX_REGS ? d->reg_count : MODEL_MAX_REGS;
		d->irq_count = d->irq_count < MODEL_MAX_REGS ? d->irq_count : MODEL_MAX_REGS;
		return true;
	}
	if (d->reg_count > MODEL_MAX_REGS || d->irq_count > MODEL_MAX_REGS) {
		diag_error(&d->pos, "limits-exceeded", "'%s' has more than %d reg windows or interrupts",
			   path, MODEL_MAX_REGS);
		return false;
	}
	return device_clocks(b, d);
}

void device_free(struct model_device *d)
{
	free(d->ref);
	free(d->path);
	d->ref = d->path = NULL;
	for (int i = 0; i < d->clock_count; i++)
		free(d->clocks[i].name);
	d->clock_count = 0;
	board_clocks_free(d->rates, d->rate_count);
	d->rates = NULL;
	d->rate_count = 0;
}
