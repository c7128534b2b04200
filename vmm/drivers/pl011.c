// SPDX-License-Identifier: MIT
/*
 * The board PL011 the runtime owns (Arm PrimeCell UART PL011 TRM, "Register
 * descriptions"): polled transmit for the log, and a receiver whose RX and
 * receive-timeout interrupts reach EL2 so typed bytes can be handed to the
 * one guest the layout names. The firmware or QEMU has set the baud rate.
 */
#include "drivers/pl011.h"

#define PL011_DR   0x000
#define PL011_FR   0x018
#define PL011_CR   0x030
#define PL011_IMSC 0x038
#define PL011_ICR  0x044
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_TXE  (1u << 8)
#define PL011_CR_RXE  (1u << 9)
#define PL011_INT_RX  (1u << 4)
#define PL011_INT_RT  (1u << 6)
#define PL011_INT_ERR (0xFu << 7)   /* framing, parity, break, overrun */

static volatile uint8_t *pl011_base;

static inline volatile uint32_t *pl011_reg(uint32_t off)
{
	return (volatile uint32_t *)(pl011_base + off);
}

void pl011_init(uint64_t base)
{
	pl011_base = (volatile uint8_t *)(uintptr_t)base;
}

void pl011_putc(char c)
{
	if (!pl011_base)
		return;
	while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint8_t)c;
}

void pl011_rx_start(void)
{
	if (!pl011_base)
		return;
	/* -kernel boots leave UARTEN clear; a firmware-enabled UART keeps its bits */
	*pl011_reg(PL011_CR) |= PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE;
	*pl011_reg(PL011_ICR) = PL011_INT_RX | PL011_INT_RT | PL011_INT_ERR;
	pl011_rx_irq(true);
}

void pl011_rx_irq(bool on)
{
	uint32_t imsc;

	if (!pl011_base)
		return;
	imsc = *pl011_reg(PL011_IMSC) & ~(PL011_INT_RX | PL011_INT_RT);
	*pl011_reg(PL011_IMSC) = imsc | (on ? PL011_INT_RX | PL011_INT_RT : 0);
}

int pl011_getc(void)
{
	if (!pl011_base || (*pl011_reg(PL011_FR) & PL011_FR_RXFE))
		return -1;
	/* bits 11:8 flag a framing/parity/break/overrun error: keep the byte;
	 * RX and RT deassert once the FIFO is drained */
	return (int)(*pl011_reg(PL011_DR) & 0xFF);
}
