// SPDX-License-Identifier: MIT
/*
 * net_noise: virtio network load for tests/bench/jitter.sh (issue 15's
 * "while another guest hammers ... a virtio network"). role=tx keeps its
 * virtio-net transmit queue full of 1514-byte broadcast frames; role=rx
 * keeps eight receive buffers posted and hands each used one straight
 * back. tx never waits (the switch copies a frame while tx's QueueNotify
 * traps, so the ring is free again at once); rx sleeps in WFI until its
 * device interrupt, with IRQs masked, so the load is the runtime's
 * (QueueNotify traps, the switch's copies, the receive interrupt and its
 * kick) and never a handler of theirs. tx stops when the
 * done word of channel netctl (set by bench.c's role=noise as the
 * measurement ends) is set, sends short frames that tell rx to stop,
 * prints `NETNOISE frames N` and powers off.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"
#include "virtio_guest.h"

#define QNUM 8u
#define RXQ 0u
#define TXQ 1u
#define NET_HDR 12u                 /* struct virtio_net_hdr, VERSION_1 */
#define FRAME 1514u
#define END_FRAME 60u               /* the short frame: rx stops */
#define BUF_SIZE 2048u
#define RING_AT 0x40800000ull       /* desc +0, avail +0x400, used +0x800 */
#define BUFS_AT 0x40900000ull
#define W_DONE 20u                  /* netctl's done word (bench.c's offset) */

static uint32_t dev_intid;

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("NETNOISE unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static int find_virtio(const struct pc_fdt_node *n, uint32_t ac, uint32_t sc, void *arg)
{
	if (!n->compatible || !pc_streq(n->compatible, "virtio,mmio") || n->reg_len < 4 * ac)
		return 0;
	*(uint64_t *)arg = pc_cells(n->reg, ac);
	/* GIC binding: <type number flags>, type 0 = SPI: INTID = number + 32 */
	if (n->irqs_len >= 12)
		dev_intid = pc_be32(n->irqs + 4) + (pc_be32(n->irqs) == 0 ? 32 : 16);
	return 1;
}

/*
 * A polling loop's hint (Arm ARM "YIELD"): on silicon it lends the core's
 * resources to another thread; QEMU's round-robin (-icount) switches CPUs
 * on it, without which a spinning guest holds off a sleeping CPU's timer.
 */
static inline void spin_hint(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* Queue q with QNUM descriptors, each on its own BUF_SIZE buffer. */
static uint64_t ring_setup(unsigned q, uint32_t len, uint16_t flags)
{
	uint64_t ring = RING_AT + 0x1000ull * q, bufs = BUFS_AT + 0x10000ull * q;
	volatile struct desc *d = (volatile struct desc *)ring;

	for (unsigned i = 0; i < 0x1000; i += 8)
		*(volatile uint64_t *)(ring + i) = 0;
	for (unsigned i = 0; i < QNUM; i++) {
		d[i].addr = bufs + (uint64_t)i * BUF_SIZE;
		d[i].len = len;
		d[i].flags = flags;
		d[i].next = 0;
	}
	queue(q, QNUM, ring, ring + 0x400, ring + 0x800);
	return ring;
}

/* Offer descriptor head as avail entry idx (mod QNUM) and publish idx + 1. */
static void offer(uint64_t ring, uint16_t idx, uint16_t head)
{
	volatile uint16_t *avail = (volatile uint16_t *)(ring + 0x400);

	avail[2 + idx % QNUM] = head;
	__asm__ volatile("dsb sy" ::: "memory");
	avail[1] = (uint16_t)(idx + 1);
	__asm__ volatile("dsb sy" ::: "memory");
}

static void frame(uint64_t buf, uint32_t len)
{
	volatile uint8_t *b = (volatile uint8_t *)buf;

	for (unsigned i = 0; i < NET_HDR; i++)
		b[i] = 0;
	for (unsigned i = 0; i < 6; i++)
		b[NET_HDR + i] = 0xFF;      /* broadcast: the switch's other port */
	for (unsigned i = 6; i < len; i++)
		b[NET_HDR + i] = (uint8_t)i;
}

static void role_tx(const void *dtb)
{
	struct pc_channel ctl;
	uint64_t ring, frames = 0;
	uint16_t sent = 0;

	if (pc_find(dtb, "netctl", &ctl)) {
		guest_puts("NETNOISE no channel netctl\n");
		guest_off();
	}
	ring = ring_setup(TXQ, NET_HDR + FRAME, 0);
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	for (unsigned i = 0; i < QNUM; i++)
		frame(BUFS_AT + 0x10000ull * TXQ + (uint64_t)i * BUF_SIZE, FRAME);
	while (!*pc_u32(&ctl, W_DONE)) {
		/* refill every slot the device has finished with, then notify:
		 * the switch copies on the notify, so this traps every round */
		while ((uint16_t)(sent - used_idx(ring + 0x800)) < QNUM) {
			offer(ring, sent, (uint16_t)(sent % QNUM));
			sent++;
			frames++;
		}
		wr(R_QUEUE_NOTIFY, TXQ);
	}
	/*
	 * The short frame until rx has surely seen one: a receiver without a
	 * free buffer loses frames, so one each 1 ms (about 1M instructions
	 * on all CPUs under icount) for 100 ms, each after the last is used.
	 */
	for (unsigned i = 0; i < 100; i++) {
		uint64_t until = guest_vns() + 1000000;

		while ((uint16_t)(sent - used_idx(ring + 0x800)) >= QNUM)
			wr(R_QUEUE_NOTIFY, TXQ);
		((volatile struct desc *)ring)[sent % QNUM].len = NET_HDR + END_FRAME;
		offer(ring, sent, (uint16_t)(sent % QNUM));
		sent++;
		wr(R_QUEUE_NOTIFY, TXQ);
		while (guest_vns() < until)
			spin_hint();
	}
	guest_puts("NETNOISE frames ");
	guest_putu(frames, 10);
	guest_puts("\n");
	guest_off();
}

/*
 * Sleep until the device's interrupt (IRQs masked: it only wakes us),
 * then acknowledge it at the GIC and at the device.
 */
static void wait_irq(void)
{
	uint32_t id;

	__asm__ volatile("dsb sy; wfi" ::: "memory");
	id = pc_ack();
	if (id < 1020)
		pc_eoi(id);
	wr(R_INT_ACK, rd(R_INT_STATUS));
}

static void role_rx(const void *dtb)
{
	struct pc_channel irq = { .intid = dev_intid };

	if (!dev_intid || pc_gic_init(dtb)) {
		guest_puts("NETNOISE no interrupt or no GIC in the DTB\n");
		guest_off();
	}
	pc_irq_enable(&irq);
	uint64_t ring = ring_setup(RXQ, BUF_SIZE, D_WRITE), frames = 0;
	volatile uint32_t *used = (volatile uint32_t *)(ring + 0x800 + 4);
	uint16_t seen = 0, posted = 0;

	for (; posted < QNUM; posted++)
		offer(ring, posted, posted);
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	wr(R_QUEUE_NOTIFY, RXQ);
	for (;;) {
		uint16_t head;
		uint32_t len;

		while (used_idx(ring + 0x800) == seen)
			wait_irq();
		head = (uint16_t)used[2 * (seen % QNUM)];
		len = used[2 * (seen % QNUM) + 1];
		seen++;
		frames++;
		if (len == NET_HDR + END_FRAME)
			break;
		offer(ring, posted++, head);
		wr(R_QUEUE_NOTIFY, RXQ);
	}
	guest_puts("NETNOISE received ");
	guest_putu(frames, 10);
	guest_puts("\n");
	guest_off();
}

void guest_main(const void *dtb)
{
	char role[4] = "";

	guest_bootarg(dtb, "role", role, sizeof(role));
	if (!pc_fdt_walk(dtb, find_virtio, &dev) || rd(R_MAGIC) != 0x74726976u ||
	    rd(R_DEVICE_ID) != 1 || !start()) {
		guest_puts("NETNOISE no virtio-net in the DTB\n");
		guest_off();
	}
	if (role[0] == 't')
		role_tx(dtb);
	role_rx(dtb);
}
