/* SPDX-License-Identifier: MIT */
/*
 * Clock rates a board descriptor (or a spec device entry) states, for
 * clocks the board tree only names: on SoCs such as the ZynqMP the rates
 * come from platform firmware at run time, which a guest does not reach.
 * board.yaml `clocks:` maps a node (path, alias or label) to rates: under a
 * clock provider, by specifier cells ("57", or "0 57"); under a device, by
 * its clock-names entry (or index); a provider with #clock-cells = 0 takes
 * the rate itself.
 */
#include "board.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "spec_value.h"

#define BOARD_CLOCKS_MAX_HZ 0xffffffffull   /* clock-frequency is one cell */

/* "0x39" or "0  57" -> "57" / "0 57": one decimal form to compare against. */
static bool board_clocks_specifier(const char *text, char *out, size_t size)
{
	size_t used = 0;
	int cells = 0;

	out[0] = '\0';
	for (const char *p = text; *p;) {
		char *end;
		if (*p == ' ') {
			p++;
			continue;
		}
		if (*p < '0' || *p > '9')
			return false;
		unsigned long long v = strtoull(p, &end, 0);
		if (end == p || (*end && *end != ' ') || v > 0xffffffffull ||
		    ++cells > MODEL_MAX_CELLS)
			return false;
		used += (size_t)snprintf(out + used, size - used, "%s%llu", used ? " " : "", v);
		p = end;
	}
	return cells > 0 && used < size;
}

static void board_clocks_add(struct model_rate **rates, int *count, const char *key,
			     uint64_t hz, const struct srcpos *pos)
{
	struct model_rate *r = realloc(*rates, (size_t)(*count + 1) * sizeof(**rates));

	if (!r)
		abort();
	*rates = r;
	r[*count] = (struct model_rate){ spec_strdup(key), hz, *pos };
	(*count)++;
}

int board_clocks_rates(const struct yamldoc_node *n, struct model_rate **rates, int *count)
{
	int before = *count;

	if (!spec_map(n, "a mapping of clock names (or specifiers) to rates in Hz"))
		return 0;
	for (int i = 0; i < n->count; i++) {
		const struct yamldoc_node *key = n->pairs[i].key;
		char spec[64];
		uint64_t hz;
		if (!spec_uint(n->pairs[i].value, BOARD_CLOCKS_MAX_HZ, &hz))
			continue;
		if (!hz) {
			diag_error(&n->pairs[i].value->pos, "bad-value", "a clock rate of 0 Hz");
			continue;
		}
		bool numeric = board_clocks_specifier(key->text, spec, sizeof(spec));
		board_clocks_add(rates, count, numeric ? spec : key->text, hz, &key->pos);
	}
	return *count - before;
}

static void board_clocks_node(struct model_board *b, const struct yamldoc_pair *p)
{
	int node = device_find_node(b->fdt, p->key->text);
	int before = b->clock_rate_count;
	uint64_t hz;

	if (node < 0) {
		diag_error(&p->key->pos, "board-invalid",
			   "clocks: no node '%s' in the board tree", p->key->text);
		return;
	}
	if (p->value->kind == YAMLDOC_SCALAR) {
		/* A provider with #clock-cells = 0: its one output. */
		if (spec_uint(p->value, BOARD_CLOCKS_MAX_HZ, &hz) && hz)
			board_clocks_add(&b->clock_rates, &b->clock_rate_count, "", hz,
					 &p->key->pos);
	} else {
		board_clocks_rates(p->value, &b->clock_rates, &b->clock_rate_count);
	}
	int *nodes = realloc(b->clock_nodes, (size_t)(b->clock_rate_count + 1) * sizeof(int));
	if (!nodes)
		abort();
	b->clock_nodes = nodes;
	for (int i = before; i < b->clock_rate_count; i++)
		nodes[i] = node;
}

void board_clocks(struct model_board *b, const struct yamldoc_node *n)
{
	if (!spec_map(n, "a mapping of board device-tree nodes to clock rates"))
		return;
	for (int i = 0; i < n->count; i++)
		board_clocks_node(b, &n->pairs[i]);
}

void board_clocks_free(struct model_rate *rates, int count)
{
	for (int i = 0; i < count; i++)
		free(rates[i].key);
	free(rates);
}
