// SPDX-License-Identifier: MIT
/*
 * Attacks with instructions: EL2-only and trapped system registers (timers,
 * debug, PMU, SGIs to other CPUs), set/way cache maintenance, WFI and WFE
 * storms, accesses to emulated MMIO the runtime cannot decode (unaligned,
 * exclusive, pair), instruction fetches outside its RAM, 16-bit T32
 * instructions trapped from an AArch32 EL0, and an exception
 * taken with the stack pointer pointing nowhere.
 */
#include "attack.h"

#define UART 0x09000000ul
#define SYSREG_W(reg, v) __asm__ volatile("msr " #reg ", %0; isb" : : "r"((uint64_t)(v)))
#define SYSREG_R(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })

static void el2_registers(struct attack_ctx *c)
{
	SYSREG_W(cnthctl_el2, 3);       /* undefined at EL1: the guest's own fault */
	SYSREG_W(cntvoff_el2, 0);
	SYSREG_W(hcr_el2, 0);
	SYSREG_W(vttbr_el2, 0);
	SYSREG_W(vbar_el2, 0);
}

static void phys_timer(struct attack_ctx *c)
{
	SYSREG_W(cntp_cval_el0, 0);
	SYSREG_W(cntp_ctl_el0, 1);      /* enabled, unmasked, already due */
	SYSREG_W(cntp_tval_el0, 1);
	attack_note("ctl", (int64_t)SYSREG_R(cntp_ctl_el0));
}

static void debug_regs(struct attack_ctx *c)
{
	SYSREG_W(oslar_el1, 0);
	SYSREG_W(dbgbvr0_el1, 0x40000000);
	SYSREG_W(dbgbcr0_el1, 0x1E7);   /* enabled, EL1 and EL0, all bytes */
	SYSREG_W(dbgwvr0_el1, 0x40000000);
	SYSREG_W(mdscr_el1, (1ul << 15) | (1ul << 13));   /* MDE, KDE */
	attack_note("mdscr", (int64_t)SYSREG_R(mdscr_el1));
	attack_note("bcr0", (int64_t)SYSREG_R(dbgbcr0_el1));
}

static void pmu_regs(struct attack_ctx *c)
{
	SYSREG_W(pmcr_el0, 7);          /* enable, reset counters */
	SYSREG_W(pmcntenset_el0, ~0ul);
	SYSREG_W(pmintenset_el1, ~0ul);
	SYSREG_W(pmuserenr_el0, 0xF);
	attack_note("pmcr", (int64_t)SYSREG_R(pmcr_el0));
}

static void sgi_others(struct attack_ctx *c)
{
	for (uint64_t intid = 0; intid < 16; intid++) {
		SYSREG_W(icc_sgi1r_el1, intid << 24 | 1ul << 40);          /* IRM: all but self */
		SYSREG_W(icc_sgi1r_el1, intid << 24 | 0xFFFF);             /* Aff0 0..15 */
		SYSREG_W(icc_sgi1r_el1, intid << 24 | 1ul << 16 | 0xFFFF); /* Aff1 1 */
		SYSREG_W(icc_sgi0r_el1, intid << 24 | 1ul << 40);
		SYSREG_W(icc_asgi1r_el1, intid << 24 | 1ul << 40);
	}
}

/*
 * Cortex-A53/A57 IMPLEMENTATION DEFINED controls: CPUECTLR_EL1.SMPEN off
 * would take this core out of coherency, L2CTLR/L2ECTLR change the shared
 * L2. The runtime clears ACTLR_EL2, so EL1 cannot write them on hardware;
 * QEMU models them as constants.
 */
static void impdef_regs(struct attack_ctx *c)
{
	SYSREG_W(S3_1_C15_C2_1, 0);              /* CPUECTLR_EL1: SMPEN off */
	SYSREG_W(S3_1_C15_C2_0, ~0ul);           /* CPUACTLR_EL1 */
	SYSREG_W(S3_1_C11_C0_2, 0);              /* L2CTLR_EL1 */
	SYSREG_W(S3_1_C11_C0_3, ~0ul);           /* L2ECTLR_EL1 */
	attack_note("cpuectlr", (int64_t)SYSREG_R(S3_1_C15_C2_1));
}

/* DC ISW/CSW/CISW over every set and way of every data cache level */
static void set_way(struct attack_ctx *c)
{
	uint64_t clidr = SYSREG_R(clidr_el1), ops = 0;

	for (unsigned level = 0; level < 7; level++) {
		unsigned type = (unsigned)(clidr >> (3 * level)) & 7;
		uint64_t ccsidr, sets, ways, line, wshift;

		if (type < 2)
			continue;
		SYSREG_W(csselr_el1, level << 1);
		ccsidr = SYSREG_R(ccsidr_el1);
		line = (ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3FF) + 1;
		sets = ((ccsidr >> 13) & 0x7FFF) + 1;
		wshift = (uint64_t)__builtin_clzl(ways - 1 ? ways - 1 : 1) - 32;
		for (uint64_t w = 0; w < ways; w++) {
			for (uint64_t s = 0; s < sets; s++) {
				uint64_t sw = w << wshift | s << line | level << 1;

				__asm__ volatile("dc isw, %0; dc csw, %0; dc cisw, %0" : : "r"(sw) : "memory");
				ops += 3;
			}
		}
	}
	attack_note("ops", (int64_t)ops);
}

/*
 * the virtual timer keeps firing (enabled in our own virtual GIC, IRQs
 * masked in PSTATE so it only wakes the WFI), so no WFI sleeps for long
 */
static void wfi_storm(struct attack_ctx *c)
{
	uint64_t sgi, ticks = 0;

	if (pc_gic_init(c->dtb) != 0)
		return;
	sgi = pc_gic_state.gicr + 0x10000;
	*(volatile uint32_t *)(sgi + 0x80) |= 1u << 27;     /* IGROUPR0: group 1 */
	*(volatile uint32_t *)(sgi + 0x100) = 1u << 27;     /* ISENABLER0: vtimer */
	for (unsigned i = 0; i < 2000; i++) {
		SYSREG_W(cntv_cval_el0, SYSREG_R(cntvct_el0) + 100);
		SYSREG_W(cntv_ctl_el0, 1);
		__asm__ volatile("dsb sy; wfi" ::: "memory");
		if (pc_ack() == 27) {
			pc_eoi(27);
			ticks++;
		}
	}
	SYSREG_W(cntv_ctl_el0, 0);
	attack_note("ticks", (int64_t)ticks);
}

static void wfe_storm(struct attack_ctx *c)
{
	for (unsigned i = 0; i < 100000; i++)
		__asm__ volatile("sevl; wfe; wfe" ::: "memory");
}

static void mmio_unaligned(struct attack_ctx *c)
{
	uint64_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(UART + 0x19) : "memory");
	__asm__ volatile("str %w0, [%1]" : : "r"(0ul), "r"(UART + 0x31) : "memory");
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(UART + 0x1C) : "memory");
}

static void mmio_exclusive(struct attack_ctx *c)
{
	uint64_t v, fail = 0;

	__asm__ volatile("ldxr %w0, [%2]; stxr %w1, %w0, [%2]" : "=&r"(v), "=&r"(fail)
			 : "r"(UART + 0x18) : "memory");
	__asm__ volatile("ldaxr %w0, [%1]; clrex" : "=&r"(v) : "r"(UART + 0x30) : "memory");
}

static void mmio_pair(struct attack_ctx *c)
{
	uint64_t a = 0, b = 0;

	__asm__ volatile("ldp %w0, %w1, [%2]" : "=&r"(a), "=&r"(b) : "r"(UART + 0x30) : "memory");
	__asm__ volatile("stp %w0, %w1, [%2]" : : "r"(0ul), "r"(0ul), "r"(UART + 0x30) : "memory");
	b = UART + 0x2C;
	__asm__ volatile("ldr %w0, [%1, #4]!" : "=&r"(a), "+r"(b) : : "memory");
}

static void ifetch_outside(struct attack_ctx *c)
{
	attack_jump(ATTACK_VICTIM_PA);    /* another guest's RAM */
	attack_jump(c->runtime);          /* the runtime's code */
	attack_jump(UART);                /* an emulated window */
	attack_jump(1ul << 42);           /* beyond the IPA size */
}

extern char attack_vectors[], attack_t32_code[];
uint64_t attack_t32_regs[2];
uint64_t attack_el0_t32(uint64_t entry, uint64_t r0);

/*
 * A 16-bit T32 WFI and load at an AArch32 EL0 trap to EL2 with ESR_EL2.IL
 * clear: the runtime must step 2 bytes, not 4. The virtual timer, due
 * 1 ms later, wakes the WFI; SCTLR_EL1.nTWI sends EL0's WFI on to EL2
 * where WFI is trapped (a CPU shared under a plan): alone on its CPU, as
 * here, it sleeps at EL0 and only the load is stepped.
 */
static void t32_el0(struct attack_ctx *c)
{
	uint64_t sctlr = SYSREG_R(sctlr_el1), esr, sgi;

	if (pc_gic_init(c->dtb) != 0)
		return;
	sgi = pc_gic_state.gicr + 0x10000;
	*(volatile uint32_t *)(sgi + 0x80) |= 1u << 27;     /* IGROUPR0: group 1 */
	*(volatile uint32_t *)(sgi + 0x100) = 1u << 27;     /* ISENABLER0: vtimer */
	SYSREG_W(sctlr_el1, sctlr | 1ul << 16);
	/* due in 1 ms: not yet pending when the WFI runs (QEMU does not trap a
	 * WFI that would wake at once) */
	SYSREG_W(cntv_cval_el0, SYSREG_R(cntvct_el0) + SYSREG_R(cntfrq_el0) / 1000);
	SYSREG_W(cntv_ctl_el0, 1);
	esr = attack_el0_t32((uint64_t)attack_t32_code, UART + 0x18);   /* UARTFR */
	SYSREG_W(vbar_el1, attack_vectors);
	SYSREG_W(cntv_ctl_el0, 0);
	SYSREG_W(sctlr_el1, sctlr);
	if (pc_ack() == 27)
		pc_eoi(27);
	attack_note("r2", (int64_t)(attack_t32_regs[0] & 0xFFFFFFFFu));
	attack_note("fr", (int64_t)(attack_t32_regs[1] & 0xFFFFFFFFu));
	attack_note("ec", (int64_t)(esr >> 26));
}

/* its own problem: the exception entry itself faults (stop/restart boots) */
static void sp_nowhere(struct attack_ctx *c)
{
	__asm__ volatile("mov x9, #0x30000000\n mov sp, x9\n udf #0" ::: "x9", "memory");
}

const struct attack attack_cpu_table[] = {
	{ "el2-registers", el2_registers },
	{ "phys-timer", phys_timer },
	{ "debug-regs", debug_regs },
	{ "pmu-regs", pmu_regs },
	{ "sgi-others", sgi_others },
	{ "impdef-regs", impdef_regs },
	{ "set-way", set_way },
	{ "wfi-storm", wfi_storm },
	{ "wfe-storm", wfe_storm },
	{ "mmio-unaligned", mmio_unaligned },
	{ "mmio-exclusive", mmio_exclusive },
	{ "mmio-pair", mmio_pair },
	{ "ifetch-outside", ifetch_outside },
	{ "t32-el0", t32_el0 },
	{ 0, 0 },
};

/* run by name only (attack=sp-nowhere): the exception never returns */
const struct attack attack_fatal_table[] = {
	{ "sp-nowhere", sp_nowhere },
	{ 0, 0 },
};
