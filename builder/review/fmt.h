/* SPDX-License-Identifier: MIT */
/*
 * Canonical form of a spec, computed on its lines so comments survive:
 * block mappings are reordered (top level, each guest, channel, disk,
 * network and plan) by moving whole entries with the comment lines directly
 * above them, and sizes and times are rewritten in place in the largest
 * exact unit. Flow mappings ({...}) keep their order; guests, channels,
 * disks, networks, plans and windows keep the user's order (it decides
 * allocation; window order is the plan).
 */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>

/*
 * The canonical text of a spec (name is for diagnostics). Returns NULL after
 * reporting when text does not parse; the caller frees the result.
 */
char *fmt_canonical(const char *name, const char *text, size_t len);

/* A size in the largest unit that divides it: 268435456 -> "256M". */
void fmt_size(unsigned long long v, char buf[32]);

#endif /* FMT_H */
