// SPDX-License-Identifier: MIT
/*
 * Polled PL011 transmitter (Arm PrimeCell UART PL011 TRM: UARTDR at 0x000,
 * UARTFR at 0x018, TXFF bit 5). The firmware or QEMU has already set the
 * baud rate; the runtime only writes characters.
 */
#include "drivers/pl011.h"

#define PL011_DR   0x000
#define PL011_FR   0x018
#define PL011_FR_TXFF (1u << 5)

static volatile uint8_t *pl011_base;

void pl011_init(uint64_t base)
{
	pl011_base = (volatile uint8_t *)(uintptr_t)base;
}

void pl011_putc(char c)
{
	if (!pl011_base)
		return;
	while (*(volatile uint32_t *)(pl011_base + PL011_FR) & PL011_FR_TXFF)
		;
	*(volatile uint32_t *)(pl011_base + PL011_DR) = (uint8_t)c;
}
