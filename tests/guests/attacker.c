// SPDX-License-Identifier: MIT
/*
 * attacker: reads then writes each address in bootargs `addrs=A,B,...`
 * (IPAs outside its RAM: another guest's RAM, the runtime), then, with
 * `smc=1`, issues an smc. Under on_fault: stop the first access ends it;
 * under on_fault: abort each injected abort is reported as
 * `ATTACKER abort <n> esr=0x...` and skipped, then it powers off. With
 * `rounds=N` (for on_fault: restart) it counts its runs with the runtime's
 * restart count (RAM is zero after a restart), and only attacks in the
 * first N runs.
 */
#include "guest.h"

static uint64_t aborts;

/* true while this run should still attack: counts runs across restarts */
static int next_round(const void *dtb)
{
	char buf[16];
	uint64_t done;

	if (!guest_bootarg(dtb, "rounds", buf, sizeof(buf)))
		return 1;
	done = (uint64_t)guest_hvc(PARTITA_HVC_RESTARTS, 0, 0, 0);
	guest_puts("ATTACKER round ");
	guest_putu(done + 1, 10);
	guest_puts("\n");
	return done < guest_atou(buf);
}

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	aborts++;
	guest_puts("ATTACKER abort ");
	guest_putu(aborts, 10);
	guest_puts(" esr=0x");
	guest_putu(esr, 16);
	guest_puts(" far=0x");
	guest_putu(far, 16);
	guest_puts("\n");
	return elr + 4;
}

static void touch(uint64_t addr)
{
	volatile uint64_t *p = (volatile uint64_t *)addr;
	uint64_t v;

	guest_puts("ATTACKER read 0x");
	guest_putu(addr, 16);
	guest_puts("\n");
	v = *p;
	guest_puts("ATTACKER write 0x");
	guest_putu(addr, 16);
	guest_puts("\n");
	*p = v ^ 0x5A5A5A5A5A5A5A5Aull;
}

void guest_main(const void *dtb)
{
	char list[128], buf[8];
	char *s = list;

	if (!next_round(dtb) || !guest_bootarg(dtb, "addrs", list, sizeof(list)))
		list[0] = 0;
	while (*s) {
		char *start = s;

		while (*s && *s != ',')
			s++;
		if (*s)
			*s++ = 0;
		touch(guest_atou(start));
	}
	if (guest_bootarg(dtb, "smc", buf, sizeof(buf)) && buf[0] == '1') {
		guest_puts("ATTACKER smc\n");
		__asm__ volatile("mov x0, #0x84000000\n smc #0" ::: "x0", "memory");
	}
	guest_puts("ATTACKER done ");
	guest_putu(aborts, 10);
	guest_puts(" aborts\n");
	guest_off();
}
