/* SPDX-License-Identifier: MIT */
/*
 * manifest.json: the allocation for machines (test harnesses, CI). A small
 * hand-written JSON emitter with a fixed key order, so equal inputs give
 * equal bytes.
 */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stdio.h>

#include "alloc.h"

void manifest_write(FILE *f, const struct alloc *a);

#endif /* MANIFEST_H */
