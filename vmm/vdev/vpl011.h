/* SPDX-License-Identifier: MIT */
/*
 * Virtual PL011 console: one per guest, trapped at the guest's console_ipa.
 * Output is prefixed with the guest's name on the board UART; input from the
 * board UART reaches only the console the layout marks console_input.
 */
#ifndef VDEV_VPL011_H
#define VDEV_VPL011_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lock.h"

#define VPL011_LINE_MAX 256
#define VPL011_RX_SIZE  64      /* bytes held for the guest; more wait in the board UART */

struct guest;
struct vcpu;

struct vpl011 {
	struct spinlock lock;
	struct guest *guest;
	const char *name;           /* prefix for every line */
	uint32_t virq;              /* the guest's UART SPI */
	bool input;                 /* receives the board UART's input */
	bool line;                  /* UARTINTR level: (RIS & IMSC) != 0 */
	bool tx_ris;                /* TXRIS latch: set by a UARTDR write, cleared by UARTICR */
	bool rx_held;               /* full: the board UART's RX interrupt is masked */
	const struct vcpu *writer;  /* the vCPU that wrote the last byte */
	uint32_t len;
	char line_buf[VPL011_LINE_MAX];
	uint8_t rx[VPL011_RX_SIZE];
	uint32_t rx_head, rx_count;
	uint32_t cr, lcr_h, imsc, ibrd, fbrd, ifls, dmacr;
};

void vpl011_attach(struct guest *g, struct vpl011 *u, uint64_t ipa);
void vpl011_reset(struct vpl011 *u);
/* a stopping guest's unterminated last line is still shown */
void vpl011_flush_partial(struct vpl011 *u);
/* v idles (a trapped WFI, or 10 ms without output where WFI is not
 * trapped): the input guest's prompt, if v wrote it, is shown unterminated */
void vpl011_idle(struct vcpu *v);
/* physical interrupt at EL2: true if it was the board UART's */
bool vpl011_take_irq(uint32_t intid);

/* vpl011.c <-> vpl011_rx.c, called with u->lock held */
void vpl011_update_line(struct vpl011 *u);
void vpl011_rx_attach(struct vpl011 *u);
void vpl011_rx_reset(struct vpl011 *u);
int vpl011_rx_pop(struct vpl011 *u);

#endif /* VDEV_VPL011_H */
