// SPDX-License-Identifier: MIT
/*
 * Arm PrimeCell UART PL011 (PL011 TRM DDI 0183, "Register descriptions"):
 * transmit waits on UARTFR.TXFF, receive uses the RX and receive-timeout
 * interrupts, which deassert by themselves once the FIFO is drained below
 * its trigger level (level-sensitive, nothing to acknowledge).
 */
#include "uart.h"

#define PL011_DR   0x000
#define PL011_FR   0x018
#define PL011_LCR_H 0x02C
#define PL011_CR   0x030
#define PL011_IMSC 0x038
#define PL011_ICR  0x044
#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_LCRH_FEN  (1u << 4)
#define PL011_LCRH_WLEN8 (3u << 5)
#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_TXE  (1u << 8)
#define PL011_CR_RXE  (1u << 9)
#define PL011_INT_RX  (1u << 4)
#define PL011_INT_RT  (1u << 6)
#define PL011_INT_ERR (0xFu << 7)   /* framing, parity, break, overrun */
#define PL011_INT_ALL 0x7FFu

/*
 * -kernel boots leave UARTEN clear; a firmware-enabled UART keeps its baud
 * divisors (IBRD/FBRD) and is only switched to 8N1 with FIFOs when it is
 * not already: the TRM's sequence is to let the transmitter finish
 * (UARTFR.BUSY), disable, then write UARTLCR_H. The wait is bounded so a
 * UART stuck with TXE clear cannot hang the boot.
 */
static void pl011_init(struct uart *u)
{
	uint32_t lcr = uart_read(u, PL011_LCR_H);
	uint32_t want = PL011_LCRH_WLEN8 | PL011_LCRH_FEN;

	uart_write(u, PL011_IMSC, 0);
	uart_write(u, PL011_ICR, PL011_INT_ALL);
	if ((lcr & 0xFF) != want) {
		uint32_t cr = uart_read(u, PL011_CR);
		for (int spin = 0; spin < 1000000 && (uart_read(u, PL011_FR) & PL011_FR_BUSY); spin++)
			;
		uart_write(u, PL011_CR, cr & ~PL011_CR_UARTEN);
		uart_write(u, PL011_LCR_H, want);
	}
	uart_write(u, PL011_CR, uart_read(u, PL011_CR) |
		   PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
}

static bool pl011_tx_ready(struct uart *u)
{
	return !(uart_read(u, PL011_FR) & PL011_FR_TXFF);
}

static void pl011_tx(struct uart *u, uint8_t c)
{
	uart_write(u, PL011_DR, c);
}

/* as many bytes as the FIFO takes now: one indirect call per burst */
static size_t pl011_tx_some(struct uart *u, const char *s, size_t n)
{
	return uart_tx_burst(u, s, n, pl011_tx_ready, pl011_tx);
}

static int pl011_getc(struct uart *u)
{
	if (uart_read(u, PL011_FR) & PL011_FR_RXFE)
		return -1;
	/* bits 11:8 flag a framing/parity/break/overrun error: keep the byte */
	return (int)(uart_read(u, PL011_DR) & 0xFF);
}

static void pl011_rx_irq(struct uart *u, bool on)
{
	uint32_t imsc = uart_read(u, PL011_IMSC) & ~(PL011_INT_RX | PL011_INT_RT);

	uart_write(u, PL011_IMSC, imsc | (on ? PL011_INT_RX | PL011_INT_RT : 0));
}

/* RX and RT follow the FIFO level; only the error bits latch */
static void pl011_rx_ack(struct uart *u)
{
	uart_write(u, PL011_ICR, PL011_INT_ERR);
}

const struct uart_ops pl011_ops = {
	.init = pl011_init,
	.tx_ready = pl011_tx_ready,
	.tx = pl011_tx,
	.tx_some = pl011_tx_some,
	.getc = pl011_getc,
	.rx_irq = pl011_rx_irq,
	.rx_ack = pl011_rx_ack,
};
