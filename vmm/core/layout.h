/* SPDX-License-Identifier: MIT */
/*
 * Finding and verifying the layout blob the builder appended to the runtime
 * binary, and typed accessors to its tables.
 */
#ifndef CORE_LAYOUT_H
#define CORE_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "partita/layout.h"

/* offset of the blob from the start of the image: align4K(runtime binary) */
uint64_t layout_blob_offset(void);
const struct layout_header *layout_at(uint64_t image_base);
/* Checks magic, ABI version, size, CRC, then table bounds and invariants;
 * prints one `vmm|layout: ...: refusing to start` line on failure. */
bool layout_verify(uint64_t image_base);

/* Typed views of the tables; inline so the host tests of layout_plan.c
 * (which cannot link layout.c: it needs the linker's symbols) share them. */
static inline const struct layout_guest *layout_guests(const struct layout_header *h)
{
	return (const void *)((const uint8_t *)h + h->guest_offset);
}

static inline const struct layout_cap *layout_caps(const struct layout_header *h)
{
	return (const void *)((const uint8_t *)h + h->cap_offset);
}

static inline const struct layout_payload *layout_payloads(const struct layout_header *h)
{
	return (const void *)((const uint8_t *)h + h->payload_offset);
}

static inline const struct layout_plan *layout_plans(const struct layout_header *h)
{
	return (const void *)((const uint8_t *)h + h->plan_offset);
}

static inline const struct layout_window *layout_windows(const struct layout_header *h)
{
	return (const void *)((const uint8_t *)h + h->window_offset);
}

#define LAYOUT_REFUSE "refusing to start\n"
/* Plans and windows against the guests' pinning (cpu_guests[cpu]: bit gi
 * for each guest with a vCPU there); called by layout_verify. */
bool layout_plans_ok(const struct layout_header *h, const uint32_t *cpu_guests);
/* The vCPU of guest gi pinned to cpu, or ~0u. */
uint32_t layout_vcpu_on(const struct layout_header *h, uint32_t gi, uint32_t cpu);

#endif /* CORE_LAYOUT_H */
