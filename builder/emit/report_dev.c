/* SPDX-License-Identifier: MIT */
/*
 * layout.txt, the passthrough devices of a guest: what the guest tree says
 * for each one that the board tree did not (clock rates and where they were
 * stated), the board properties left out (and the node each named), and
 * whether the device masters DMA unconfined, with why RAM is identity
 * mapped. Reviewers see here what the driver will and will not find.
 */
#include "report.h"

#include <libfdt.h>
#include <string.h>

#include "guest_dt.h"

#define X(v) ((unsigned long long)(v))

static const char *report_dev_source(const struct model *m, const struct model_clock *c)
{
	if (!c->from)
		return "board fixed-clock";
	return c->from->file == m->board.file_pos.file ? "board.yaml" : "spec";
}

static void report_dev_clocks(FILE *f, const struct model *m, const struct model_device *d)
{
	char provider[128];

	for (int i = 0; i < d->clock_count; i++) {
		const struct model_clock *c = &d->clocks[i];
		if (fdt_get_path(m->board.fdt, c->provider, provider, sizeof(provider)))
			strcpy(provider, "?");
		fprintf(f, "      clock    %d %s ", i, c->name ? c->name : "-");
		if (c->hz)
			fprintf(f, "%llu Hz", X(c->hz));
		else
			fprintf(f, "copied");
		fprintf(f, " (%s: %s", report_dev_source(m, c), provider);
		for (int k = 0; k < c->cell_count; k++)
			fprintf(f, " %u", c->cells[k]);
		fprintf(f, ")\n");
	}
}

/* Dropped properties, each with the node its first phandle names. The
 * interrupt properties are rewritten for the virtual GIC, not lost. */
static void report_dev_dropped(FILE *f, const void *fdt, const struct model_device *d)
{
	int prop, child;
	char target[128];

	fdt_for_each_property_offset(prop, fdt, d->node) {
		const char *name;
		int len;
		const fdt32_t *val = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!guest_dt_is_dropped(name) || !strcmp(name, "phandle") ||
		    !strncmp(name, "interrupt", 9))
			continue;
		int node = len >= 4 ? fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*val)) : -1;
		if (node < 0 || fdt_get_path(fdt, node, target, sizeof(target)))
			fprintf(f, "      dropped  %s\n", name);
		else
			fprintf(f, "      dropped  %s -> %s\n", name, target);
	}
	fdt_for_each_subnode(child, fdt, d->node)
		fprintf(f, "      dropped  child node %s\n", fdt_get_name(fdt, child, NULL));
}

void report_devices(FILE *f, const struct alloc *a, int gi)
{
	const struct model *m = a->m;
	const struct model_guest *mg = &m->guests[gi];

	if (!mg->device_count || !m->board.fdt)
		return;
	fprintf(f, "  devices\n");
	for (int i = 0; i < mg->device_count; i++) {
		const struct model_device *d = &mg->devices[i];
		fprintf(f, "    %s\n", d->path);
		const char *status = fdt_getprop(m->board.fdt, d->node, "status", NULL);
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			fprintf(f, "      status   \"%s\" in the board tree, copied: its driver will "
				"not probe it\n", status);
		report_dev_clocks(f, m, d);
		report_dev_dropped(f, m->board.fdt, d);
		if (d->dma_capable)
			fprintf(f, "      dma      %s (no SMMU: it reaches all memory; RAM is "
				"identity-mapped, so the addresses its driver programs are physical)\n",
				d->dma_unprotected ? "unprotected" : "undeclared");
	}
}
