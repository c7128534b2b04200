/* SPDX-License-Identifier: MIT */
/*
 * `partita inspect IMAGE`: decodes a built image back to text using only
 * the image itself: arm64 header, layout blob (verified: magic, version,
 * size, CRC), guests, caps and payloads with their sha256.
 */
#ifndef INSPECT_H
#define INSPECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Returns 0 when the image is sound, 1 when it is not (reason printed). */
int inspect_image(FILE *out, const uint8_t *img, size_t size);
/* Offset of the first 4K-aligned verified blob, or -1 (err says why). */
long inspect_find_blob(const uint8_t *img, size_t size, char *err, size_t err_size);

#endif /* INSPECT_H */
