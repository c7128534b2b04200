/* SPDX-License-Identifier: MIT */
/* The board PL011 the runtime owns: polled transmit, interrupt-driven receive. */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stdbool.h>
#include <stdint.h>

void pl011_init(uint64_t base);
void pl011_putc(char c);
/* enable the receiver and its RX/RT interrupts (console input guest only) */
void pl011_rx_start(void);
/* RX/RT interrupts on or off: off while nobody has room for more bytes */
void pl011_rx_irq(bool on);
/* the next received byte, or -1 when the receive FIFO is empty */
int pl011_getc(void);

#endif /* DRIVERS_PL011_H */
