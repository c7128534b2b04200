/* SPDX-License-Identifier: MIT */
/*
 * The runtime's console UART drivers (vmm/drivers/) built for the host
 * against register models of a 16550 (ns16550a, ns16550, DW APB), an i.MX
 * UART and a Cadence UART: no QEMU 7.2 AArch64 machine with EL2 has a 16550
 * or an i.MX UART, so this is where their logic is checked. The models keep
 * a real TX FIFO depth and count writes into a full FIFO, writes to the baud
 * divisors, and accesses at the wrong width or offset.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define UART_HOST_MODEL 1
#include "../../vmm/drivers/uart.c"
#include "../../vmm/drivers/cadence.c"
#include "../../vmm/drivers/imx.c"
#include "../../vmm/drivers/ns16550.c"
#include "../../vmm/drivers/pl011.c"

static int failed;

#define CHECK(name, cond) do { \
	if (cond) printf("PASS uart: %s\n", name); \
	else { printf("FAIL uart: %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); failed++; } \
} while (0)

enum model_kind { M_16550, M_IMX, M_CADENCE };

static struct model {
	enum model_kind kind;
	uint32_t shift, width;          /* how the hardware is wired */
	uint32_t reg[256];              /* by register index */
	unsigned tx_count, tx_depth;    /* bytes in the TX FIFO, its size */
	unsigned overflow;              /* bytes written into a full FIFO */
	unsigned tx_disabled;           /* bytes written with the transmitter off */
	char sent[256];
	unsigned sent_len;
	const char *rx;                 /* bytes waiting in the RX FIFO */
	unsigned divisor_writes, bad_access, usr_reads, accesses;
	int drain_on_status;            /* each status read sends one byte */
} m;

static void model_reset(enum model_kind kind, uint32_t shift, uint32_t width, unsigned depth)
{
	memset(&m, 0, sizeof(m));
	m.kind = kind;
	m.shift = shift;
	m.width = width;
	m.tx_depth = depth;
	m.rx = "";
}

static void model_push(uint8_t c, int enabled)
{
	if (!enabled)
		m.tx_disabled++;
	if (m.tx_count >= m.tx_depth) {
		m.overflow++;
		return;
	}
	m.tx_count++;
	if (m.sent_len + 1 < sizeof(m.sent))
		m.sent[m.sent_len++] = (char)c;
}

static void model_drain(unsigned n)
{
	m.tx_count = n > m.tx_count ? 0 : m.tx_count - n;
}

static void model_status_read(void)
{
	if (m.drain_on_status)
		model_drain(1);
}

/* register index the hardware decodes from an access at this offset */
static uint32_t model_index(uint32_t offset)
{
	if (m.kind == M_16550)
		return offset >> m.shift;
	if (offset % 4)
		m.bad_access++;
	return offset / 4;
}

static uint32_t model_read_16550(uint32_t i)
{
	int dlab = m.reg[3] & 0x80;
	int fifo = m.reg[2] & 1;

	m.tx_depth = fifo ? 16 : 1;
	switch (i) {
	case 0:
		if (dlab)
			return m.reg[0];
		return *m.rx ? (uint8_t)*m.rx++ : 0;
	case 5:
		model_status_read();
		return (*m.rx ? 1u : 0) | (m.tx_count ? 0 : 0x60u);
	case 31:
		m.usr_reads++;
		return m.tx_count < m.tx_depth ? 2u : 0;
	default:
		return m.reg[i & 0xFF];
	}
}

static void model_write_16550(uint32_t i, uint32_t v)
{
	int dlab = m.reg[3] & 0x80;

	if ((i == 0 || i == 1) && dlab) {
		m.divisor_writes++;
		return;
	}
	if (i == 0) {
		m.tx_depth = (m.reg[2] & 1) ? 16 : 1;
		model_push((uint8_t)v, 1);
		return;
	}
	m.reg[i & 0xFF] = v;
}

static uint32_t model_read_imx(uint32_t off)
{
	switch (off) {
	case 0x00:
		return *m.rx ? 0x8000u | (uint8_t)*m.rx++ : 0;
	case 0x98:
		model_status_read();
		return (*m.rx ? 1u : 0) | (m.tx_count ? 0 : 1u << 3);
	case 0xB4:
		model_status_read();
		return (m.tx_count >= m.tx_depth ? 1u << 4 : 0) | (*m.rx ? 0 : 1u << 5) |
		       (m.tx_count ? 0 : 1u << 6);
	default:
		return m.reg[(off / 4) & 0xFF];
	}
}

static void model_write_imx(uint32_t off, uint32_t v)
{
	uint32_t ucr2 = m.reg[0x84 / 4];

	if (off == 0x40)
		model_push((uint8_t)v, (m.reg[0x80 / 4] & 1) && (ucr2 & 5) == 5);
	else if (off == 0x90 || off == 0xA4 || off == 0xA8)
		m.divisor_writes++;
	else if (off != 0x98)
		m.reg[(off / 4) & 0xFF] = v;
}

static uint32_t model_read_cadence(uint32_t off)
{
	switch (off) {
	case 0x2C:
		model_status_read();
		return (*m.rx ? 0 : 1u << 1) | (m.tx_count ? 0 : 1u << 3) |
		       (m.tx_count >= m.tx_depth ? 1u << 4 : 0);
	case 0x30:
		return *m.rx ? (uint8_t)*m.rx++ : 0;
	default:
		return m.reg[(off / 4) & 0xFF];
	}
}

static void model_write_cadence(uint32_t off, uint32_t v)
{
	uint32_t cr = m.reg[0];

	switch (off) {
	case 0x30: model_push((uint8_t)v, (cr & 0x30) == 0x10); break;
	case 0x08: m.reg[0x10 / 4] |= v; break;
	case 0x0C: m.reg[0x10 / 4] &= ~v; break;
	case 0x14: m.reg[0x14 / 4] &= ~v; break;
	case 0x18: case 0x34: m.divisor_writes++; break;
	default: m.reg[(off / 4) & 0xFF] = v; break;
	}
}

uint32_t uart_read(const struct uart *u, uint32_t reg)
{
	uint32_t off = reg << u->shift;

	m.accesses++;
	if (u->width != m.width)
		m.bad_access++;
	if (m.kind == M_16550)
		return model_read_16550(model_index(off));
	model_index(off);
	return m.kind == M_IMX ? model_read_imx(off) : model_read_cadence(off);
}

void uart_write(const struct uart *u, uint32_t reg, uint32_t v)
{
	uint32_t off = reg << u->shift;

	m.accesses++;
	if (u->width != m.width)
		m.bad_access++;
	if (m.kind == M_16550)
		model_write_16550(model_index(off), v);
	else if (model_index(off), m.kind == M_IMX)
		model_write_imx(off, v);
	else
		model_write_cadence(off, v);
}

/* bytes the driver says fit, written until it says no more */
static unsigned fill(struct uart *u)
{
	unsigned n = 0;

	while (n < 200 && u->ops->tx_ready(u)) {
		u->ops->tx(u, (uint8_t)('a' + n % 26));
		n++;
	}
	return n;
}

static void test_16550a(void)
{
	struct uart u = { .base = 0x1000, .shift = 2, .width = 4, .fifo = 16, .ops = &ns16550_ops };

	model_reset(M_16550, 2, 4, 1);
	m.reg[3] = 0x83;                    /* firmware left DLAB set */
	u.ops->init(&u);
	CHECK("16550a init: IER 0, FIFO on, 8N1 with DLAB clear, OUT2",
	      m.reg[1] == 0 && (m.reg[2] & 1) && m.reg[3] == 0x03 && (m.reg[4] & 0x08));
	CHECK("16550a init: baud divisors untouched", m.divisor_writes == 0);
	CHECK("16550a: registers at reg-shift 2, 32-bit", m.bad_access == 0);
	CHECK("16550a: 16 bytes after THRE, then waits", fill(&u) == 16 && m.overflow == 0);
	model_drain(5);
	CHECK("16550a: THRE means empty, not 'room': still waits", fill(&u) == 0);
	model_drain(11);
	CHECK("16550a: FIFO empty again: 16 more", fill(&u) == 16 && m.overflow == 0);
	model_drain(16);
	CHECK("16550a: tx_some sends what fits: 16 of 26", u.ops->tx_some(&u, "abcdefghijklmnopqrstuvwxyz", 26) == 16 &&
	      m.overflow == 0);
	model_drain(16);
	m.drain_on_status = 1;
	uart = u;
	m.sent_len = 0;
	for (const char *s = "the quick brown fox jumps over the lazy dog"; *s; s++)
		uart_putc(*s);
	CHECK("16550a: uart_putc through a slow line, in order, nothing lost",
	      m.sent_len == 43 && !memcmp(m.sent, "the quick brown fox jumps over the lazy dog", 43) &&
	      m.overflow == 0);
	m.rx = "ok";
	CHECK("16550a: getc reads while LSR.DR", u.ops->getc(&u) == 'o' && u.ops->getc(&u) == 'k' &&
	      u.ops->getc(&u) == -1);
	u.ops->rx_irq(&u, true);
	CHECK("16550a: RX interrupt is IER.ERBFI", m.reg[1] == 1);
	u.ops->rx_irq(&u, false);
	CHECK("16550a: and off", m.reg[1] == 0);
}

static void test_16550_nofifo(void)
{
	struct uart u = { .base = 0x1000, .shift = 0, .width = 1, .fifo = 1, .ops = &ns16550_ops };

	model_reset(M_16550, 0, 1, 1);
	u.ops->init(&u);
	CHECK("ns16550: FIFO left off", (m.reg[2] & 1) == 0);
	CHECK("ns16550: one byte per THRE", fill(&u) == 1 && m.overflow == 0);
	model_drain(1);
	CHECK("ns16550: next byte once THRE", fill(&u) == 1 && m.overflow == 0);
	CHECK("ns16550: 8-bit accesses at reg-shift 0", m.bad_access == 0);
}

static void test_dw_apb(void)
{
	struct uart u = { .base = 0x1000, .shift = 2, .width = 4, .fifo = 64, .ops = &dw_apb_ops };

	model_reset(M_16550, 2, 4, 1);
	u.ops->init(&u);
	u.ops->rx_ack(&u);
	CHECK("dw-apb: acknowledge reads USR (busy detect) at 0x7c", m.usr_reads == 1 &&
	      m.bad_access == 0);
	u.ops = &ns16550_ops;
	u.ops->rx_ack(&u);
	CHECK("ns16550: acknowledge does not touch USR", m.usr_reads == 1);
}

static void test_imx(void)
{
	struct uart u = { .base = 0x1000, .shift = 0, .width = 4, .ops = &imx_ops };

	model_reset(M_IMX, 0, 4, 32);
	m.reg[0x80 / 4] = 1u << 9;          /* RRDYEN left on by a loader */
	m.reg[0x84 / 4] = 0x0101;           /* out of reset, parity on, RX/TX off */
	u.ops->init(&u);
	CHECK("imx init: UARTEN, loader's RX interrupt off",
	      (m.reg[0x80 / 4] & 1) && !(m.reg[0x80 / 4] & (1u << 9)));
	CHECK("imx init: UCR2 SRST RXEN TXEN WS IRTS, no parity, 1 stop",
	      (m.reg[0x84 / 4] & 0x4167) == 0x4027);
	CHECK("imx init: RXDMUXSEL", m.reg[0x88 / 4] & 4);
	CHECK("imx init: baud (UFCR, UBIR, UBMR) untouched", m.divisor_writes == 0);
	CHECK("imx: 32 bytes until UTS.TXFULL, none while disabled",
	      fill(&u) == 32 && m.overflow == 0 && m.tx_disabled == 0);
	model_drain(32);
	CHECK("imx: tx_some stops at UTS.TXFULL", u.ops->tx_some(&u, "abcdefghijklmnopqrstuvwxyz0123456789", 36) == 32 &&
	      m.overflow == 0);
	m.rx = "i";
	CHECK("imx: getc while USR2.RDR", u.ops->getc(&u) == 'i' && u.ops->getc(&u) == -1);
	u.ops->rx_irq(&u, true);
	CHECK("imx: RX interrupt is UCR4.DREN", m.reg[0x8C / 4] & 1);
	CHECK("imx: 32-bit aligned accesses", m.bad_access == 0);
}

static void test_cadence(void)
{
	struct uart u = { .base = 0x1000, .shift = 0, .width = 4, .ops = &cadence_ops };

	model_reset(M_CADENCE, 0, 4, 64);
	m.reg[0] = 0x128;                    /* CR reset value: TX and RX disabled */
	m.reg[1] = 0x1;                      /* MR: CLKSEL set by the firmware, 8E1 */
	u.ops->init(&u);
	CHECK("cadence init: TXEN|RXEN, no DIS bits", (m.reg[0] & 0x3C) == 0x14);
	CHECK("cadence init: 8N1, normal mode, CLKSEL kept", (m.reg[1] & 0x3FF) == 0x21);
	CHECK("cadence init: BAUDGEN/BAUDDIV untouched", m.divisor_writes == 0);
	CHECK("cadence init: RX trigger level 1", m.reg[0x20 / 4] == 1);
	CHECK("cadence: 64 bytes until SR.TFUL, none while disabled",
	      fill(&u) == 64 && m.overflow == 0 && m.tx_disabled == 0);
	m.reg[0x14 / 4] = 0x21;              /* RTRIG and ROVR latched */
	u.ops->rx_ack(&u);
	CHECK("cadence: acknowledge clears the sticky RX bits", m.reg[0x14 / 4] == 0);
	u.ops->rx_irq(&u, true);
	CHECK("cadence: RX interrupt is RTRIG in IMR", m.reg[0x10 / 4] == 1);
	u.ops->rx_irq(&u, false);
	CHECK("cadence: and off", m.reg[0x10 / 4] == 0);
}

static void test_dispatch(void)
{
	model_reset(M_16550, 0, 1, 16);
	uart_init(0x1000, 99, 0, 1, 16);
	uart_putc('x');
	CHECK("unknown kind: silent, no access", m.accesses == 0 && m.sent_len == 0);
	uart_init(0x1000, LAYOUT_UART_NS16550, 0, 2, 16);
	CHECK("io width 2: refused", m.accesses == 0);
	uart_init(0x1000, LAYOUT_UART_NS16550, 0, 1, 16);
	uart_putc('y');
	CHECK("kind 4 is the 16550 driver", m.sent_len == 1 && m.sent[0] == 'y' && m.reg[3] == 3);
}

int main(void)
{
	test_16550a();
	test_16550_nofifo();
	test_dw_apb();
	test_imx();
	test_cadence();
	test_dispatch();
	return failed ? 1 : 0;
}
