/* SPDX-License-Identifier: MIT */
/*
 * Trapped passthrough: a device window that shares a 4 KiB page with
 * something the guest must not reach (LAYOUT_CAPF_TRAPPED) is never mapped;
 * each access inside the capability is forwarded to the physical device.
 */
#ifndef VDEV_PASSTHRU_H
#define VDEV_PASSTHRU_H

#include <stdbool.h>

struct guest;
struct layout_cap;

bool passthru_attach(struct guest *g, const struct layout_cap *cap);

#endif /* VDEV_PASSTHRU_H */
