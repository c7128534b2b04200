// SPDX-License-Identifier: MIT
/*
 * Per-CPU EL2 state and vCPU entry per the Linux arm64 boot protocol: EL1h,
 * DAIF masked, MMU and caches off, x0 = DTB (or the PSCI context id), x1-x3
 * zero. Exception injection follows Arm ARM DDI 0487 "Exception entry":
 * ESR/FAR/ELR/SPSR_EL1 set, PC = VBAR_EL1 + the vector for the source state.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/gic.h"
#include "arch/aarch64/psci.h"
#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vdebug.h"
#include "arch/aarch64/vgic_hw.h"
#include "arch/aarch64/vpmu.h"
#include "arch/aarch64/vtimer.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/lib.h"
#include "core/log.h"
#include "core/sched.h"
#include "vdev/vgic.h"

#define HCR_GUEST (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | \
		   HCR_BSU_IS | HCR_TSC | HCR_RW)

extern char vectors_el2[];
extern void vectors_enter_guest(struct frame *f) __attribute__((noreturn));
extern void head_run_on_stack(uint64_t top, void (*fn)(struct cpu *), struct cpu *arg)
	__attribute__((noreturn));

uint8_t cpu_stacks[LAYOUT_MAX_CPUS][STACK_SIZE] __attribute__((aligned(16)));

unsigned arch_current_el(void)
{
	return (unsigned)((sysreg_read(CurrentEL) >> 2) & 3);
}

struct frame *arch_cpu_frame(const struct cpu *c)
{
	return (struct frame *)(uintptr_t)(cpu_stacks[c->index] + STACK_SIZE - FRAME_SIZE);
}

void arch_cpu_init(struct cpu *c)
{
	sysreg_write(vbar_el2, (uint64_t)(uintptr_t)vectors_el2);
	sysreg_write(tpidr_el2, (uint64_t)(uintptr_t)c);
	sysreg_write(hcr_el2, HCR_RW);
	sysreg_write(vtcr_el2, stage2_vtcr());
	sysreg_write(cptr_el2, CPTR_EL2_DEFAULT);
	sysreg_write(hstr_el2, 0);
	sysreg_write(mdcr_el2, vdebug_mdcr());
	/* no EL1 write access to IMPLEMENTATION DEFINED controls (CPUECTLR.SMPEN,
	 * L2CTLR, ...) whatever firmware left: a guest must not take its core
	 * out of coherency (Cortex-A53/A57/A72 TRMs "ACTLR_EL2") */
	sysreg_write(actlr_el2, 0);
	sysreg_write(cnthctl_el2, CNTHCTL_EL1_ACCESS);
	sysreg_write(cntvoff_el2, 0);
	sysreg_write(cnthp_ctl_el2, 0);     /* off until a deadline (core/htimer.c) */
	sysreg_write(vpidr_el2, sysreg_read(midr_el1));
	isb();
	__asm__ volatile("tlbi alle1; dsb nsh; isb" ::: "memory");
	if (!gic_cpu_init(c->mpidr))
		log_printf("vmm|cpu%u: no GIC redistributor for MPIDR 0x%lx\n",
			   c->index, c->mpidr);
	vgic_cpu_init();
	spectre_cpu_init(c);
}

extern void vcpu_idle_loop(struct cpu *c);

void arch_run_idle(struct cpu *c)
{
	head_run_on_stack((uint64_t)(uintptr_t)(cpu_stacks[c->index] + STACK_SIZE),
			  vcpu_idle_loop, c);
}

static void arch_el1_reset(void)
{
	sysreg_write(sctlr_el1, SCTLR_EL1_RESET);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	sysreg_write(cntkctl_el1, 0);
	sysreg_write(cpacr_el1, 0);
	sysreg_write(vbar_el1, 0);
	sysreg_write(tcr_el1, 0);
	sysreg_write(mair_el1, 0);
}

/*
 * WFI is trapped (HCR_EL2.TWI) only where its exit has work to do: on a
 * CPU with a time-partitioning plan, where it idles the window (sched.c).
 * A CPU that runs one vCPU and nothing else lets the guest's WFI sleep at
 * EL1, as KVM does for a vCPU alone on its CPU: whatever it waits for
 * wakes it there (Arm ARM DDI 0487 "Wait for Interrupt", WFI wake-up
 * events: a physical IRQ, taken to EL2 by HCR_EL2.IMO whatever PSTATE.I is,
 * which a kick (SGI), a forwarded PPI, a passthrough SPI, the vGIC's
 * maintenance interrupt and this CPU's EL2 timer all are; and a virtual
 * IRQ the virtual CPU interface signals for a pending list register,
 * IHI 0069 "ICH_LR<n>_EL2" / IHI 0048 "GICH_LRn"). What the exit did
 * besides has another path: queued console output is retried from the
 * EL2 timer (conout.c), the input guest's prompt shown after 10 ms quiet
 * (vpl011.c). Kept trapped: no virtual GIC (nothing could wake the guest
 * but its WFI exit's return), one list register (a second pending
 * interrupt waits for an exit, vgic_flush_pending asks no underflow
 * maintenance interrupt then), no EL2 timer PPI on the board, and a GIC
 * that can leave a timer interrupt unsignalled after the guest's own
 * deactivation (QEMU's GICv2 model, gic_v2.c), while a timer PPI is held
 * (arch_twi_irq_exit): there the trapped WFI sleeps at EL2 bounded by
 * the guest's timers (vgic_wfi), and that EL2 timer's interrupt makes the
 * GIC signal what it held back.
 */
static uint64_t arch_hcr_guest(struct cpu *c)
{
	c->twi_follows_timer = false;
	if (sched_planned(c) || !vgic_ready() || vgic_hw_lr_count() < 2 ||
	    htimer_intid >= 1024)
		return HCR_GUEST | HCR_TWI;
	/* trapped from the start: the first trapped WFI's wake looks again */
	c->twi_follows_timer = gic_stale_hw_deactivate();
	return c->twi_follows_timer ? HCR_GUEST | HCR_TWI : HCR_GUEST;
}

/*
 * On such a GIC only a timer PPI can be left unsignalled, and only after
 * the guest deactivated a forwarded instance while the line was high. So
 * WFI needs trapping (and vgic_wfi's bounded sleep) only from the IRQ exit
 * that forwards a timer PPI (it is active at the GIC then) until a trapped
 * WFI finds the line low and the PPI inactive (vtimer_held): from there a
 * rise of the line is a new edge the GIC signals, taken at EL2 as an IRQ
 * exit that sets TWI again before the guest can deactivate anything.
 */
void arch_twi_irq_exit(void)
{
	uint64_t hcr = sysreg_read(hcr_el2);

	if (!(hcr & HCR_TWI) && vtimer_ppi_active())
		sysreg_write(hcr_el2, hcr | HCR_TWI);
}

void arch_twi_wfi_exit(void)
{
	if (!vtimer_held())
		sysreg_write(hcr_el2, sysreg_read(hcr_el2) & ~HCR_TWI);
}

void arch_vcpu_start(struct cpu *c, struct vcpu *v)
{
	struct frame *f = arch_cpu_frame(c);

	memset(f, 0, sizeof(*f));
	f->x[0] = v->context;
	f->elr = v->entry;
	f->spsr = SPSR_EL1H_DAIF;
	sysreg_write(vttbr_el2, stage2_vttbr(&v->guest->s2));
	sysreg_write(vmpidr_el2, (1ul << 31) | v->index);
	sysreg_write(hcr_el2, arch_hcr_guest(c));
	arch_el1_reset();
	vdebug_reset();
	vpmu_reset();
	isb();
	__asm__ volatile("tlbi vmalls12e1; dsb nsh; ic iallu; dsb nsh; isb" ::: "memory");
	vgic_vcpu_start(v);
	vectors_enter_guest(f);
}

static uint64_t arch_vector_offset(uint64_t spsr)
{
	if (spsr & (1ul << 4))
		return 0x600;           /* from AArch32 EL0 */
	switch (spsr & SPSR_MODE_MASK) {
	case SPSR_MODE_EL1T: return 0x000;
	case SPSR_MODE_EL1H: return 0x200;
	default: return 0x400;      /* from AArch64 EL0 */
	}
}

static void arch_inject(struct frame *f, uint64_t esr1, uint64_t far)
{
	sysreg_write(esr_el1, esr1);
	sysreg_write(far_el1, far);
	sysreg_write(elr_el1, f->elr);
	sysreg_write(spsr_el1, f->spsr);
	f->elr = sysreg_read(vbar_el1) + arch_vector_offset(f->spsr);
	f->spsr = SPSR_EL1H_DAIF;
}

void arch_inject_abort(struct frame *f, int data, uint64_t far, uint64_t esr)
{
	int from_el0 = (f->spsr & SPSR_MODE_MASK) == SPSR_MODE_EL0T;
	uint64_t ec = data ? (from_el0 ? EC_DABT_LOW : EC_DABT_CUR)
			   : (from_el0 ? EC_IABT_LOW : EC_IABT_CUR);
	/* ISS: synchronous external abort (FSC 0x10), keep WnR for data */
	uint64_t iss = 0x10 | (data ? (esr & DABT_WNR) : 0);

	arch_inject(f, ec << 26 | ESR_IL | iss, far);
}

void arch_inject_undef(struct frame *f)
{
	arch_inject(f, (uint64_t)EC_UNKNOWN << 26 | ESR_IL, 0);
}

/*
 * Arm ARM DDI 0487 "Virtual SError exceptions": HCR_EL2.VSE stays set until
 * EL1 takes it, then the hardware clears it; a vCPU reset rewrites HCR_EL2.
 * Without FEAT_RAS the syndrome is IMPLEMENTATION DEFINED; with it,
 * VSESR_EL2 (left 0: uncategorized) supplies it.
 */
void arch_inject_serror(void)
{
	sysreg_write(hcr_el2, sysreg_read(hcr_el2) | HCR_VSE);
	isb();
}

void arch_panic(const char *why)
{
	log_printf("vmm|panic: %s\n", why);
	log_quiesce();
	psci_system_off();
}
