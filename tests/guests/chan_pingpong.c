// SPDX-License-Identifier: MIT
/*
 * chan_pingpong: two guests exchange n= messages through the channel named
 * chan= (default "pp"). role=ping writes message seq (length, payload and
 * checksum all derived from seq) into the first half and notifies
 * notifies= times (coalescing); role=pong checks it, answers with the
 * transformed payload in the second half and notifies back. Both count
 * good, corrupt and lost messages and print `CHAN <role> done ...`.
 * wait=poll: no GIC set-up, the receiver polls the sequence number (the
 * library's fallback, pc_poll_u32); the doorbells still ring, unseen.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define HALF      0x800u
#define MSG_MAX   240u
#define HDR_SEQ   0u      /* u32, written last: the message is complete */
#define HDR_LEN   4u
#define HDR_SUM   8u
#define HDR_DATA  16u

struct tally {
	uint64_t ok, bad, lost, doorbells, refused;
};

static int polling;

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("CHAN unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static uint32_t msg_len(uint32_t seq)
{
	return 1 + (seq * 37u) % MSG_MAX;
}

/* payload byte i of message seq; the pong side sends its complement */
static uint8_t msg_byte(uint32_t seq, uint32_t i)
{
	uint32_t x = seq * 2654435761u + i * 40503u;

	return (uint8_t)(x >> 13 ^ x);
}

/* Fletcher-32 over the bytes: catches reordering, not only flips */
static uint32_t msg_sum(const uint8_t *p, uint32_t n)
{
	uint32_t a = 0xFFFF, b = 0xFFFF;

	for (uint32_t i = 0; i < n; i++) {
		a = (a + p[i]) % 65535u;
		b = (b + a) % 65535u;
	}
	return b << 16 | a;
}

static void msg_send(struct pc_channel *ch, uint32_t half, uint32_t seq, uint8_t flip,
		     unsigned notifies, struct tally *t)
{
	uint8_t buf[MSG_MAX];
	uint32_t n = msg_len(seq), sum;

	for (uint32_t i = 0; i < n; i++)
		buf[i] = msg_byte(seq, i) ^ flip;
	sum = msg_sum(buf, n);
	pc_write(ch, half + HDR_DATA, buf, n);
	*pc_u32(ch, half + HDR_LEN) = n;
	*pc_u32(ch, half + HDR_SUM) = sum;
	__asm__ volatile("dmb sy" ::: "memory");
	*pc_u32(ch, half + HDR_SEQ) = seq;
	for (unsigned k = 0; k < notifies; k++)
		t->refused += pc_notify(ch) != PC_OK;
}

/* waits until the other half carries a sequence number other than last */
static uint32_t msg_wait(struct pc_channel *ch, uint32_t half, uint32_t last,
			 struct tally *t)
{
	uint32_t seq;

	if (polling)
		return pc_poll_u32(pc_u32(ch, half + HDR_SEQ), last);
	while ((seq = *pc_u32(ch, half + HDR_SEQ)) == last) {
		pc_wait(ch);
		t->doorbells++;
	}
	__asm__ volatile("dmb sy" ::: "memory");
	return seq;
}

/* the message in half is seq, complete and uncorrupted */
static int msg_check(struct pc_channel *ch, uint32_t half, uint32_t seq, uint8_t flip)
{
	uint8_t buf[MSG_MAX];
	uint32_t n = *pc_u32(ch, half + HDR_LEN);

	if (n != msg_len(seq))
		return 0;
	pc_read(ch, half + HDR_DATA, buf, n);
	if (msg_sum(buf, n) != *pc_u32(ch, half + HDR_SUM))
		return 0;
	for (uint32_t i = 0; i < n; i++) {
		if (buf[i] != (msg_byte(seq, i) ^ flip))
			return 0;
	}
	return 1;
}

static void report(const char *role, uint32_t n, const struct tally *t)
{
	guest_puts("CHAN ");
	guest_puts(role);
	guest_puts(" done n=");
	guest_putu(n, 10);
	guest_puts(" ok=");
	guest_putu(t->ok, 10);
	guest_puts(" bad=");
	guest_putu(t->bad, 10);
	guest_puts(" lost=");
	guest_putu(t->lost, 10);
	guest_puts(" refused=");
	guest_putu(t->refused, 10);
	guest_puts(" doorbells=");
	guest_putu(t->doorbells, 10);
	guest_puts("\n");
}

static void ping(struct pc_channel *ch, uint32_t n, unsigned notifies, struct tally *t)
{
	for (uint32_t seq = 1; seq <= n; seq++) {
		uint32_t got;

		msg_send(ch, 0, seq, 0, notifies, t);
		got = msg_wait(ch, HALF, seq - 1, t);
		if (got != seq)
			t->lost++;
		else if (msg_check(ch, HALF, seq, 0xFF))
			t->ok++;
		else
			t->bad++;
	}
}

static void pong(struct pc_channel *ch, uint32_t n, struct tally *t)
{
	uint32_t last = 0;

	while (last < n) {
		uint32_t seq = msg_wait(ch, 0, last, t);

		if (seq != last + 1)
			t->lost += seq > last ? seq - last - 1 : 1;
		if (msg_check(ch, 0, seq, 0))
			t->ok++;
		else
			t->bad++;
		msg_send(ch, HALF, seq, 0xFF, 1, t);
		last = seq;
	}
}

void guest_main(const void *dtb)
{
	char role[8] = "ping", chan[PC_NAME_SIZE] = "pp", buf[16];
	struct pc_channel ch;
	struct tally t = { 0 };
	uint32_t n = 10000;
	unsigned notifies = 1;

	guest_bootarg(dtb, "role", role, sizeof(role));
	guest_bootarg(dtb, "chan", chan, sizeof(chan));
	if (guest_bootarg(dtb, "n", buf, sizeof(buf)))
		n = (uint32_t)guest_atou(buf);
	if (guest_bootarg(dtb, "notifies", buf, sizeof(buf)))
		notifies = (unsigned)guest_atou(buf);
	polling = guest_bootarg(dtb, "wait", buf, sizeof(buf)) && buf[0] == 'p';
	if (pc_find(dtb, chan, &ch) || (!polling && pc_gic_init(dtb))) {
		guest_puts("CHAN no channel or no GIC in the DTB\n");
		guest_off();
	}
	if (!polling)
		pc_irq_enable(&ch);
	guest_puts("CHAN ");
	guest_puts(role);
	guest_puts(" ready\n");
	if (role[1] == 'i')
		ping(&ch, n, notifies, &t);
	else
		pong(&ch, n, &t);
	report(role, n, &t);
	guest_off();
}
