/* SPDX-License-Identifier: MIT */
/*
 * The layout blob of vmm/include/partita/layout.h: encoding from an
 * allocation and decoding with full verification (magic, ABI version, size,
 * CRC, table bounds), shared by `build` and `inspect`.
 */
#ifndef BLOB_H
#define BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

/* Bytes the blob of this allocation will take (known before encoding). */
size_t blob_size(const struct alloc *a);
/*
 * Encodes into buf (blob_size(a) bytes, zeroed by the caller). Payload
 * offsets and the runtime region must already be set.
 */
void blob_encode(const struct alloc *a, uint8_t *buf);

struct blob_view {
	const struct layout_header *hdr;
	const struct layout_guest *guests;
	const struct layout_cap *caps;
	const struct layout_payload *payloads;
	const struct layout_plan *plans;
	const struct layout_window *windows;
};

/*
 * Verifies buf[0..len) as a blob; on success fills v (pointing into buf,
 * which must be 8-byte aligned) and returns 0; else returns -1 with a
 * reason in err.
 */
int blob_decode(const uint8_t *buf, size_t len, struct blob_view *v, char *err,
		size_t err_size);

#endif /* BLOB_H */
