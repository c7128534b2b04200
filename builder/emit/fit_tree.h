/* SPDX-License-Identifier: MIT */
/*
 * The FIT (<name>.itb) written without dtc or mkimage, byte-identical to
 * what `mkimage -f` makes of fit.c's .its. fit.c still runs mkimage when
 * the FIT is signed.
 */
#ifndef FIT_TREE_H
#define FIT_TREE_H

#include <stdint.h>

#include "alloc.h"
#include "image.h"
#include "sha256.h"

/* 0, or 1 after a diagnostic; img_sha256 is the digest of img's bytes. */
int fit_tree_write(const char *path, const struct alloc *a, const struct image_plan *img,
		   const uint8_t img_sha256[SHA256_SIZE]);

#endif /* FIT_TREE_H */
