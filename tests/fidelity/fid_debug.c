// SPDX-License-Identifier: MIT
/*
 * Self-hosted debug at EL1 (Arm ARM DDI 0487 "AArch64 Self-hosted Debug"):
 * OS lock cleared, MDSCR_EL1.MDE and KDE set, PSTATE.D clear. A hardware
 * breakpoint (DBGBVR0/DBGBCR0) on a function, a watchpoint (DBGWVR0/
 * DBGWCR0) on a variable, and software step (MDSCR_EL1.SS, SPSR.SS) over
 * three instructions, one of which reads the GIC distributor (a trap to
 * the hypervisor under Partita: the step must still end right after it).
 */
#include "fid.h"

#define EC_SVC64     0x15
#define EC_BKPT_CUR  0x31
#define EC_STEP_CUR  0x33
#define EC_WATCH_CUR 0x35
#define MDSCR_SS  (1ul << 0)
#define MDSCR_KDE (1ul << 13)
#define MDSCR_MDE (1ul << 15)
#define SPSR_SS   (1ul << 21)

extern uint64_t fid_bp_target(void);
extern uint32_t fid_step_code(uint64_t addr);
extern char fid_step_first[];

static volatile uint64_t watched __attribute__((aligned(8)));
static volatile uint64_t hit_count, hit_elr, hit_far, hit_esr;
static volatile uint64_t step_elr[4];
static volatile unsigned steps;

static int debug_sync(struct fid_regs *r, uint64_t esr)
{
	switch (ESR_EC(esr)) {
	case EC_BKPT_CUR:
		sysreg_write(dbgbcr0_el1, 0);   /* resume: the target runs this time */
		break;
	case EC_WATCH_CUR:
		sysreg_write(dbgwcr0_el1, 0);   /* the access is retried and done */
		hit_far = sysreg_read(far_el1);
		break;
	case EC_SVC64:
		sysreg_write(mdscr_el1, sysreg_read(mdscr_el1) | MDSCR_SS);
		r->spsr |= SPSR_SS;
		isb();
		return 1;
	case EC_STEP_CUR:
		if (steps < 4)
			step_elr[steps] = r->elr;
		if (++steps < 3)
			r->spsr |= SPSR_SS;
		else
			sysreg_write(mdscr_el1, sysreg_read(mdscr_el1) & ~MDSCR_SS);
		isb();
		return 1;
	default:
		return 0;
	}
	isb();
	hit_count++;
	hit_elr = r->elr;
	hit_esr = esr;
	return 1;
}

static void debug_enable(void)
{
	sysreg_write(oslar_el1, 0);
	isb();
	sysreg_write(mdscr_el1, MDSCR_MDE | MDSCR_KDE);
	__asm__ volatile("msr daifclr, #8" ::: "memory");
	isb();
}

static void case_breakpoint(void)
{
	uint64_t target = (uint64_t)(uintptr_t)fid_bp_target, r;

	hit_count = 0;
	hit_elr = 0;
	sysreg_write(dbgbvr0_el1, target);
	/* BAS 0xF (A64), PMC 0b11 (EL1 and EL0), E */
	sysreg_write(dbgbcr0_el1, 0xFul << 5 | 3ul << 1 | 1);
	isb();
	r = fid_bp_target();
	sysreg_write(dbgbcr0_el1, 0);
	isb();
	fid_report("hw-breakpoint", hit_count == 1 && hit_elr == target && r == 42,
		   "hits, ELR - target", hit_count, hit_elr - target);
}

static void case_watchpoint(void)
{
	uint64_t addr = (uint64_t)(uintptr_t)&watched;

	hit_count = 0;
	hit_far = hit_esr = 0;
	sysreg_write(dbgwvr0_el1, addr);
	/* BAS 0xFF (8 bytes), LSC 0b11 (load and store), PAC 0b11, E */
	sysreg_write(dbgwcr0_el1, 0xFFul << 5 | 3ul << 3 | 3ul << 1 | 1);
	isb();
	watched = 7;
	sysreg_write(dbgwcr0_el1, 0);
	isb();
	/* ESR ISS WnR (bit 6): a store */
	fid_report("hw-watchpoint", hit_count == 1 && hit_far == addr && (hit_esr & (1u << 6)) &&
		   watched == 7, "hits, FAR - address", hit_count, hit_far - addr);
}

static void case_step(void)
{
	uint64_t first = (uint64_t)(uintptr_t)fid_step_first;
	uint32_t typer;

	steps = 0;
	typer = fid_step_code(GICD_BASE + 4);
	fid_report("single-step", steps == 3 && step_elr[0] == first + 4 &&
		   step_elr[1] == first + 8 && step_elr[2] == first + 12 && typer,
		   "steps, last ELR - first", steps, step_elr[steps ? (steps > 3 ? 2 : steps - 1) : 0] - first);
}

void fid_debug_cases(void)
{
	fid_sync_hook = debug_sync;
	debug_enable();
	case_breakpoint();
	case_watchpoint();
	case_step();
	sysreg_write(mdscr_el1, 0);
	__asm__ volatile("msr daifset, #8" ::: "memory");
	fid_sync_hook = 0;
}
