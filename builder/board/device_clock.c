/* SPDX-License-Identifier: MIT */
/*
 * Clocks of a passthrough device. Its driver reads the rate of every entry
 * of `clocks` (clock bindings: phandle + #clock-cells specifier cells) and
 * refuses to probe without it, but on many SoCs the provider is a firmware
 * or CCM node the guest does not get. Each entry is therefore resolved to a
 * rate (the spec's device entry, board.yaml under the device, board.yaml
 * under the provider by specifier) or to a board fixed-clock copied as is;
 * the guest tree then gets fixed clocks with those rates.
 */
#include "device.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "spec_value.h"

static const struct model_rate *device_clock_find(const struct model_rate *r, int n,
						  const int *nodes, int node, const char *key)
{
	for (int i = 0; key && i < n; i++)
		if ((!nodes || nodes[i] == node) && !strcmp(r[i].key, key))
			return &r[i];
	return NULL;
}

/* The specifier as board.yaml writes it: decimal cells, one space apart. */
static void device_clock_spec(const struct model_clock *c, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < c->cell_count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%u", i ? " " : "", c->cells[i]);
}

static bool device_clock_fixed(const void *fdt, const struct model_clock *c)
{
	return c->cell_count == 0 && !fdt_node_check_compatible(fdt, c->provider, "fixed-clock");
}

static bool device_clock_rate(const struct model_board *b, const struct model_device *d,
			      struct model_clock *c, int index)
{
	char idx[16], spec[64];
	const struct model_rate *r;

	snprintf(idx, sizeof(idx), "%d", index);
	device_clock_spec(c, spec, sizeof(spec));
	if (!(r = device_clock_find(d->rates, d->rate_count, NULL, 0, c->name)) &&
	    !(r = device_clock_find(d->rates, d->rate_count, NULL, 0, idx)) &&
	    !(r = device_clock_find(b->clock_rates, b->clock_rate_count, b->clock_nodes,
				    d->node, c->name)) &&
	    !(r = device_clock_find(b->clock_rates, b->clock_rate_count, b->clock_nodes,
				    d->node, idx)))
		r = device_clock_find(b->clock_rates, b->clock_rate_count, b->clock_nodes,
				      c->provider, spec);
	if (r) {
		c->hz = r->hz;
		c->from = &r->pos;
		return true;
	}
	return device_clock_fixed(b->fdt, c);
}

static void device_clock_unknown(const struct model_board *b, const struct model_device *d,
				 const struct model_clock *c, int index)
{
	char provider[128] = "?", spec[64];

	fdt_get_path(b->fdt, c->provider, provider, sizeof(provider));
	device_clock_spec(c, spec, sizeof(spec));
	diag_error(&d->pos, "clock-rate-unknown",
		   "%s: clocks entry %d (%s%s%s) comes from %s%s%s and no rate is stated; its "
		   "driver cannot probe without one: give the board descriptor clocks: {%s: "
		   "{\"%s\": HZ}} or this device entry clocks: {%s: HZ}",
		   d->path, index, c->name ? "'" : "no clock-name", c->name ? c->name : "",
		   c->name ? "'" : "", provider, *spec ? " specifier " : "", spec, provider,
		   *spec ? spec : "", c->name ? c->name : "0");
}

/* One clocks entry starting at cell *at; false when the property is malformed. */
static bool device_clock_entry(const void *fdt, const fdt32_t *p, int n, int *at,
			       struct model_clock *c)
{
	int len;
	c->provider = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[*at]));
	const fdt32_t *cc = c->provider >= 0 ? fdt_getprop(fdt, c->provider, "#clock-cells", &len)
					     : NULL;

	if (!cc || len != 4)
		return false;
	c->cell_count = (int)fdt32_to_cpu(*cc);
	if (c->cell_count > MODEL_MAX_CELLS || *at + 1 + c->cell_count > n)
		return false;
	for (int k = 0; k < c->cell_count; k++)
		c->cells[k] = fdt32_to_cpu(p[*at + 1 + k]);
	*at += 1 + c->cell_count;
	return true;
}

/* A rate the spec entry states for a clock the device does not have: a typo. */
static bool device_clock_unused(const struct model_device *d)
{
	bool ok = true;

	for (int r = 0; r < d->rate_count; r++) {
		bool used = false;
		for (int i = 0; i < d->clock_count; i++)
			used |= d->clocks[i].from == &d->rates[r].pos;
		if (!used)
			diag_error(&d->rates[r].pos, "bad-value",
				   "%s has no clock '%s' (clocks are named by clock-names or index)",
				   d->path, d->rates[r].key);
		ok &= used;
	}
	return ok;
}

bool device_clocks(const struct model_board *b, struct model_device *d)
{
	int len;
	bool ok = true;
	const fdt32_t *p = fdt_getprop(b->fdt, d->node, "clocks", &len);
	int n = p ? len / 4 : 0;

	for (int at = 0; at < n; d->clock_count++) {
		struct model_clock *c = &d->clocks[d->clock_count];
		if (d->clock_count == MODEL_MAX_CLOCKS || !device_clock_entry(b->fdt, p, n, &at, c)) {
			diag_error(&d->pos, "clock-rate-unknown",
				   "%s: its clocks property is malformed or has more than %d "
				   "entries", d->path, MODEL_MAX_CLOCKS);
			return false;
		}
		const char *name = fdt_stringlist_get(b->fdt, d->node, "clock-names",
						      d->clock_count, NULL);
		c->name = name ? spec_strdup(name) : NULL;
		if (!device_clock_rate(b, d, c, d->clock_count)) {
			device_clock_unknown(b, d, c, d->clock_count);
			ok = false;
		}
	}
	return device_clock_unused(d) && ok;
}
