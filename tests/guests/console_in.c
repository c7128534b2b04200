// SPDX-License-Identifier: MIT
/*
 * console_in: reads one line from its console (the virtual PL011, polled
 * through UARTFR.RXFE) and prints `INPUT got <line>`, or `INPUT none`
 * when nothing came within `wait=` seconds (default 20). Bytes reach the
 * virtual UART only through the board UART's receive interrupt at EL2, so
 * this shows that interrupt is routed to the runtime's CPU for this guest.
 */
#include "guest.h"

#define UARTDR 0x00u
#define UARTFR 0x18u
#define FR_RXFE (1u << 4)

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("INPUT unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static uint64_t counter(void)
{
	uint64_t t;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t) : : "memory");
	return t;
}

void guest_main(const void *dtb)
{
	volatile uint32_t *uart = (volatile uint32_t *)GUEST_UART;
	char line[64], buf[8];
	unsigned n = 0;
	uint64_t frq, end;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	end = counter() + frq * (guest_bootarg(dtb, "wait", buf, sizeof(buf)) ? guest_atou(buf) : 20);
	guest_puts("INPUT ready\n");
	while (n + 1 < sizeof(line)) {
		char c;

		while (uart[UARTFR / 4] & FR_RXFE) {
			if (counter() > end) {
				guest_puts("INPUT none\n");
				guest_off();
			}
		}
		c = (char)uart[UARTDR / 4];
		if (c == '\r' || c == '\n')
			break;
		line[n++] = c;
	}
	line[n] = 0;
	guest_puts("INPUT got ");
	guest_puts(line);
	guest_puts("\n");
	guest_off();
}
