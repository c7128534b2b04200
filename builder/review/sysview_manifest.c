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

#include "pipeline.h"
#include "jsonio.h"
#include "paths.h"

static void sysview_m_caps(const json_t *caps, struct sysview_guest *g)
{
	for (size_t i = 0; i < json_array_size(caps); i++) {
		const json_t *c = json_array_get(caps, i);
		const char *kind = jsonio_str(c, "kind");
		if (!strcmp(kind, "mmio")) {
			struct sysview_mmio m = { .pa = jsonio_u64(c, "pa"), .size = jsonio_u64(c, "size"),
						  .ipa = jsonio_u64(c, "ipa"),
						  .trapped = jsonio_u64(c, "flags") & LAYOUT_CAPF_TRAPPED };
			snprintf(m.rights, sizeof(m.rights), "%s", jsonio_str(c, "rights"));
			sysview_add_mmio(g, &m, NULL);
		} else if (!strcmp(kind, "irq")) {
			sysview_add_irq(g, (uint32_t)jsonio_u64(c, "phys_irq"),
					(uint32_t)jsonio_u64(c, "virt_irq"), "");
		}
	}
}

/* The manifest's console is "pl011" or "none"; a virtio console (hvc0) shows
 * as a virtio cap of device type LAYOUT_VIRTIO_CONSOLE instead. */
static const char *sysview_m_console(const json_t *j)
{
	const json_t *caps = json_object_get(j, "caps");

	if (jsonio_bool(j, "console_input"))
		return "pl011 input";
	for (size_t i = 0; i < json_array_size(caps); i++)
		if (!strcmp(jsonio_str(json_array_get(caps, i), "kind"), "virtio") &&
		    jsonio_u64(json_array_get(caps, i), "object") == LAYOUT_VIRTIO_CONSOLE)
			return "virtio";
	return jsonio_str(j, "console");
}

/* vsock: true shows as a virtio cap of device type LAYOUT_VIRTIO_VSOCK. */
static bool sysview_m_vsock(const json_t *caps)
{
	for (size_t i = 0; i < json_array_size(caps); i++)
		if (!strcmp(jsonio_str(json_array_get(caps, i), "kind"), "virtio") &&
		    jsonio_u64(json_array_get(caps, i), "object") == LAYOUT_VIRTIO_VSOCK)
			return true;
	return false;
}

static void sysview_m_guest(const json_t *j, struct sysview_guest *g)
{
	const json_t *cpus = json_object_get(j, "cpus");
	const json_t *pl = json_object_get(j, "payloads");

	g->name = sysview_strdup(jsonio_str(j, "name"));
	g->ram_pa = jsonio_u64(j, "ram_pa");
	g->ram_ipa = jsonio_u64(j, "ram_ipa");
	g->ram_size = jsonio_u64(j, "ram_size");
	g->vcpus = (int)jsonio_u64(j, "vcpus");
	for (size_t i = 0; i < json_array_size(cpus) && i < LAYOUT_MAX_CPUS; i++)
		g->cpus[g->cpu_count++] = (int)json_integer_value(json_array_get(cpus, i));
	g->console = sysview_strdup(sysview_m_console(j));
	g->on_fault = sysview_strdup(jsonio_str(j, "on_fault"));
	g->vsock = sysview_m_vsock(json_object_get(j, "caps"));
	const json_t *dma = json_object_get(j, "dma_unprotected");
	for (size_t i = 0; i < json_array_size(dma) && g->dma_count < SYSVIEW_MAX_DMA; i++)
		g->dma_pa[g->dma_count++] = jsonio_u64(json_array_get(dma, i), "pa");
	sysview_m_caps(json_object_get(j, "caps"), g);
	for (size_t i = 0; i < json_array_size(pl); i++) {
		const json_t *p = json_array_get(pl, i);
		sysview_add_payload(g, jsonio_str(p, "kind"), jsonio_str(p, "source"),
				    jsonio_str(p, "sha256"), jsonio_u64(p, "file_size"),
				    jsonio_u64(p, "ipa"));
	}
}

static void sysview_m_channel(const json_t *j, struct sysview_channel *c)
{
	const json_t *ends = json_object_get(j, "ends");

	c->name = sysview_strdup(jsonio_str(j, "name"));
	c->size = jsonio_u64(j, "size");
	for (int e = 0; e < 2; e++) {
		const json_t *end = json_array_get(ends, (size_t)e);
		c->end[e].guest = sysview_strdup(jsonio_str(end, "guest"));
		snprintf(c->end[e].rights, sizeof(c->end[e].rights), "%s", jsonio_str(end, "rights"));
		c->end[e].notify = jsonio_bool(end, "notify");
	}
}

/* "networks" and "disks" are absent from manifests of systems without them. */
static void sysview_m_virtio(const json_t *root, struct sysview *v)
{
	const json_t *nets = json_object_get(root, "networks");
	const json_t *disks = json_object_get(root, "disks");

	for (size_t n = 0; n < json_array_size(nets); n++) {
		const json_t *net = json_array_get(nets, n);
		const json_t *members = json_object_get(net, "guests");
		sysview_add_network(v, jsonio_str(net, "name"));
		for (size_t i = 0; i < json_array_size(members); i++) {
			const char *g = json_string_value(json_array_get(members, i));
			sysview_add_member(&v->networks[n], g ? g : "");
		}
	}
	for (size_t d = 0; d < json_array_size(disks); d++) {
		const json_t *disk = json_array_get(disks, d);
		sysview_add_disk(v, jsonio_str(disk, "name"), jsonio_str(disk, "guest"),
				 jsonio_bool(disk, "readonly"));
	}
}

/* "schedule" is absent from manifests of systems without plans. */
static void sysview_m_schedule(const json_t *root, struct sysview *v)
{
	const json_t *plans = json_object_get(root, "schedule");

	for (size_t i = 0; i < json_array_size(plans); i++) {
		const json_t *pj = json_array_get(plans, i);
		const json_t *wins = json_object_get(pj, "windows");
		struct sysview_plan *p = sysview_add_plan(v, (int)(jsonio_u64(pj, "cpu") & 0xffff),
							  jsonio_u64(pj, "period_ns"));
		for (size_t k = 0; k < json_array_size(wins); k++) {
			const json_t *w = json_array_get(wins, k);
			bool idle = jsonio_bool(w, "idle");
			sysview_add_window(p, idle ? NULL : jsonio_str(w, "guest"),
					   (int)(jsonio_u64(w, "vcpu") & 0xffff),
					   jsonio_u64(w, "length_ns"));
		}
	}
}

int sysview_from_json(const json_t *root, struct sysview *v)
{
	const json_t *guests = json_object_get(root, "guests");
	const json_t *chans = json_object_get(root, "channels");

	if (!json_is_array(guests) || !json_is_array(chans) || !*jsonio_str(root, "name"))
		return CMD_USER;
	v->name = sysview_strdup(jsonio_str(root, "name"));
	v->board = sysview_strdup(jsonio_str(json_object_get(root, "board"), "name"));
	v->guests = calloc(json_array_size(guests) + 1, sizeof(*v->guests));
	v->channels = calloc(json_array_size(chans) + 1, sizeof(*v->channels));
	if (!v->guests || !v->channels)
		abort();
	for (; (size_t)v->guest_count < json_array_size(guests); v->guest_count++)
		sysview_m_guest(json_array_get(guests, (size_t)v->guest_count),
				&v->guests[v->guest_count]);
	for (; (size_t)v->channel_count < json_array_size(chans); v->channel_count++)
		sysview_m_channel(json_array_get(chans, (size_t)v->channel_count),
				  &v->channels[v->channel_count]);
	sysview_m_virtio(root, v);
	sysview_m_schedule(root, v);
	return CMD_OK;
}

int sysview_from_manifest(const char *dir, struct sysview *v)
{
	char *path = paths_join(dir, "manifest.json");
	char why[200];
	json_t *root = jsonio_load(path, why, sizeof(why));
	int rc = CMD_USER;

	if (!root)
		diag_fatal("%s: %s", path, why);
	else if ((rc = sysview_from_json(root, v)) != CMD_OK)
		diag_fatal("%s: not a partita manifest (no name, guests or channels)", path);
	json_decref(root);
	free(path);
	return rc;
}
