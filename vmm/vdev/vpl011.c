// SPDX-License-Identifier: MIT
/*
 * Virtual PL011 (PrimeCell UART PL011 TRM, "Register descriptions"): UARTDR
 * writes collect into a line flushed as `<guest>| <line>` on '\n' or when
 * full; the transmitter is always empty. The receive FIFO holds bytes from
 * the board UART (vpl011_rx.c), for the console-input guest only; everyone
 * else always reads RXFE. UARTINTR is a level, (RIS & IMSC) != 0, injected
 * as the guest's UART SPI when it rises. The window is never mapped.
 */
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/vgic.h"
#include "vdev/vpl011.h"

#define UARTDR    0x000
#define UARTRSR   0x004
#define UARTFR    0x018
#define UARTIBRD  0x024
#define UARTFBRD  0x028
#define UARTLCR_H 0x02C
#define UARTCR    0x030
#define UARTIFLS  0x034
#define UARTIMSC  0x038
#define UARTRIS   0x03C
#define UARTMIS   0x040
#define UARTICR   0x044
#define UARTDMACR 0x048
#define UARTFR_RXFE (1u << 4)
#define UARTFR_RXFF (1u << 6)
#define UARTFR_TXFE (1u << 7)
#define UART_RXIS   (1u << 4)
#define UART_TXIS   (1u << 5)
#define UART_RTIS   (1u << 6)
#define UART_INT_ALL 0x7FFu
#define UART_WINDOW 0x1000

static const uint8_t vpl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };

static void vpl011_flush(struct vpl011 *u)
{
	log_guest_line(u->guest->index, u->name, u->line_buf, u->len);
	u->len = 0;
}

static void vpl011_put(struct vpl011 *u, char c)
{
	if (c == '\n')
		vpl011_flush(u);
	else if (c != '\r') {
		u->line_buf[u->len++] = c;
		if (u->len == VPL011_LINE_MAX)
			vpl011_flush(u);
	}
	u->tx_ris = true;   /* the byte left at once: the TX FIFO is below its level */
}

/*
 * RX and RT both mean "the receive FIFO holds data" (a trigger level of one
 * byte, as QEMU's model has): Linux drains the FIFO in its handler, which
 * is what lowers them; UARTICR cannot clear data that is still there.
 */
static uint32_t vpl011_ris(const struct vpl011 *u)
{
	return (u->rx_count ? UART_RXIS | UART_RTIS : 0) | (u->tx_ris ? UART_TXIS : 0);
}

void vpl011_update_line(struct vpl011 *u)
{
	bool level = (vpl011_ris(u) & u->imsc) != 0;

	if (level && !u->line && u->guest)
		vgic_inject_spi(u->guest, u->virq);
	u->line = level;
}

static uint32_t *vpl011_reg(struct vpl011 *u, uint64_t off)
{
	switch (off) {
	case UARTIBRD: return &u->ibrd;
	case UARTFBRD: return &u->fbrd;
	case UARTLCR_H: return &u->lcr_h;
	case UARTCR: return &u->cr;
	case UARTIFLS: return &u->ifls;
	case UARTIMSC: return &u->imsc;
	case UARTDMACR: return &u->dmacr;
	default: return 0;
	}
}

static uint32_t vpl011_flags(uint32_t rx_count)
{
	return UARTFR_TXFE | (rx_count ? 0 : UARTFR_RXFE) |
	       (rx_count == VPL011_RX_SIZE ? UARTFR_RXFF : 0);
}

static uint32_t vpl011_read(struct vpl011 *u, uint64_t off)
{
	uint32_t *r = vpl011_reg(u, off);
	int c;

	if (r)
		return *r;
	switch (off) {
	case UARTDR:
		c = vpl011_rx_pop(u);
		return c < 0 ? 0 : (uint32_t)c;
	case UARTFR: return vpl011_flags(u->rx_count);
	case UARTRIS: return vpl011_ris(u);
	case UARTMIS: return vpl011_ris(u) & u->imsc;
	}
	if (off >= 0xFE0 && off <= 0xFFC)
		return vpl011_id[(off - 0xFE0) / 4];
	return 0;   /* RSR: no errors */
}

static void vpl011_write(struct vpl011 *u, uint64_t off, uint32_t value)
{
	uint32_t *r = vpl011_reg(u, off);

	if (off == UARTDR)
		vpl011_put(u, (char)(value & 0xFF));
	else if (off == UARTICR && (value & UART_TXIS))
		u->tx_ris = false;
	else if (r)
		*r = off == UARTIMSC ? value & UART_INT_ALL : value;
}

/*
 * The input guest's unterminated line (a shell prompt) is shown once the
 * guest idles. Where its WFI is trapped, that exit shows it (vpl011_idle);
 * where it is not (vcpu_arch.c), once the writer has written nothing for
 * 10 ms: each byte moves this CPU's deadline, a line end cancels it.
 */
static void vpl011_prompt_deadline(const struct vpl011 *u)
{
	if (sysreg_read(hcr_el2) & HCR_TWI)
		return;
	htimer_set(vcpu_this_cpu(), HTIMER_PROMPT,
		   u->len ? htimer_now() + sysreg_read(cntfrq_el0) / 100 : 0);
}

/*
 * UARTINTR is a function of rx_count, tx_ris and imsc: only a write or a
 * UARTDR read (it pops the receive FIFO) changes them here, so only those
 * update the line; any other read finds it as the last change left it.
 * UARTFR, which a guest polls before every byte it prints, is read
 * without the lock: it depends on rx_count alone, one aligned word whose
 * load is single-copy atomic (Arm ARM DDI 0487 "Single-copy
 * atomicity"), so the guest sees the FIFO as it was at one instant
 * during its access, as it would on a real UART. The rest takes the lock
 * in a function of its own, so an FR read is a leaf (issue 15).
 */
static __attribute__((noinline)) void vpl011_access_locked(struct vcpu *v, struct vpl011 *u,
							    struct mmio_access *a)
{
	spin_lock(&u->lock);
	if (a->write) {
		vpl011_write(u, a->offset, (uint32_t)a->value);
		if (a->offset == UARTDR) {
			u->writer = v;
			if (u->input)
				vpl011_prompt_deadline(u);
		}
		vpl011_update_line(u);
	} else {
		a->value = vpl011_read(u, a->offset);
		if (a->offset == UARTDR)
			vpl011_update_line(u);
	}
	spin_unlock(&u->lock);
}

static bool vpl011_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	struct vpl011 *u = priv;

	if ((a->offset & 3) || a->width > 4)
		return false;
	if (!a->write && a->offset == UARTFR)
		a->value = vpl011_flags(__atomic_load_n(&u->rx_count, __ATOMIC_RELAXED));
	else
		vpl011_access_locked(v, u, a);
	return true;
}

void vpl011_flush_partial(struct vpl011 *u)
{
	spin_lock(&u->lock);
	if (u->len)
		vpl011_flush(u);
	spin_unlock(&u->lock);
}

/*
 * Only the vCPU that wrote the partial line: another vCPU idling says
 * nothing about a line the kernel may be in the middle of printing.
 */
void vpl011_idle(struct vcpu *v)
{
	struct vpl011 *u = &v->guest->console;

	if (!u->input || !u->len || u->writer != v)
		return;     /* unlocked peek: the common case costs nothing */
	spin_lock(&u->lock);
	if (u->len)
		log_guest_partial(u->guest->index, u->name, u->line_buf, u->len);
	u->len = 0;
	spin_unlock(&u->lock);
}

void vpl011_reset(struct vpl011 *u)
{
	spin_lock(&u->lock);
	u->len = 0;
	u->cr = 0x300;  /* TXE | RXE, reset value */
	u->lcr_h = u->imsc = u->ibrd = u->fbrd = u->ifls = u->dmacr = 0;
	u->tx_ris = u->line = false;
	vpl011_rx_reset(u);
	spin_unlock(&u->lock);
}

void vpl011_attach(struct guest *g, struct vpl011 *u, uint64_t ipa)
{
	u->guest = g;
	u->name = g->name;
	u->virq = rt.layout->board.uart_irq;
	u->input = g->lg->console_input != 0;
	vpl011_reset(u);
	if (!mmio_register(g, ipa, UART_WINDOW, vpl011_access, u))
		log_printf("vmm|%s|no room for the console window\n", g->name);
	else if (u->input)
		vpl011_rx_attach(u);
}
