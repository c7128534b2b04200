/* SPDX-License-Identifier: MIT */
/*
 * Image assembly. Offsets are decided first (image_layout) because the
 * blob records them and the runtime region depends on the total size; then
 * the bytes are laid down in one zeroed buffer, so padding is always zero.
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

static void image_put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

uint8_t *image_build(const struct alloc *a, const uint8_t *runtime, size_t runtime_size)
{
	uint8_t *img = calloc(1, (size_t)a->image_size);

	if (!img)
		abort();
	memcpy(img, runtime, runtime_size);
	/* Linux arm64 booting.rst: image_size is what the loader must reserve. */
	image_put_le64(img + IMAGE_HDR_IMAGE_SIZE, a->image_size);
	blob_encode(a, img + a->blob_offset);
	for (int i = 0; i < a->payload_count; i++) {
		const struct alloc_payload *p = &a->payloads[i];
		if (p->file_size)
			memcpy(img + p->offset, p->data, (size_t)p->file_size);
	}
	return img;
}
