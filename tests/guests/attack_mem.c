// SPDX-License-Identifier: MIT
/*
 * Attacks on memory and MMIO the guest was not given: another guest's RAM,
 * the runtime and its layout blob, the physical GIC beyond its own virtual
 * frames, devices of the board nobody assigned to it, addresses beyond the
 * IPA size, and its own read-only channel end. Each access must come back
 * as an injected abort (on_fault: abort) or be emulated on its own state.
 */
#include "attack.h"

#define GICD 0x08000000ul
#define GICR 0x080A0000ul
#define GIC_ITS 0x08080000ul
#define UART 0x09000000ul
#define RTC 0x09010000ul
#define FW_CFG 0x09020000ul
#define GPIO 0x09030000ul
#define VIRTIO_MMIO 0x0A000000ul
#define FLASH 0x00000000ul
#define PCIE_ECAM_HIGH 0x4010000000ul

static void read_write(uint64_t addr)
{
	attack_write(addr, attack_read(addr) ^ 0x5A5A5A5A5A5A5A5Aull);
}

static void victim_ram_read(struct attack_ctx *c)
{
	attack_read(ATTACK_VICTIM_PA);
	attack_read(ATTACK_VICTIM_PA + 0xFFFFF8);
}

static void victim_ram_write(struct attack_ctx *c)
{
	attack_write(ATTACK_VICTIM_PA, 0);
	attack_write(ATTACK_VICTIM_PA + 0x1000, 0);
}

static void runtime_rw(struct attack_ctx *c)
{
	read_write(c->runtime);
	read_write(c->runtime + 0x1000);
}

static void blob_rw(struct attack_ctx *c)
{
	read_write(c->blob);
}

/* plain single stores: the runtime emulates only accesses with a syndrome */
static void mmio_w32(uint64_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static void mmio_w64(uint64_t addr, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static uint32_t mmio_r32(uint64_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

/* the distributor is emulated: writes must only change the virtual one */
static void gicd_virtual(struct attack_ctx *c)
{
	mmio_w32(GICD, 0);                         /* GICD_CTLR: all groups off */
	for (unsigned i = 1; i < 32; i++) {
		mmio_w32(GICD + 0x100 + 4 * i, ~0u);    /* GICD_ISENABLER: every SPI */
		mmio_w32(GICD + 0x200 + 4 * i, ~0u);    /* GICD_ISPENDR */
		mmio_w32(GICD + 0x180 + 4 * i, ~0u);    /* GICD_ICENABLER */
	}
	for (unsigned i = 32; i < 128; i++)      /* GICD_IROUTER: to CPU 2, to all */
		mmio_w64(GICD + 0x6000 + 8 * i, i & 1 ? 1ul << 31 : 2);
	attack_note("typer", mmio_r32(GICD + 4));
}

static void gicr_others(struct attack_ctx *c)
{
	for (unsigned cpu = 1; cpu < 4; cpu++)    /* frames of the other CPUs */
		read_write(GICR + 0x20000ul * cpu);
}

static void gic_its(struct attack_ctx *c)
{
	read_write(GIC_ITS);
}

/* our console is virtual: turning off "the" UART must not silence others */
static void uart_regs(struct attack_ctx *c)
{
	volatile uint32_t *u = (volatile uint32_t *)UART;

	u[0x30 / 4] = 0;        /* UARTCR: disabled */
	u[0x24 / 4] = 0;        /* UARTIBRD */
	u[0x2C / 4] = 0;        /* UARTLCR_H */
	u[0x38 / 4] = ~0u;      /* UARTIMSC */
	u[0x44 / 4] = ~0u;      /* UARTICR */
	attack_note("fr", u[0x18 / 4]);
}

static void rtc(struct attack_ctx *c)
{
	read_write(RTC);
}

static void fw_cfg(struct attack_ctx *c)
{
	read_write(FW_CFG);
}

static void gpio(struct attack_ctx *c)
{
	read_write(GPIO);
}

static void virtio_mmio(struct attack_ctx *c)
{
	read_write(VIRTIO_MMIO);
}

static void flash(struct attack_ctx *c)
{
	read_write(FLASH);
}

static void huge_ipa(struct attack_ctx *c)
{
	read_write(PCIE_ECAM_HIGH);     /* a real device, above 4 GiB */
	read_write(1ul << 42);          /* beyond the guest's IPA size */
	read_write(1ul << 47);          /* beyond the physical address size */
}

static void ro_channel(struct attack_ctx *c)
{
	volatile uint64_t *p = (volatile uint64_t *)c->hb.base;
	uint64_t before = *p;

	*p = 0xdeadbeefdeadbeefull;
	attack_note("kept", *p != 0xdeadbeefdeadbeefull || before == 0xdeadbeefdeadbeefull);
}

/*
 * not an attack but a leak check, first in the catalogue: the channels must
 * start zeroed, not with what the boot loader left in that RAM (the victim
 * only ever writes word 0 of hb; nobody has written ctl yet)
 */
static void channel_fresh(struct attack_ctx *c)
{
	int64_t nonzero = 0;

	for (uint64_t i = 1; c->has_hb && i < c->hb.size / 8; i++)
		nonzero += ((volatile uint64_t *)c->hb.base)[i] != 0;
	for (uint64_t i = 0; c->has_ctl && i < c->ctl.size / 8; i++)
		nonzero += ((volatile uint64_t *)c->ctl.base)[i] != 0;
	attack_note("nonzero", nonzero);
}

/* cache maintenance by address is a write as far as stage 2 is concerned */
static void cmo_outside(struct attack_ctx *c)
{
	__asm__ volatile("dc civac, %0" : : "r"(ATTACK_VICTIM_PA) : "memory");
	__asm__ volatile("dc ivac, %0" : : "r"(ATTACK_VICTIM_PA + 0x40) : "memory");
	__asm__ volatile("dc zva, %0" : : "r"(ATTACK_VICTIM_PA + 0x1000) : "memory");
	__asm__ volatile("dc ivac, %0" : : "r"((uint64_t)c->hb.base) : "memory");
}

const struct attack attack_mem_table[] = {
	{ "channel-fresh", channel_fresh },
	{ "victim-ram-read", victim_ram_read },
	{ "victim-ram-write", victim_ram_write },
	{ "runtime-rw", runtime_rw },
	{ "layout-blob-rw", blob_rw },
	{ "gicd-virtual", gicd_virtual },
	{ "gicr-others", gicr_others },
	{ "gic-its", gic_its },
	{ "uart-regs", uart_regs },
	{ "rtc-pl031", rtc },
	{ "fw-cfg", fw_cfg },
	{ "gpio-pl061", gpio },
	{ "virtio-mmio", virtio_mmio },
	{ "flash", flash },
	{ "huge-ipa", huge_ipa },
	{ "ro-channel-write", ro_channel },
	{ "cmo-outside", cmo_outside },
	{ 0, 0 },
};
