/* SPDX-License-Identifier: MIT */
/*
 * DOT writer. Node ids are prefixed by kind ("guest:", "cpu:", "dev:",
 * "chan:", "net:", "disk:") so a guest and a channel may share a name.
 * A time-shared CPU shows its plan's period, and a guest's edge to it the
 * guest's time per period. Channel edges point the way data can flow:
 * guest -> channel when the end may write, channel -> guest when it may
 * read. Doorbells are dashed guest -> guest edges (dir=both when each end
 * may ring the other). Networks and RAM disks are nodes with an edge from
 * each guest that uses them.
 */
#include "graph.h"

#include <stdbool.h>
#include <string.h>

#include "diff.h"
#include "spec_value.h"

/* A DOT double-quoted string: only '"' and '\' need escaping. */
static void graph_str(FILE *f, const char *prefix, const char *s)
{
	fputc('"', f);
	fputs(prefix, f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void graph_cpus(FILE *f, const struct sysview *v)
{
	bool used[LAYOUT_MAX_CPUS] = { false };

	for (int g = 0; g < v->guest_count; g++)
		for (int i = 0; i < v->guests[g].cpu_count; i++)
			if (v->guests[g].cpus[i] >= 0 && v->guests[g].cpus[i] < LAYOUT_MAX_CPUS)
				used[v->guests[g].cpus[i]] = true;
	fprintf(f, "  subgraph cluster_cpus {\n    label=\"physical CPUs\"; style=dashed;\n");
	for (int c = 0; c < LAYOUT_MAX_CPUS; c++) {
		const struct sysview_plan *p = sysview_plan(v, c);
		char t[SPEC_TIME_TEXT];
		if (used[c] && p)
			fprintf(f, "    \"cpu:%d\" [label=\"CPU %d\\nplan %s\", shape=circle];\n", c,
				c, spec_time_text(p->period_ns, t, sizeof(t)));
		else if (used[c])
			fprintf(f, "    \"cpu:%d\" [label=\"CPU %d\", shape=circle];\n", c, c);
	}
	fprintf(f, "  }\n");
}

static void graph_guest(FILE *f, const struct sysview *v, const struct sysview_guest *g)
{
	char s[32], t[SPEC_TIME_TEXT];
	uint64_t total, longest;

	fprintf(f, "  ");
	graph_str(f, "guest:", g->name);
	fprintf(f, " [shape=box, style=\"rounded,filled\", fillcolor=\"#e3ecf7\", "
		"label=\"%s\\n%s RAM, pa 0x%llx\\n%d vCPU%s, console %s\"];\n", g->name,
		diff_size(g->ram_size, s), (unsigned long long)g->ram_pa, g->vcpus,
		g->vcpus == 1 ? "" : "s", g->console);
	for (int i = 0; i < g->cpu_count; i++) {
		fprintf(f, "  ");
		graph_str(f, "guest:", g->name);
		fprintf(f, " -> \"cpu:%d\" [label=\"vCPU %d", g->cpus[i], i);
		/* on a shared CPU, the guest's time per period */
		sysview_plan_share(sysview_plan(v, g->cpus[i]), g->name, &total, &longest);
		if (total)
			fprintf(f, "\\n%s", spec_time_text(total, t, sizeof(t)));
		fprintf(f, "\", style=dotted];\n");
	}
}

static bool graph_seen_label(const struct sysview_guest *g, int upto, const char *label)
{
	for (int i = 0; i < upto; i++)
		if (!strcmp(g->mmio[i].label, label))
			return true;
	return false;
}

/* One node per device: its MMIO windows and the interrupts with its label. */
static void graph_devices(FILE *f, const struct sysview_guest *g)
{
	char s[32];

	for (int i = 0; i < g->mmio_count; i++) {
		const char *label = g->mmio[i].label;
		if (graph_seen_label(g, i, label))
			continue;
		fprintf(f, "  ");
		graph_str(f, "dev:", label);
		fprintf(f, " [shape=component, label=\"%s", label);
		for (int j = i; j < g->mmio_count; j++)
			if (!strcmp(g->mmio[j].label, label))
				fprintf(f, "\\nmmio 0x%llx+%s%s", (unsigned long long)g->mmio[j].pa,
					diff_size(g->mmio[j].size, s),
					g->mmio[j].trapped ? " (trapped)" : "");
		for (int j = 0; j < g->irq_count; j++)
			if (!strcmp(g->irq[j].label, label))
				fprintf(f, "\\nintid %u -> virq %u", g->irq[j].phys, g->irq[j].virt);
		fprintf(f, "\"];\n  ");
		graph_str(f, "guest:", g->name);
		fprintf(f, " -> ");
		graph_str(f, "dev:", label);
		fprintf(f, " [label=\"%s\"];\n", g->mmio[i].rights);
	}
}

/* Doorbells: one dashed edge per direction a notify goes; both ways in one. */
static void graph_doorbells(FILE *f, const struct sysview_channel *c)
{
	bool a = c->end[0].notify, b = c->end[1].notify;

	if (!a && !b)
		return;
	fprintf(f, "  ");
	graph_str(f, "guest:", c->end[a ? 0 : 1].guest);
	fprintf(f, " -> ");
	graph_str(f, "guest:", c->end[a ? 1 : 0].guest);
	fprintf(f, " [style=dashed, color=\"#b05a00\", label=\"notify (%s)\", dir=%s, "
		"constraint=false];\n", c->name, a && b ? "both" : "forward");
}

static void graph_channel(FILE *f, const struct sysview_channel *c)
{
	char s[32];

	fprintf(f, "  ");
	graph_str(f, "chan:", c->name);
	fprintf(f, " [shape=cylinder, style=filled, fillcolor=\"#f7efdc\", label=\"%s\\n%s\"];\n",
		c->name, diff_size(c->size, s));
	for (int e = 0; e < 2; e++) {
		const struct sysview_end *end = &c->end[e];
		bool r = strchr(end->rights, 'r'), w = strchr(end->rights, 'w');
		fprintf(f, "  ");
		graph_str(f, "guest:", end->guest);
		fprintf(f, " -> ");
		graph_str(f, "chan:", c->name);
		fprintf(f, " [label=\"%s\", dir=%s];\n", end->rights,
			r && w ? "both" : w ? "forward" : r ? "back" : "none");
	}
	graph_doorbells(f, c);
}

/* A network is a switch node with an edge from each member (virtio-net). */
static void graph_network(FILE *f, const struct sysview_network *n)
{
	fprintf(f, "  ");
	graph_str(f, "net:", n->name);
	fprintf(f, " [shape=hexagon, style=filled, fillcolor=\"#e4f2e0\", label=\"%s\\nnetwork\"];\n",
		n->name);
	for (int i = 0; i < n->guest_count; i++) {
		fprintf(f, "  ");
		graph_str(f, "guest:", n->guests[i]);
		fprintf(f, " -> ");
		graph_str(f, "net:", n->name);
		fprintf(f, " [label=\"virtio-net\", dir=both];\n");
	}
}

static void graph_disk(FILE *f, const struct sysview_disk *d)
{
	fprintf(f, "  ");
	graph_str(f, "disk:", d->name);
	fprintf(f, " [shape=folder, label=\"%s\\nRAM disk\"];\n  ", d->name);
	graph_str(f, "guest:", d->guest);
	fprintf(f, " -> ");
	graph_str(f, "disk:", d->name);
	fprintf(f, " [label=\"%s\", dir=%s];\n", d->readonly ? "r--" : "rw-",
		d->readonly ? "back" : "both");
}

void graph_dot(FILE *f, const struct sysview *v)
{
	fprintf(f, "// partita graph of '%s' (board %s)\ndigraph ", v->name, v->board);
	graph_str(f, "", v->name);
	fprintf(f, " {\n  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, "
		"label=\"%s on %s\"];\n", v->name, v->board);
	fprintf(f, "  node [fontname=\"Helvetica\", fontsize=10];\n"
		"  edge [fontname=\"Helvetica\", fontsize=9];\n");
	graph_cpus(f, v);
	for (int g = 0; g < v->guest_count; g++) {
		graph_guest(f, v, &v->guests[g]);
		graph_devices(f, &v->guests[g]);
	}
	for (int c = 0; c < v->channel_count; c++)
		graph_channel(f, &v->channels[c]);
	for (int n = 0; n < v->network_count; n++)
		graph_network(f, &v->networks[n]);
	for (int d = 0; d < v->disk_count; d++)
		graph_disk(f, &v->disks[d]);
	fprintf(f, "}\n");
}
