/* SPDX-License-Identifier: MIT */
/*
 * System view from a build folder's manifest.json (schema/manifest.md). The
 * manifest does not name devices, so MMIO windows are labelled by address;
 * diff matches windows by physical address, which identifies the device on
 * a given board, so a spec and a build folder still compare.
 */
#include "sysview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json.h"
#include "paths.h"

static char *sysview_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		buf = realloc(buf, cap + 65536);
		if (!buf)
			abort();
		size_t got = fread(buf + *len, 1, 65536, f);
		*len += got;
		cap += 65536;
		if (got < 65536)
			break;
	}
	fclose(f);
	return buf;
}

static void sysview_m_caps(const struct json *caps, struct sysview_guest *g)
{
	for (int i = 0; caps && caps->kind == JSON_ARRAY && i < caps->count; i++) {
		const struct json *c = caps->items[i];
		const char *kind = json_str(c, "kind");
		if (!strcmp(kind, "mmio")) {
			struct sysview_mmio m = { .pa = json_u64(c, "pa"), .size = json_u64(c, "size"),
						  .ipa = json_u64(c, "ipa"),
						  .trapped = json_u64(c, "flags") & LAYOUT_CAPF_TRAPPED };
			snprintf(m.rights, sizeof(m.rights), "%s", json_str(c, "rights"));
			sysview_add_mmio(g, &m, NULL);
		} else if (!strcmp(kind, "irq")) {
			sysview_add_irq(g, (uint32_t)json_u64(c, "phys_irq"),
					(uint32_t)json_u64(c, "virt_irq"), "");
		}
	}
}

/* The manifest's console is "pl011" or "none"; a virtio console (hvc0) shows
 * as a virtio cap of device type LAYOUT_VIRTIO_CONSOLE instead. */
static const char *sysview_m_console(const struct json *j)
{
	const struct json *input = json_get(j, "console_input");
	const struct json *caps = json_get(j, "caps");

	if (input && input->kind == JSON_BOOL && input->b)
		return "pl011 input";
	for (int i = 0; caps && caps->kind == JSON_ARRAY && i < caps->count; i++)
		if (!strcmp(json_str(caps->items[i], "kind"), "virtio") &&
		    json_u64(caps->items[i], "object") == LAYOUT_VIRTIO_CONSOLE)
			return "virtio";
	return json_str(j, "console");
}

/* vsock: true shows as a virtio cap of device type LAYOUT_VIRTIO_VSOCK. */
static bool sysview_m_vsock(const struct json *caps)
{
	for (int i = 0; caps && caps->kind == JSON_ARRAY && i < caps->count; i++)
		if (!strcmp(json_str(caps->items[i], "kind"), "virtio") &&
		    json_u64(caps->items[i], "object") == LAYOUT_VIRTIO_VSOCK)
			return true;
	return false;
}

static void sysview_m_guest(const struct json *j, struct sysview_guest *g)
{
	const struct json *cpus = json_get(j, "cpus");
	const struct json *pl = json_get(j, "payloads");

	g->name = sysview_strdup(json_str(j, "name"));
	g->ram_pa = json_u64(j, "ram_pa");
	g->ram_ipa = json_u64(j, "ram_ipa");
	g->ram_size = json_u64(j, "ram_size");
	g->vcpus = (int)json_u64(j, "vcpus");
	for (int i = 0; cpus && i < cpus->count && i < LAYOUT_MAX_CPUS; i++)
		g->cpus[g->cpu_count++] = (int)cpus->items[i]->num;
	g->console = sysview_strdup(sysview_m_console(j));
	g->on_fault = sysview_strdup(json_str(j, "on_fault"));
	g->vsock = sysview_m_vsock(json_get(j, "caps"));
	const struct json *dma = json_get(j, "dma_unprotected");
	for (int i = 0; dma && dma->kind == JSON_ARRAY && i < dma->count &&
	     g->dma_count < SYSVIEW_MAX_DMA; i++)
		g->dma_pa[g->dma_count++] = json_u64(dma->items[i], "pa");
	sysview_m_caps(json_get(j, "caps"), g);
	for (int i = 0; pl && pl->kind == JSON_ARRAY && i < pl->count; i++)
		sysview_add_payload(g, json_str(pl->items[i], "kind"), json_str(pl->items[i], "source"),
				    json_str(pl->items[i], "sha256"),
				    json_u64(pl->items[i], "file_size"), json_u64(pl->items[i], "ipa"));
}

static void sysview_m_channel(const struct json *j, struct sysview_channel *c)
{
	const struct json *ends = json_get(j, "ends");

	c->name = sysview_strdup(json_str(j, "name"));
	c->size = json_u64(j, "size");
	for (int e = 0; e < 2; e++) {
		const struct json *end = ends && e < ends->count ? ends->items[e] : NULL;
		const struct json *notify = json_get(end, "notify");
		c->end[e].guest = sysview_strdup(json_str(end, "guest"));
		snprintf(c->end[e].rights, sizeof(c->end[e].rights), "%s", json_str(end, "rights"));
		c->end[e].notify = notify && notify->kind == JSON_BOOL && notify->b;
	}
}

/* "networks" and "disks" are absent from manifests of systems without them. */
static void sysview_m_virtio(const struct json *root, struct sysview *v)
{
	const struct json *nets = json_get(root, "networks");
	const struct json *disks = json_get(root, "disks");

	for (int n = 0; nets && nets->kind == JSON_ARRAY && n < nets->count; n++) {
		const struct json *members = json_get(nets->items[n], "guests");
		sysview_add_network(v, json_str(nets->items[n], "name"));
		for (int i = 0; members && members->kind == JSON_ARRAY && i < members->count; i++)
			sysview_add_member(&v->networks[n], members->items[i]->kind == JSON_STRING ?
					   members->items[i]->str : "");
	}
	for (int d = 0; disks && disks->kind == JSON_ARRAY && d < disks->count; d++) {
		const struct json *ro = json_get(disks->items[d], "readonly");
		sysview_add_disk(v, json_str(disks->items[d], "name"),
				 json_str(disks->items[d], "guest"),
				 ro && ro->kind == JSON_BOOL && ro->b);
	}
}

static int sysview_m_fill(const struct json *root, struct sysview *v)
{
	const struct json *guests = json_get(root, "guests");
	const struct json *chans = json_get(root, "channels");

	if (!guests || guests->kind != JSON_ARRAY || !chans || chans->kind != JSON_ARRAY ||
	    !*json_str(root, "name"))
		return CMD_USER;
	v->name = sysview_strdup(json_str(root, "name"));
	v->board = sysview_strdup(json_str(json_get(root, "board"), "name"));
	v->guests = calloc((size_t)guests->count + 1, sizeof(*v->guests));
	v->channels = calloc((size_t)chans->count + 1, sizeof(*v->channels));
	if (!v->guests || !v->channels)
		abort();
	for (; v->guest_count < guests->count; v->guest_count++)
		sysview_m_guest(guests->items[v->guest_count], &v->guests[v->guest_count]);
	for (; v->channel_count < chans->count; v->channel_count++)
		sysview_m_channel(chans->items[v->channel_count], &v->channels[v->channel_count]);
	sysview_m_virtio(root, v);
	return CMD_OK;
}

int sysview_from_manifest(const char *dir, struct sysview *v)
{
	char *path = paths_join(dir, "manifest.json");
	size_t len, err_at = 0;
	char *text = sysview_read_file(path, &len);
	int rc = CMD_USER;

	if (!text) {
		diag_fatal("cannot read '%s': %s", path, strerror(errno));
	} else {
		struct json *root = json_parse(text, len, &err_at);
		if (!root)
			diag_fatal("%s: not valid JSON (at byte %zu)", path, err_at);
		else if ((rc = sysview_m_fill(root, v)) != CMD_OK)
			diag_fatal("%s: not a partita manifest (no name, guests or channels)", path);
		json_free(root);
	}
	free(text);
	free(path);
	return rc;
}
