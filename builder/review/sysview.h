/* SPDX-License-Identifier: MIT */
/*
 * The "system view": what a built system gives each guest (RAM, CPUs, MMIO
 * windows, interrupts, channel ends, payload hashes, time on shared CPUs),
 * keyed by names rather than indices so two systems can be compared (diff)
 * or drawn (graph). It is
 * read either from a spec (through the whole pipeline) or from a build
 * folder's manifest.json, and both paths give the same view.
 */
#ifndef SYSVIEW_H
#define SYSVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "partita/layout.h"

struct sysview_mmio {
	uint64_t pa, size, ipa;
	char rights[4];
	bool trapped;
	char *label;        /* board device path when known, else "mmio@0x<pa>" */
};

struct sysview_irq {
	uint32_t phys, virt;
	char *label;        /* board device path when known, else "" */
};

struct sysview_payload {
	char *key;          /* kind, numbered when repeated: "kernel", "segment#2", "dtb" */
	char *source;       /* file name ("" for generated DTBs) */
	char sha256[65];
	uint64_t size;
	uint64_t ipa;       /* where the guest finds it */
};

#define SYSVIEW_MAX_DMA 32

struct sysview_guest {
	char *name;
	uint64_t ram_pa, ram_ipa, ram_size;
	int cpus[LAYOUT_MAX_CPUS];
	int cpu_count, vcpus;
	char *console, *on_fault;
	bool vsock;                 /* has a virtio-vsock device */
	/* DMA masters declared dma: unprotected, by the physical base of their
	 * first MMIO window (what a manifest can name) */
	uint64_t dma_pa[SYSVIEW_MAX_DMA];
	int dma_count;
	struct sysview_mmio *mmio;
	int mmio_count;
	struct sysview_irq *irq;
	int irq_count;
	struct sysview_payload *payloads;
	int payload_count;
};

struct sysview_end {
	char *guest;
	char rights[4];
	bool notify;
};

struct sysview_channel {
	char *name;
	uint64_t size;
	struct sysview_end end[2];
};

/* A virtual switch (virtio-net) and its members, or a virtio-blk RAM disk. */
struct sysview_network {
	char *name;
	char **guests;
	int guest_count;
};

struct sysview_disk {
	char *name, *guest;
	bool readonly;
};

/* A time-partitioning plan: one CPU's windows in order (issue 16). */
struct sysview_window {
	char *guest;        /* NULL: idle */
	int vcpu;
	uint64_t length_ns;
};

struct sysview_plan {
	int cpu;
	uint64_t period_ns;
	struct sysview_window *windows;
	int window_count;
};

struct sysview {
	char *name, *board;
	const char *source;  /* what it was read from, as given */
	bool from_manifest;
	struct sysview_guest *guests;
	int guest_count;
	struct sysview_channel *channels;
	int channel_count;
	struct sysview_network *networks;
	int network_count;
	struct sysview_disk *disks;
	int disk_count;
	struct sysview_plan *plans;     /* by CPU as read; none: no CPU is shared */
	int plan_count;
};

/*
 * Reads a spec file, or a build folder (its manifest.json). Returns CMD_OK,
 * CMD_USER (errors in the spec or manifest) or CMD_INTERNAL.
 */
int sysview_load(const char *path, struct sysview *v);
void sysview_free(struct sysview *v);

/* Lookup by name; NULL when absent. */
const struct sysview_guest *sysview_guest(const struct sysview *v, const char *name);
const struct sysview_channel *sysview_channel(const struct sysview *v, const char *name);
const struct sysview_network *sysview_network(const struct sysview *v, const char *name);
const struct sysview_disk *sysview_disk(const struct sysview *v, const char *name);
bool sysview_network_has(const struct sysview_network *n, const char *guest);
/* The end of channel c that belongs to guest, or NULL. */
const struct sysview_end *sysview_end(const struct sysview_channel *c, const char *guest);

/* Internal: the two readers (sysview_spec.c, sysview_manifest.c). */
struct cmd_system;
void sysview_from_system(const struct cmd_system *s, struct sysview *v);
int sysview_from_manifest(const char *dir, struct sysview *v);
/* The same from a parsed manifest (CMD_USER when it is not one); json_t is
 * jansson's, kept opaque here. */
struct json_t;
int sysview_from_json(const struct json_t *root, struct sysview *v);
char *sysview_strdup(const char *s);
void *sysview_grow(void *array, int count, size_t elem);
void sysview_add_mmio(struct sysview_guest *g, const struct sysview_mmio *m, const char *label);
void sysview_add_irq(struct sysview_guest *g, uint32_t phys, uint32_t virt, const char *label);
void sysview_add_network(struct sysview *v, const char *name);
void sysview_add_member(struct sysview_network *n, const char *guest);
void sysview_add_disk(struct sysview *v, const char *name, const char *guest, bool readonly);
/* sysview_plan.c: plans, and one guest's time in a plan. */
struct sysview_plan *sysview_add_plan(struct sysview *v, int cpu, uint64_t period_ns);
void sysview_add_window(struct sysview_plan *p, const char *guest, int vcpu, uint64_t length_ns);
const struct sysview_plan *sysview_plan(const struct sysview *v, int cpu);
/* guest's total time per period and longest window in p (0, 0: none). */
void sysview_plan_share(const struct sysview_plan *p, const char *guest, uint64_t *total,
			uint64_t *longest);
void sysview_plans_free(struct sysview *v);
/* Payloads are keyed by kind; a repeated kind gets "#2", "#3"... */
void sysview_add_payload(struct sysview_guest *g, const char *kind, const char *source,
			 const char *sha256, uint64_t size, uint64_t ipa);

#endif /* SYSVIEW_H */
