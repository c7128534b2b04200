// SPDX-License-Identifier: MIT
/*
 * virtio-blk (virtio 1.2 "Block Device") over a RAM disk: the disk image is
 * a DISK payload that stays where it is inside the runtime region (never in
 * any guest's RAM), so the guest reaches it only through requests. Read-only
 * disks offer VIRTIO_BLK_F_RO and refuse writes. Writes last until power off.
 */
#include "core/guest.h"
#include "core/layout.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/virtio.h"

#define BLK_F_SEG_MAX  (1ull << 2)
#define BLK_F_RO       (1ull << 5)
#define BLK_F_FLUSH    (1ull << 9)

#define BLK_T_IN     0u
#define BLK_T_OUT    1u
#define BLK_T_FLUSH  4u

#define BLK_S_OK      0u
#define BLK_S_IOERR   1u
#define BLK_S_UNSUPP  2u

#define BLK_SECTOR 512u

struct blk_req_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

struct virtio_blk {
	uint8_t *data;
	uint64_t size;
	bool readonly;
};

static struct virtio_blk blk_disks[VIRTIO_MAX_DEVICES];
static uint32_t blk_count;

static uint64_t blk_features(struct virtio_dev *d)
{
	const struct virtio_blk *b = d->backend;

	return BLK_F_SEG_MAX | BLK_F_FLUSH | (b->readonly ? BLK_F_RO : 0);
}

/* struct virtio_blk_config: capacity (le64), size_max, seg_max, ... */
static uint32_t blk_config_read(struct virtio_dev *d, uint32_t off, unsigned width)
{
	const struct virtio_blk *b = d->backend;
	uint8_t cfg[24];
	uint64_t capacity = b->size / BLK_SECTOR;
	uint32_t seg_max = VIRTIO_CHAIN_MAX - 2, value = 0;

	memset(cfg, 0, sizeof(cfg));
	memcpy(cfg, &capacity, 8);
	memcpy(cfg + 12, &seg_max, 4);
	if (off + width <= sizeof(cfg))
		memcpy(&value, cfg + off, width);
	return value;
}

/* Serves one request; returns the status byte. *written: data bytes to the guest. */
static uint8_t blk_serve(struct virtio_blk *b, const struct virtio_chain *c,
			 const struct blk_req_hdr *h, uint64_t *written)
{
	uint64_t len, off;

	*written = 0;
	if (h->type == BLK_T_FLUSH)
		return BLK_S_OK;
	if (h->type != BLK_T_IN && h->type != BLK_T_OUT)
		return BLK_S_UNSUPP;
	len = h->type == BLK_T_IN ? c->write_len - 1 : c->read_len - sizeof(*h);
	if (h->sector > b->size / BLK_SECTOR)
		return BLK_S_IOERR;
	off = h->sector * BLK_SECTOR;
	if (len > b->size - off)
		return BLK_S_IOERR;
	if (h->type == BLK_T_OUT) {
		if (b->readonly)
			return BLK_S_IOERR;
		return virtq_chain_read(c, sizeof(*h), b->data + off, (uint32_t)len) ?
		       BLK_S_OK : BLK_S_IOERR;
	}
	if (!virtq_chain_write(c, 0, b->data + off, (uint32_t)len))
		return BLK_S_IOERR;
	*written = len;
	return BLK_S_OK;
}

static void blk_notify(struct virtio_dev *d, uint32_t queue)
{
	struct virtq *q = &d->q[queue];
	const struct virtio_chain *c = &q->chain;
	bool used = false;
	int got;

	spin_lock(&q->lock);
	while ((got = virtq_pop(d, q)) > 0) {
		struct blk_req_hdr h;
		uint64_t written = 0;
		uint8_t status;

		if (c->read_len < sizeof(h) || c->write_len < 1 ||
		    c->read_len > 0xFFFFFFFFu || c->write_len > 0xFFFFFFFFu ||
		    !virtq_chain_read(c, 0, &h, sizeof(h))) {
			virtio_fail(d, "malformed block request", c->head);
			break;
		}
		status = blk_serve(d->backend, c, &h, &written);
		virtq_chain_write(c, (uint32_t)(c->write_len - 1), &status, 1);
		virtq_push(q, c->head, (uint32_t)written + 1);
		used = true;
	}
	spin_unlock(&q->lock);
	if (used)
		virtio_interrupt(d, VIRTIO_INT_USED);
}

static const struct virtio_ops blk_ops = {
	.name = "blk",
	.queue_count = 1,
	.features = blk_features,
	.config_read = blk_config_read,
	.notify = blk_notify,
};

/*
 * The DISK payload named by the capability (dest_pa == cap pa): it must lie
 * in the image past the layout blob, where the runtime keeps it.
 */
static const struct layout_payload *blk_payload(const struct virtio_dev *d)
{
	const struct layout_payload *all = layout_payloads(rt.layout);
	const struct layout_guest *lg = d->g->lg;
	uint64_t blob_end = layout_blob_offset() + rt.layout->size;

	for (uint32_t i = 0; i < lg->payload_count; i++) {
		const struct layout_payload *p = &all[lg->payload_first + i];

		if (p->kind != LAYOUT_PAYLOAD_DISK || p->dest_pa != d->cap->pa)
			continue;
		if (p->offset >= blob_end && p->file_size && p->file_size % BLK_SECTOR == 0 &&
		    lib_inside(p->offset, p->file_size, 0, rt.layout->image_size) &&
		    p->dest_pa == rt.base + p->offset)
			return p;
	}
	return 0;
}

bool virtio_blk_init(struct virtio_dev *d)
{
	const struct layout_payload *p = blk_payload(d);
	struct virtio_blk *b;

	if (!p || blk_count == VIRTIO_MAX_DEVICES) {
		log_printf("vmm|%s|virtio-blk slot %u: no valid disk payload at 0x%lx\n",
			   d->g->name, d->cap->slot, (unsigned long)d->cap->pa);
		return false;
	}
	b = &blk_disks[blk_count++];
	b->data = (uint8_t *)(uintptr_t)p->dest_pa;
	b->size = p->file_size;
	b->readonly = !(d->cap->rights & LAYOUT_RIGHT_W);
	d->ops = &blk_ops;
	d->backend = b;
	return true;
}
