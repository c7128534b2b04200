// SPDX-License-Identifier: MIT
/*
 * CVE-2017-5715 on the cores Partita's boards use. A guest could train the
 * branch predictor so that EL2 speculatively runs a gadget of its choice.
 * Arm's mitigation for Cortex-A57/A72/A73/A75 is a branch-predictor
 * invalidation on every entry from a less privileged level, which those
 * cores can only do in EL3 firmware: SMCCC_ARCH_WORKAROUND_1 ("Firmware
 * interfaces for mitigating cache speculation vulnerabilities", Arm DEN
 * 0028 v1.1+). The EL2 vectors make that call on each guest exit where
 * struct cpu.bp_harden is set; guests are told the truth through
 * SMCCC_ARCH_FEATURES (0: call it, 1: not needed here, -1: not available).
 */
#include <stddef.h>

#include "arch/aarch64/psci.h"
#include "arch/aarch64/spectre.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/log.h"

_Static_assert(offsetof(struct cpu, bp_harden) == CPU_BP_HARDEN, "cpu bp_harden");

#define SMCCC_VERSION_1_1 0x10001
#define SMCCC_NOT_SUPPORTED (-1)
#define MIDR_ARM 0x41u

/* Arm's list of cores affected by variant 2 (AArch64, Cortex-A only) */
static const struct { uint32_t part; const char *name; } spectre_parts[] = {
	{ 0xD07, "Cortex-A57" }, { 0xD08, "Cortex-A72" },
	{ 0xD09, "Cortex-A73" }, { 0xD0A, "Cortex-A75" },
};

static const char *spectre_affected_core(void)
{
	uint64_t midr = sysreg_read(midr_el1);
	uint64_t csv2 = (sysreg_read(id_aa64pfr0_el1) >> 56) & 0xF;

	if (csv2 || ((midr >> 24) & 0xFF) != MIDR_ARM)
		return 0;   /* ID_AA64PFR0_EL1.CSV2: branch targets not shared */
	for (unsigned i = 0; i < sizeof(spectre_parts) / sizeof(spectre_parts[0]); i++) {
		if (((midr >> 4) & 0xFFF) == spectre_parts[i].part)
			return spectre_parts[i].name;
	}
	return 0;
}

/*
 * Firmware's answer for this PE: PSCI_FEATURES(SMCCC_VERSION) says SMCCC
 * 1.1 discovery exists (PSCI 1.0), then ARCH_FEATURES(WORKAROUND_1). The
 * vectors call it with smc: EL3 firmware only (a board whose PSCI conduit
 * is hvc has no EL3 firmware below this EL2).
 */
static int32_t spectre_firmware_wa1(void)
{
	if (rt.layout->board.psci_conduit != LAYOUT_PSCI_SMC ||
	    (int32_t)psci_call(PSCI_FEATURES, SMCCC_VERSION, 0, 0) != 0 ||
	    (int32_t)psci_call(SMCCC_VERSION, 0, 0, 0) < SMCCC_VERSION_1_1)
		return SMCCC_NOT_SUPPORTED;
	return (int32_t)psci_call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0, 0);
}

void spectre_cpu_init(struct cpu *c)
{
	const char *core = spectre_affected_core();
	int32_t fw = core ? spectre_firmware_wa1() : 1;

	c->bp_harden = core && fw == 0;
	c->guest_wa1 = !core || fw == 1 ? 1 : fw == 0 ? 0 : SMCCC_NOT_SUPPORTED;
	if (!core || c->index != 0)
		return;
	if (c->bp_harden)
		log_printf("vmm|boot: %s: CVE-2017-5715 branch predictor invalidated on every guest exit (SMCCC_ARCH_WORKAROUND_1)\n",
			   core);
	else if (fw != 1)
		log_printf("vmm|boot: %s: no SMCCC_ARCH_WORKAROUND_1 in firmware: CVE-2017-5715 not mitigated\n",
			   core);
}

static int64_t spectre_features(const struct cpu *c, uint32_t id)
{
	switch (id) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return 0;
	case SMCCC_ARCH_WORKAROUND_1:
		return c->guest_wa1;
	default:    /* WORKAROUND_2 (SSBD) and _3 (BHB) are not offered */
		return SMCCC_NOT_SUPPORTED;
	}
}

bool spectre_smccc(struct vcpu *v, struct frame *f, uint32_t fn)
{
	const struct cpu *c = vcpu_this_cpu();

	switch (fn) {
	case SMCCC_VERSION:
		f->x[0] = SMCCC_VERSION_1_1;
		return true;
	case SMCCC_ARCH_FEATURES:
		f->x[0] = (uint64_t)spectre_features(c, (uint32_t)f->x[1]);
		return true;
	case SMCCC_ARCH_WORKAROUND_1:
		/* the exit that brought the call here already invalidated */
		f->x[0] = c->guest_wa1 == 0 ? 0 : (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		return true;
	default:
		return false;
	}
}
