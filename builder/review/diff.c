/* SPDX-License-Identifier: MIT */
/*
 * The change list: system-level facts, guests added or removed, and for each
 * guest present in both, its RAM, CPUs and console (the rest is in
 * diff_guest.c). Everything is matched by name, so reordering is no change.
 */
#include "diff.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diff_add(struct diff *d, const char *guest, const char *kind, const char *action,
	      bool security, const char *item, const char *fmt, ...)
{
	va_list ap;
	char *detail;

	va_start(ap, fmt);
	if (vasprintf(&detail, fmt, ap) < 0)
		abort();
	va_end(ap);
	d->changes = sysview_grow(d->changes, d->count, sizeof(*d->changes));
	struct diff_change *c = &d->changes[d->count++];
	c->guest = guest ? sysview_strdup(guest) : NULL;
	c->kind = kind;
	c->action = action;
	c->item = sysview_strdup(item);
	c->detail = detail;
	c->security = security;
	d->security_count += security;
}

const char *diff_size(unsigned long long v, char buf[32])
{
	static const char units[] = "KMGT";
	int u = -1;

	while (v && (v & 1023) == 0 && u < 3) {
		v >>= 10;
		u++;
	}
	if (u < 0)
		snprintf(buf, 32, "0x%llx", v);
	else
		snprintf(buf, 32, "%llu%c", v, units[u]);
	return buf;
}

const char *diff_hash(const struct diff *d, const char *sha256, char buf[68])
{
	snprintf(buf, 68, d->full_hashes ? "%s" : "%.16s...", sha256);
	return buf;
}

static void diff_cpus(char *buf, size_t len, const struct sysview_guest *g)
{
	size_t used = (size_t)snprintf(buf, len, "[");
	for (int i = 0; i < g->cpu_count && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%d", i ? ", " : "", g->cpus[i]);
	if (used < len)
		snprintf(buf + used, len - used, "]");
}

static void diff_ram(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n)
{
	char a[32], b[32];

	if (n->ram_size != o->ram_size)
		diff_add(d, n->name, "ram", n->ram_size > o->ram_size ? "widened" : "narrowed",
			 n->ram_size > o->ram_size, "", "%s -> %s", diff_size(o->ram_size, a),
			 diff_size(n->ram_size, b));
	if (n->ram_pa != o->ram_pa && n->ram_ipa != o->ram_ipa)
		diff_add(d, n->name, "ram", "moved", false, "", "pa 0x%llx -> 0x%llx, ipa 0x%llx -> 0x%llx",
			 (unsigned long long)o->ram_pa, (unsigned long long)n->ram_pa,
			 (unsigned long long)o->ram_ipa, (unsigned long long)n->ram_ipa);
	else if (n->ram_pa != o->ram_pa)
		diff_add(d, n->name, "ram", "moved", false, "", "pa 0x%llx -> 0x%llx",
			 (unsigned long long)o->ram_pa, (unsigned long long)n->ram_pa);
	else if (n->ram_ipa != o->ram_ipa)
		diff_add(d, n->name, "ram", "moved", false, "", "ipa 0x%llx -> 0x%llx",
			 (unsigned long long)o->ram_ipa, (unsigned long long)n->ram_ipa);
}

static void diff_same_guest(struct diff *d, const struct sysview_guest *o,
			    const struct sysview_guest *n)
{
	char a[128], b[128];

	diff_ram(d, o, n);
	diff_cpus(a, sizeof(a), o);
	diff_cpus(b, sizeof(b), n);
	if (strcmp(a, b))
		diff_add(d, n->name, "cpus", "changed", false, "", "%s -> %s", a, b);
	if (o->vcpus != n->vcpus)
		diff_add(d, n->name, "vcpus", "changed", false, "", "%d -> %d", o->vcpus,
			 n->vcpus);
	/* gaining the board UART's input is a new way in: security-relevant */
	if (strcmp(o->console, n->console))
		diff_add(d, n->name, "console", "changed",
			 strstr(n->console, "input") && !strstr(o->console, "input"), "",
			 "%s -> %s", o->console, n->console);
	if (strcmp(o->on_fault, n->on_fault))
		diff_add(d, n->name, "on_fault", "changed", false, "", "%s -> %s",
			 o->on_fault, n->on_fault);
	diff_guest_parts(d, o, n);
}

static void diff_guest_added(struct diff *d, const struct sysview_guest *n)
{
	char a[32], b[128];

	diff_cpus(b, sizeof(b), n);
	diff_add(d, n->name, "guest", "added", true, "",
		 "added with RAM %s, CPUs %s, %d MMIO window(s), %d interrupt(s)",
		 diff_size(n->ram_size, a), b, n->mmio_count, n->irq_count);
}

void diff_compare(const struct sysview *old, const struct sysview *new, bool full_hashes,
		  struct diff *d)
{
	memset(d, 0, sizeof(*d));
	d->full_hashes = full_hashes;
	if (strcmp(old->name, new->name))
		diff_add(d, NULL, "name", "changed", false, "", "%s -> %s", old->name,
			 new->name);
	if (strcmp(old->board, new->board))
		diff_add(d, NULL, "board", "changed", false, "", "%s -> %s", old->board,
			 new->board);
	for (int i = 0; i < new->guest_count; i++) {
		const struct sysview_guest *n = &new->guests[i];
		const struct sysview_guest *o = sysview_guest(old, n->name);
		if (o)
			diff_same_guest(d, o, n);
		else
			diff_guest_added(d, n);
	}
	for (int i = 0; i < old->guest_count; i++)
		if (!sysview_guest(new, old->guests[i].name))
			diff_add(d, old->guests[i].name, "guest", "removed", false, "",
				 "removed");
	diff_channels(d, old, new);
	diff_networks(d, old, new);
	diff_disks(d, old, new);
	diff_schedule(d, old, new);
}

void diff_free(struct diff *d)
{
	for (int i = 0; i < d->count; i++) {
		free(d->changes[i].guest);
		free(d->changes[i].item);
		free(d->changes[i].detail);
	}
	free(d->changes);
	memset(d, 0, sizeof(*d));
}
