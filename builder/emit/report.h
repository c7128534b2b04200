/* SPDX-License-Identifier: MIT */
/*
 * layout.txt: the human report of everything allocation decided, stable
 * line by line so reviewers can diff it between builds. No timestamps, no
 * absolute paths. Also the names of layout.h enums, shared with inspect and
 * manifest.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "alloc.h"

void report_write(FILE *f, const struct alloc *a);
/* report_dev.c: guest gi's passthrough devices (clocks, dropped, DMA). */
void report_devices(FILE *f, const struct alloc *a, int gi);

const char *report_cap_kind(uint32_t kind);
const char *report_payload_kind(uint32_t kind);
const char *report_on_fault(uint32_t on_fault);
/* "rwx" / "rw-" ... into buf (4 bytes). */
const char *report_rights(uint32_t rights, char buf[4]);
/* The last component of a path (no folders leak into reports). */
const char *report_basename(const char *path);

#endif /* REPORT_H */
