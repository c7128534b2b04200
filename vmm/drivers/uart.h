/* SPDX-License-Identifier: MIT */
/*
 * The board UART the runtime owns, whatever its kind: one small ops table
 * per driver (PL011, Cadence, i.MX, 16550), chosen once from the layout's
 * uart_kind. Transmit is polled on the UART's own FIFO-full/empty bits;
 * receive is interrupt-driven for the console-input guest.
 */
#ifndef DRIVERS_UART_H
#define DRIVERS_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uart {
	uintptr_t base;             /* 0: no UART, every call does nothing */
	uint32_t shift;             /* register n is at base + (n << shift) */
	uint32_t width;             /* access size in bytes: 1 or 4 */
	uint32_t fifo;              /* TX FIFO depth (16550: bytes per THRE) */
	uint32_t tx_room;           /* 16550: bytes that still fit since THRE */
	const struct uart_ops *ops;
};

struct uart_ops {
	/* what a firmware may not have set up: TX/RX enabled, 8N1, no
	 * interrupts; the baud rate the firmware set is kept */
	void (*init)(struct uart *u);
	bool (*tx_ready)(struct uart *u);      /* room for one more byte */
	void (*tx)(struct uart *u, uint8_t c);
	size_t (*tx_some)(struct uart *u, const char *s, size_t n);  /* tx while ready */
	int (*getc)(struct uart *u);           /* next byte, -1 when empty */
	void (*rx_irq)(struct uart *u, bool on);
	void (*rx_ack)(struct uart *u);        /* clear latched RX status */
};

extern const struct uart_ops pl011_ops, cadence_ops, imx_ops, ns16550_ops, dw_apb_ops;

/* kind: enum layout_uart_kind; an unknown kind leaves the log silent */
void uart_init(uintptr_t pa, uint32_t kind, uint32_t shift, uint32_t width, uint32_t fifo);
void uart_putc(char c);
/* as many of s[0..n) as the TX FIFO takes now (all: no UART); never waits */
size_t uart_tx_some(const char *s, size_t n);
/* enable the receiver's interrupt (console-input guest only) */
void uart_rx_start(void);
/* RX interrupt on or off: off while nobody has room for more bytes */
void uart_rx_irq(bool on);
/* acknowledge before draining, so a byte arriving meanwhile re-raises it */
void uart_rx_ack(void);
int uart_getc(void);

/* Register access honouring reg-shift and reg-io-width. A host build of the
 * drivers (tests/unit) supplies these two against a model of the device. */
#ifdef UART_HOST_MODEL
uint32_t uart_read(const struct uart *u, uint32_t reg);
void uart_write(const struct uart *u, uint32_t reg, uint32_t v);
#else
static inline uint32_t uart_read(const struct uart *u, uint32_t reg)
{
	uintptr_t a = u->base + ((uintptr_t)reg << u->shift);

	if (u->width == 1)
		return *(volatile uint8_t *)a;
	return *(volatile uint32_t *)a;
}

static inline void uart_write(const struct uart *u, uint32_t reg, uint32_t v)
{
	uintptr_t a = u->base + ((uintptr_t)reg << u->shift);

	if (u->width == 1)
		*(volatile uint8_t *)a = (uint8_t)v;
	else
		*(volatile uint32_t *)a = v;
}
#endif

/* A driver's tx_some: bytes while its own ready test passes. Inlined with
 * the driver's two functions, so a burst costs no indirect call per byte. */
static inline size_t uart_tx_burst(struct uart *u, const char *s, size_t n,
				   bool (*ready)(struct uart *), void (*tx)(struct uart *, uint8_t))
{
	size_t i = 0;

	while (i < n && ready(u))
		tx(u, (uint8_t)s[i++]);
	return i;
}

#endif /* DRIVERS_UART_H */
