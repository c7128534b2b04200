/* SPDX-License-Identifier: MIT */
/*
 * Loading and freeing system views; name lookups shared by diff and graph.
 * A path that is a directory is a build folder, anything else a spec.
 */
#include "sysview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pipeline.h"

char *sysview_strdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

/* Room for one more element (arrays grow by one; views are small). */
void *sysview_grow(void *array, int count, size_t elem)
{
	char *p = realloc(array, elem * (size_t)(count + 1));

	if (!p)
		abort();
	memset(p + elem * (size_t)count, 0, elem);
	return p;
}

int sysview_load(const char *path, struct sysview *v)
{
	struct stat st;

	memset(v, 0, sizeof(*v));
	v->source = path;
	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		v->from_manifest = true;
		return sysview_from_manifest(path, v);
	}
	struct cmd_system s;
	struct cmd_options o = { .spec = path };
	int rc = cmd_prepare(&s, &o);
	if (!rc)
		sysview_from_system(&s, v);
	cmd_system_free(&s);
	return rc;
}

static void sysview_guest_free(struct sysview_guest *g)
{
	for (int i = 0; i < g->mmio_count; i++)
		free(g->mmio[i].label);
	for (int i = 0; i < g->irq_count; i++)
		free(g->irq[i].label);
	for (int i = 0; i < g->payload_count; i++) {
		free(g->payloads[i].key);
		free(g->payloads[i].source);
	}
	free(g->mmio);
	free(g->irq);
	free(g->payloads);
	free(g->name);
	free(g->console);
	free(g->on_fault);
}

void sysview_free(struct sysview *v)
{
	for (int i = 0; i < v->guest_count; i++)
		sysview_guest_free(&v->guests[i]);
	for (int i = 0; i < v->channel_count; i++) {
		free(v->channels[i].name);
		free(v->channels[i].end[0].guest);
		free(v->channels[i].end[1].guest);
	}
	for (int i = 0; i < v->network_count; i++) {
		for (int g = 0; g < v->networks[i].guest_count; g++)
			free(v->networks[i].guests[g]);
		free(v->networks[i].guests);
		free(v->networks[i].name);
	}
	for (int i = 0; i < v->disk_count; i++) {
		free(v->disks[i].name);
		free(v->disks[i].guest);
	}
	sysview_plans_free(v);
	free(v->networks);
	free(v->disks);
	free(v->guests);
	free(v->channels);
	free(v->name);
	free(v->board);
	memset(v, 0, sizeof(*v));
}

const struct sysview_guest *sysview_guest(const struct sysview *v, const char *name)
{
	for (int i = 0; i < v->guest_count; i++)
		if (!strcmp(v->guests[i].name, name))
			return &v->guests[i];
	return NULL;
}

const struct sysview_channel *sysview_channel(const struct sysview *v, const char *name)
{
	for (int i = 0; i < v->channel_count; i++)
		if (!strcmp(v->channels[i].name, name))
			return &v->channels[i];
	return NULL;
}

const struct sysview_end *sysview_end(const struct sysview_channel *c, const char *guest)
{
	for (int e = 0; c && e < 2; e++)
		if (!strcmp(c->end[e].guest, guest))
			return &c->end[e];
	return NULL;
}

void sysview_add_mmio(struct sysview_guest *g, const struct sysview_mmio *m, const char *label)
{
	char fallback[32];

	if (!label || !*label) {
		snprintf(fallback, sizeof(fallback), "mmio@0x%llx", (unsigned long long)m->pa);
		label = fallback;
	}
	g->mmio = sysview_grow(g->mmio, g->mmio_count, sizeof(*g->mmio));
	g->mmio[g->mmio_count] = *m;
	g->mmio[g->mmio_count++].label = sysview_strdup(label);
}

void sysview_add_irq(struct sysview_guest *g, uint32_t phys, uint32_t virt, const char *label)
{
	g->irq = sysview_grow(g->irq, g->irq_count, sizeof(*g->irq));
	g->irq[g->irq_count].phys = phys;
	g->irq[g->irq_count].virt = virt;
	g->irq[g->irq_count++].label = sysview_strdup(label);
}

void sysview_add_payload(struct sysview_guest *g, const char *kind, const char *source,
			 const char *sha256, uint64_t size, uint64_t ipa)
{
	char key[300];
	int same = 0;

	snprintf(key, sizeof(key), "%s", kind);
	size_t len = strlen(key);
	for (int i = 0; i < g->payload_count; i++)
		if (!strncmp(g->payloads[i].key, key, len) &&
		    (g->payloads[i].key[len] == '\0' || g->payloads[i].key[len] == '#'))
			same++;
	if (same)
		snprintf(key + len, sizeof(key) - len, "#%d", same + 1);
	g->payloads = sysview_grow(g->payloads, g->payload_count, sizeof(*g->payloads));
	struct sysview_payload *p = &g->payloads[g->payload_count++];
	p->key = sysview_strdup(key);
	p->source = sysview_strdup(source);
	snprintf(p->sha256, sizeof(p->sha256), "%s", sha256);
	p->size = size;
	p->ipa = ipa;
}

const struct sysview_network *sysview_network(const struct sysview *v, const char *name)
{
	for (int i = 0; i < v->network_count; i++)
		if (!strcmp(v->networks[i].name, name))
			return &v->networks[i];
	return NULL;
}

const struct sysview_disk *sysview_disk(const struct sysview *v, const char *name)
{
	for (int i = 0; i < v->disk_count; i++)
		if (!strcmp(v->disks[i].name, name))
			return &v->disks[i];
	return NULL;
}

bool sysview_network_has(const struct sysview_network *n, const char *guest)
{
	for (int i = 0; n && i < n->guest_count; i++)
		if (!strcmp(n->guests[i], guest))
			return true;
	return false;
}

void sysview_add_network(struct sysview *v, const char *name)
{
	v->networks = sysview_grow(v->networks, v->network_count, sizeof(*v->networks));
	v->networks[v->network_count++].name = sysview_strdup(name);
}

void sysview_add_member(struct sysview_network *n, const char *guest)
{
	n->guests = sysview_grow(n->guests, n->guest_count, sizeof(*n->guests));
	n->guests[n->guest_count++] = sysview_strdup(guest);
}

void sysview_add_disk(struct sysview *v, const char *name, const char *guest, bool readonly)
{
	v->disks = sysview_grow(v->disks, v->disk_count, sizeof(*v->disks));
	v->disks[v->disk_count].name = sysview_strdup(name);
	v->disks[v->disk_count].guest = sysview_strdup(guest);
	v->disks[v->disk_count++].readonly = readonly;
}
