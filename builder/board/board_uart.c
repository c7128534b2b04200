/* SPDX-License-Identifier: MIT */
/*
 * Which driver the runtime uses for the board's console UART, from the
 * node's compatible list (first entry we know wins), plus what a 16550
 * needs: reg-shift, reg-io-width and its FIFO depth (Linux
 * Documentation/devicetree/bindings/serial/8250.yaml, cdns,uart.yaml,
 * fsl-imx-uart.yaml, pl011.yaml).
 */
#include "board.h"

#include <libfdt.h>
#include <string.h>

#include "spec_value.h"

struct board_uart_compat {
	const char *compatible;
	enum layout_uart_kind kind;
	uint32_t fifo;            /* TX bytes after an empty FIFO (16550) */
};

static const struct board_uart_compat board_uart_table[] = {
	{ "arm,pl011", LAYOUT_UART_PL011, 0 },
	{ "cdns,uart-r1p12", LAYOUT_UART_CADENCE, 0 },
	{ "cdns,uart-r1p8", LAYOUT_UART_CADENCE, 0 },
	{ "xlnx,xuartps", LAYOUT_UART_CADENCE, 0 },
	{ "xlnx,zynqmp-uart", LAYOUT_UART_CADENCE, 0 },
	{ "fsl,imx21-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx53-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx6q-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx6sx-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx6ul-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx7d-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx8mq-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx8mm-uart", LAYOUT_UART_IMX, 0 },
	{ "fsl,imx8mp-uart", LAYOUT_UART_IMX, 0 },
	{ "ns16550a", LAYOUT_UART_NS16550, 16 },
	/* "ns16550" names the part whose FIFO is unusable: one byte per THRE */
	{ "ns16550", LAYOUT_UART_NS16550, 1 },
	/* the DW FIFO depth is a synthesis option: one byte unless fifo-size says */
	{ "snps,dw-apb-uart", LAYOUT_UART_DW_APB, 1 },
};

static const struct board_uart_compat *board_uart_lookup(const char *compat, int len)
{
	for (int off = 0; off < len; off += (int)strnlen(compat + off, (size_t)(len - off)) + 1)
		for (size_t i = 0; i < sizeof(board_uart_table) / sizeof(board_uart_table[0]); i++)
			if (!strcmp(compat + off, board_uart_table[i].compatible))
				return &board_uart_table[i];
	return NULL;
}

static uint32_t board_uart_u32(const void *fdt, int node, const char *name, uint32_t dflt)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node, name, &len);

	return v && len == 4 ? fdt32_to_cpu(*v) : dflt;
}

const char *board_uart_kind_name(uint32_t kind)
{
	static const char *const names[] = { "none", "pl011", "cadence", "imx", "ns16550", "dw-apb" };

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "unknown";
}

bool board_uart_kind(struct model_board *b, int node, const char *uart_path,
		     const struct srcpos *pos)
{
	int len = 0;
	const char *compat = fdt_getprop(b->fdt, node, "compatible", &len);
	const struct board_uart_compat *c = compat && len > 0 ? board_uart_lookup(compat, len) : NULL;
	bool ns = c && (c->kind == LAYOUT_UART_NS16550 || c->kind == LAYOUT_UART_DW_APB);

	if (!c) {
		diag_error(pos, "console-uart-unsupported",
			   "console '%s' is a UART the runtime has no driver for (compatible '%s'); "
			   "it drives arm,pl011, cdns,uart-r1p12 / xlnx,xuartps, fsl,imx21-uart "
			   "and its family, ns16550a / ns16550 and snps,dw-apb-uart",
			   uart_path, compat && len > 0 ? compat : "(none)");
		return false;
	}
	b->uart_kind = c->kind;
	b->uart_reg_shift = ns ? board_uart_u32(b->fdt, node, "reg-shift", 0) : 0;
	b->uart_io_width = ns ? board_uart_u32(b->fdt, node, "reg-io-width", 1) : 4;
	b->uart_tx_fifo = ns ? board_uart_u32(b->fdt, node, "fifo-size", c->fifo) : 0;
	if (b->uart_reg_shift > 4 || (b->uart_io_width != 1 && b->uart_io_width != 4) ||
	    (ns && b->uart_tx_fifo == 0)) {
		diag_error(pos, "console-uart-unsupported",
			   "console '%s' (%s): reg-shift %u, reg-io-width %u, fifo-size %u: the "
			   "runtime drives reg-shift 0-4, reg-io-width 1 or 4, a FIFO of 1 byte or more",
			   uart_path, c->compatible, b->uart_reg_shift, b->uart_io_width,
			   b->uart_tx_fifo);
		return false;
	}
	return true;
}
