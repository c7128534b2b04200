// SPDX-License-Identifier: MIT
/*
 * PMU cases (Arm ARM DDI 0487 "The Performance Monitors Extension"): the
 * cycle counter runs; event counter 0 on INST_RETIRED (0x08) counts a loop
 * of known length; asking for EL2 too (PMEVTYPER.NSH) while the loop makes
 * the hypervisor emulate GIC reads must not add the hypervisor's
 * instructions; an overflow raises PPI 23. QEMU models INST_RETIRED only
 * under -icount (PMCEID0 bit 8 says whether it is there).
 */
#include "fid.h"

#define PMCR_E (1ul << 0)
#define PMCR_P (1ul << 1)
#define PMCR_C (1ul << 2)
#define EV_INST_RETIRED 0x08
#define EVTYPER_NSH (1ul << 27)
#define LOOPS 10000
#define MMIO_LOOPS 100

static volatile unsigned pmu_irqs;
static volatile uint64_t pmu_ovs;

/* LOOPS iterations of two instructions */
static void spin_loop(void)
{
	uint64_t n = LOOPS;

	__asm__ volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(n));
}

/* MMIO_LOOPS distributor reads (trapped under a hypervisor), 3 instructions each */
static void mmio_loop(void)
{
	uint64_t n = MMIO_LOOPS, a = GICD_BASE + 4, v;

	__asm__ volatile("1: ldr %w1, [%2]\n\tsubs %0, %0, #1\n\tb.ne 1b"
			 : "+r"(n), "=&r"(v) : "r"(a) : "memory");
}

static uint64_t counter0(void)
{
	isb();
	return sysreg_read(pmevcntr0_el0);
}

/* counter 0 counts instructions over fn with event type bits filt */
static uint64_t count_insts(void (*fn)(void), uint64_t filt)
{
	uint64_t a, b;

	sysreg_write(pmevtyper0_el0, EV_INST_RETIRED | filt);
	sysreg_write(pmcntenset_el0, 1);
	sysreg_write(pmcr_el0, PMCR_E | PMCR_P);
	a = counter0();
	fn();
	b = counter0();
	sysreg_write(pmcntenclr_el0, 1);
	return b - a;
}

static void pmu_irq(uint32_t iar)
{
	if ((iar & 0x3FF) == PPI_VTIMER)
		sysreg_write(cntv_ctl_el0, 0);     /* the time-out: stop it */
	if ((iar & 0x3FF) != PPI_PMU)
		return;
	pmu_ovs = sysreg_read(pmovsset_el0);
	sysreg_write(pmovsclr_el0, 1);
	sysreg_write(pmcntenclr_el0, 1);
	isb();
	pmu_irqs++;
}

static void case_overflow(void)
{
	uint64_t end;

	pmu_irqs = 0;
	pmu_ovs = 0;
	fid_irq_hook = pmu_irq;
	sysreg_write(pmovsclr_el0, ~0ul);
	sysreg_write(pmevtyper0_el0, EV_INST_RETIRED);
	sysreg_write(pmevcntr0_el0, 0xFFFFFFFFul - 2000);
	sysreg_write(pmintenset_el1, 1);
	gic_enable(PPI_PMU);
	irq_on();
	sysreg_write(pmcntenset_el0, 1);
	sysreg_write(pmcr_el0, PMCR_E);
	isb();
	/*
	 * Count past the overflow, then wait in WFI, the virtual timer as a
	 * time-out: under -icount QEMU notices its PMU overflow timer only
	 * when the CPU leaves its time slice, which a WFI does (a busy loop
	 * may not for long). WFI itself retires nothing countable.
	 */
	end = fid_deadline(20000);
	sysreg_write(cntv_cval_el0, end);
	sysreg_write(cntv_ctl_el0, 1);
	gic_enable(PPI_VTIMER);
	while (!pmu_irqs && fid_before(end)) {
		spin_loop();        /* 20000 instructions: past the overflow */
		if (!pmu_irqs)
			__asm__ volatile("wfi");
	}
	sysreg_write(cntv_ctl_el0, 0);
	gic_disable(PPI_VTIMER);
	irq_off();
	sysreg_write(pmintenclr_el1, 1);
	sysreg_write(pmcntenclr_el0, 1);
	isb();
	fid_report("pmu-overflow-irq", pmu_irqs == 1 && (pmu_ovs & 1) && !gic_pending(PPI_PMU),
		   "interrupts, PMOVSSET", pmu_irqs, pmu_ovs);
	gic_disable(PPI_PMU);
	fid_irq_hook = 0;
}

void fid_pmu_cases(void)
{
	uint64_t pmcr = sysreg_read(pmcr_el0), c0, c1, n;

	guest_puts("FID note: PMCR_EL0 N = ");
	guest_putu((pmcr >> 11) & 0x1F, 10);
	guest_puts("\n");
	sysreg_write(pmccfiltr_el0, 0);
	sysreg_write(pmcntenset_el0, 1ul << 31);
	sysreg_write(pmcr_el0, PMCR_E | PMCR_C);
	isb();
	c0 = sysreg_read(pmccntr_el0);
	spin_loop();
	isb();
	c1 = sysreg_read(pmccntr_el0);
	sysreg_write(pmcntenclr_el0, 1ul << 31);
	fid_report("pmu-cycle-counter", c1 > c0, "before, after", c0, c1);
	if (!((pmcr >> 11) & 0x1F) || !((sysreg_read(pmceid0_el0) >> EV_INST_RETIRED) & 1)) {
		fid_skip("pmu-instructions", "no event counter or no INST_RETIRED (QEMU: needs -icount)");
		fid_skip("pmu-el2-not-counted", "no INST_RETIRED");
		fid_skip("pmu-overflow-irq", "no INST_RETIRED");
		return;
	}
	n = count_insts(spin_loop, 0);
	fid_report("pmu-instructions", n >= 2 * LOOPS && n < 2 * LOOPS + 64,
		   "INST_RETIRED over 2 x 10000", n, 2 * LOOPS);
	/* a load the hypervisor emulates retires at EL2, uncounted: 2 to 3 per loop */
	n = count_insts(mmio_loop, EVTYPER_NSH);
	fid_report("pmu-el2-not-counted", n >= 2 * MMIO_LOOPS && n < 3 * MMIO_LOOPS + 64,
		   "INST_RETIRED (NSH set) over 100 trapped reads", n, 3 * MMIO_LOOPS);
	case_overflow();
}
