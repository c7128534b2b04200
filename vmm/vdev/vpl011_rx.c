// SPDX-License-Identifier: MIT
/*
 * Console input: the board UART's RX interrupt is taken at EL2 (the runtime
 * owns the UART and the GIC) and its bytes move into the receive FIFO of the
 * one vPL011 the layout marks console_input. When that FIFO is full the
 * board UART's RX interrupt is masked, so further bytes wait in the UART (and
 * QEMU holds them back) instead of being lost; a guest read refills it.
 */
#include "arch/aarch64/gic.h"
#include "core/guest.h"
#include "core/log.h"
#include "drivers/uart.h"
#include "vdev/vpl011.h"

static struct vpl011 *vpl011_input;    /* set once, while guests are built */

/* board UART -> FIFO until one is empty or the other full */
static void vpl011_rx_fill(struct vpl011 *u)
{
	bool full;
	int c;

	while (u->rx_count < VPL011_RX_SIZE && (c = uart_getc()) >= 0) {
		u->rx[(u->rx_head + u->rx_count) % VPL011_RX_SIZE] = (uint8_t)c;
		u->rx_count++;
	}
	full = u->rx_count == VPL011_RX_SIZE;
	if (full != u->rx_held) {
		uart_rx_irq(!full);
		u->rx_held = full;
	}
}

int vpl011_rx_pop(struct vpl011 *u)
{
	int c;

	if (!u->rx_count)
		return -1;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VPL011_RX_SIZE;
	u->rx_count--;
	if (u->rx_held)
		vpl011_rx_fill(u);
	return c;
}

/* a restarted guest starts with an empty FIFO; held bytes flow again */
void vpl011_rx_reset(struct vpl011 *u)
{
	u->rx_head = u->rx_count = 0;
	if (u->rx_held)
		vpl011_rx_fill(u);
}

/* the SPI goes to the CPU of the guest's vCPU 0: Linux routes it there too */
void vpl011_rx_attach(struct vpl011 *u)
{
	const struct vcpu *v0 = &u->guest->vcpu[0];
	uint32_t irq = rt.layout->board.uart_irq;

	if (vpl011_input || v0->pcpu >= rt.cpu_count)
		return;     /* the layout check allows one; keep the first */
	vpl011_input = u;
	uart_rx_start();
	gic_route_spi(irq, rt.cpu[v0->pcpu].mpidr);
	gic_enable(irq);
	log_printf("vmm|%s|console input from the board UART\n", u->name);
}

bool vpl011_take_irq(uint32_t intid)
{
	struct vpl011 *u = vpl011_input;

	if (!u || intid != rt.layout->board.uart_irq)
		return false;
	spin_lock(&u->lock);
	uart_rx_ack();
	vpl011_rx_fill(u);
	vpl011_update_line(u);
	spin_unlock(&u->lock);
	return true;
}
