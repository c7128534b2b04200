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

const struct layout_guest *layout_guests(const struct layout_header *h);
const struct layout_cap *layout_caps(const struct layout_header *h);
const struct layout_payload *layout_payloads(const struct layout_header *h);

#endif /* CORE_LAYOUT_H */
