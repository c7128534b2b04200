// SPDX-License-Identifier: MIT
/*
 * chan_storm: what a notify storm costs the receiver. role=send notifies
 * k= times in a loop once the receiver is ready. role=recv enables its
 * doorbell but keeps interrupts masked and spins on the shared memory (no
 * timer, no WFI: nothing of its own makes it exit), so every exit it takes
 * meanwhile is the storm's doing; PARTITA_HVC_EXITS counts them and the
 * kicks (SGIs) other CPUs sent it. Then it takes the doorbell: exactly one,
 * however many notifies. Then rounds= rounds of a race, still masked: the
 * sender notifies k= times, and on until the receiver has taken a
 * doorbell, then once more; the receiver takes one doorbell for the first
 * burst and exactly one after its acknowledge. A notify lost behind a
 * doorbell that sat coalesced in a list register shows as lost=, one
 * not folded into the pending one as extra=.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define HVC_EXITS 0xC6000002u
#define W_READY 0u     /* receiver: 1 when counting */
#define W_SENT  4u     /* sender: k when its storm is over */
#define W_ROUND 8u     /* receiver: race round r may start */
#define W_BURST 12u    /* sender: round r's first k notifies made */
#define W_ACKED 16u    /* receiver: took a doorbell in round r */
#define W_AFTER 20u    /* sender: notified once more after W_ACKED = r */
#define TAKE_NS 2000000000ull   /* a doorbell later than 2 s is lost */

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("STORM unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static void wait_word(struct pc_channel *ch, uint32_t off, uint32_t want)
{
	while (*pc_u32(ch, off) != want)
		__asm__ volatile("yield" ::: "memory");
	__asm__ volatile("dmb sy" ::: "memory");
}

static void send(struct pc_channel *ch, uint32_t k)
{
	uint64_t refused = 0;

	wait_word(ch, W_READY, 1);
	for (uint32_t i = 0; i < k; i++)
		refused += pc_notify(ch) != PC_OK;
	__asm__ volatile("dmb sy" ::: "memory");
	*pc_u32(ch, W_SENT) = k;
	guest_puts("STORM send done notifies=");
	guest_putu(k, 10);
	guest_puts(" refused=");
	guest_putu(refused, 10);
	guest_puts("\n");
}

static void race_send(struct pc_channel *ch, uint32_t k, uint32_t rounds)
{
	for (uint32_t r = 1; r <= rounds; r++) {
		wait_word(ch, W_ROUND, r);
		for (uint32_t i = 0; i < k; i++)
			pc_notify(ch);
		__asm__ volatile("dmb sy" ::: "memory");
		*pc_u32(ch, W_BURST) = r;
		while (*pc_u32(ch, W_ACKED) != r)
			pc_notify(ch);    /* racing with the receiver's acknowledge */
		__asm__ volatile("dmb sy" ::: "memory");
		pc_notify(ch);
		__asm__ volatile("dmb sy" ::: "memory");
		*pc_u32(ch, W_AFTER) = r;
	}
}

/* spin for a doorbell (interrupts stay masked): 1 taken, 0 none in 2 s */
static uint32_t take_within(struct pc_channel *ch)
{
	uint64_t t0 = guest_vns();

	while (!pc_try_take(ch)) {
		if (guest_vns() - t0 > TAKE_NS)
			return 0;
	}
	return 1;
}

static void race_recv(struct pc_channel *ch, uint32_t rounds)
{
	uint32_t lost = 0, extra = 0, first = 0, after = 0;

	if (!rounds)
		return;
	for (uint32_t r = 1; r <= rounds; r++) {
		*pc_u32(ch, W_ROUND) = r;
		wait_word(ch, W_BURST, r);
		first += take_within(ch);
		*pc_u32(ch, W_ACKED) = r;
		wait_word(ch, W_AFTER, r);
		/* the last notify came after that acknowledge: one doorbell */
		if (take_within(ch))
			after++;
		else
			lost++;
		while (pc_try_take(ch))
			extra++;
	}
	guest_puts("STORM race rounds=");
	guest_putu(rounds, 10);
	guest_puts(" first=");
	guest_putu(first, 10);
	guest_puts(" after=");
	guest_putu(after, 10);
	guest_puts(" lost=");
	guest_putu(lost, 10);
	guest_puts(" extra=");
	guest_putu(extra, 10);
	guest_puts("\n");
}

/* PARTITA_HVC_EXITS: x0 = exits so far, x1 = kicks received so far */
static uint64_t exits_kicks(uint64_t *kicks)
{
	register uint64_t x0 __asm__("x0") = HVC_EXITS;
	register uint64_t x1 __asm__("x1") = 0;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "x2", "x3", "memory");
	*kicks = x1;
	return x0;
}

static void recv(struct pc_channel *ch, uint32_t k)
{
	uint64_t before, after, kicks0, kicks1;
	uint32_t doorbells = 0;

	pc_irq_enable(ch);
	before = exits_kicks(&kicks0);
	*pc_u32(ch, W_READY) = 1;
	wait_word(ch, W_SENT, k);
	after = exits_kicks(&kicks1);
	while (pc_try_take(ch))
		doorbells++;
	guest_puts("STORM recv done notifies=");
	guest_putu(k, 10);
	guest_puts(" exits=");
	guest_putu(after - before - 1, 10);   /* the first count's own exit */
	guest_puts(" kicks=");
	guest_putu(kicks1 - kicks0, 10);
	guest_puts(" doorbells=");
	guest_putu(doorbells, 10);
	guest_puts("\n");
}

void guest_main(const void *dtb)
{
	char role[8] = "send", buf[16];
	struct pc_channel ch;
	uint32_t k = 100000, rounds = 0;

	guest_bootarg(dtb, "role", role, sizeof(role));
	if (guest_bootarg(dtb, "k", buf, sizeof(buf)))
		k = (uint32_t)guest_atou(buf);
	if (guest_bootarg(dtb, "rounds", buf, sizeof(buf)))
		rounds = (uint32_t)guest_atou(buf);
	if (pc_find_nth(dtb, 0, &ch) || pc_gic_init(dtb)) {
		guest_puts("STORM no channel or no GIC in the DTB\n");
		guest_off();
	}
	if (role[0] == 's') {
		send(&ch, k);
		race_send(&ch, 20, rounds);
	} else {
		recv(&ch, k);
		race_recv(&ch, rounds);
	}
	guest_off();
}
