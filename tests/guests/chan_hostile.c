// SPDX-License-Identifier: MIT
/*
 * chan_hostile: holds the read-only, notify-less end of channel chan=
 * (default "spy"). It notifies slots it does not hold (expects BAD_SLOT),
 * its own end (expects DENIED), loops=N times more to show refusals are
 * logged once, then writes its read-only end. Under on_fault: abort the
 * injected abort is reported and skipped; it checks the word kept its value
 * and prints `HOSTILE done bad_slot=.. denied=.. aborts=.. intact=..`.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

static uint64_t aborts;

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	aborts++;
	guest_puts("HOSTILE abort esr=0x");
	guest_putu(esr, 16);
	guest_puts(" far=0x");
	guest_putu(far, 16);
	guest_puts("\n");
	return elr + 4;
}

static void say(const char *what, uint64_t v)
{
	guest_puts("HOSTILE ");
	guest_puts(what);
	guest_puts(" ");
	guest_putu(v, 10);
	guest_puts("\n");
}

/* every notify the layout does not allow; counts the expected answers */
static void notify_all_wrong(const struct pc_channel *own, uint64_t loops,
			     uint64_t *bad_slot, uint64_t *denied)
{
	static const uint64_t foreign[] = { 0, 16, 97, 127, 128, 0xFFFFFFFFull };

	for (uint64_t l = 0; l < loops; l++) {
		for (unsigned i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
			*bad_slot += pc_hvc1(PC_HVC_NOTIFY, foreign[i]) == PC_BAD_SLOT;
		*denied += pc_notify(own) == PC_DENIED;
	}
}

void guest_main(const void *dtb)
{
	char chan[PC_NAME_SIZE] = "spy", buf[16];
	struct pc_channel ch;
	uint64_t loops = 100, bad_slot = 0, denied = 0;
	volatile uint32_t *word;
	uint32_t before;

	guest_bootarg(dtb, "chan", chan, sizeof(chan));
	if (guest_bootarg(dtb, "loops", buf, sizeof(buf)))
		loops = guest_atou(buf);
	if (pc_find(dtb, chan, &ch)) {
		guest_puts("HOSTILE no channel in the DTB\n");
		guest_off();
	}
	notify_all_wrong(&ch, loops, &bad_slot, &denied);
	say("refusals expected", loops * 7);
	word = pc_u32(&ch, 0);
	before = *word;
	say("read", before);
	guest_puts("HOSTILE write read-only end\n");
	*word = before ^ 0xA5A5A5A5u;
	guest_puts("HOSTILE done bad_slot=");
	guest_putu(bad_slot, 10);
	guest_puts(" denied=");
	guest_putu(denied, 10);
	guest_puts(" aborts=");
	guest_putu(aborts, 10);
	guest_puts(" intact=");
	guest_putu(*word == before, 10);
	guest_puts("\n");
	guest_off();
}
