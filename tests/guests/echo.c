// SPDX-License-Identifier: MIT
/*
 * echo: reads its console (the virtual PL011 the DTB names, polled: UARTFR
 * RXFE, UARTDR) and prints each received line as `ECHO <name> line:[...]`.
 * It stops after a line `bye` or after wait= seconds (default 10), printing
 * `ECHO <name> done:[N bytes]`, then PSCI SYSTEM_OFF. Started with
 * `ECHO-READY <name>`. Only the console-input guest should ever get a byte.
 */
#include "guest.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_RXFE (1u << 4)

static char name[32] = "echo";

static int echo_getc(volatile uint32_t *uart)
{
	if (uart[UARTFR / 4] & UARTFR_RXFE)
		return -1;
	return (int)(uart[UARTDR / 4] & 0xFF);
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void echo_line(const char *line)
{
	guest_puts("ECHO ");
	guest_puts(name);
	guest_puts(" line:[");
	guest_puts(line);
	guest_puts("]\n");
}

void guest_main(const void *dtb)
{
	char buf[16], line[128];
	uint64_t wait = 10, bytes = 0, end;
	volatile uint32_t *uart = (volatile uint32_t *)guest_console_from_dtb(dtb);
	unsigned n = 0;

	guest_bootarg(dtb, "name", name, sizeof(name));
	if (guest_bootarg(dtb, "wait", buf, sizeof(buf)))
		wait = guest_atou(buf);
	guest_puts("ECHO-READY ");
	guest_puts(name);
	guest_puts("\n");
	end = guest_vns() + wait * 1000000000ull;
	while (guest_vns() < end) {
		int c = echo_getc(uart);
		if (c < 0)
			continue;
		bytes++;
		if (c != '\r' && c != '\n') {
			if (n + 1 < sizeof(line))
				line[n++] = (char)c;
			continue;
		}
		line[n] = 0;
		n = 0;
		echo_line(line);
		if (streq(line, "bye"))
			break;
	}
	guest_puts("ECHO ");
	guest_puts(name);
	guest_puts(" done:[");
	guest_putu(bytes, 10);
	guest_puts(" bytes]\n");
	guest_off();
}

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("ECHO unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}
