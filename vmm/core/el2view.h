/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU EL2 views: after boot each CPU maps only the runtime, devices and
 * the RAM of the guests it serves (and of their virtio network and vsock
 * peers), so a speculative gadget at EL2 finds no other guest's RAM there.
 */
#ifndef CORE_EL2VIEW_H
#define CORE_EL2VIEW_H

/* on the boot CPU, after every guest is built: one view per CPU */
void el2view_build(void);

#endif /* CORE_EL2VIEW_H */
