// SPDX-License-Identifier: MIT
/*
 * virtio-console (virtio 1.2 "Console Device"), one port, output only: the
 * guest's hvc0. Bytes from the transmit queue collect into a line shown as
 * `<guest>| <line>`, as the virtual PL011 does; the receive queue gets no
 * input. No feature bits beyond VERSION_1, so the config space is unused.
 */
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/virtio.h"

#define CONS_RXQ 0u
#define CONS_TXQ 1u
#define CONS_LINE_MAX 256u

struct virtio_console {
	uint32_t len;                   /* under the TX queue lock */
	char line[CONS_LINE_MAX];
};

static struct virtio_console cons_ports[VIRTIO_MAX_DEVICES];
static uint32_t cons_count;

static uint64_t cons_features(struct virtio_dev *d)
{
	return 0;
}

static uint32_t cons_config_read(struct virtio_dev *d, uint32_t off, unsigned width)
{
	return 0;
}

static void cons_flush(struct virtio_dev *d, struct virtio_console *c)
{
	log_guest_line(d->g->index, d->g->name, c->line, c->len);
	c->len = 0;
}

static void cons_put(struct virtio_dev *d, struct virtio_console *c, char ch)
{
	if (ch == '\n') {
		cons_flush(d, c);
	} else if (ch != '\r') {
		c->line[c->len++] = ch;
		if (c->len == CONS_LINE_MAX)
			cons_flush(d, c);
	}
}

/* one chain of output (virtq_drain): its readable bytes, in order */
static void cons_transmit_one(struct virtio_dev *d, const struct virtio_chain *ch)
{
	struct virtio_console *c = d->backend;

	for (uint32_t i = 0; i < ch->count; i++) {
		const struct virtio_buf *b = &ch->buf[i];

		for (uint32_t k = 0; !b->write && k < b->len; k++)
			cons_put(d, c, (char)b->p[k]);
	}
}

static void cons_notify(struct virtio_dev *d, uint32_t queue)
{
	if (queue == CONS_TXQ)
		virtq_drain(d, CONS_TXQ, cons_transmit_one);
}

/* the guest stops: its unterminated last line is still shown */
static void cons_log_stats(struct virtio_dev *d)
{
	struct virtio_console *c = d->backend;
	struct virtq *q = &d->q[CONS_TXQ];

	spin_lock(&q->lock);
	if (c->len)
		cons_flush(d, c);
	spin_unlock(&q->lock);
}

static const struct virtio_ops cons_ops = {
	.name = "console",
	.queue_count = 2,
	.features = cons_features,
	.config_read = cons_config_read,
	.notify = cons_notify,
	.log_stats = cons_log_stats,
};

bool virtio_console_init(struct virtio_dev *d)
{
	if (cons_count == VIRTIO_MAX_DEVICES)
		return false;
	d->ops = &cons_ops;
	d->backend = &cons_ports[cons_count++];
	return true;
}
