/* SPDX-License-Identifier: MIT */
/* Virtual PL011 console: one per guest, trapped at the guest's console_ipa. */
#ifndef VDEV_VPL011_H
#define VDEV_VPL011_H

#include <stdint.h>

#include "core/lock.h"

#define VPL011_LINE_MAX 256

struct vpl011 {
	struct spinlock lock;
	const char *name;           /* prefix for every line */
	uint32_t len;
	char line[VPL011_LINE_MAX];
	uint32_t cr, lcr_h, imsc, ibrd, fbrd, ifls, dmacr;
};

struct guest;
void vpl011_attach(struct guest *g, struct vpl011 *u, uint64_t ipa);
void vpl011_reset(struct vpl011 *u);
/* a stopping guest's unterminated last line is still shown */
void vpl011_flush_partial(struct vpl011 *u);

#endif /* VDEV_VPL011_H */
