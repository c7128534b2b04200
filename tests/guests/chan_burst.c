// SPDX-License-Identifier: MIT
/*
 * chan_burst: doorbell coalescing and restart. role=send notifies k= times
 * while the receiver's doorbell is disabled, waits, then k times again.
 * role=recv: round 1 sees the doorbell pending (GICD_ISPENDR) and resets
 * itself (PSCI SYSTEM_RESET); round 2 sees nothing pending after the
 * restart, then after the second burst takes exactly one doorbell.
 * Handshake words in the shared memory (polling: the library's fallback).
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define W_SENT  0u     /* sender: notifies made so far */
#define W_PHASE 4u     /* receiver: 1 ready for burst 1, 2 for burst 2, 3 done */
/* the receiver's round, kept across its restart by the runtime (RAM is not) */
#define ROUND_MAGIC 0x6275727374736565ull
static uint64_t round_word(int set, uint64_t val)
{
	return (uint64_t)guest_hvc(PARTITA_HVC_SCRATCH, set ? 1 : 0, val, 0);
}

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("BURST unexpected exception esr=0x");
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

static void burst(struct pc_channel *ch, uint32_t from, uint32_t k, uint64_t *refused)
{
	for (uint32_t i = 1; i <= k; i++) {
		*refused += pc_notify(ch) != PC_OK;
		*pc_u32(ch, W_SENT) = from + i;
	}
}

static void send(struct pc_channel *ch, uint32_t k)
{
	uint64_t refused = 0;

	*pc_u32(ch, W_SENT) = 0;
	wait_word(ch, W_PHASE, 1);
	burst(ch, 0, k, &refused);
	wait_word(ch, W_PHASE, 2);
	burst(ch, k, k, &refused);
	wait_word(ch, W_PHASE, 3);
	guest_puts("BURST send done notifies=");
	guest_putu(2ull * k, 10);
	guest_puts(" refused=");
	guest_putu(refused, 10);
	guest_puts("\n");
}

static uint32_t pending(const struct pc_channel *ch)
{
	return (*pc_gicd32(0x200u + 4 * (ch->intid / 32)) >> (ch->intid % 32)) & 1;
}

static void recv_round1(struct pc_channel *ch, uint32_t k)
{
	*pc_u32(ch, W_PHASE) = 1;
	wait_word(ch, W_SENT, k);
	guest_puts("BURST recv pending before reset=");
	guest_putu(pending(ch), 10);
	guest_puts("\n");
	guest_hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
}

static void recv_round2(struct pc_channel *ch, uint32_t k)
{
	uint32_t after = pending(ch), taken = 0, extra = 0;

	pc_irq_enable(ch);
	extra += pc_try_take(ch);           /* nothing may survive the restart */
	*pc_u32(ch, W_PHASE) = 2;
	wait_word(ch, W_SENT, 2 * k);
	pc_wait(ch);                        /* the k notifies: one doorbell */
	taken++;
	extra += pc_try_take(ch);
	*pc_u32(ch, W_PHASE) = 3;
	guest_puts("BURST recv done after reset=");
	guest_putu(after, 10);
	guest_puts(" taken=");
	guest_putu(taken, 10);
	guest_puts(" extra=");
	guest_putu(extra, 10);
	guest_puts("\n");
}

void guest_main(const void *dtb)
{
	char role[8] = "send", buf[16];
	struct pc_channel ch;
	uint32_t k = 100;

	guest_bootarg(dtb, "role", role, sizeof(role));
	if (guest_bootarg(dtb, "k", buf, sizeof(buf)))
		k = (uint32_t)guest_atou(buf);
	if (pc_find_nth(dtb, 0, &ch) || pc_gic_init(dtb)) {
		guest_puts("BURST no channel or no GIC in the DTB\n");
		guest_off();
	}
	if (role[0] == 's') {
		send(&ch, k);
	} else if (round_word(0, 0) != ROUND_MAGIC) {
		round_word(1, ROUND_MAGIC);
		recv_round1(&ch, k);
	} else {
		round_word(1, 0);
		recv_round2(&ch, k);
	}
	guest_off();
}
