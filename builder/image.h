/* SPDX-License-Identifier: MIT */
/*
 * The single image (<name>.img) of layout.h: runtime binary with its arm64
 * Image header's image_size patched to the file size, the layout blob at the
 * next 4 KiB boundary, then every payload 4 KiB aligned.
 */
#ifndef IMAGE_H
#define IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

#define IMAGE_HDR_IMAGE_SIZE 0x10  /* arm64 Image header: u64 image_size */
#define IMAGE_HDR_MAGIC      0x38  /* "ARM\x64" */

/* Reads and sniffs the runtime binary. 0 = ok; else reported (internal). */
int image_read_runtime(const char *path, uint8_t **data, size_t *size);
/* Offsets of blob and payloads; returns the image file size. */
uint64_t image_layout(struct alloc *a, uint64_t runtime_file_size);
/* Assembles the image (image_layout and alloc_place_runtime done). */
uint8_t *image_build(const struct alloc *a, const uint8_t *runtime, size_t runtime_size);

#endif /* IMAGE_H */
