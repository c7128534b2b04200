/* SPDX-License-Identifier: MIT */
/*
 * Channel doorbells (PARTITA_HVC_NOTIFY): a guest names one of its channel
 * slots and the runtime makes the peer end's doorbell SPI pending. The
 * shared memory itself is plain stage-2 mapping (core/guest.c).
 */
#ifndef CORE_CHANNEL_H
#define CORE_CHANNEL_H

#include <stdint.h>

struct frame;
struct vcpu;

/* x1 = slot; x0 := PARTITA_HVC_OK, _BAD_SLOT or _DENIED */
void channel_notify(struct vcpu *v, struct frame *f);

#endif /* CORE_CHANNEL_H */
