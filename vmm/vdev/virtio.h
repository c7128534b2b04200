/* SPDX-License-Identifier: MIT */
/*
 * virtio-MMIO devices emulated at EL2 (virtio 1.2, modern interface only,
 * "Virtio Over MMIO" version 2, split virtqueues). One transport
 * (virtio_mmio.c) calls the device models (virtio_blk.c, virtio_net.c,
 * virtio_vsock.c, ...) only
 * through struct virtio_ops; virtio_queue.c walks the rings and checks every
 * address a guest gives against that guest's RAM capability.
 */
#ifndef VDEV_VIRTIO_H
#define VDEV_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lock.h"
#include "partita/layout.h"

struct guest;

#define VIRTIO_MAX_DEVICES  LAYOUT_MAX_VIRTIO
#define VIRTIO_MAX_QUEUES   3       /* vsock: rx, tx, event */
#define VIRTIO_QUEUE_MAX    256     /* QueueNumMax */
#define VIRTIO_CHAIN_MAX    64      /* descriptors in one chain we accept */
#define VIRTIO_WINDOW       0x1000

/* virtio 1.2 "Device Status Field" */
#define VIRTIO_STATUS_ACKNOWLEDGE  1u
#define VIRTIO_STATUS_DRIVER       2u
#define VIRTIO_STATUS_DRIVER_OK    4u
#define VIRTIO_STATUS_FEATURES_OK  8u
#define VIRTIO_STATUS_NEEDS_RESET  0x40u
#define VIRTIO_STATUS_FAILED       0x80u

/* InterruptStatus bits ("MMIO Device Register Layout") */
#define VIRTIO_INT_USED    1u
#define VIRTIO_INT_CONFIG  2u

#define VIRTIO_F_VERSION_1 (1ull << 32)

/* One buffer of a chain, already translated to a runtime pointer. */
struct virtio_buf {
	uint8_t *p;
	uint32_t len;
	bool write;         /* device-writable */
};

struct virtio_chain {
	uint16_t head;
	uint32_t count;
	uint64_t read_len;  /* bytes in device-readable buffers (they come first) */
	uint64_t write_len;
	struct virtio_buf buf[VIRTIO_CHAIN_MAX];
};

/* A split virtqueue ("Split Virtqueues"); lock: its own. */
struct virtq {
	struct spinlock lock;
	uint32_t num;               /* QueueNum */
	bool ready;
	uint64_t desc_ipa, avail_ipa, used_ipa;
	uint8_t *desc, *avail, *used;   /* runtime pointers, valid when ready */
	uint16_t last_avail;
	uint16_t used_idx;
	struct virtio_chain chain;  /* the chain being served (under lock) */
};

struct virtio_dev;

struct virtio_ops {
	const char *name;
	uint32_t queue_count;
	uint64_t (*features)(struct virtio_dev *d);
	/* device configuration space read: bytes [off, off+width) */
	uint32_t (*config_read)(struct virtio_dev *d, uint32_t off, unsigned width);
	void (*reset)(struct virtio_dev *d);
	void (*notify)(struct virtio_dev *d, uint32_t queue);
	void (*log_stats)(struct virtio_dev *d);    /* optional, when the guest stops */
};

/* lock: registers and queue configuration; taken before any queue lock. */
struct virtio_dev {
	struct spinlock lock;
	const struct virtio_ops *ops;
	struct guest *g;
	const struct layout_cap *cap;
	volatile uint32_t status;
	volatile uint32_t isr;      /* InterruptStatus */
	uint32_t dev_feat_sel, drv_feat_sel, queue_sel;
	uint64_t driver_features;
	uint32_t config_generation;
	volatile uint32_t logged;   /* failures so far (the first few are logged) */
	struct virtq q[VIRTIO_MAX_QUEUES];
	void *backend;
};

/* virtio_mmio.c */
bool virtio_attach(struct guest *g, const struct layout_cap *cap);
/* guest restart: every device of g back to reset state */
void virtio_reset_guest(struct guest *g);
/* guest stop: each device's counters, one line per device */
void virtio_log_guest(struct guest *g);
/* set InterruptStatus bits and raise the device's SPI */
void virtio_interrupt(struct virtio_dev *d, uint32_t bits);
/* the guest broke the protocol: DEVICE_NEEDS_RESET, config interrupt, one log line */
void virtio_fail(struct virtio_dev *d, const char *why, uint64_t what);
/* the driver finished setup and nothing is broken */
bool virtio_live(struct virtio_dev *d);
struct virtio_dev *virtio_device(uint32_t index);
uint32_t virtio_device_count(void);

/* virtio_queue.c (callers hold q->lock) */
bool virtq_setup(struct virtio_dev *d, struct virtq *q);
/* 1: a chain in q->chain; 0: ring empty; -1: bad chain (device failed) */
int virtq_pop(struct virtio_dev *d, struct virtq *q);
void virtq_push(struct virtq *q, uint16_t head, uint32_t len);
/*
 * Device-side transmit queue: takes every chain the guest made available,
 * hands it to consume, returns it with nothing written, and raises the
 * used-buffer interrupt once. Takes q->lock itself.
 */
void virtq_drain(struct virtio_dev *d, uint32_t queue,
		 void (*consume)(struct virtio_dev *d, const struct virtio_chain *c));
/* copy from/to the chain's readable / writable bytes at off; false if short */
bool virtq_chain_read(const struct virtio_chain *c, uint32_t off, void *dst, uint32_t len);
bool virtq_chain_write(const struct virtio_chain *c, uint32_t off, const void *src, uint32_t len);
/* guest IPA range -> runtime pointer through g's RAM capability, or 0 */
uint8_t *virtio_guest_ptr(const struct guest *g, uint64_t ipa, uint64_t len);

/* device models */
bool virtio_blk_init(struct virtio_dev *d);
bool virtio_net_init(struct virtio_dev *d);
bool virtio_console_init(struct virtio_dev *d);
bool virtio_vsock_init(struct virtio_dev *d);

#endif /* VDEV_VIRTIO_H */
