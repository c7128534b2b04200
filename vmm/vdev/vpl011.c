// SPDX-License-Identifier: MIT
/*
 * Virtual PL011 (PrimeCell UART PL011 TRM, "Register descriptions"): UARTDR
 * writes collect into a line flushed as `<guest>| <line>` on '\n' or when
 * full; UARTFR always says TX empty and RX empty; control registers read
 * back what was written; the ID registers identify a PL011 r1p5 so an AMBA
 * bus probe accepts it. The window is never mapped in stage-2.
 */
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"
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
#define UARTFR_TXFE (1u << 7)
#define UARTFR_RXFE (1u << 4)
#define UART_WINDOW 0x1000

static const uint8_t vpl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };

static void vpl011_flush(struct vpl011 *u)
{
	log_guest_line(u->name, u->line, u->len);
	u->len = 0;
}

static void vpl011_put(struct vpl011 *u, char c)
{
	spin_lock(&u->lock);
	if (c == '\n')
		vpl011_flush(u);
	else if (c != '\r') {
		u->line[u->len++] = c;
		if (u->len == VPL011_LINE_MAX)
			vpl011_flush(u);
	}
	spin_unlock(&u->lock);
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

static uint32_t vpl011_read(struct vpl011 *u, uint64_t off)
{
	uint32_t *r = vpl011_reg(u, off);

	if (r)
		return *r;
	if (off == UARTFR)
		return UARTFR_TXFE | UARTFR_RXFE;
	if (off >= 0xFE0 && off <= 0xFFC)
		return vpl011_id[(off - 0xFE0) / 4];
	return 0;   /* DR (no input), RSR, RIS, MIS */
}

static bool vpl011_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	struct vpl011 *u = priv;
	uint32_t *r;

	if ((a->offset & 3) || a->width > 4)
		return false;
	if (!a->write) {
		a->value = vpl011_read(u, a->offset);
		return true;
	}
	if (a->offset == UARTDR)
		vpl011_put(u, (char)(a->value & 0xFF));
	else if ((r = vpl011_reg(u, a->offset)))
		*r = (uint32_t)a->value;
	return true;    /* RSR/ICR writes clear nothing we keep */
}

void vpl011_flush_partial(struct vpl011 *u)
{
	spin_lock(&u->lock);
	if (u->len)
		vpl011_flush(u);
	spin_unlock(&u->lock);
}

void vpl011_reset(struct vpl011 *u)
{
	spin_lock(&u->lock);
	u->len = 0;
	u->cr = 0x300;  /* TXE | RXE, reset value */
	u->lcr_h = u->imsc = u->ibrd = u->fbrd = u->ifls = u->dmacr = 0;
	spin_unlock(&u->lock);
}

void vpl011_attach(struct guest *g, struct vpl011 *u, uint64_t ipa)
{
	u->name = g->name;
	vpl011_reset(u);
	if (!mmio_register(g, ipa, UART_WINDOW, vpl011_access, u))
		log_printf("vmm|%s|no room for the console window\n", g->name);
}
