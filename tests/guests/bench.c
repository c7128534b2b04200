// SPDX-License-Identifier: MIT
/*
 * bench: exit costs seen by a guest. Counts PMU cycles at EL1 and EL2
 * (under QEMU -icount shift=0 one cycle is one instruction) around N null
 * hypercalls
 * and N trapped console register reads, prints `BENCH <what> <cycles per
 * call>`, then powers off. bootargs n= sets N (default 10000).
 */
#include "guest.h"

#define PARTITA_HVC_NULL 0xC6000000u

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("BENCH unexpected exception\n");
	guest_off();
}

static uint64_t cycles(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, pmccntr_el0" : "=r"(v));
	return v;
}

static void report(const char *what, uint64_t total, uint64_t n)
{
	guest_puts("BENCH ");
	guest_puts(what);
	guest_puts(" ");
	guest_putu(total / n, 10);
	guest_puts("\n");
}

void guest_main(const void *dtb)
{
	char buf[16];
	uint64_t n = 10000, t0, sink = 0;

	if (guest_bootarg(dtb, "n", buf, sizeof(buf)))
		n = guest_atou(buf);
	/* PMCCFILTR_EL0.NSH (bit 27): count EL2 too, where the exits run */
	__asm__ volatile("msr pmccfiltr_el0, %0; msr pmcr_el0, %1; msr pmcntenset_el0, %2; isb"
			 : : "r"(1ul << 27), "r"(1ul), "r"(1ul << 31));
	t0 = cycles();
	for (uint64_t i = 0; i < n; i++)
		sink += (uint64_t)guest_hvc(PARTITA_HVC_NULL, 0, 0, 0);
	report("hvc-null", cycles() - t0, n);
	t0 = cycles();
	for (uint64_t i = 0; i < n; i++)
		sink += *(volatile uint32_t *)(GUEST_UART + 0x18);
	report("mmio-read", cycles() - t0, n);
	t0 = cycles();
	for (uint64_t i = 0; i < n; i++)
		sink += i;
	report("loop", cycles() - t0, n);
	guest_puts(sink == 0x42 ? "\n" : "");
	guest_off();
}
