/* SPDX-License-Identifier: MIT */
/*
 * The image as pieces (image.h): the patched runtime, zeros to the blob,
 * the blob, and each payload where image_layout put it, zeros between and
 * after. `partita build` hashes and writes these straight from the payload
 * buffers the spec loader read, so a 57 MB image is never copied in memory.
 */
#include "image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blob.h"
#include "sha256.h"

static const uint8_t image_zeros[64 * 1024];

static void image_add(struct image_plan *p, uint64_t *cursor, uint64_t at,
		      const uint8_t *data, uint64_t len)
{
	p->pieces = realloc(p->pieces, sizeof(*p->pieces) * (size_t)(p->count + 2));
	if (!p->pieces)
		abort();
	if (at > *cursor)
		p->pieces[p->count++] = (struct image_piece){ NULL, at - *cursor };
	if (len)
		p->pieces[p->count++] = (struct image_piece){ data, len };
	*cursor = at + len;
}

void image_plan_make(struct image_plan *p, const struct alloc *a, const uint8_t *runtime,
		     size_t runtime_size)
{
	uint64_t cursor = 0;

	memset(p, 0, sizeof(*p));
	p->head = malloc(runtime_size ? runtime_size : 1);
	p->blob = calloc(1, a->blob_size ? (size_t)a->blob_size : 1);
	if (!p->head || !p->blob)
		abort();
	memcpy(p->head, runtime, runtime_size);
	/* Linux arm64 booting.rst: image_size is what the loader must reserve. */
	for (int i = 0; i < 8; i++)
		p->head[IMAGE_HDR_IMAGE_SIZE + i] = (uint8_t)(a->image_size >> (8 * i));
	blob_encode(a, p->blob);
	image_add(p, &cursor, 0, p->head, runtime_size);
	image_add(p, &cursor, a->blob_offset, p->blob, a->blob_size);
	for (int i = 0; i < a->payload_count; i++)
		image_add(p, &cursor, a->payloads[i].offset, a->payloads[i].data,
			  a->payloads[i].file_size);
	image_add(p, &cursor, a->image_size, NULL, 0);
	p->size = cursor;
}

void image_plan_free(struct image_plan *p)
{
	free(p->pieces);
	free(p->head);
	free(p->blob);
	memset(p, 0, sizeof(*p));
}

static int image_write_all(int fd, const uint8_t *data, uint64_t len)
{
	while (len) {
		size_t chunk = len > (1u << 30) ? (1u << 30) : (size_t)len;
		ssize_t n = write(fd, data, chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (uint64_t)n;
	}
	return 0;
}

/* Calls fn on every byte range of the image, zeros from a shared page. */
static int image_walk(const struct image_plan *p, int (*fn)(void *ctx, const uint8_t *d,
							    uint64_t len), void *ctx)
{
	for (int i = 0; i < p->count; i++) {
		const struct image_piece *s = &p->pieces[i];
		if (s->data) {
			if (fn(ctx, s->data, s->len))
				return -1;
			continue;
		}
		for (uint64_t left = s->len; left;) {
			uint64_t n = left < sizeof(image_zeros) ? left : sizeof(image_zeros);
			if (fn(ctx, image_zeros, n))
				return -1;
			left -= n;
		}
	}
	return 0;
}

static int image_fd_sink(void *ctx, const uint8_t *d, uint64_t len)
{
	return image_write_all(*(int *)ctx, d, len);
}

static int image_hash_sink(void *ctx, const uint8_t *d, uint64_t len)
{
	sha256_update(ctx, d, (size_t)len);
	return 0;
}

int image_plan_write(const struct image_plan *p, int fd)
{
	return image_walk(p, image_fd_sink, &fd);
}

void image_plan_sha256(const struct image_plan *p, uint8_t digest[32])
{
	struct sha256 s;

	sha256_init(&s);
	image_walk(p, image_hash_sink, &s);
	sha256_final(&s, digest);
}
