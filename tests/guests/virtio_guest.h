/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal test guest's view of its virtio-mmio device (virtio 1.2
 * "MMIO Device Register Layout", version 2): register offsets, status and
 * descriptor bits, and the few steps every driver here takes (reset and
 * VERSION_1 negotiation, a split queue's addresses, the used index read
 * past a cache that may be off). dev is the window's base, set by the
 * guest before the first access.
 */
#ifndef TESTS_GUESTS_VIRTIO_GUEST_H
#define TESTS_GUESTS_VIRTIO_GUEST_H

#include <stdint.h>

#define R_MAGIC 0x000
#define R_VERSION 0x004
#define R_DEVICE_ID 0x008
#define R_DEV_FEAT 0x010
#define R_DEV_FEAT_SEL 0x014
#define R_DRV_FEAT 0x020
#define R_DRV_FEAT_SEL 0x024
#define R_QUEUE_SEL 0x030
#define R_QUEUE_NUM 0x038
#define R_QUEUE_READY 0x044
#define R_QUEUE_NOTIFY 0x050
#define R_INT_STATUS 0x060
#define R_INT_ACK 0x064
#define R_STATUS 0x070
#define R_DESC_LO 0x080
#define R_DESC_HI 0x084
#define R_DRV_LO 0x090
#define R_DRV_HI 0x094
#define R_DEV_LO 0x0a0
#define R_DEV_HI 0x0a4

#define S_ACK 1u
#define S_DRIVER 2u
#define S_DRIVER_OK 4u
#define S_FEATURES_OK 8u
#define S_NEEDS_RESET 0x40u

#define D_NEXT 1u
#define D_WRITE 2u
#define D_INDIRECT 4u

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

static uint64_t dev;

static inline uint32_t rd(unsigned off)
{
	return *(volatile uint32_t *)(dev + off);
}

static inline void wr(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(dev + off) = v;
}

/* Reset, negotiate VERSION_1 only; 0 if the device refuses. */
static inline int start(void)
{
	wr(R_STATUS, 0);
	if (rd(R_STATUS) != 0)
		return 0;
	wr(R_STATUS, S_ACK | S_DRIVER);
	wr(R_DRV_FEAT_SEL, 0);
	wr(R_DRV_FEAT, 0);
	wr(R_DRV_FEAT_SEL, 1);
	wr(R_DRV_FEAT, 1);      /* VIRTIO_F_VERSION_1 */
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	return (rd(R_STATUS) & S_FEATURES_OK) != 0;
}

/* Queue q of num entries at the three given addresses, made ready. */
static inline void queue(unsigned q, uint32_t num, uint64_t desc, uint64_t avail, uint64_t used)
{
	wr(R_QUEUE_SEL, q);
	wr(R_QUEUE_NUM, num);
	wr(R_DESC_LO, (uint32_t)desc);
	wr(R_DESC_HI, (uint32_t)(desc >> 32));
	wr(R_DRV_LO, (uint32_t)avail);
	wr(R_DRV_HI, (uint32_t)(avail >> 32));
	wr(R_DEV_LO, (uint32_t)used);
	wr(R_DEV_HI, (uint32_t)(used >> 32));
	wr(R_QUEUE_READY, 1);
}

/* The used ring's index: the runtime wrote it through its cache, ours may be off. */
static inline uint16_t used_idx(uint64_t used)
{
	__asm__ volatile("dc civac, %0; dsb sy" :: "r"(used) : "memory");
	return *(volatile uint16_t *)(used + 2);
}

#endif
