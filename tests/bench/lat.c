// SPDX-License-Identifier: MIT
/*
 * latbench: interrupt latencies of one program for QEMU virt (fixed
 * addresses, the fidelity guest's GIC code and vectors), run natively at EL1
 * and as a two-vCPU Partita guest owning the PL031, on GICv3 and GICv2,
 * under -icount shift=0,sleep=off (CNTVCT = instructions on all CPUs):
 *  - ipi: SGI 1 from CPU 0 (ICC_SGI1R_EL1 / GICD_SGIR) to CPU 1's handler,
 *    CPU 1 idle in WFI; CPU 0 waits in WFI for an SGI back;
 *  - spi: the PL031's interrupt line (SPI 2, INTID 34) raised by unmasking
 *    its already-set match status (RTCIMSC, ARM DDI 0224 "RTCIMSC") to this
 *    CPU's handler, which masks it again (this CPU spinning: it raises the
 *    line itself, so it cannot be in WFI when the line rises);
 *  - vtimer: CNTV_CVAL deadline to the handler, spinning (native twin of
 *    tests/bench/runtime.sh's figure).
 * Prints `LAT <what> <instructions>` averaged over N (default 200; as a
 * guest, bootargs ipi=, vtimer=, spi= set each N, for tests/bench/profile.sh).
 */
#include "../fidelity/fid.h"

#define PSCI_CPU_ON64 0xC4000003u
#define RTC_BASE  0x09010000ul
#define RTC_DR    0x00
#define RTC_MR    0x04
#define RTC_CR    0x0C
#define RTC_IMSC  0x10
#define RTC_RIS   0x14
#define RTC_INTID 34u
#define SGI_PING  1u
#define SGI_PONG  2u
#define N_IRQS    200u
#define TIMER_DELAY 256u

static volatile uint64_t stamp;        /* CNTVCT at the handler's entry */
static volatile uint32_t cpu1_up;
static uint8_t cpu1_stack[8192] __attribute__((aligned(16)));
extern char fid_secondary_entry[];

static uint64_t ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

unsigned fid_cpu(void)
{
	return (unsigned)(sysreg_read(mpidr_el1) & 0xFF);
}

void fid_exception(struct fid_regs *r, unsigned kind)
{
	uint64_t now = ticks();
	uint32_t iar, id;

	if (kind != 5) {
		guest_puts("LAT unexpected exception esr 0x");
		guest_putu(sysreg_read(esr_el1), 16);
		guest_puts(" elr 0x");
		guest_putu(r->elr, 16);
		guest_puts("\n");
		guest_off();
	}
	iar = gic_ack();
	id = iar & 0x3FF;
	if (id >= 1020)
		return;
	if (id == RTC_INTID)
		wr32(RTC_BASE + RTC_IMSC, 0);       /* line low before the EOI */
	if (id == PPI_VTIMER)
		sysreg_write(cntv_ctl_el0, 0);
	if (id != SGI_PONG)
		stamp = now;
	gic_eoi(iar);
	if (id == SGI_PING)
		gic_sgi(SGI_PONG, 0, 1u << 0);
}

/* CPU 1: takes SGIs in WFI until the guest powers off */
void fid_secondary(void)
{
	gic_init_cpu();
	gic_enable(SGI_PING);
	cpu1_up = 1;
	dsb();
	irq_on();
	for (;;)
		__asm__ volatile("wfi");
}

static void report(const char *what, uint64_t sum, uint32_t n)
{
	guest_puts("LAT ");
	guest_puts(what);
	guest_puts(gic_v3 ? "-v3 " : "-v2 ");
	guest_putu(sum * (1000000000ull / sysreg_read(cntfrq_el0)) / n, 10);
	guest_puts("\n");
}

static void wait_spinning(void)
{
	__asm__ volatile("msr daifclr, #2\n"
			 "1: ldr x9, [%0]\n"
			 "cbz x9, 1b\n"
			 "msr daifset, #2" : : "r"(&stamp) : "x9", "memory");
}

static void wait_sleeping(void)
{
	__asm__ volatile("msr daifclr, #2\n"
			 "1: wfi\n"
			 "ldr x9, [%0]\n"
			 "cbz x9, 1b\n"
			 "msr daifset, #2" : : "r"(&stamp) : "x9", "memory");
}

/* SGI to CPU 1 (in WFI) -> its handler; it pings back to wake us */
static void ipi(uint32_t n)
{
	uint64_t sum = 0;

	gic_enable(SGI_PONG);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t0;

		stamp = 0;
		dsb();
		t0 = ticks();
		gic_sgi(SGI_PING, 0, 1u << 1);
		wait_sleeping();
		sum += stamp - t0;
	}
	report("ipi", sum, n);
}

/* route SPI intid to CPU 0 as a Group 1 (v3) interrupt, enable it */
static void spi_route(uint32_t intid)
{
	uint32_t sh = 8 * (intid % 4);
	uint64_t prio = GICD_BASE + 0x400 + (intid & ~3u);

	if (gic_v3) {
		uint64_t grp = GICD_BASE + 0x80 + 4 * (intid / 32);

		wr32(grp, rd32(grp) | 1u << (intid % 32));
		/* GICD_IROUTER<n>: Aff0 = 0, IRM = 0 */
		wr32(GICD_BASE + 0x6000 + 8 * intid, 0);
		wr32(GICD_BASE + 0x6004 + 8 * intid, 0);
	} else {
		wr8(GICD_BASE + 0x800 + intid, 0x01);   /* ITARGETSR: CPU 0 */
	}
	wr32(prio, (rd32(prio) & ~(0xFFu << sh)) | 0x80u << sh);
	gic_enable(intid);
}

/* PL031 match status set (MR = DR raises it at once); its line is RIS & IMSC */
static int rtc_arm(void)
{
	uint64_t end = fid_deadline(3000000);

	wr32(RTC_BASE + RTC_IMSC, 0);
	wr32(RTC_BASE + RTC_CR, 1);
	while (!(rd32(RTC_BASE + RTC_RIS) & 1) && fid_before(end))
		wr32(RTC_BASE + RTC_MR, rd32(RTC_BASE + RTC_DR));
	return rd32(RTC_BASE + RTC_RIS) & 1;
}

static void spi(uint32_t n)
{
	uint64_t sum = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint64_t t0;

		stamp = 0;
		dsb();
		t0 = ticks();
		wr32(RTC_BASE + RTC_IMSC, 1);
		wait_spinning();
		sum += stamp - t0;
	}
	report("spi", sum, n);
}

static void vtimer(uint32_t n)
{
	uint64_t sum = 0;

	gic_enable(PPI_VTIMER);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t cval = ticks() + TIMER_DELAY;

		stamp = 0;
		sysreg_write(cntv_cval_el0, cval);
		sysreg_write(cntv_ctl_el0, 1);
		isb();
		wait_spinning();
		sum += stamp - cval;
	}
	gic_disable(PPI_VTIMER);
	report("vtimer-spin", sum, n);
}

int fid_before(uint64_t deadline)
{
	__asm__ volatile("yield");
	return ticks() < deadline;
}

uint64_t fid_deadline(uint64_t us)
{
	return ticks() + us * (sysreg_read(cntfrq_el0) / 1000000);
}

static uint32_t count(const void *dtb, const char *key)
{
	char buf[16];

	return guest_bootarg(dtb, key, buf, sizeof(buf)) ? (uint32_t)guest_atou(buf) : N_IRQS;
}

void guest_main(const void *dtb)
{
	uint32_t n_ipi = count(dtb, "ipi"), n_vtimer = count(dtb, "vtimer"), n_spi = count(dtb, "spi");
	uint64_t end;

	gic_v3 = ((sysreg_read(id_aa64pfr0_el1) >> 24) & 0xF) != 0;
	gic_init_dist();
	gic_init_cpu();
	guest_hvc(PSCI_CPU_ON64, 1, (uint64_t)(uintptr_t)fid_secondary_entry,
		  (uint64_t)(uintptr_t)(cpu1_stack + sizeof(cpu1_stack)));
	end = fid_deadline(200000);
	while (!cpu1_up && fid_before(end))
		;
	if (cpu1_up)
		ipi(n_ipi);
	else
		guest_puts("LAT no CPU 1: no ipi figure\n");
	vtimer(n_vtimer);
	if (rtc_arm()) {
		spi_route(RTC_INTID);
		spi(n_spi);
	} else {
		guest_puts("LAT PL031 match status never set: no spi figure\n");
	}
	guest_puts("LAT done\n");
	guest_off();
}
