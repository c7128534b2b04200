// SPDX-License-Identifier: MIT
/*
 * virtio-vsock (virtio 1.2 "Socket Device") between guests: each device is
 * a context id (its capability's peer). A packet from a device's transmit
 * queue goes to the receive queue of the device owning its destination
 * context id, split over as many receive buffers as its payload needs. The
 * capability's pa says which guests this one may reach (those it shares a
 * channel or network with); a packet for any other context id, a guest
 * that is not running, or a receiver without buffers gets an RST back, so
 * a connect() fails and nobody waits on a guest that takes nothing. The
 * source context id is always the sender's own: a guest cannot spoof it.
 * Locks: a sender holds its transmit queue's lock, then takes one receive
 * queue lock at a time (the peer's, or its own for an RST).
 */
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/virtio.h"

#define VSOCK_RXQ 0u
#define VSOCK_TXQ 1u
#define VSOCK_EVQ 2u            /* stays empty: no transport reset events */

#define VSOCK_TYPE_STREAM 1u
#define VSOCK_OP_RST      3u
#define VSOCK_PKT_MAX     (64u * 1024)  /* Linux's largest packet payload */
#define VSOCK_BOUNCE      2048u
#define VSOCK_DENIED_LOGGED 8u

/* struct virtio_vsock_hdr, little-endian like the runtime */
struct vsock_hdr {
	uint64_t src_cid;
	uint64_t dst_cid;
	uint32_t src_port;
	uint32_t dst_port;
	uint32_t len;
	uint16_t type;
	uint16_t op;
	uint32_t flags;
	uint32_t buf_alloc;
	uint32_t fwd_cnt;
} __attribute__((packed));

#define VSOCK_HDR ((uint32_t)sizeof(struct vsock_hdr))
_Static_assert(sizeof(struct vsock_hdr) == 44, "virtio 1.2 vsock header is 44 bytes");

struct virtio_vsock {
	uint32_t cid;
	uint64_t reach;                 /* guest indices this one may reach */
	uint8_t bounce[VSOCK_BOUNCE];   /* under the TX queue lock */
	volatile uint32_t tx_packets, tx_dropped, rx_packets, rx_dropped, denied;
};

static struct virtio_vsock vsock_ports[VIRTIO_MAX_DEVICES];
static uint32_t vsock_count;

static void vsock_count_add(volatile uint32_t *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static uint64_t vsock_features(struct virtio_dev *d)
{
	return 0;   /* stream sockets only: no SEQPACKET */
}

/* struct virtio_vsock_config: le64 guest_cid */
static uint32_t vsock_config_read(struct virtio_dev *d, uint32_t off, unsigned width)
{
	const struct virtio_vsock *v = d->backend;
	uint64_t cid = v->cid;
	uint32_t value = 0;

	if (off + width <= sizeof(cid))
		memcpy(&value, (const uint8_t *)&cid + off, width);
	return value;
}

/*
 * Copies h and len payload bytes of the sender's chain src (from byte
 * VSOCK_HDR on) into d's receive buffers, one header per buffer. False if
 * d ran out of buffers (what was not delivered is lost: the caller resets
 * the connection). bounce: the sender's, under its TX lock.
 */
static bool vsock_deliver(struct virtio_dev *d, const struct vsock_hdr *h,
			  const struct virtio_chain *src, uint32_t len, uint8_t *bounce)
{
	struct virtio_vsock *v = d->backend;
	struct virtq *q = &d->q[VSOCK_RXQ];
	uint32_t off = 0;
	bool ok = true, used = false;

	do {
		const struct virtio_chain *c = &q->chain;
		struct vsock_hdr part = *h;
		uint32_t n;

		spin_lock(&q->lock);
		if (virtq_pop(d, q) <= 0) {
			spin_unlock(&q->lock);
			ok = false;
			break;
		}
		if (c->read_len || c->write_len < VSOCK_HDR + (len ? 1 : 0)) {
			virtq_push(q, c->head, 0);      /* unusable buffer back empty */
			spin_unlock(&q->lock);
			used = true;
			ok = false;
			break;
		}
		n = len - off;
		if (n > c->write_len - VSOCK_HDR)
			n = (uint32_t)(c->write_len - VSOCK_HDR);
		part.len = n;
		virtq_chain_write(c, 0, &part, VSOCK_HDR);
		for (uint32_t k = 0; k < n; k += VSOCK_BOUNCE) {
			uint32_t m = n - k < VSOCK_BOUNCE ? n - k : VSOCK_BOUNCE;

			virtq_chain_read(src, VSOCK_HDR + off + k, bounce, m);
			virtq_chain_write(c, VSOCK_HDR + k, bounce, m);
		}
		virtq_push(q, c->head, VSOCK_HDR + n);
		spin_unlock(&q->lock);
		used = true;
		off += n;
		vsock_count_add(&v->rx_packets);
	} while (off < len);
	if (!ok)
		vsock_count_add(&v->rx_dropped);
	if (used)
		virtio_interrupt(d, VIRTIO_INT_USED);
	return ok;
}

/* An RST for h back to its sender d (never in answer to an RST). */
static void vsock_reset(struct virtio_dev *d, const struct vsock_hdr *h)
{
	struct virtio_vsock *v = d->backend;
	struct vsock_hdr rst = {
		.src_cid = h->dst_cid, .dst_cid = v->cid,
		.src_port = h->dst_port, .dst_port = h->src_port,
		.type = h->type, .op = VSOCK_OP_RST,
	};

	if (h->op != VSOCK_OP_RST)
		vsock_deliver(d, &rst, 0, 0, v->bounce);
}

static struct virtio_dev *vsock_find(uint64_t cid)
{
	for (uint32_t i = 0; i < virtio_device_count(); i++) {
		struct virtio_dev *d = virtio_device(i);

		if (d->cap->object == LAYOUT_VIRTIO_VSOCK &&
		    ((struct virtio_vsock *)d->backend)->cid == cid)
			return d;
	}
	return 0;
}

static void vsock_denied(struct virtio_dev *d, const struct vsock_hdr *h)
{
	struct virtio_vsock *v = d->backend;
	uint32_t n = __atomic_fetch_add(&v->denied, 1, __ATOMIC_RELAXED);

	if (n < VSOCK_DENIED_LOGGED)
		log_printf("vmm|%s|virtio-vsock cid %u: port %u to cid %lu port %u denied (no channel or network shared): RST%s\n",
			   d->g->name, v->cid, h->src_port, (unsigned long)h->dst_cid, h->dst_port,
			   n + 1 == VSOCK_DENIED_LOGGED ? "; further denials not logged" : "");
}

/* One packet from d's transmit chain c, header h already read. */
static void vsock_route(struct virtio_dev *d, struct vsock_hdr *h, const struct virtio_chain *c)
{
	struct virtio_vsock *v = d->backend;
	struct virtio_dev *to;
	uint64_t peer;

	h->src_cid = v->cid;
	to = vsock_find(h->dst_cid);
	peer = h->dst_cid - LAYOUT_VSOCK_CID_BASE;
	if (!to || peer >= 64 || !(v->reach >> peer & 1)) {
		vsock_denied(d, h);
		vsock_reset(d, h);
		return;
	}
	if (h->type != VSOCK_TYPE_STREAM || !virtio_live(to) ||
	    !vsock_deliver(to, h, c, h->len, v->bounce))
		vsock_reset(d, h);
}

/* one transmitted packet (virtq_drain); malformed ones are dropped */
static void vsock_transmit_one(struct virtio_dev *d, const struct virtio_chain *c)
{
	struct virtio_vsock *v = d->backend;
	struct vsock_hdr h;

	if (c->write_len || c->read_len < VSOCK_HDR ||
	    !virtq_chain_read(c, 0, &h, VSOCK_HDR) || h.len > VSOCK_PKT_MAX ||
	    h.len > c->read_len - VSOCK_HDR) {
		vsock_count_add(&v->tx_dropped);
		return;
	}
	vsock_route(d, &h, c);
	vsock_count_add(&v->tx_packets);
}

static void vsock_notify(struct virtio_dev *d, uint32_t queue)
{
	/* receive buffers are taken when a packet arrives; events never come */
	if (queue == VSOCK_TXQ)
		virtq_drain(d, VSOCK_TXQ, vsock_transmit_one);
}

static void vsock_log_stats(struct virtio_dev *d)
{
	const struct virtio_vsock *v = d->backend;

	log_printf("vmm|%s|virtio-vsock cid %u: tx %u dropped %u, rx %u dropped %u, denied %u\n",
		   d->g->name, v->cid, v->tx_packets, v->tx_dropped, v->rx_packets,
		   v->rx_dropped, v->denied);
}

static const struct virtio_ops vsock_ops = {
	.name = "vsock",
	.queue_count = 3,
	.features = vsock_features,
	.config_read = vsock_config_read,
	.notify = vsock_notify,
	.log_stats = vsock_log_stats,
};

bool virtio_vsock_init(struct virtio_dev *d)
{
	struct virtio_vsock *v;

	if (vsock_count == VIRTIO_MAX_DEVICES || d->cap->peer < LAYOUT_VSOCK_CID_BASE)
		return false;
	v = &vsock_ports[vsock_count++];
	v->cid = d->cap->peer;
	v->reach = d->cap->pa;
	d->ops = &vsock_ops;
	d->backend = v;
	return true;
}
