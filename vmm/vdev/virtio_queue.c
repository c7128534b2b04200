// SPDX-License-Identifier: MIT
/*
 * Split virtqueues (virtio 1.2 "Split Virtqueues"). Every guest address is
 * translated through the guest's MEMORY capability with its length, so a
 * ring, descriptor or buffer outside that guest's RAM fails the device
 * (virtio_fail) instead of reaching any other memory. Indices are read once
 * and checked before use: the guest may change the rings at any moment.
 */
#include "core/guest.h"
#include "core/lib.h"
#include "vdev/virtio.h"

#define VIRTQ_DESC_F_NEXT     1u
#define VIRTQ_DESC_F_WRITE    2u
#define VIRTQ_DESC_F_INDIRECT 4u

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

uint8_t *virtio_guest_ptr(const struct guest *g, uint64_t ipa, uint64_t len)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind != LAYOUT_CAP_MEMORY || !lib_inside(ipa, len, c->ipa, c->size))
			continue;
		return (uint8_t *)(uintptr_t)(c->pa + (ipa - c->ipa));
	}
	return 0;
}

static uint8_t *virtq_ring(struct virtio_dev *d, uint64_t ipa, uint64_t len,
			   uint64_t align, const char *what)
{
	uint8_t *p = IS_ALIGNED(ipa, align) ? virtio_guest_ptr(d->g, ipa, len) : 0;

	if (!p)
		virtio_fail(d, what, ipa);
	return p;
}

/* QueueReady = 1: the layout the driver wrote must lie in its RAM. */
bool virtq_setup(struct virtio_dev *d, struct virtq *q)
{
	uint64_t n = q->num;

	if (!n || n > VIRTIO_QUEUE_MAX || (n & (n - 1))) {
		virtio_fail(d, "queue size not a power of two up to 256", n);
		return false;
	}
	q->desc = virtq_ring(d, q->desc_ipa, 16 * n, 16, "descriptor table outside guest RAM");
	q->avail = virtq_ring(d, q->avail_ipa, 6 + 2 * n, 2, "driver ring outside guest RAM");
	q->used = virtq_ring(d, q->used_ipa, 6 + 8 * n, 4, "device ring outside guest RAM");
	return q->desc && q->avail && q->used;
}

static uint16_t virtq_load16(const uint8_t *p)
{
	return __atomic_load_n((const uint16_t *)p, __ATOMIC_ACQUIRE);
}

/* One descriptor, checked; false after virtio_fail. */
static bool virtq_add_buf(struct virtio_dev *d, struct virtq *q, const struct virtq_desc *desc)
{
	struct virtio_chain *c = &q->chain;
	bool write = desc->flags & VIRTQ_DESC_F_WRITE;
	struct virtio_buf *b;

	if (desc->flags & VIRTQ_DESC_F_INDIRECT) {
		virtio_fail(d, "indirect descriptor (not offered)", desc->addr);
		return false;
	}
	if (c->count == VIRTIO_CHAIN_MAX) {
		virtio_fail(d, "descriptor chain too long", c->count);
		return false;
	}
	if (!write && c->write_len) {
		virtio_fail(d, "readable descriptor after a writable one", desc->addr);
		return false;
	}
	b = &c->buf[c->count++];
	b->len = desc->len;
	b->write = write;
	b->p = virtio_guest_ptr(d->g, desc->addr, desc->len ? desc->len : 1);
	if (!b->p) {
		virtio_fail(d, "descriptor buffer outside guest RAM", desc->addr);
		return false;
	}
	if (write)
		c->write_len += desc->len;
	else
		c->read_len += desc->len;
	return true;
}

static int virtq_walk(struct virtio_dev *d, struct virtq *q, uint16_t head)
{
	struct virtio_chain *c = &q->chain;
	uint32_t idx = head;

	c->head = head;
	c->count = c->read_len = c->write_len = 0;
	for (uint32_t n = 0; ; n++) {
		struct virtq_desc desc;

		if (idx >= q->num || n >= q->num) {
			virtio_fail(d, idx >= q->num ? "descriptor index out of range" :
				    "descriptor chain loops", idx);
			return -1;
		}
		memcpy(&desc, q->desc + 16 * idx, sizeof(desc));
		if (!virtq_add_buf(d, q, &desc))
			return -1;
		if (!(desc.flags & VIRTQ_DESC_F_NEXT))
			return 1;
		idx = desc.next;
	}
}

int virtq_pop(struct virtio_dev *d, struct virtq *q)
{
	uint16_t avail_idx, head;

	if (!q->ready || !virtio_live(d))
		return 0;
	avail_idx = virtq_load16(q->avail + 2);
	if (avail_idx == q->last_avail)
		return 0;
	if ((uint16_t)(avail_idx - q->last_avail) > q->num) {
		virtio_fail(d, "driver ring index ran ahead", avail_idx);
		return -1;
	}
	head = virtq_load16(q->avail + 4 + 2 * (q->last_avail % q->num));
	q->last_avail++;
	return virtq_walk(d, q, head);
}

void virtq_push(struct virtq *q, uint16_t head, uint32_t len)
{
	uint8_t *elem = q->used + 4 + 8 * (q->used_idx % q->num);
	uint32_t id = head;

	memcpy(elem, &id, 4);
	memcpy(elem + 4, &len, 4);
	q->used_idx++;
	/* the element before the index (virtio 1.2 "The Virtqueue Used Ring") */
	__atomic_store_n((uint16_t *)(q->used + 2), q->used_idx, __ATOMIC_RELEASE);
}

void virtq_drain(struct virtio_dev *d, uint32_t queue,
		 void (*consume)(struct virtio_dev *d, const struct virtio_chain *c))
{
	struct virtq *q = &d->q[queue];
	bool used = false;

	spin_lock(&q->lock);
	while (virtq_pop(d, q) > 0) {
		consume(d, &q->chain);
		virtq_push(q, q->chain.head, 0);
		used = true;
	}
	spin_unlock(&q->lock);
	if (used)
		virtio_interrupt(d, VIRTIO_INT_USED);
}

/* Walks buffers of one direction, offset off into them, calling copy. */
static bool virtq_chain_copy(const struct virtio_chain *c, bool write, uint32_t off,
			     uint8_t *mem, uint32_t len)
{
	for (uint32_t i = 0; i < c->count && len; i++) {
		const struct virtio_buf *b = &c->buf[i];
		uint32_t n;

		if (b->write != write)
			continue;
		if (off >= b->len) {
			off -= b->len;
			continue;
		}
		n = b->len - off < len ? b->len - off : len;
		if (write)
			memcpy(b->p + off, mem, n);
		else
			memcpy(mem, b->p + off, n);
		mem += n;
		len -= n;
		off = 0;
	}
	return len == 0;
}

bool virtq_chain_read(const struct virtio_chain *c, uint32_t off, void *dst, uint32_t len)
{
	return virtq_chain_copy(c, false, off, dst, len);
}

bool virtq_chain_write(const struct virtio_chain *c, uint32_t off, const void *src, uint32_t len)
{
	return virtq_chain_copy(c, true, off, (uint8_t *)(uintptr_t)src, len);
}
