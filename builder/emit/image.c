/* SPDX-License-Identifier: MIT */
/*
 * Image assembly. Offsets are decided first (image_layout) because the
 * blob records them and the runtime region depends on the total size; the
 * bytes are then described piece by piece (image_write.c), padding as
 * zeros, and copied into one buffer only where a caller wants it in memory.
 */
#include "image.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "blob.h"

int image_read_runtime(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	*data = NULL;
	if (!f || fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		diag_fatal("cannot read the runtime '%s': %s (build it with `make build/vmm/vmm.bin` or set PARTITA_RUNTIME)",
			   path, f ? "not a regular file" : strerror(errno));
		if (f)
			fclose(f);
		return 1;
	}
	*size = (size_t)st.st_size;
	*data = malloc(*size + 1);
	if (!*data)
		abort();
	size_t got = fread(*data, 1, *size, f);
	fclose(f);
	if (got != *size || *size < 64 || memcmp(*data + IMAGE_HDR_MAGIC, "ARM\x64", 4)) {
		diag_fatal("the runtime '%s' is not an arm64 Image (no \"ARM\\x64\" magic at 0x38)", path);
		free(*data);
		*data = NULL;
		return 1;
	}
	return 0;
}

uint64_t image_layout(struct alloc *a, uint64_t runtime_file_size)
{
	uint64_t cursor;

	a->runtime_file_size = runtime_file_size;
	a->blob_offset = alloc_align_up(runtime_file_size, LAYOUT_ALIGN);
	a->blob_size = blob_size(a);
	cursor = alloc_align_up(a->blob_offset + a->blob_size, LAYOUT_ALIGN);
	for (int i = 0; i < a->payload_count; i++) {
		a->payloads[i].offset = cursor;
		cursor = alloc_align_up(cursor + a->payloads[i].file_size, LAYOUT_ALIGN);
	}
	return cursor;
}

uint8_t *image_build(const struct alloc *a, const uint8_t *runtime, size_t runtime_size)
{
	struct image_plan p;
	uint8_t *img = calloc(1, (size_t)a->image_size), *at = img;

	if (!img)
		abort();
	image_plan_make(&p, a, runtime, runtime_size);
	for (int i = 0; i < p.count; i++) {
		if (p.pieces[i].data)
			memcpy(at, p.pieces[i].data, (size_t)p.pieces[i].len);
		at += p.pieces[i].len;
	}
	image_plan_free(&p);
	return img;
}
