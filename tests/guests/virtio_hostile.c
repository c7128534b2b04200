// SPDX-License-Identifier: MIT
/*
 * virtio_hostile: drives its virtio-net device (window at dev=, from the
 * layout) with rings and descriptors that break the rules: rings and
 * buffers outside its RAM, lengths that wrap, loops, indices out of range,
 * indirect descriptors it was not offered. Each case must leave the device
 * in DEVICE_NEEDS_RESET with a config-change interrupt status, and a reset
 * must bring it back. Prints `VHOSTILE done cases=N contained=N recovered=N`.
 * Then it offers one receive buffer, and once a frame has filled it keeps
 * the port live without buffers for wait= seconds: every frame for it in
 * that time is dropped. Caches are off, so every case uses rings in memory
 * the runtime never read before, and the used ring is cleaned before reads.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"
#include "virtio_guest.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x01000000ull      /* the spec gives it 16M */
#define RING_AREA (RAM_BASE + 0x800000ull)
#define QNUM 8u

static unsigned area;

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("VHOSTILE unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static void zero(uint64_t at, unsigned n)
{
	for (unsigned i = 0; i < n; i += 8)
		*(volatile uint64_t *)(at + i) = 0;
}

/* A fresh 4 KiB ring area: desc at +0, avail at +0x400, used at +0x800. */
static uint64_t fresh_area(void)
{
	uint64_t at = RING_AREA + 0x1000ull * area++;

	zero(at, 0x1000);
	return at;
}

/* Live device, transmit queue 1 in a fresh area; returns the area. */
static uint64_t live_tx(void)
{
	uint64_t at = fresh_area();

	if (!start())
		return 0;
	queue(1, QNUM, at, at + 0x400, at + 0x800);
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	return at;
}

/* Put d as descriptor 0 and ring[0] = head, idx = idx; notify TX. */
static void post(uint64_t at, struct desc d, uint16_t head, uint16_t idx)
{
	volatile struct desc *table = (volatile struct desc *)at;
	volatile uint16_t *avail = (volatile uint16_t *)(at + 0x400);

	table[0].addr = d.addr;
	table[0].len = d.len;
	table[0].flags = d.flags;
	table[0].next = d.next;
	avail[2] = head;
	__asm__ volatile("dsb sy" ::: "memory");
	avail[1] = idx;
	__asm__ volatile("dsb sy" ::: "memory");
	wr(R_QUEUE_NOTIFY, 1);
}

static unsigned cases, contained, recovered;

static void verdict(const char *name)
{
	uint32_t st = rd(R_STATUS), isr = rd(R_INT_STATUS);
	int ok = (st & S_NEEDS_RESET) && (isr & 2);

	cases++;
	contained += ok;
	wr(R_INT_ACK, isr);
	wr(R_STATUS, 0);
	recovered += rd(R_STATUS) == 0 && rd(R_INT_STATUS) == 0;
	guest_puts("VHOSTILE case ");
	guest_puts(name);
	guest_puts(ok ? " contained\n" : " NOT contained\n");
}

static void bad_buffer(const char *name, uint64_t addr, uint32_t len, uint16_t flags,
		       uint16_t head, uint16_t idx)
{
	uint64_t at = live_tx();
	struct desc d = { addr, len, flags, 0 };

	if (at)
		post(at, d, head, idx);
	verdict(name);
}

static void ring_outside(void)
{
	if (start())
		queue(1, QNUM, RAM_BASE + RAM_SIZE, RING_AREA + 0x400, RING_AREA + 0x800);
	verdict("ring-outside-ram");
}

static uint64_t now(void)
{
	uint64_t t;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t));
	return t;
}

/* Sleeps in WFI on the virtual timer (enabled in our GIC, IRQs masked). */
static void sleep_ms(uint64_t ms)
{
	uint64_t frq, end;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	end = now() + frq * ms / 1000;
	while (now() < end) {
		__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
				 :: "r"(end), "r"(1ul) : "memory");
		__asm__ volatile("dsb sy; wfi" ::: "memory");
		uint32_t id = pc_ack();
		if (id < 1020)
			pc_eoi(id);
	}
	__asm__ volatile("msr cntv_ctl_el0, xzr; isb" ::: "memory");
}

/* One receive buffer; once it is used, wait seconds without any. */
static void idle_port(uint64_t wait)
{
	uint64_t at = fresh_area();
	volatile struct desc *table = (volatile struct desc *)at;
	volatile uint16_t *avail = (volatile uint16_t *)(at + 0x400);
	unsigned tries = 0;

	if (!start())
		return;
	queue(0, QNUM, at, at + 0x400, at + 0x800);
	table[0].addr = RAM_BASE + 0xA00000ull;
	table[0].len = 2048;
	table[0].flags = 2;     /* device-writable */
	avail[2] = 0;
	__asm__ volatile("dsb sy" ::: "memory");
	avail[1] = 1;
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	while (used_idx(at + 0x800) == 0 && tries++ < 1200)
		sleep_ms(100);
	guest_puts(tries <= 1200 ? "VHOSTILE took one frame, takes no more\n" :
		   "VHOSTILE no frame arrived\n");
	sleep_ms(wait * 1000);
}

void guest_main(const void *dtb)
{
	char buf[24];
	uint64_t ok_buf = RAM_BASE + 0x900000ull, wait = 0;

	if (!guest_bootarg(dtb, "dev", buf, sizeof(buf))) {
		guest_puts("VHOSTILE no dev= boot argument\n");
		guest_off();
	}
	dev = guest_atou(buf);
	if (guest_bootarg(dtb, "wait", buf, sizeof(buf)))
		wait = guest_atou(buf);
	if (rd(R_MAGIC) != 0x74726976u || rd(R_VERSION) != 2 || rd(R_DEVICE_ID) != 1) {
		guest_puts("VHOSTILE no virtio-net version 2 at dev=\n");
		guest_off();
	}
	ring_outside();
	bad_buffer("buffer-in-gic", 0x08000000ull, 64, 0, 0, 1);
	bad_buffer("buffer-straddles-ram-end", RAM_BASE + RAM_SIZE - 16, 64, 0, 0, 1);
	bad_buffer("length-wraps", ok_buf, 0xFFFFFFF0u, 0, 0, 1);
	bad_buffer("chain-loops", ok_buf, 64, D_NEXT, 0, 1);
	bad_buffer("head-out-of-range", ok_buf, 64, 0, 200, 1);
	bad_buffer("index-ran-ahead", ok_buf, 64, 0, 0, 100);
	bad_buffer("indirect-not-offered", ok_buf, 64, D_INDIRECT, 0, 1);
	guest_puts("VHOSTILE done cases=");
	guest_putu(cases, 10);
	guest_puts(" contained=");
	guest_putu(contained, 10);
	guest_puts(" recovered=");
	guest_putu(recovered, 10);
	guest_puts("\n");
	pc_gic_init(dtb);
	*(volatile uint32_t *)(pc_gic_state.gicr + 0x10000 + 0x80) |= 1u << 27;  /* group 1 */
	*(volatile uint32_t *)(pc_gic_state.gicr + 0x10000 + 0x100) = 1u << 27;  /* vtimer on */
	idle_port(wait);
	guest_puts("VHOSTILE idle port closed\n");
	guest_off();
}
