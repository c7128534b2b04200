/* SPDX-License-Identifier: MIT */
/*
 * Shared by the back-end unit tests: PASS/FAIL reporting and a hand-built
 * model (QEMU-virt-like board with a small device tree made by libfdt, a
 * Linux-Image guest with an initrd and a passthrough RTC, an ELF guest and
 * one channel), so the back end is tested without the YAML front end.
 */
#ifndef BACK_FIXTURE_H
#define BACK_FIXTURE_H

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static int back_failed;

#define BACK_CHECK(name, cond) do { \
	if (cond) printf("PASS %s\n", name); \
	else { printf("FAIL %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); back_failed++; } \
} while (0)

static inline int back_finish(void)
{
	return back_failed ? 1 : 0;
}

static inline void back_fdt_reg(void *fdt, uint64_t pa, uint64_t size)
{
	fdt64_t reg[2] = { cpu_to_fdt64(pa), cpu_to_fdt64(size) };

	fdt_property(fdt, "reg", reg, sizeof(reg));
}

static inline void back_fdt_irq(void *fdt, uint32_t spi, uint32_t flags)
{
	fdt32_t irq[3] = { 0, cpu_to_fdt32(spi), cpu_to_fdt32(flags) };

	fdt_property(fdt, "interrupts", irq, sizeof(irq));
}

/* A board tree with a fixed clock, the runtime's PL011 and a PL031. */
static inline void *back_board_fdt(size_t *size)
{
	size_t cap = 8192;
	void *fdt = calloc(1, cap);

	fdt_create(fdt, (int)cap);
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_begin_node(fdt, "apb-pclk");
	fdt_property_string(fdt, "compatible", "fixed-clock");
	fdt_property_u32(fdt, "#clock-cells", 0);
	fdt_property_u32(fdt, "clock-frequency", 24000000);
	fdt_property_u32(fdt, "phandle", 0x8000);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "pl011@9000000");
	fdt_property(fdt, "compatible", "arm,pl011\0arm,primecell", 24);
	back_fdt_reg(fdt, 0x09000000, 0x1000);
	back_fdt_irq(fdt, 1, 4);
	fdt_property_u32(fdt, "clocks", 0x8000);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "pl031@9010000");
	fdt_property(fdt, "compatible", "arm,pl031\0arm,primecell", 24);
	back_fdt_reg(fdt, 0x09010000, 0x1000);
	back_fdt_irq(fdt, 2, 4);
	fdt_property_u32(fdt, "clocks", 0x8000);
	fdt_property_string(fdt, "clock-names", "apb_pclk");
	fdt_property_u32(fdt, "interrupt-parent", 0x8005);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_finish(fdt);
	*size = fdt_totalsize(fdt);
	return fdt;
}

static inline void back_board(struct model_board *b)
{
	static const uint32_t timers[4] = { 29, 30, 27, 26 };
	static void *fdt;   /* one tree at a time, freed on the next call (no leak) */

	memset(b, 0, sizeof(*b));
	b->name = "fixture";
	free(fdt);
	b->fdt = fdt = back_board_fdt(&b->fdt_size);
	b->ram_base = 0x40000000;
	b->ram_size = 0x40000000;
	b->cpu_count = 4;
	for (int i = 0; i < 4; i++)
		b->cpu_mpidr[i] = (uint64_t)i;
	b->cpu_compatible = "arm,cortex-a57";
	b->gic_version = 3;
	b->gicd = (struct model_reg){ 0x08000000, 0x10000 };
	b->gicr = (struct model_reg){ 0x080a0000, 0xf60000 };
	b->maint_irq = 25;
	b->uart_path = "/pl011@9000000";
	b->uart_pa = 0x09000000;
	b->uart_size = 0x1000;
	b->uart_irq = 33;
	for (int i = 0; i < 4; i++) {
		b->timer_irq[i] = timers[i];
		b->timer_flags[i] = 4;
	}
	b->uboot_fit_addr = 0x50000000;
	b->uboot_image_addr = 0x40400000;
}

static uint8_t back_image[256];   /* fake arm64 Image: header + bytes */
static uint8_t back_initrd[100];
static uint8_t back_elf_seg[0x100];

static inline void back_guest_linux(struct model_guest *g, const void *board_fdt)
{
	static struct model_device rtc;

	memcpy(back_image + 0x38, "ARM\x64", 4);
	for (size_t i = 64; i < sizeof(back_image); i++)
		back_image[i] = (uint8_t)i;
	memset(back_initrd, 0x5a, sizeof(back_initrd));
	memset(&rtc, 0, sizeof(rtc));
	rtc.ref = rtc.path = "/pl031@9010000";
	rtc.node = fdt_path_offset(board_fdt, rtc.path);
	rtc.reg[0] = (struct model_reg){ 0x09010000, 0x1000 };
	rtc.reg_count = 1;
	rtc.irq[0] = (struct model_irq){ 34, 4 };
	rtc.irq_count = 1;
	/* apb_pclk: the board's fixed-clock, copied (device_clock.c) */
	rtc.clocks[0] = (struct model_clock){ .provider = fdt_path_offset(board_fdt, "/apb-pclk") };
	rtc.clock_count = 1;
	g->name = "linux0";
	g->kernel.file = (struct model_file){ .path = "payloads/Image", .data = back_image,
					      .size = sizeof(back_image) };
	g->kernel.format = KERNEL_IMAGE;
	g->kernel.image_size = 0x100000;
	g->has_initrd = true;
	g->initrd = (struct model_file){ .path = "payloads/initrd", .data = back_initrd,
					 .size = sizeof(back_initrd) };
	g->bootargs = "console=ttyAMA0";
	g->mem_size = 256ull << 20;
	g->cpus[0] = 0;
	g->cpu_count = g->vcpus = 1;
	g->console = LAYOUT_CONSOLE_PL011;
	g->console_ipa = 0x09000000;
	g->devices = &rtc;
	g->device_count = 1;
}

static inline void back_guest_rtos(struct model_guest *g)
{
	memset(back_elf_seg, 0xd5, sizeof(back_elf_seg));
	g->name = "rtos";
	g->kernel.file = (struct model_file){ .path = "payloads/rtos.elf", .data = back_elf_seg,
					      .size = sizeof(back_elf_seg) };
	g->kernel.format = KERNEL_ELF;
	g->kernel.entry = 0x40000000;
	g->kernel.seg[0] = (struct model_segment){ 0x40000000, 0, 0x100, 0x2000 };
	g->kernel.seg_count = 1;
	g->bootargs = "";
	g->mem_size = 16ull << 20;
	g->cpus[0] = 1;
	g->cpu_count = g->vcpus = 1;
	g->console = LAYOUT_CONSOLE_PL011;
	g->console_ipa = 0x09000000;
	g->on_fault = LAYOUT_ON_FAULT_RESTART;
}

/* The fixture system: linux0 + rtos + channel ctrl. */
static inline void back_model(struct model *m)
{
	static struct model_guest guests[2];
	static struct model_channel chan;

	memset(m, 0, sizeof(*m));
	memset(guests, 0, sizeof(guests));
	memset(&chan, 0, sizeof(chan));
	m->name = "fixture";
	back_board(&m->board);
	back_guest_linux(&guests[0], m->board.fdt);
	back_guest_rtos(&guests[1]);
	m->guests = guests;
	m->guest_count = 2;
	chan.name = "ctrl";
	chan.size = 0x1000;
	chan.end[0] = (struct model_channel_end){ .guest = 0, .notify = true,
		.rights = LAYOUT_RIGHT_R | LAYOUT_RIGHT_W };
	chan.end[1] = (struct model_channel_end){ .guest = 1, .notify = false,
		.rights = LAYOUT_RIGHT_R };
	m->channels = &chan;
	m->channel_count = 1;
}

/*
 * Both fixture guests on CPU 0 under one plan: linux0 4 ms, an idle 1 ms,
 * rtos 5 ms in a 10 ms period. Returns rtos's own CPU, for the caller to
 * put back (and clear m->plans) when done.
 */
static inline int back_shared_plan(struct model *m)
{
	static struct model_window win[3] = {
		{ .guest = 0, .length_ns = 4000000 },
		{ .guest = MODEL_WINDOW_IDLE, .length_ns = 1000000 },
		{ .guest = 1, .length_ns = 5000000 },
	};
	static struct model_plan plan = { .cpu = 0, .period_ns = 10000000, .windows = win,
					  .window_count = 3 };
	int cpu = m->guests[1].cpus[0];

	m->guests[1].cpus[0] = 0;
	m->plans = &plan;
	m->plan_count = 1;
	return cpu;
}

#endif /* BACK_FIXTURE_H */
