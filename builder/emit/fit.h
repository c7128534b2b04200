/* SPDX-License-Identifier: MIT */
/*
 * The U-Boot artefacts: <name>.itb (a FIT with the image as a sha256-hashed
 * arm64 Linux kernel plus the board tree as fdt, DESIGN.md section 8 trap 2)
 * and boot.scr (loads the FIT from the partition distro boot found it on
 * and runs bootm). boot.scr and a signed FIT are made with mkimage; an
 * unsigned FIT is written directly (fit_tree.c), with the same bytes.
 * SOURCE_DATE_EPOCH fixed.
 */
#ifndef FIT_H
#define FIT_H

#include "alloc.h"
#include "image.h"
#include "output.h"
#include "sha256.h"

/*
 * Writes <name>.itb and boot.scr into o; <name>.img must already be there
 * (img and its digest img_sha256 describe the same bytes).
 * sign_key: the key folder (fit_sign.h), or NULL for $PARTITA_SIGN_KEY.
 */
int fit_write(const struct output *o, const struct alloc *a, const char *sign_key,
	      const struct image_plan *img, const uint8_t img_sha256[SHA256_SIZE]);

#endif /* FIT_H */
