// SPDX-License-Identifier: MIT
/*
 * 16550-compatible UARTs (ns16550a, ns16550, snps,dw-apb-uart; TI PC16550D
 * datasheet, Synopsys DW_apb_uart databook), registers spaced by reg-shift
 * and accessed at reg-io-width. The 16550 has no TX-full bit: LSR.THRE says
 * the transmit FIFO is empty, after which it takes `fifo` bytes (16 on a
 * 16550A, 1 without a FIFO). Receive uses IER.ERBFI, level while data waits.
 */
#include "uart.h"

#define NS_RBR 0        /* read */
#define NS_THR 0        /* write */
#define NS_IER 1
#define NS_FCR 2        /* write */
#define NS_LCR 3
#define NS_MCR 4
#define NS_LSR 5
#define NS_DW_USR 31    /* DW_apb_uart UART Status Register (offset 0x7c) */

#define NS_IER_ERBFI  (1u << 0)
#define NS_FCR_FIFOE  (1u << 0)
#define NS_LCR_8N1    0x03u
#define NS_LCR_KEEP   0xBFu     /* all but the break bit */
#define NS_MCR_DTR_RTS_OUT2 0x0Bu  /* OUT2 gates the interrupt on PC-style parts */
#define NS_LSR_DR     (1u << 0)
#define NS_LSR_THRE   (1u << 5)
#define NS_LSR_TEMT   (1u << 6)

/*
 * 8N1 with DLAB clear first (with DLAB set, offsets 0 and 1 are the divisor
 * latches DLL/DLM, the firmware's baud rate, which must stay), then
 * interrupts off and FIFOs on (not for a FIFO-less part). A DW
 * UART ignores an LCR write while busy: write after the transmitter is
 * empty, read back, retry a bounded number of times.
 */
static void ns16550_init(struct uart *u)
{
	for (int tries = 0; tries < 8 && (uart_read(u, NS_LCR) & NS_LCR_KEEP) != NS_LCR_8N1; tries++) {
		for (int spin = 0; spin < 1000000 && !(uart_read(u, NS_LSR) & NS_LSR_TEMT); spin++)
			;
		uart_write(u, NS_LCR, NS_LCR_8N1);
	}
	uart_write(u, NS_IER, 0);
	uart_write(u, NS_FCR, u->fifo > 1 ? NS_FCR_FIFOE : 0);
	uart_write(u, NS_MCR, NS_MCR_DTR_RTS_OUT2);
	u->tx_room = 0;
}

static bool ns16550_tx_ready(struct uart *u)
{
	if (u->tx_room)
		return true;
	if (!(uart_read(u, NS_LSR) & NS_LSR_THRE))
		return false;
	u->tx_room = u->fifo ? u->fifo : 1;
	return true;
}

static void ns16550_tx(struct uart *u, uint8_t c)
{
	uart_write(u, NS_THR, c);
	if (u->tx_room)
		u->tx_room--;
}

/* as many bytes as the FIFO takes now: one indirect call per burst */
static size_t ns16550_tx_some(struct uart *u, const char *s, size_t n)
{
	return uart_tx_burst(u, s, n, ns16550_tx_ready, ns16550_tx);
}

static int ns16550_getc(struct uart *u)
{
	if (!(uart_read(u, NS_LSR) & NS_LSR_DR))
		return -1;
	return (int)(uart_read(u, NS_RBR) & 0xFF);
}

static void ns16550_rx_irq(struct uart *u, bool on)
{
	uart_write(u, NS_IER, on ? NS_IER_ERBFI : 0);
}

/* reading LSR clears a receiver line status interrupt (overrun, framing) */
static void ns16550_rx_ack(struct uart *u)
{
	(void)uart_read(u, NS_LSR);
}

/* and reading USR clears the DW busy-detect interrupt (IIR = 0x7) */
static void dw_apb_rx_ack(struct uart *u)
{
	(void)uart_read(u, NS_LSR);
	(void)uart_read(u, NS_DW_USR);
}

const struct uart_ops ns16550_ops = {
	.init = ns16550_init,
	.tx_ready = ns16550_tx_ready,
	.tx = ns16550_tx,
	.tx_some = ns16550_tx_some,
	.getc = ns16550_getc,
	.rx_irq = ns16550_rx_irq,
	.rx_ack = ns16550_rx_ack,
};

const struct uart_ops dw_apb_ops = {
	.init = ns16550_init,
	.tx_ready = ns16550_tx_ready,
	.tx = ns16550_tx,
	.tx_some = ns16550_tx_some,
	.getc = ns16550_getc,
	.rx_irq = ns16550_rx_irq,
	.rx_ack = dw_apb_rx_ack,
};
