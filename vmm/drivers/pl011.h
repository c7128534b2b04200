/* SPDX-License-Identifier: MIT */
/* The board PL011 the runtime owns: polled transmit only. */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stdint.h>

void pl011_init(uint64_t base);
void pl011_putc(char c);

#endif /* DRIVERS_PL011_H */
