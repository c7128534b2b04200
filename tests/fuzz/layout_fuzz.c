// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the runtime's layout checker, vmm/core/layout.c
 * built for the host: the input is a layout blob, placed right where the
 * runtime looks for it (after its own binary, the Image header's file size
 * ending just after the input). When the input's last byte is odd the
 * harness first repairs magic, ABI version, size, image size and CRC, so
 * most runs reach the table, guest and CPU checks: a blob with a valid CRC
 * and crafted contents, which is what a builder bug would hand the runtime.
 * layout_verify must answer without reading outside the blob; a blob it
 * accepts must keep every table inside it (checked here again).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"

/* the runtime binary's extent (vmm.lds symbols): 4 KiB here */
__asm__(".data\n.balign 16\n.globl _head, __image_file_end\n"
	"_head:\n.space 4096\n__image_file_end:\n.byte 0\n.text\n");

static unsigned long layout_accepted;
static volatile uint64_t layout_sink;    /* keeps walk()'s loads */

void log_printf(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

size_t lib_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static void repair(uint8_t *blob, size_t len, uint64_t image_size)
{
	struct layout_header *h = (struct layout_header *)blob;

	memcpy(h->magic, LAYOUT_MAGIC, LAYOUT_MAGIC_SIZE);
	h->abi_version = LAYOUT_ABI_VERSION;
	h->size = (uint32_t)(len & ~(size_t)3);
	h->image_size = image_size;
	h->crc32 = 0;
	h->crc32 = layout_crc32(h, h->size);
}

/* what the runtime reads after layout_verify said yes: all inside the blob */
static void walk(const struct layout_header *h)
{
	const struct layout_guest *g = layout_guests(h);
	const struct layout_cap *c = layout_caps(h);
	const struct layout_payload *p = layout_payloads(h);
	uint64_t sum = 0;

	for (uint32_t i = 0; i < h->guest_count; i++)
		sum += g[i].cap_first + g[i].payload_first;
	for (uint32_t i = 0; i < h->cap_count; i++)
		sum += c[i].pa;
	for (uint32_t i = 0; i < h->payload_count; i++)
		sum += p[i].guest;
	for (uint32_t i = 0; i < h->plan_count; i++) {
		const struct layout_plan *pl = &layout_plans(h)[i];

		for (uint32_t j = 0; j < pl->window_count; j++)
			sum += layout_windows(h)[pl->window_first + j].length_ns;
	}
	layout_sink = sum;
	layout_accepted++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t off = layout_blob_offset();
	/* at least a header's worth of memory: the runtime reads the header
	 * before it knows the blob's size (RAM follows the image there) */
	size_t room = size < sizeof(struct layout_header) ? sizeof(struct layout_header) : size;
	uint8_t *image = calloc(1, off + room);

	if (!image)
		return 0;
	memcpy(image + off, data, size);
	*(uint64_t *)(image + 0x10) = off + size;     /* Image header: file size */
	if (size >= sizeof(struct layout_header) && (data[size - 1] & 1))
		repair(image + off, size, off + size);
	if (layout_verify((uint64_t)(uintptr_t)image))
		walk((const struct layout_header *)(image + off));
	free(image);
	return 0;
}

/* at exit: the slice in tests/fuzz/run.sh wants some blob accepted */
static void report(void) __attribute__((destructor));
static void report(void)
{
	fprintf(stdout, "layout_fuzz: %lu blobs accepted\n", layout_accepted);
}
