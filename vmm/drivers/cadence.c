// SPDX-License-Identifier: MIT
/*
 * Cadence UART (cdns,uart-r1p12; Zynq UltraScale+ TRM UG1085 "UART
 * Controller" and its register reference): the ZynqMP/Zynq PS UARTs.
 * Transmit waits on Channel_sts.TFUL. Receive interrupts when the RX FIFO
 * reaches Rcvr_FIFO_trigger_level (1); Chnl_int_sts bits are sticky
 * (write 1 to clear), so the runtime acknowledges before it drains.
 */
#include "uart.h"

#define CDNS_CR      0x00
#define CDNS_MR      0x04
#define CDNS_IER     0x08
#define CDNS_IDR     0x0C
#define CDNS_ISR     0x14
#define CDNS_RXWM    0x20
#define CDNS_SR      0x2C
#define CDNS_FIFO    0x30

#define CDNS_CR_RXRST  (1u << 0)
#define CDNS_CR_TXRST  (1u << 1)
#define CDNS_CR_RXEN   (1u << 2)
#define CDNS_CR_RXDIS  (1u << 3)
#define CDNS_CR_TXEN   (1u << 4)
#define CDNS_CR_TXDIS  (1u << 5)
#define CDNS_CR_RSTTO  (1u << 6)
#define CDNS_CR_STTBRK (1u << 7)
#define CDNS_MR_CLKSEL   (1u << 0)      /* uart_ref_clk / 8: part of the baud rate */
#define CDNS_MR_PAR_NONE (4u << 3)      /* CHRL 0x = 8 bits, NBSTOP 00 = 1, CHMODE normal */
#define CDNS_MR_MASK     0x3FFu
#define CDNS_SR_REMPTY (1u << 1)
#define CDNS_SR_TEMPTY (1u << 3)
#define CDNS_SR_TFUL   (1u << 4)
#define CDNS_INT_RTRIG (1u << 0)
#define CDNS_INT_RX    0x1E5u           /* RTRIG, RFUL, ROVR, FRAME, PARE, TIMEOUT */
#define CDNS_INT_ALL   0x1FFFu

/*
 * A -kernel boot finds CR at its reset value (TX and RX disabled). The mode
 * register may only change while both are disabled, after the transmitter
 * has sent what the firmware left (bounded wait); the baud generator
 * (BAUDGEN, BAUDDIV, MR.CLKSEL) is the firmware's and stays.
 */
static void cadence_init(struct uart *u)
{
	uint32_t mr = uart_read(u, CDNS_MR);
	uint32_t want = (mr & CDNS_MR_CLKSEL) | CDNS_MR_PAR_NONE;
	uint32_t cr;

	uart_write(u, CDNS_IDR, CDNS_INT_ALL);
	uart_write(u, CDNS_ISR, CDNS_INT_ALL);
	if ((mr & CDNS_MR_MASK) != want) {
		for (int spin = 0; spin < 1000000 && !(uart_read(u, CDNS_SR) & CDNS_SR_TEMPTY); spin++)
			;
		uart_write(u, CDNS_CR, CDNS_CR_TXDIS | CDNS_CR_RXDIS);
		uart_write(u, CDNS_MR, (mr & ~CDNS_MR_MASK) | want);
	}
	uart_write(u, CDNS_RXWM, 1);
	cr = uart_read(u, CDNS_CR) & ~(CDNS_CR_RXRST | CDNS_CR_TXRST | CDNS_CR_RXDIS |
				       CDNS_CR_TXDIS | CDNS_CR_RSTTO | CDNS_CR_STTBRK);
	uart_write(u, CDNS_CR, cr | CDNS_CR_TXEN | CDNS_CR_RXEN);
}

static bool cadence_tx_ready(struct uart *u)
{
	return !(uart_read(u, CDNS_SR) & CDNS_SR_TFUL);
}

static void cadence_tx(struct uart *u, uint8_t c)
{
	uart_write(u, CDNS_FIFO, c);
}

/* as many bytes as the FIFO takes now: one indirect call per burst */
static size_t cadence_tx_some(struct uart *u, const char *s, size_t n)
{
	return uart_tx_burst(u, s, n, cadence_tx_ready, cadence_tx);
}

static int cadence_getc(struct uart *u)
{
	if (uart_read(u, CDNS_SR) & CDNS_SR_REMPTY)
		return -1;
	return (int)(uart_read(u, CDNS_FIFO) & 0xFF);
}

/* Intrpt_en / Intrpt_dis are write-only set/clear halves of Intrpt_mask */
static void cadence_rx_irq(struct uart *u, bool on)
{
	uart_write(u, on ? CDNS_IER : CDNS_IDR, CDNS_INT_RTRIG);
}

static void cadence_rx_ack(struct uart *u)
{
	uart_write(u, CDNS_ISR, CDNS_INT_RX);
}

const struct uart_ops cadence_ops = {
	.init = cadence_init,
	.tx_ready = cadence_tx_ready,
	.tx = cadence_tx,
	.tx_some = cadence_tx_some,
	.getc = cadence_getc,
	.rx_irq = cadence_rx_irq,
	.rx_ack = cadence_rx_ack,
};
