// SPDX-License-Identifier: MIT
/*
 * Fidelity guest main: finds its GIC (ID_AA64PFR0_EL1.GIC: system
 * registers mean GICv3), starts CPU 1 for the cases that need a second
 * CPU, runs every case, powers off. Mode "reset" (bootargs fid=reset, only
 * under Partita) checks that RAM is zero, dirties it and asks for a PSCI
 * SYSTEM_RESET, again and again: the runtime must clear RAM each time and
 * stop the guest once resets come too fast.
 */
#include "fid.h"

#define PSCI_CPU_ON64_ID 0xC4000003u

int (*fid_sync_hook)(struct fid_regs *r, uint64_t esr);
void (*fid_irq_hook)(uint32_t iar);

static volatile uint64_t cpu1_cmd;      /* function for CPU 1, 0: none */
static volatile uint32_t cpu1_done, cpu1_up;
static uint8_t cpu1_stack[8192] __attribute__((aligned(16)));
extern char fid_secondary_entry[], _start[];

void fid_report(const char *name, int ok, const char *detail, uint64_t a, uint64_t b)
{
	guest_puts("FID ");
	guest_puts(name);
	guest_puts(ok ? " PASS " : " FAIL ");
	guest_puts(detail);
	guest_puts(" 0x");
	guest_putu(a, 16);
	guest_puts(" 0x");
	guest_putu(b, 16);
	guest_puts("\n");
}

void fid_skip(const char *name, const char *why)
{
	guest_puts("FID ");
	guest_puts(name);
	guest_puts(" SKIP ");
	guest_puts(why);
	guest_puts("\n");
}

uint64_t fid_deadline(uint64_t us)
{
	isb();
	return sysreg_read(cntvct_el0) + us * (sysreg_read(cntfrq_el0) / 1000000);
}

/* every wait loop passes here: yield (cpu_relax) lets a single-threaded
 * QEMU run the other CPUs, and costs nothing on hardware */
int fid_before(uint64_t deadline)
{
	__asm__ volatile("yield");
	isb();
	return sysreg_read(cntvct_el0) < deadline;
}

unsigned fid_cpu(void)
{
	return (unsigned)(sysreg_read(mpidr_el1) & 0xFF);
}

int fid_have_cpu1(void)
{
	return cpu1_up;
}

void fid_on_cpu1(void (*fn)(void))
{
	uint32_t done = cpu1_done;

	dsb();
	cpu1_cmd = (uint64_t)(uintptr_t)fn;
	dsb();
	__asm__ volatile("sev");
	while (cpu1_done == done)
		__asm__ volatile("yield");
}

void fid_secondary(void)
{
	gic_init_cpu();
	cpu1_up = 1;
	dsb();
	for (;;) {
		void (*fn)(void);

		while (!cpu1_cmd)
			__asm__ volatile("yield");
		fn = (void (*)(void))(uintptr_t)cpu1_cmd;
		cpu1_cmd = 0;
		fn();
		dsb();
		cpu1_done++;
	}
}

static const char *const fid_vector_names[] = {
	"sync-sp0", "irq-sp0", "fiq-sp0", "serror-sp0", "sync", "irq", "fiq", "serror",
	"sync-el0", "irq-el0", "fiq-el0", "serror-el0", "sync-32", "irq-32", "fiq-32", "serror-32",
};

void fid_exception(struct fid_regs *r, unsigned kind)
{
	uint64_t esr = sysreg_read(esr_el1);

	if (kind == 5) {
		uint32_t iar = gic_ack();

		if ((iar & 0x3FF) >= 1020)
			return;
		if (fid_irq_hook)
			fid_irq_hook(iar);
		gic_eoi(iar);
		return;
	}
	if (kind == 4 && fid_sync_hook && fid_sync_hook(r, esr))
		return;
	guest_puts("FID unexpected exception ");
	guest_puts(kind < 16 ? fid_vector_names[kind] : "?");
	guest_puts(" esr 0x");
	guest_putu(esr, 16);
	guest_puts(" elr 0x");
	guest_putu(r->elr, 16);
	guest_puts(" far 0x");
	guest_putu(sysreg_read(far_el1), 16);
	guest_puts("\n");
	guest_off();
}

static void fid_start_cpu1(void)
{
	int64_t rc = guest_hvc(PSCI_CPU_ON64_ID, 1, (uint64_t)(uintptr_t)fid_secondary_entry,
			       (uint64_t)(uintptr_t)(cpu1_stack + sizeof(cpu1_stack)));
	uint64_t end = fid_deadline(200000);

	while (rc == 0 && !cpu1_up && fid_before(end))
		;
	if (!cpu1_up) {
		guest_puts("FID note: no CPU 1 (PSCI CPU_ON ");
		guest_putu((uint64_t)rc, 16);
		guest_puts("), the SGI cases are skipped\n");
	}
}

/* reset mode: RAM must be zero at every entry; dirty it, reset */
static void fid_reset_mode(const void *dtb)
{
	volatile uint64_t *mark = (volatile uint64_t *)(uintptr_t)((uint64_t)(uintptr_t)_start + FID_RAM_SIZE / 2);

	fid_ram_zero_case(dtb, "ram-zero-at-entry");
	for (unsigned i = 0; i < 4096; i++)
		mark[i * 64] = 0x5A5A5A5A5A5A5A5Aull;
	guest_puts("FID reset-requested\n");
	guest_hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
	guest_puts("FID reset returned\n");
	guest_off();
}

void guest_main(const void *dtb)
{
	char mode[16];

	gic_v3 = ((sysreg_read(id_aa64pfr0_el1) >> 24) & 0xF) != 0;
	if (guest_bootarg(dtb, "fid", mode, sizeof(mode)) && mode[0] == 'r')
		fid_reset_mode(dtb);
	/* under -icount: instructions all CPUs ran since reset, RAM clearing included */
	guest_puts(gic_v3 ? "FID start gicv3, CNTVCT at entry " : "FID start gicv2, CNTVCT at entry ");
	guest_putu(sysreg_read(cntvct_el0), 10);
	guest_puts("\n");
	fid_ram_zero_case(dtb, "ram-zero-at-entry");
	gic_init_dist();
	gic_init_cpu();
	fid_start_cpu1();
	fid_timer_cases();
	fid_sgi_cases();
	fid_dist_cases();
	fid_debug_cases();
	fid_pmu_cases();
	fid_abort_cases();
	fid_mmio_cases();
	guest_puts("FID done\n");
	guest_off();
}
