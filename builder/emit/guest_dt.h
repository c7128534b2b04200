/* SPDX-License-Identifier: MIT */
/*
 * Per-guest device trees, written with libfdt's sequential-write API: what
 * the guest sees (RAM, vCPUs, PSCI, timer, virtual GIC and console,
 * passthrough devices at their IPAs, channels) and nothing else. Phandles
 * are assigned in a fixed order, so trees are byte-identical run to run.
 */
#ifndef GUEST_DT_H
#define GUEST_DT_H

#include "alloc.h"

#define GUEST_DT_PHANDLE_GIC   1u
#define GUEST_DT_PHANDLE_CLK0  2u  /* clocks get 2, 3, ... */
#define GUEST_DT_MAX_CLOCKS    16
/* The PMU overflow interrupt the runtime forwards from a guest's own CPUs
 * (VPMU_PPI, vmm/arch/aarch64/vpmu.h): PPI 7, the SBSA and QEMU virt one. */
#define GUEST_DT_PMU_INTID     23u

/* Builds every guest's DTB into alloc (guests[i].dtb, DTB payloads). 0 = ok. */
int guest_dt_build_all(struct alloc *a);
/* The node path of guest gi's virtual console ("" when it has none). */
void guest_dt_console_path(const struct alloc *a, int gi, char *buf, size_t size);

/* Internal, shared by guest_dt*.c: a writer that stops at the first error. */
struct guest_dt {
	void *fdt;
	int err;
	const struct alloc *a;
	int gi;
	int clock_node[GUEST_DT_MAX_CLOCKS];  /* board offsets of copied clocks */
	int clock_count;
	bool synth_clock;                      /* console clock made up */
	uint64_t rate[GUEST_DT_MAX_CLOCKS];    /* stated rates, one node each */
	int rate_count;
};

void guest_dt_prop(struct guest_dt *w, const char *name, const void *val, int len);
void guest_dt_u32(struct guest_dt *w, const char *name, uint32_t v);
void guest_dt_str(struct guest_dt *w, const char *name, const char *s);
void guest_dt_begin(struct guest_dt *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void guest_dt_end(struct guest_dt *w);
void guest_dt_reg(struct guest_dt *w, const uint64_t *addr_size, int pairs);
/* guest_dt_dev.c: fixed clocks, the console and passthrough devices. */
void guest_dt_collect_clocks(struct guest_dt *w);
void guest_dt_clocks(struct guest_dt *w);
void guest_dt_console(struct guest_dt *w);
void guest_dt_devices(struct guest_dt *w);
/* A board property a passthrough node loses in the guest tree (it names
 * nodes the guest does not have). */
bool guest_dt_is_dropped(const char *name);
/* guest_dt_virtio.c: the guest's virtio-MMIO devices. */
void guest_dt_virtio(struct guest_dt *w);

#endif /* GUEST_DT_H */
