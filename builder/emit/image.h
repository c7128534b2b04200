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
/* Assembles the image in memory (image_layout and alloc_place_runtime done). */
uint8_t *image_build(const struct alloc *a, const uint8_t *runtime, size_t runtime_size);

/*
 * The image as a list of stretches that point at bytes already in memory
 * (runtime copy, blob, each payload) or stand for zeros, so it can be hashed
 * and written (to the .img and into the FIT) without a second copy of every
 * payload. image_build is the same list copied into one buffer.
 */
struct image_piece {
	const uint8_t *data;   /* NULL: len zero bytes */
	uint64_t len;
};

struct image_plan {
	struct image_piece *pieces;
	int count;
	uint64_t size;          /* sum of the pieces: a->image_size */
	uint8_t *head;          /* the runtime, its header's image_size patched */
	uint8_t *blob;
};

void image_plan_make(struct image_plan *p, const struct alloc *a, const uint8_t *runtime,
		     size_t runtime_size);
void image_plan_free(struct image_plan *p);
/* Writes every piece to fd in order; 0, or -1 with errno set. */
int image_plan_write(const struct image_plan *p, int fd);
void image_plan_sha256(const struct image_plan *p, uint8_t digest[32]);

#endif /* IMAGE_H */
