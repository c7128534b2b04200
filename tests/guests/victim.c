// SPDX-License-Identifier: MIT
/*
 * victim: the guest beside an attacker. It does fixed checksummed work on a
 * buffer in its own RAM and after every `work=` rounds prints
 * `HEARTBEAT <n> <checksum>`; the checksum of heartbeat n depends on n only,
 * so a reference run proves nothing touched its memory or registers. It
 * publishes n in word 0 of channel `hb` (when it has one) and stops after
 * `beats=` heartbeats, or two heartbeats after word 0 of channel `ctl`
 * holds VICTIM_DONE (the attacker's catalogue is over).
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define VICTIM_WORDS 512
#define VICTIM_DONE 0x646f6e65u   /* "done" */

static uint64_t buf[VICTIM_WORDS];

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("HEARTBEAT unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts(" far=0x");
	guest_putu(far, 16);
	guest_puts("\n");
	guest_off();
}

/* one round: an xorshift walk over the buffer, folded into the sum */
static uint64_t victim_round(uint64_t sum)
{
	uint64_t x = sum | 1;

	for (unsigned i = 0; i < VICTIM_WORDS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] ^= x;
		sum = (sum << 5 | sum >> 59) ^ buf[i];
	}
	return sum;
}

static uint64_t victim_arg(const void *dtb, const char *key, uint64_t dflt)
{
	char s[24];

	return guest_bootarg(dtb, key, s, sizeof(s)) ? guest_atou(s) : dflt;
}

static void victim_beat(uint64_t n, uint64_t sum)
{
	guest_puts("HEARTBEAT ");
	guest_putu(n, 10);
	guest_puts(" ");
	guest_putu(sum, 16);
	guest_puts("\n");
}

void guest_main(const void *dtb)
{
	struct pc_channel hb, ctl;
	int has_hb = pc_find(dtb, "hb", &hb), has_ctl = pc_find(dtb, "ctl", &ctl);
	uint64_t beats = victim_arg(dtb, "beats", 100), work = victim_arg(dtb, "work", 8);
	uint64_t sum = 0x5eed, after_done = 0;

	for (uint64_t n = 1; n <= beats; n++) {
		for (uint64_t r = 0; r < work; r++)
			sum = victim_round(sum);
		victim_beat(n, sum);
		if (has_hb)
			*(volatile uint64_t *)hb.base = n;
		if (has_ctl && *(volatile uint32_t *)ctl.base == VICTIM_DONE &&
		    ++after_done > 2)
			break;
	}
	guest_puts("HEARTBEAT end\n");
	guest_off();
}
