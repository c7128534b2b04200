/* SPDX-License-Identifier: MIT */
/*
 * Guest payloads: files read whole (never blocking on a FIFO or device), and
 * kernels sniffed as an arm64 Image, an ELF64 AArch64 executable or raw.
 */
#ifndef PAYLOAD_H
#define PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Reads path (relative to dir unless absolute) into f; reports errors at pos. */
bool payload_read(struct model_file *f, const char *dir, const char *path,
		  const struct srcpos *pos);
/*
 * Sniffs (or checks the declared) format of g->kernel, already read, and
 * fills format, text_offset, image_size, entry and segments.
 * declared: 0 to detect, else an enum kernel_format.
 */
bool payload_kernel(struct model_guest *g, int declared, const struct srcpos *declared_pos);
void payload_free(struct model_file *f);
/* The SHA-256 (hex) of a whole file payload_read holds, computed once; NULL
 * when data/len are not one (part of a file, a generated DTB). */
const char *payload_sha256(const uint8_t *data, size_t len);

#endif /* PAYLOAD_H */
