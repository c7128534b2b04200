/* SPDX-License-Identifier: MIT */
/*
 * Machine facts from the board device tree: RAM (/memory), CPUs (MPIDR from
 * reg), the GIC (v2 or v3 by compatible, maintenance PPI, ITS), the
 * architected timer PPIs, the PMU and the runtime's UART. Bindings: Linux
 * Documentation/devicetree/bindings (arm/cpus, interrupt-controller/arm,gic*,
 * timer/arm,arch_timer, arm/pmu).
 */
#include "board.h"

#include <libfdt.h>
#include <string.h>

#include "device.h"
#include "spec_value.h"

static bool board_ram(struct model_board *b, const struct srcpos *pos)
{
	struct model_reg reg;
	int node = fdt_node_offset_by_prop_value(b->fdt, -1, "device_type", "memory", 7);

	if (node < 0 || device_read_reg(b->fdt, node, &reg, 1) < 1) {
		diag_error(pos, "board-invalid", "the board tree has no /memory node with reg");
		return false;
	}
	b->ram_base = reg.pa;
	b->ram_size = reg.size;
	return true;
}

static bool board_cpus(struct model_board *b, const struct srcpos *pos)
{
	int cpus = fdt_path_offset(b->fdt, "/cpus"), node;
	int cells = cpus >= 0 ? fdt_address_cells(b->fdt, cpus) : -1;

	fdt_for_each_subnode(node, b->fdt, cpus) {
		const char *type = fdt_getprop(b->fdt, node, "device_type", NULL);
		int len;
		const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &len);
		if (!type || strcmp(type, "cpu") || !reg || len < cells * 4 || cells < 1)
			continue;
		if (b->cpu_count == LAYOUT_MAX_CPUS) {
			diag_error(pos, "limits-exceeded", "the board has more than %d CPUs",
				   LAYOUT_MAX_CPUS);
			return false;
		}
		uint64_t mpidr = fdt32_to_cpu(reg[0]);
		if (cells == 2)
			mpidr = mpidr << 32 | fdt32_to_cpu(reg[1]);
		b->cpu_mpidr[b->cpu_count++] = mpidr;
		if (!b->cpu_compatible) {
			const char *compat = fdt_getprop(b->fdt, node, "compatible", NULL);
			b->cpu_compatible = spec_strdup(compat ? compat : "");
		}
	}
	if (b->cpu_count)
		return true;
	diag_error(pos, "board-invalid", "the board tree lists no CPUs under /cpus");
	return false;
}

static int board_gic_v2(const void *fdt)
{
	static const char *const compat[] = {
		"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic",
	};

	for (size_t i = 0; i < sizeof(compat) / sizeof(compat[0]); i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, compat[i]);
		if (node >= 0)
			return node;
	}
	return -1;
}

static bool board_gic(struct model_board *b, const struct srcpos *pos)
{
	struct model_reg reg[4];
	struct model_irq irq;
	int node = fdt_node_offset_by_compatible(b->fdt, -1, "arm,gic-v3");
	int n;

	b->gic_version = node >= 0 ? 3 : 2;
	if (node < 0)
		node = board_gic_v2(b->fdt);
	n = node >= 0 ? device_read_reg(b->fdt, node, reg, 4) : 0;
	if (n < 2 || (b->gic_version == 2 && n < 4)) {
		diag_error(pos, "board-invalid", "the board tree has no usable GICv2/v3 node");
		return false;
	}
	b->gic_node = node;
	b->gicd = reg[0];
	if (b->gic_version == 3) {
		b->gicr = reg[1];
	} else {
		b->gicc = reg[1];
		b->gich = reg[2];
		b->gicv = reg[3];
	}
	if (device_read_irqs(b->fdt, node, &irq, 1) == 1)
		b->maint_irq = irq.intid;
	int its = fdt_node_offset_by_compatible(b->fdt, -1, "arm,gic-v3-its");
	if (its >= 0)
		device_read_reg(b->fdt, its, &b->its, 1);
	return true;
}

static bool board_timer(struct model_board *b, const struct srcpos *pos)
{
	struct model_irq irq[4];
	int node = fdt_node_offset_by_compatible(b->fdt, -1, "arm,armv8-timer");

	if (node < 0 || device_read_irqs(b->fdt, node, irq, 4) != 4) {
		diag_error(pos, "board-invalid", "the board tree has no arm,armv8-timer with 4 PPIs");
		return false;
	}
	for (int i = 0; i < 4; i++) {
		b->timer_irq[i] = irq[i].intid;
		b->timer_flags[i] = irq[i].dt_flags;
	}
	return true;
}

/* A compatible of the arm/pmu binding: "arm,armv8-pmuv3" or a core's own
 * ("arm,cortex-a53-pmu"); "arm,cortex-a*-pmu" also names Armv7 cores, whose
 * boards the builder refuses before this matters. */
static bool board_is_pmu(const char *compat, int len)
{
	for (int i = 0; i < len; i += (int)strlen(compat + i) + 1) {
		const char *c = compat + i;
		size_t n = strlen(c);
		if (!strncmp(c, "arm,", 4) && ((n > 4 && !strcmp(c + n - 4, "-pmu")) ||
					       !strcmp(c, "arm,armv8-pmuv3")))
			return true;
	}
	return false;
}

/* The PMU node, if the board has one. Armv8-A makes PMUv3 optional
 * (ID_AA64DFR0_EL1.PMUVer may be 0), so only the tree says a board has one
 * and which interrupt its overflow uses: PPI 7 on QEMU virt and i.MX8M,
 * one SPI per CPU on ZynqMP and BCM2711. Never an error: a board without
 * one gives guests no PMU node. */
static void board_pmu(struct model_board *b)
{
	struct model_irq irq;
	int node;

	b->pmu_node = -1;
	fdt_for_each_subnode(node, b->fdt, 0) {
		int len;
		const char *compat = fdt_getprop(b->fdt, node, "compatible", &len);
		if (compat && board_is_pmu(compat, len)) {
			b->pmu_node = node;
			break;
		}
	}
	if (b->pmu_node >= 0 && device_read_irqs(b->fdt, b->pmu_node, &irq, 1) >= 1) {
		b->pmu_irq = irq.intid;
		b->pmu_flags = irq.dt_flags;
	}
}

static bool board_uart(struct model_board *b, const char *uart_path, const struct srcpos *pos)
{
	struct model_reg reg;
	struct model_irq irq;
	int node = fdt_path_offset(b->fdt, uart_path);

	if (node < 0 || device_read_reg(b->fdt, node, &reg, 1) < 1 ||
	    device_read_irqs(b->fdt, node, &irq, 1) < 1) {
		diag_error(pos, "board-invalid",
			   "console '%s' is not a node with reg and interrupts in the board tree",
			   uart_path);
		return false;
	}
	b->uart_node = node;
	b->uart_path = spec_strdup(uart_path);
	b->uart_pa = reg.pa;
	b->uart_size = reg.size;
	b->uart_irq = irq.intid;
	return board_uart_kind(b, node, uart_path, pos);
}

bool board_read_tree(struct model_board *b, const char *uart_path, const struct srcpos *pos)
{
	bool ok = board_ram(b, pos);

	ok = board_cpus(b, pos) && ok;
	ok = board_gic(b, pos) && ok;
	ok = board_timer(b, pos) && ok;
	board_pmu(b);
	return board_uart(b, uart_path, pos) && ok;
}
