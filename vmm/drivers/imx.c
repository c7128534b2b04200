// SPDX-License-Identifier: MIT
/*
 * i.MX UART (fsl,imx21-uart family: imx6q, imx8mq, ...; i.MX 8M Quad
 * Reference Manual, "Universal Asynchronous Receiver/Transmitter"). Transmit
 * waits on UTS.TXFULL. Receive interrupts through UCR4.DREN, which follows
 * USR2.RDR (at least one character in the RX FIFO): level, cleared by
 * draining, so only the sticky overrun flag needs acknowledging.
 */
#include "uart.h"

#define IMX_URXD 0x00
#define IMX_UTXD 0x40
#define IMX_UCR1 0x80
#define IMX_UCR2 0x84
#define IMX_UCR3 0x88
#define IMX_UCR4 0x8C
#define IMX_USR2 0x98
#define IMX_UTS  0xB4

#define IMX_URXD_CHARRDY (1u << 15)
#define IMX_UCR1_UARTEN  (1u << 0)
/* ATDMAEN, TXDMAEN, RTSDEN, TXMPTYEN, RXDMAEN, RRDYEN, IDEN, TRDYEN, ADEN */
#define IMX_UCR1_IRQS    0xB36Cu
#define IMX_UCR2_SRST    (1u << 0)      /* 0 = held in software reset */
#define IMX_UCR2_RXEN    (1u << 1)
#define IMX_UCR2_TXEN    (1u << 2)
#define IMX_UCR2_WS      (1u << 5)      /* 8-bit characters */
#define IMX_UCR2_STPB    (1u << 6)      /* 2 stop bits */
#define IMX_UCR2_PREN    (1u << 8)
#define IMX_UCR2_IRTS    (1u << 14)     /* ignore RTS: no hardware flow control */
#define IMX_UCR3_RXDMUXSEL (1u << 2)    /* "must be set" on i.MX6 and later */
#define IMX_UCR4_DREN    (1u << 0)
#define IMX_UCR4_IRQS    0xFu           /* DREN, OREN, BKEN, TCEN */
#define IMX_USR2_RDR     (1u << 0)
#define IMX_USR2_ORE     (1u << 1)
#define IMX_USR2_TXDC    (1u << 3)
#define IMX_UTS_TXFULL   (1u << 4)

/*
 * UARTEN, TXEN/RXEN and 8N1 without flow control; the frame format only
 * changes after the transmitter is done (USR2.TXDC, bounded wait). The
 * reference clock divider (UFCR.RFDIV) and UBIR/UBMR, i.e. the baud rate,
 * are the firmware's.
 */
static void imx_init(struct uart *u)
{
	uint32_t ucr2 = uart_read(u, IMX_UCR2);
	uint32_t want = (ucr2 & ~(IMX_UCR2_STPB | IMX_UCR2_PREN)) | IMX_UCR2_SRST |
			IMX_UCR2_RXEN | IMX_UCR2_TXEN | IMX_UCR2_WS | IMX_UCR2_IRTS;

	uart_write(u, IMX_UCR1, (uart_read(u, IMX_UCR1) & ~IMX_UCR1_IRQS) | IMX_UCR1_UARTEN);
	uart_write(u, IMX_UCR4, uart_read(u, IMX_UCR4) & ~IMX_UCR4_IRQS);
	uart_write(u, IMX_UCR3, uart_read(u, IMX_UCR3) | IMX_UCR3_RXDMUXSEL);
	if (ucr2 != want) {
		for (int spin = 0; spin < 1000000 && !(uart_read(u, IMX_USR2) & IMX_USR2_TXDC); spin++)
			;
		uart_write(u, IMX_UCR2, want);
	}
}

static bool imx_tx_ready(struct uart *u)
{
	return !(uart_read(u, IMX_UTS) & IMX_UTS_TXFULL);
}

static void imx_tx(struct uart *u, uint8_t c)
{
	uart_write(u, IMX_UTXD, c);
}

/* as many bytes as the FIFO takes now: one indirect call per burst */
static size_t imx_tx_some(struct uart *u, const char *s, size_t n)
{
	return uart_tx_burst(u, s, n, imx_tx_ready, imx_tx);
}

static int imx_getc(struct uart *u)
{
	uint32_t v;

	if (!(uart_read(u, IMX_USR2) & IMX_USR2_RDR))
		return -1;
	v = uart_read(u, IMX_URXD);
	return v & IMX_URXD_CHARRDY ? (int)(v & 0xFF) : -1;
}

static void imx_rx_irq(struct uart *u, bool on)
{
	uint32_t ucr4 = uart_read(u, IMX_UCR4) & ~IMX_UCR4_DREN;

	uart_write(u, IMX_UCR4, ucr4 | (on ? IMX_UCR4_DREN : 0));
}

static void imx_rx_ack(struct uart *u)
{
	uart_write(u, IMX_USR2, IMX_USR2_ORE);   /* w1c; RDR follows the FIFO */
}

const struct uart_ops imx_ops = {
	.init = imx_init,
	.tx_ready = imx_tx_ready,
	.tx = imx_tx,
	.tx_some = imx_tx_some,
	.getc = imx_getc,
	.rx_irq = imx_rx_irq,
	.rx_ack = imx_rx_ack,
};
