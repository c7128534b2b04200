// SPDX-License-Identifier: MIT
/*
 * The virtio-MMIO transport (virtio 1.2 "Virtio Over MMIO", version 2 only):
 * one trapped 4 KiB window per VIRTIO capability, registers decoded here,
 * device behaviour behind struct virtio_ops. Interrupts are level-like:
 * InterruptStatus holds the reasons, and an InterruptACK that leaves a
 * reason set raises the SPI again, so nothing is lost to the edge-style
 * virtual GIC.
 */
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/vgic.h"
#include "vdev/virtio.h"

#define VIRTIO_MAGIC   0x74726976u  /* "virt" */
#define VIRTIO_VENDOR  0x54524150u  /* "PART" */

#define REG_MAGIC          0x000
#define REG_VERSION        0x004
#define REG_DEVICE_ID      0x008
#define REG_VENDOR_ID      0x00c
#define REG_DEV_FEATURES   0x010
#define REG_DEV_FEAT_SEL   0x014
#define REG_DRV_FEATURES   0x020
#define REG_DRV_FEAT_SEL   0x024
#define REG_QUEUE_SEL      0x030
#define REG_QUEUE_NUM_MAX  0x034
#define REG_QUEUE_NUM      0x038
#define REG_QUEUE_READY    0x044
#define REG_QUEUE_NOTIFY   0x050
#define REG_INT_STATUS     0x060
#define REG_INT_ACK        0x064
#define REG_STATUS         0x070
#define REG_QUEUE_DESC_LO  0x080
#define REG_QUEUE_DESC_HI  0x084
#define REG_QUEUE_DRV_LO   0x090
#define REG_QUEUE_DRV_HI   0x094
#define REG_QUEUE_DEV_LO   0x0a0
#define REG_QUEUE_DEV_HI   0x0a4
#define REG_SHM_LEN_LO     0x0b0
#define REG_SHM_LEN_HI     0x0b4
#define REG_SHM_BASE_LO    0x0b8
#define REG_SHM_BASE_HI    0x0bc
#define REG_QUEUE_RESET    0x0c0
#define REG_CONFIG_GEN     0x0fc
#define REG_CONFIG         0x100

static struct virtio_dev virtio_devs[VIRTIO_MAX_DEVICES];
static uint32_t virtio_count;

struct virtio_dev *virtio_device(uint32_t index)
{
	return index < virtio_count ? &virtio_devs[index] : 0;
}

uint32_t virtio_device_count(void)
{
	return virtio_count;
}

bool virtio_live(struct virtio_dev *d)
{
	uint32_t s = atomic_load32(&d->status);

	return (s & VIRTIO_STATUS_DRIVER_OK) &&
	       !(s & (VIRTIO_STATUS_NEEDS_RESET | VIRTIO_STATUS_FAILED)) &&
	       atomic_load32(&d->g->state) == GUEST_RUNNING;
}

void virtio_interrupt(struct virtio_dev *d, uint32_t bits)
{
	__atomic_fetch_or(&d->isr, bits, __ATOMIC_ACQ_REL);
	vgic_inject_spi(d->g, d->cap->virt_irq);
}

/* A guest that breaks its device in a loop must not flood the console. */
#define VIRTIO_FAILS_LOGGED 16

void virtio_fail(struct virtio_dev *d, const char *why, uint64_t what)
{
	uint32_t n;

	__atomic_fetch_or(&d->status, VIRTIO_STATUS_NEEDS_RESET, __ATOMIC_ACQ_REL);
	n = __atomic_fetch_add(&d->logged, 1, __ATOMIC_ACQ_REL);
	if (n < VIRTIO_FAILS_LOGGED)
		log_printf("vmm|%s|virtio-%s slot %u: %s (0x%lx): device needs reset%s\n",
			   d->g->name, d->ops->name, d->cap->slot, why, (unsigned long)what,
			   n + 1 == VIRTIO_FAILS_LOGGED ? "; further failures not logged" : "");
	virtio_interrupt(d, VIRTIO_INT_CONFIG);
}

/* Back to the reset state; caller holds d->lock. */
static void virtio_reset_locked(struct virtio_dev *d)
{
	for (uint32_t i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		struct virtq *q = &d->q[i];

		spin_lock(&q->lock);
		q->ready = false;
		q->num = 0;
		q->desc_ipa = q->avail_ipa = q->used_ipa = 0;
		q->desc = q->avail = q->used = 0;
		q->last_avail = q->used_idx = 0;
		spin_unlock(&q->lock);
	}
	atomic_store32(&d->status, 0);
	atomic_store32(&d->isr, 0);
	d->dev_feat_sel = d->drv_feat_sel = d->queue_sel = 0;
	d->driver_features = 0;
	if (d->ops->reset)
		d->ops->reset(d);
}

void virtio_reset_guest(struct guest *g)
{
	for (uint32_t i = 0; i < virtio_count; i++) {
		struct virtio_dev *d = &virtio_devs[i];

		if (d->g != g)
			continue;
		spin_lock(&d->lock);
		virtio_reset_locked(d);
		spin_unlock(&d->lock);
	}
}

void virtio_log_guest(struct guest *g)
{
	for (uint32_t i = 0; i < virtio_count; i++) {
		if (virtio_devs[i].g == g && virtio_devs[i].ops->log_stats)
			virtio_devs[i].ops->log_stats(&virtio_devs[i]);
	}
}

static struct virtq *virtio_selected(struct virtio_dev *d)
{
	return d->queue_sel < d->ops->queue_count ? &d->q[d->queue_sel] : 0;
}

static uint32_t virtio_features_word(struct virtio_dev *d, uint32_t sel)
{
	uint64_t f = d->ops->features(d) | VIRTIO_F_VERSION_1;

	return sel == 0 ? (uint32_t)f : sel == 1 ? (uint32_t)(f >> 32) : 0;
}

static uint32_t virtio_queue_read(struct virtio_dev *d, uint64_t off)
{
	struct virtq *q = virtio_selected(d);

	if (!q)
		return 0;   /* QueueNumMax 0: the queue is not available */
	switch (off) {
	case REG_QUEUE_NUM_MAX: return VIRTIO_QUEUE_MAX;
	case REG_QUEUE_READY: return q->ready;
	case REG_QUEUE_DESC_LO: return (uint32_t)q->desc_ipa;
	case REG_QUEUE_DESC_HI: return (uint32_t)(q->desc_ipa >> 32);
	case REG_QUEUE_DRV_LO: return (uint32_t)q->avail_ipa;
	case REG_QUEUE_DRV_HI: return (uint32_t)(q->avail_ipa >> 32);
	case REG_QUEUE_DEV_LO: return (uint32_t)q->used_ipa;
	case REG_QUEUE_DEV_HI: return (uint32_t)(q->used_ipa >> 32);
	default: return 0;
	}
}

static uint32_t virtio_read(struct virtio_dev *d, uint64_t off, unsigned width)
{
	if (off >= REG_CONFIG)
		return d->ops->config_read(d, (uint32_t)(off - REG_CONFIG), width);
	switch (off) {
	case REG_MAGIC: return VIRTIO_MAGIC;
	case REG_VERSION: return 2;
	case REG_DEVICE_ID: return d->cap->object;
	case REG_VENDOR_ID: return VIRTIO_VENDOR;
	case REG_DEV_FEATURES: return virtio_features_word(d, d->dev_feat_sel);
	case REG_INT_STATUS: return atomic_load32(&d->isr);
	case REG_STATUS: return atomic_load32(&d->status);
	case REG_SHM_LEN_LO: case REG_SHM_LEN_HI: return ~0u;  /* no shared memory */
	case REG_CONFIG_GEN: return d->config_generation;
	default: return virtio_queue_read(d, off);
	}
}

static void virtio_set_addr(uint64_t *addr, bool high, uint32_t v)
{
	if (high)
		*addr = (*addr & 0xFFFFFFFFull) | (uint64_t)v << 32;
	else
		*addr = (*addr & ~0xFFFFFFFFull) | v;
}

static void virtio_queue_ready(struct virtio_dev *d, struct virtq *q, uint32_t v)
{
	spin_lock(&q->lock);
	if (!v) {
		q->ready = false;
	} else if (!q->ready) {
		q->ready = virtq_setup(d, q);
		q->last_avail = q->used_idx = 0;
	}
	spin_unlock(&q->lock);
}

/* Queue registers; writes to a live queue's layout are ignored (spec). */
static void virtio_queue_write(struct virtio_dev *d, uint64_t off, uint32_t v)
{
	struct virtq *q = virtio_selected(d);

	if (!q)
		return;
	if (off == REG_QUEUE_READY) {
		virtio_queue_ready(d, q, v);
		return;
	}
	if (q->ready)
		return;
	switch (off) {
	case REG_QUEUE_NUM: q->num = v; break;
	case REG_QUEUE_DESC_LO: case REG_QUEUE_DESC_HI:
		virtio_set_addr(&q->desc_ipa, off == REG_QUEUE_DESC_HI, v); break;
	case REG_QUEUE_DRV_LO: case REG_QUEUE_DRV_HI:
		virtio_set_addr(&q->avail_ipa, off == REG_QUEUE_DRV_HI, v); break;
	case REG_QUEUE_DEV_LO: case REG_QUEUE_DEV_HI:
		virtio_set_addr(&q->used_ipa, off == REG_QUEUE_DEV_HI, v); break;
	default: break;
	}
}

static void virtio_ack(struct virtio_dev *d, uint32_t v)
{
	uint32_t left = __atomic_and_fetch(&d->isr, ~v, __ATOMIC_ACQ_REL);

	if (left)
		vgic_inject_spi(d->g, d->cap->virt_irq);
}

static void virtio_status_write(struct virtio_dev *d, uint32_t v)
{
	uint64_t offered = d->ops->features(d) | VIRTIO_F_VERSION_1;

	if (v == 0) {
		virtio_reset_locked(d);
		return;
	}
	/* FEATURES_OK stays clear unless the driver took a modern subset */
	if ((v & VIRTIO_STATUS_FEATURES_OK) &&
	    ((d->driver_features & ~offered) || !(d->driver_features & VIRTIO_F_VERSION_1)))
		v &= ~VIRTIO_STATUS_FEATURES_OK;
	/* the driver never clears NEEDS_RESET; only a reset does */
	v |= atomic_load32(&d->status) & VIRTIO_STATUS_NEEDS_RESET;
	atomic_store32(&d->status, v);
}

static void virtio_write(struct virtio_dev *d, uint64_t off, uint32_t v)
{
	switch (off) {
	case REG_DEV_FEAT_SEL: d->dev_feat_sel = v; break;
	case REG_DRV_FEAT_SEL: d->drv_feat_sel = v; break;
	case REG_DRV_FEATURES:
		if (d->drv_feat_sel < 2)
			virtio_set_addr(&d->driver_features, d->drv_feat_sel == 1, v);
		break;
	case REG_QUEUE_SEL: d->queue_sel = v; break;
	case REG_INT_ACK: virtio_ack(d, v); break;
	case REG_STATUS: virtio_status_write(d, v); break;
	default: virtio_queue_write(d, off, v); break;
	}
}

static bool virtio_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	struct virtio_dev *d = priv;

	/* registers are 32-bit; only the config space takes narrower accesses */
	if (a->offset < REG_CONFIG ? (a->width != 4 || (a->offset & 3)) :
	    (a->width > 4 || (a->offset & (a->width - 1))))
		return false;
	if (!a->write) {
		spin_lock(&d->lock);
		a->value = virtio_read(d, a->offset, a->width);
		spin_unlock(&d->lock);
		return true;
	}
	if (a->offset == REG_QUEUE_NOTIFY) {
		/* no device lock: the model takes the queue's own */
		if (a->value < d->ops->queue_count && virtio_live(d))
			d->ops->notify(d, (uint32_t)a->value);
		return true;
	}
	spin_lock(&d->lock);
	if (a->offset < REG_CONFIG)
		virtio_write(d, a->offset, (uint32_t)a->value);
	spin_unlock(&d->lock);
	return true;    /* config space is read-only for our devices */
}

static bool virtio_model_init(struct virtio_dev *d)
{
	switch (d->cap->object) {
	case LAYOUT_VIRTIO_BLK: return virtio_blk_init(d);
	case LAYOUT_VIRTIO_NET: return virtio_net_init(d);
	case LAYOUT_VIRTIO_CONSOLE: return virtio_console_init(d);
	case LAYOUT_VIRTIO_VSOCK: return virtio_vsock_init(d);
	default:
		log_printf("vmm|%s|virtio slot %u: device type %u not emulated\n",
			   d->g->name, d->cap->slot, d->cap->object);
		return false;
	}
}

bool virtio_attach(struct guest *g, const struct layout_cap *cap)
{
	struct virtio_dev *d;

	if (virtio_count == VIRTIO_MAX_DEVICES || cap->size != VIRTIO_WINDOW ||
	    !IS_ALIGNED(cap->ipa, VIRTIO_WINDOW) || cap->virt_irq < 32 ||
	    cap->virt_irq >= LAYOUT_MAX_VIRQ)
		return false;
	d = &virtio_devs[virtio_count];
	d->g = g;
	d->cap = cap;
	if (!virtio_model_init(d))
		return false;
	virtio_count++;
	virtio_reset_locked(d);
	return mmio_register(g, cap->ipa, cap->size, virtio_access, d);
}
