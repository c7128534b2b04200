/* SPDX-License-Identifier: MIT */
/*
 * Named checks over the typed model, in the manner of dtc's checks.c: a
 * table of stable kebab-case ids, each a function that reports with that id.
 * The catalog also lists the ids the loaders (yaml, spec, board, payload)
 * report, so every front-end id is documented in one place (allocation in
 * alloc*.c reports a few more of its own).
 */
#ifndef CHECKS_H
#define CHECKS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

struct checks_info {
	const char *id;
	const char *summary;
};

/* Every diagnostic id the front end can report, sorted by id. */
extern const struct checks_info checks_catalog[];
extern const int checks_catalog_count;
bool checks_known_id(const char *id);

/* Individual model checks (checks_*.c), run in table order by checks_run. */
void checks_cpus(const struct model *m);
void checks_vcpus(const struct model *m);
void checks_sizes(const struct model *m);
void checks_guest_ram(const struct model *m);
void checks_ram_total(const struct model *m);
void checks_payloads(const struct model *m);
void checks_ipa(const struct model *m);
void checks_devices(const struct model *m);
void checks_device_sharing(const struct model *m);
void checks_channels(const struct model *m);
void checks_limits(const struct model *m);
void checks_console_input(const struct model *m);
void checks_virtio(const struct model *m);
void checks_schedule(const struct model *m);

/* Helpers shared by the check files. */
/* Guest RAM's IPA: memory.base, else phys for identity, else the board RAM
 * base (the allocator's default); false when only allocation can tell. */
bool checks_guest_ipa(const struct model *m, const struct model_guest *g, uint64_t *ipa);
/* [a, a+as) and [b, b+bs) overlap (sizes may reach 2^64). */
bool checks_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);
/* [a, a+as) lies inside [b, b+bs). */
bool checks_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);

#endif /* CHECKS_H */
