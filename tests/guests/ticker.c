// SPDX-License-Identifier: MIT
/*
 * ticker: timer-interrupt latency while another guest prints (issue 18
 * item 4). role=ticker arms its virtual timer period= us ahead, then prints
 * a short line at once (so the deadline falls while its own console write
 * is being handled), waits for the interrupt and records CNTVCT at the
 * handler minus the deadline; after ticks= ticks it prints `TICKER max <ns>
 * mean <ns> ticks <n>`. role=chatty prints 200-byte lines for ms=
 * milliseconds, role=quiet as long reads its UART's flag register instead
 * (the baseline: as many exits, no output). Each powers itself off.
 * role=burst prints lines= 100-byte lines as fast as it can, then a prompt
 * without a line end, and sits in WFI with every interrupt masked for
 * good: it never exits again, so the runtime must drain what is queued
 * and show the prompt without it. role=stale (GICv3 or GICv2) takes
 * ticks= virtual timer interrupts in WFI with IRQs masked, acknowledging
 * by hand, its timer left firing (CVAL 0) so the line is still high at
 * each EOI: the physical PPI is pending again as the HW-linked EOI
 * deactivates it, and must reach the vCPU waiting in the next WFI (QEMU's
 * GICv2 model leaves it unsignalled: the runtime's bounded WFI wakes it);
 * prints `STALE taken <n> of <ticks>`. The others need GICv3 (the
 * redistributor's SGI frame).
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define VTIMER_INTID 27u
#define GICR_SGI     0x10000u

static volatile uint64_t irq_stamp;

static uint64_t ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t ticks_per_us(void)
{
	uint64_t frq;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	return frq / 1000000u;
}

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	uint64_t now = ticks();
	uint32_t id = pc_ack();

	if (id < 1020) {
		if (id == VTIMER_INTID) {
			__asm__ volatile("msr cntv_ctl_el0, xzr; isb");
			irq_stamp = now;
		}
		pc_eoi(id);
		return elr;
	}
	guest_puts("TICKER unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static void gicr_sgi32(uint32_t off, uint32_t clear, uint32_t set)
{
	volatile uint32_t *r = (volatile uint32_t *)(uintptr_t)(pc_gic_state.gicr + GICR_SGI + off);

	*r = (*r & ~clear) | set;
}

static void vtimer_enable(void)
{
	uint32_t sh = 8 * (VTIMER_INTID % 4);

	gicr_sgi32(PC_GICD_IGROUPR, 0, 1u << VTIMER_INTID);
	gicr_sgi32(PC_GICD_IPRIORITYR + (VTIMER_INTID & ~3u), 0xFFu << sh, 0x80u << sh);
	gicr_sgi32(PC_GICD_ISENABLER, 0, 1u << VTIMER_INTID);
}

/* crt0's vector saves only x29/x30 around the C handler: IRQs are taken
 * only here, where the loop keeps nothing else in registers */
#define CLOBBER_CALLER "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", \
	"x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x30", "cc", "memory"

static void wait_irq(void)
{
	__asm__ volatile("msr daifclr, #2\n"
			 "1: ldr x9, [%0]\n"
			 "cbz x9, 1b\n"
			 "msr daifset, #2" : : "r"(&irq_stamp) : CLOBBER_CALLER);
}

static void role_ticker(uint64_t n, uint64_t period_us)
{
	uint64_t max = 0, sum = 0, us = ticks_per_us();

	vtimer_enable();
	for (uint64_t i = 0; i < n; i++) {
		uint64_t cval = ticks() + period_us * us;

		irq_stamp = 0;
		__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
				 : : "r"(cval), "r"(1ul) : "memory");
		if (i % 25 == 0) {
			guest_puts("TICK ");
			guest_putu(i, 10);
			guest_puts("\n");
		}
		wait_irq();
		uint64_t lat = irq_stamp - cval;
		sum += lat;
		max = lat > max ? lat : max;
	}
	guest_puts("TICKER max ");
	guest_putu(max * 1000 / us, 10);
	guest_puts(" mean ");
	guest_putu(sum * 1000 / us / n, 10);
	guest_puts(" ticks ");
	guest_putu(n, 10);
	guest_puts("\n");
}

static void role_busy(uint64_t ms, int chatty, uintptr_t uart)
{
	uint64_t end = ticks() + ms * 1000 * ticks_per_us(), lines = 0;
	static char line[201];

	for (int i = 0; i < 200; i++)
		line[i] = (char)('a' + i % 26);
	line[200] = 0;
	while (ticks() < end) {
		if (!chatty) {   /* as many exits, no output: read UARTFR */
			(void)*(volatile uint32_t *)(uart + 0x18);
			continue;
		}
		guest_puts("CHATTY ");
		guest_putu(lines++, 10);
		guest_puts(" ");
		guest_puts(line);
		guest_puts("\n");
	}
	guest_puts(chatty ? "CHATTY done\n" : "QUIET done\n");
}

static void role_burst(uint64_t lines)
{
	static char line[91];

	for (int i = 0; i < 90; i++)
		line[i] = (char)('A' + i % 26);
	for (uint64_t i = 0; i < lines; i++) {
		guest_puts("BURST ");
		guest_putu(i, 10);
		guest_puts(" ");
		guest_puts(line);
		guest_puts("\n");
	}
	guest_puts("BURST done> ");
	__asm__ volatile("msr daifset, #0xf");
	for (;;)
		__asm__ volatile("wfi");
}

static void role_stale(uint64_t n)
{
	uint64_t taken = 0;

	if (pc_gic_state.v2)
		*(volatile uint32_t *)(uintptr_t)(pc_gic_state.gicd + PC_GICD_ISENABLER) =
			1u << VTIMER_INTID;     /* banked: this CPU's PPI */
	else
		vtimer_enable();
	__asm__ volatile("msr cntv_cval_el0, xzr; msr cntv_ctl_el0, %0; isb" : : "r"(1ul));
	for (uint64_t i = 0; i < n; i++) {
		__asm__ volatile("dsb sy; wfi" ::: "memory");
		if (pc_ack() == VTIMER_INTID) {
			pc_eoi(VTIMER_INTID);
			taken++;
		}
	}
	__asm__ volatile("msr cntv_ctl_el0, xzr; isb");
	guest_puts("STALE taken ");
	guest_putu(taken, 10);
	guest_puts(" of ");
	guest_putu(n, 10);
	guest_puts("\n");
}

void guest_main(const void *dtb)
{
	char role[8] = "ticker", buf[16];
	uint64_t n = 400, period = 200, ms = 100;

	uintptr_t uart = guest_console_from_dtb(dtb);

	guest_bootarg(dtb, "role", role, sizeof(role));
	if (guest_bootarg(dtb, "ticks", buf, sizeof(buf)) ||
	    guest_bootarg(dtb, "lines", buf, sizeof(buf)))
		n = guest_atou(buf);
	if (guest_bootarg(dtb, "period", buf, sizeof(buf)))
		period = guest_atou(buf);
	if (guest_bootarg(dtb, "ms", buf, sizeof(buf)))
		ms = guest_atou(buf);
	if (role[0] == 'b')
		role_burst(n);
	if (role[0] == 's') {
		if (pc_gic_init(dtb)) {
			guest_puts("STALE no GIC in the DTB\n");
			guest_off();
		}
		role_stale(n);
		guest_off();
	}
	if (role[0] == 't') {
		if (pc_gic_init(dtb)) {
			guest_puts("TICKER no GIC in the DTB\n");
			guest_off();
		}
		role_ticker(n, period);
	} else {
		role_busy(ms, role[0] == 'c', uart);
	}
	guest_off();
}
