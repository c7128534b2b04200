// SPDX-License-Identifier: MIT
/*
 * virtio-net (virtio 1.2 "Network Device") ports on runtime-run switches:
 * every net device whose capability names the same network (peer) is a
 * port. A frame from a port's transmit queue is copied into the receive
 * queue of the port owning its destination MAC, or of every other port for
 * broadcast and multicast. A receiver without a free buffer loses the
 * frame (counted), so a guest that stops taking frames stalls nobody.
 * Locks: a sender holds its transmit queue's lock, then takes one
 * receiver's receive queue lock at a time; nothing is taken under that.
 */
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/virtio.h"

#define NET_F_MAC (1ull << 5)

#define NET_RXQ 0u
#define NET_TXQ 1u
#define NET_HDR 12u                  /* struct virtio_net_hdr, version 1 */
#define NET_FRAME_MAX 1522u          /* MTU 1500 + Ethernet + VLAN tag */
#define NET_FRAME_MIN 14u

struct virtio_net {
	uint8_t mac[6];
	uint32_t network;
	uint8_t frame[NET_HDR + NET_FRAME_MAX];   /* under the TX queue lock */
	volatile uint32_t tx_frames, tx_dropped, rx_frames, rx_dropped;
};

static struct virtio_net net_ports[VIRTIO_MAX_DEVICES];
static uint32_t net_count;

static void net_count_add(volatile uint32_t *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static uint64_t net_features(struct virtio_dev *d)
{
	return NET_F_MAC;
}

/* struct virtio_net_config: mac[6], then fields we do not offer */
static uint32_t net_config_read(struct virtio_dev *d, uint32_t off, unsigned width)
{
	const struct virtio_net *n = d->backend;
	uint32_t value = 0;

	if (off + width <= sizeof(n->mac))
		memcpy(&value, n->mac + off, width);
	return value;
}

/* Copies one frame (header included) into d's receive queue, or drops it. */
static void net_deliver(struct virtio_dev *d, const uint8_t *frame, uint32_t len)
{
	struct virtio_net *n = d->backend;
	struct virtq *q = &d->q[NET_RXQ];
	uint16_t one = 1;
	bool done = false;

	spin_lock(&q->lock);
	if (virtq_pop(d, q) > 0) {
		const struct virtio_chain *c = &q->chain;
		bool fits = c->read_len == 0 && c->write_len >= len;

		/* a buffer too short for the frame goes back empty */
		if (fits) {
			virtq_chain_write(c, 0, frame, len);
			virtq_chain_write(c, 10, &one, 2);   /* num_buffers */
		}
		virtq_push(q, c->head, fits ? len : 0);
		done = fits;
		if (!fits)
			net_count_add(&n->rx_dropped);
	} else {
		net_count_add(&n->rx_dropped);
	}
	spin_unlock(&q->lock);
	if (done) {
		net_count_add(&n->rx_frames);
		virtio_interrupt(d, VIRTIO_INT_USED);
	}
}

static bool net_wants(const struct virtio_net *to, const uint8_t *dst)
{
	return (dst[0] & 1) || !memcmp(dst, to->mac, 6);
}

static void net_switch(struct virtio_dev *from, uint32_t len)
{
	struct virtio_net *src = from->backend;
	const uint8_t *dst = src->frame + NET_HDR;

	for (uint32_t i = 0; i < virtio_device_count(); i++) {
		struct virtio_dev *d = virtio_device(i);
		struct virtio_net *to = d->backend;

		if (d == from || d->cap->object != LAYOUT_VIRTIO_NET ||
		    to->network != src->network || !net_wants(to, dst))
			continue;
		if (virtio_live(d))
			net_deliver(d, src->frame, len);
		else
			net_count_add(&to->rx_dropped);
	}
}

/* one transmitted frame (virtq_drain); bad or oversized ones are dropped */
static void net_transmit_one(struct virtio_dev *d, const struct virtio_chain *c)
{
	struct virtio_net *n = d->backend;
	uint64_t len = c->read_len;

	if (c->write_len || len < NET_HDR + NET_FRAME_MIN || len > sizeof(n->frame) ||
	    !virtq_chain_read(c, 0, n->frame, (uint32_t)len)) {
		net_count_add(&n->tx_dropped);
		return;
	}
	memset(n->frame, 0, NET_HDR);   /* no offloads were offered */
	net_switch(d, (uint32_t)len);
	net_count_add(&n->tx_frames);
}

static void net_notify(struct virtio_dev *d, uint32_t queue)
{
	/* receive buffers are taken when a frame arrives */
	if (queue == NET_TXQ)
		virtq_drain(d, NET_TXQ, net_transmit_one);
}

static void net_log_stats(struct virtio_dev *d)
{
	const struct virtio_net *n = d->backend;

	log_printf("vmm|%s|virtio-net slot %u: tx %u dropped %u, rx %u dropped %u\n",
		   d->g->name, d->cap->slot, n->tx_frames, n->tx_dropped, n->rx_frames,
		   n->rx_dropped);
}

static const struct virtio_ops net_ops = {
	.name = "net",
	.queue_count = 2,
	.features = net_features,
	.config_read = net_config_read,
	.notify = net_notify,
	.log_stats = net_log_stats,
};

bool virtio_net_init(struct virtio_dev *d)
{
	struct virtio_net *n;

	if (net_count == VIRTIO_MAX_DEVICES)
		return false;
	n = &net_ports[net_count++];
	for (int i = 0; i < 6; i++)
		n->mac[i] = (uint8_t)(d->cap->pa >> (8 * i));
	n->network = d->cap->peer;
	d->ops = &net_ops;
	d->backend = n;
	return true;
}
