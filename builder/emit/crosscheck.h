/* SPDX-License-Identifier: MIT */
/*
 * The isolation cross-check of DESIGN.md section 4: the guest's view (its
 * generated DTB) against its capabilities. Every reg window and interrupt
 * the tree shows must be covered by a capability (runtime-provided GIC,
 * timer and console excepted), and every MMIO/IRQ/CHANNEL capability must
 * appear in the tree. A mismatch is a builder bug: reported as internal.
 */
#ifndef CROSSCHECK_H
#define CROSSCHECK_H

#include "alloc.h"

/* Checks guest gi's DTB (dtb) against its caps in a. Returns mismatches. */
int crosscheck_guest(const struct alloc *a, int gi, const void *dtb);
/* Every guest's generated DTB. Returns mismatches. */
int crosscheck_all(const struct alloc *a);

#endif /* CROSSCHECK_H */
