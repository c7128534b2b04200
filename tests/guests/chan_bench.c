// SPDX-License-Identifier: MIT
/*
 * chan_bench: channel figures under QEMU -icount shift=0,sleep=off, where
 * virtual time advances one nanosecond per instruction executed on any CPU
 * and sleeping CPUs add none: CNTVCT deltas (converted with CNTFRQ) are
 * instruction counts of the whole exchange. role=a drives, role=b answers:
 * doorbell round trips, polled round trips, 64 KiB bulk transfers through
 * channel `bulk` vs a RAM-to-RAM copy in role a, then (b gone) the cost of
 * NOTIFY itself and of a null hypercall. Prints `BENCH <what> <value> <unit>`.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define BULK     0x10000u
#define W_SEQ_A  0u       /* ctl words: a's sequence number */
#define W_SEQ_B  4u       /* b's answer */
#define W_PHASE  8u       /* a: 1 doorbells, 2 polling, 3 bulk, 4 done */

static uint8_t ram_src[BULK] __attribute__((aligned(16)));
static uint8_t ram_dst[BULK] __attribute__((aligned(16)));

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("BENCH unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static void bench(const char *what, uint64_t value, const char *unit)
{
	guest_puts("BENCH ");
	guest_puts(what);
	guest_puts(" ");
	guest_putu(value, 10);
	guest_puts(" ");
	guest_puts(unit);
	guest_puts("\n");
}

static void wait_seq(struct pc_channel *ch, uint32_t off, uint32_t want, int doorbell)
{
	while (*pc_u32(ch, off) != want) {
		if (doorbell)
			pc_wait(ch);
		else   /* lets QEMU's round-robin run the peer: a fair spin */
			__asm__ volatile("yield" ::: "memory");
	}
	__asm__ volatile("dmb sy" ::: "memory");
}

static void put_seq(struct pc_channel *ch, uint32_t off, uint32_t v, int doorbell)
{
	__asm__ volatile("dmb sy" ::: "memory");
	*pc_u32(ch, off) = v;
	if (doorbell)
		pc_notify(ch);
}

static uint64_t a_round_trips(struct pc_channel *ctl, uint32_t n, uint32_t *seq, int doorbell)
{
	uint64_t t0 = guest_vns();

	for (uint32_t i = 0; i < n; i++) {
		put_seq(ctl, W_SEQ_A, ++*seq, doorbell);
		wait_seq(ctl, W_SEQ_B, *seq, doorbell);
	}
	return (guest_vns() - t0) / n;
}

/* ns per MiB: bulk through the channel (b copies it out and answers) */
static uint64_t a_bulk(struct pc_channel *ctl, struct pc_channel *bulk, uint32_t rounds,
		       uint32_t *seq)
{
	uint64_t t0 = guest_vns();

	for (uint32_t r = 0; r < rounds; r++) {
		ram_src[r % BULK] = (uint8_t)r;
		pc_write(bulk, 0, ram_src, BULK);
		put_seq(ctl, W_SEQ_A, ++*seq, 1);
		wait_seq(ctl, W_SEQ_B, *seq, 1);
	}
	return (guest_vns() - t0) * 16 / rounds;
}

static uint64_t a_memcpy(uint32_t rounds)
{
	struct pc_channel ram;
	uint64_t t0 = guest_vns();

	pc_fixed(&ram, (uintptr_t)ram_dst, BULK, 0, 0);
	for (uint32_t r = 0; r < rounds; r++) {
		ram_src[r % BULK] = (uint8_t)r;
		pc_write(&ram, 0, ram_src, BULK);
	}
	return (guest_vns() - t0) * 16 / rounds;
}

static void role_a(struct pc_channel *ctl, struct pc_channel *bulk, uint32_t n, uint32_t rounds)
{
	uint32_t seq = 0;
	uint64_t t0, ch_ns, ram_ns;

	*pc_u32(ctl, W_PHASE) = 1;
	bench("rtt-doorbell", a_round_trips(ctl, n, &seq, 1), "instructions");
	put_seq(ctl, W_PHASE, 2, 1);
	bench("rtt-polling", a_round_trips(ctl, n, &seq, 0), "instructions");
	put_seq(ctl, W_PHASE, 3, 0);
	ch_ns = a_bulk(ctl, bulk, rounds, &seq);
	ram_ns = a_memcpy(rounds);
	bench("bulk-64k-channel", ch_ns, "instructions/MiB");
	bench("bulk-64k-memcpy", ram_ns, "instructions/MiB");
	bench("bulk-ratio-x100", ch_ns * 100 / ram_ns, "channel/memcpy");
	put_seq(ctl, W_PHASE, 4, 1);
	wait_seq(ctl, W_SEQ_B, ~0u, 0);      /* b has stopped listening */
	t0 = guest_vns();
	for (uint32_t i = 0; i < n; i++)
		pc_notify(ctl);
	bench("notify-call", (guest_vns() - t0) / n, "instructions");
	t0 = guest_vns();
	for (uint32_t i = 0; i < n; i++)
		pc_hvc1(0xC6000000u, 0);
	bench("null-call", (guest_vns() - t0) / n, "instructions");
}

static void role_b(struct pc_channel *ctl, struct pc_channel *bulk)
{
	uint32_t seen = 0, seq;

	for (;;) {
		uint32_t phase = *pc_u32(ctl, W_PHASE);
		int doorbell = phase != 2;

		if (phase == 4)
			break;
		if ((seq = *pc_u32(ctl, W_SEQ_A)) == seen) {
			if (doorbell)
				pc_wait(ctl);
			else
				__asm__ volatile("yield" ::: "memory");
			continue;
		}
		__asm__ volatile("dmb sy" ::: "memory");
		if (phase == 3)
			pc_read(bulk, 0, ram_dst, BULK);
		seen = seq;
		put_seq(ctl, W_SEQ_B, seq, doorbell);
	}
	/* doorbell off, then tell a: its later notifies find nobody listening */
	*pc_gicd32(0x180u + 4 * (ctl->intid / 32)) = 1u << (ctl->intid % 32);
	put_seq(ctl, W_SEQ_B, ~0u, 0);
}

void guest_main(const void *dtb)
{
	char role[4] = "a", buf[16];
	struct pc_channel ctl, bulk;
	uint32_t n = 1000, rounds = 32;

	guest_bootarg(dtb, "role", role, sizeof(role));
	if (guest_bootarg(dtb, "n", buf, sizeof(buf)))
		n = (uint32_t)guest_atou(buf);
	if (guest_bootarg(dtb, "rounds", buf, sizeof(buf)))
		rounds = (uint32_t)guest_atou(buf);
	if (pc_find(dtb, "ctl", &ctl) || pc_find(dtb, "bulk", &bulk) || pc_gic_init(dtb)) {
		guest_puts("BENCH no channels or no GIC in the DTB\n");
		guest_off();
	}
	pc_irq_enable(&ctl);
	if (role[0] == 'a')
		role_a(&ctl, &bulk, n, rounds);
	else
		role_b(&ctl, &bulk);
	guest_off();
}
