/* SPDX-License-Identifier: MIT */
/*
 * Board loading of boards/qemu-virt (compiled from its .dts by dtc): every
 * machine fact the runtime needs comes out of the tree and board.yaml.
 * Run from the source tree with PARTITA_DATADIR set (tests/unit/run.sh).
 */
#include <stdlib.h>

#include "board.h"
#include "device.h"
#include "front_check.h"

static void test_qemu_virt(void)
{
	struct model m = { 0 };
	struct yamldoc_node *root;
	const struct model_board *b = &m.board;

	m.spec_dir = strdup(".");
	front_parse("board: qemu-virt\n", &root);
	FRONT_CHECK("board: qemu-virt loads", board_load(&m, yamldoc_get(root, "board")) &&
		    diag_error_count() == 0);
	FRONT_CHECK("board: RAM from board.yaml", b->ram_base == 0x40000000 &&
		    b->ram_size == 2ull << 30);
	FRONT_CHECK("board: 4 CPUs, MPIDR 0..3", b->cpu_count == 4 && b->cpu_mpidr[0] == 0 &&
		    b->cpu_mpidr[3] == 3);
	FRONT_CHECK("board: CPU compatible", b->cpu_compatible &&
		    !strcmp(b->cpu_compatible, "arm,cortex-a57"));
	FRONT_CHECK("board: GICv3 regions", b->gic_version == 3 && b->gicd.pa == 0x8000000 &&
		    b->gicd.size == 0x10000 && b->gicr.pa == 0x80a0000 && b->gicr.size == 0xf60000);
	FRONT_CHECK("board: ITS", b->its.pa == 0x8080000 && b->its.size == 0x20000);
	FRONT_CHECK("board: maintenance PPI 9 = INTID 25", b->maint_irq == 25);
	FRONT_CHECK("board: UART", b->uart_pa == 0x9000000 && b->uart_size == 0x1000 &&
		    b->uart_irq == 33 && !strcmp(b->uart_path, "/pl011@9000000"));
	FRONT_CHECK("board: UART kind pl011, 32-bit registers", b->uart_kind == LAYOUT_UART_PL011 &&
		    b->uart_io_width == 4 && b->uart_reg_shift == 0);
	FRONT_CHECK("board: timer PPIs 13,14,11,10", b->timer_irq[0] == 29 &&
		    b->timer_irq[1] == 30 && b->timer_irq[2] == 27 && b->timer_irq[3] == 26 &&
		    b->timer_flags[2] == 4);
	FRONT_CHECK("board: PSCI smc", b->psci_conduit == LAYOUT_PSCI_SMC);
	FRONT_CHECK("board: U-Boot addresses", b->uboot_fit_addr == 0x50000000 &&
		    b->uboot_image_addr == 0x40400000);
	FRONT_CHECK("board: QEMU options", b->qemu_args && !strcmp(b->qemu_args,
		    "-M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -smp 4 -m 2G"));
	FRONT_CHECK("board: position of board:", b->pos.line == 1 && b->pos.col == 8);
	board_free(&m.board);
	yamldoc_free(root);
	free(m.spec_dir);
}

static void test_unknown(void)
{
	struct model m = { 0 };
	struct yamldoc_node *root;

	m.spec_dir = strdup(".");
	front_parse("board: qemu-vert\n", &root);
	FRONT_CHECK("board: unknown board fails", !board_load(&m, yamldoc_get(root, "board")) &&
		    diag_error_count() == 1);
	board_free(&m.board);
	yamldoc_free(root);
	free(m.spec_dir);
}

/* The test board states the mmc's clock 3; clock 4 ("bus") needs the spec. */
static void test_clocks(const struct model_board *b)
{
	struct model_device d = { .ref = "/bus@1c000000/mmc@60000", .node = -1 };
	struct model_rate bus = { .key = "bus", .hz = 50000000 };
	int before = diag_error_count();

	FRONT_CHECK("clocks: a clock without a rate is an error",
		    !device_resolve(b, &d) && diag_error_count() == before + 1 &&
		    d.clock_count == 2 && d.clocks[0].hz == 200000000 && !d.clocks[1].hz);
	FRONT_CHECK("clocks: board rate found by provider + specifier",
		    d.clocks[0].cell_count == 1 && d.clocks[0].cells[0] == 3 &&
		    d.clocks[0].from && !strcmp(d.clocks[0].name, "core"));
	FRONT_CHECK("clocks: a DMA master (dma-coherent)", d.dma_capable);
	for (int i = 0; i < d.clock_count; i++)
		free(d.clocks[i].name);
	free(d.path);
	d = (struct model_device){ .ref = "/bus@1c000000/mmc@60000", .node = -1,
				   .rates = &bus, .rate_count = 1 };
	FRONT_CHECK("clocks: the spec entry's rate by clock-name",
		    device_resolve(b, &d) && d.clocks[1].hz == 50000000 &&
		    d.clocks[1].from == &bus.pos);
	for (int i = 0; i < d.clock_count; i++)
		free(d.clocks[i].name);
	free(d.path);
}

static void test_translated(void)
{
	struct model m = { 0 };
	struct yamldoc_node *root;
	struct model_device d = { .ref = "timer1", .node = -1 };

	m.spec_dir = strdup("tests/specs/bad");
	front_parse("board: ../boards/shared\n", &root);
	FRONT_CHECK("board: test board loads", board_load(&m, yamldoc_get(root, "board")));
	FRONT_CHECK("board: UART via alias, hvc", m.board.uart_pa == 0x1c090000 &&
		    m.board.psci_conduit == LAYOUT_PSCI_HVC);
	FRONT_CHECK("board: RAM from the tree's /memory", m.board.ram_base == 0x80000000 &&
		    m.board.ram_size == 0x40000000);
	FRONT_CHECK("device: label resolves", m.board.fdt && device_resolve(&m.board, &d));
	FRONT_CHECK("device: reg translated through bus ranges",
		    d.reg_count == 1 && d.reg[0].pa == 0x1c020000 && d.reg[0].size == 0x1000);
	FRONT_CHECK("device: SPI 2 is INTID 34", d.irq_count == 1 && d.irq[0].intid == 34);
	FRONT_CHECK("device: not DMA capable", !d.dma_capable);
	free(d.path);
	d = (struct model_device){ .ref = "timer2", .node = -1 };
	FRONT_CHECK("device: interrupts-extended read", m.board.fdt && device_resolve(&m.board, &d) &&
		    d.irq_count == 2 && d.irq[0].intid == 35 && d.irq[1].intid == 36 &&
		    d.irq[1].dt_flags == 1);
	free(d.path);
	test_clocks(&m.board);
	board_free(&m.board);
	yamldoc_free(root);
	free(m.spec_dir);
}

static void test_gicv2(void)
{
	struct model m = { 0 };
	struct yamldoc_node *root;
	const struct model_board *b = &m.board;

	m.spec_dir = strdup("tests/specs/good");
	front_parse("board: ../boards/gicv2\n", &root);
	FRONT_CHECK("board: GICv2 board loads", board_load(&m, yamldoc_get(root, "board")));
	FRONT_CHECK("board: GICv2 regions", b->gic_version == 2 && b->gicd.pa == 0x8000000 &&
		    b->gicc.pa == 0x8010000 && b->gich.pa == 0x8030000 && b->gicv.pa == 0x8040000 &&
		    b->gicr.size == 0 && b->its.size == 0);
	FRONT_CHECK("board: GICv2 maintenance PPI 9 = INTID 25, flags kept",
		    b->maint_irq == 25 && b->timer_flags[0] == 0xf04);
	FRONT_CHECK("board: board.yaml ram wins over /memory", b->ram_size == 1ull << 30);
	board_free(&m.board);
	yamldoc_free(root);
	free(m.spec_dir);
}

/* A DW APB 16550 console: its kind, reg-shift, io width and FIFO depth. */
static void test_uart_dw(void)
{
	struct model m = { 0 };
	struct yamldoc_node *root;
	const struct model_board *b = &m.board;

	m.spec_dir = strdup("tests/specs/good");
	front_parse("board: ../boards/uart-dw\n", &root);
	FRONT_CHECK("board: DW 16550 board loads", board_load(&m, yamldoc_get(root, "board")) &&
		    diag_error_count() == 0);
	FRONT_CHECK("board: second compatible (snps,dw-apb-uart) chosen",
		    b->uart_kind == LAYOUT_UART_DW_APB);
	FRONT_CHECK("board: reg-shift 2, reg-io-width 4, fifo-size 64",
		    b->uart_reg_shift == 2 && b->uart_io_width == 4 && b->uart_tx_fifo == 64);
	FRONT_CHECK("board: kind names", !strcmp(board_uart_kind_name(b->uart_kind), "dw-apb") &&
		    !strcmp(board_uart_kind_name(LAYOUT_UART_CADENCE), "cadence") &&
		    !strcmp(board_uart_kind_name(LAYOUT_UART_IMX), "imx"));
	board_free(&m.board);
	yamldoc_free(root);
	free(m.spec_dir);
}

int main(void)
{
	test_qemu_virt();
	test_unknown();
	test_translated();
	test_gicv2();
	test_uart_dw();
	return front_finish();
}
