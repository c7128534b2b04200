// SPDX-License-Identifier: MIT
/*
 * The one board UART the runtime drives: the layout's uart_kind picks the
 * driver's ops once; everything else in the runtime calls these wrappers.
 * Transmit spins on the driver's own "room for a byte" bit, never assuming
 * the FIFO is endless.
 */
#include <partita/layout.h>

#include "uart.h"

static struct uart uart;

static const struct uart_ops *uart_ops_of(uint32_t kind)
{
	switch (kind) {
	case LAYOUT_UART_PL011:   return &pl011_ops;
	case LAYOUT_UART_CADENCE: return &cadence_ops;
	case LAYOUT_UART_IMX:     return &imx_ops;
	case LAYOUT_UART_NS16550: return &ns16550_ops;
	case LAYOUT_UART_DW_APB:  return &dw_apb_ops;
	default:                  return 0;
	}
}

void uart_init(uintptr_t pa, uint32_t kind, uint32_t shift, uint32_t width, uint32_t fifo)
{
	const struct uart_ops *ops = uart_ops_of(kind);

	uart.base = 0;
	if (!ops || !pa || shift > 4 || (width != 1 && width != 4))
		return;
	uart = (struct uart){ .base = pa, .shift = shift, .width = width, .fifo = fifo, .ops = ops };
	ops->init(&uart);
}

void uart_putc(char c)
{
	if (!uart.base)
		return;
	while (!uart.ops->tx_ready(&uart))
		;
	uart.ops->tx(&uart, (uint8_t)c);
}

size_t uart_tx_some(const char *s, size_t n)
{
	if (!uart.base)
		return n;           /* no UART: nothing to wait for */
	return uart.ops->tx_some(&uart, s, n);
}

void uart_rx_start(void)
{
	if (!uart.base)
		return;
	uart.ops->rx_ack(&uart);
	uart.ops->rx_irq(&uart, true);
}

void uart_rx_irq(bool on)
{
	if (uart.base)
		uart.ops->rx_irq(&uart, on);
}

void uart_rx_ack(void)
{
	if (uart.base)
		uart.ops->rx_ack(&uart);
}

int uart_getc(void)
{
	return uart.base ? uart.ops->getc(&uart) : -1;
}
