/* SPDX-License-Identifier: MIT */
/*
 * The U-Boot artefacts: <name>.itb (a FIT with the image as a sha256-hashed
 * arm64 Linux kernel plus the board tree as fdt, DESIGN.md section 8 trap 2)
 * and boot.scr (loads the FIT from the partition distro boot found it on
 * and runs bootm). Both made with mkimage, SOURCE_DATE_EPOCH fixed.
 */
#ifndef FIT_H
#define FIT_H

#include "alloc.h"
#include "output.h"

/*
 * Writes <name>.itb and boot.scr into o; <name>.img must already be there.
 * sign_key: the key folder (fit_sign.h), or NULL for $PARTITA_SIGN_KEY.
 */
int fit_write(const struct output *o, const struct alloc *a, const char *sign_key);

#endif /* FIT_H */
