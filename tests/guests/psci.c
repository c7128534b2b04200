// SPDX-License-Identifier: MIT
/*
 * psci: asks the runtime's guest PSCI and hypercall interface questions
 * whose answers the spec fixes, printing `PSCI <question> <answer>` (answers
 * as signed decimals), then SYSTEM_OFF. Run with 2 vCPUs: vCPU 1 exists
 * but is off, vCPU 2 does not exist.
 */
#include "guest.h"

#define PSCI_VERSION       0x84000000u
#define PSCI_CPU_SUSPEND64 0xC4000001u
#define PSCI_AFFINITY_INFO64 0xC4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_FEATURES      0x8400000Au
#define SMCCC_VERSION      0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_WORKAROUND_1 0x80008000u
#define SMCCC_WORKAROUND_2 0x80007FFFu
#define SMCCC_WORKAROUND_3 0x80003FFFu
#define PARTITA_HVC_NULL   0xC6000000u

extern char crt0_secondary[];

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("PSCI unexpected exception\n");
	guest_off();
}

static void answer(const char *q, int64_t v)
{
	guest_puts("PSCI ");
	guest_puts(q);
	guest_puts(v < 0 ? " -" : " ");
	guest_putu(v < 0 ? (uint64_t)-v : (uint64_t)v, 10);
	guest_puts("\n");
}

void guest_main(const void *dtb)
{
	uint64_t entry = (uint64_t)crt0_secondary;

	answer("version", guest_hvc(PSCI_VERSION, 0, 0, 0));
	answer("features-cpu-on", guest_hvc(PSCI_FEATURES, PSCI_CPU_ON64, 0, 0));
	answer("features-system-off", guest_hvc(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0));
	answer("features-cpu-suspend", guest_hvc(PSCI_FEATURES, PSCI_CPU_SUSPEND64, 0, 0));
	answer("migrate-info-type", guest_hvc(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0));
	answer("affinity-self", guest_hvc(PSCI_AFFINITY_INFO64, 0, 0, 0));
	answer("affinity-off", guest_hvc(PSCI_AFFINITY_INFO64, 1, 0, 0));
	answer("affinity-absent", guest_hvc(PSCI_AFFINITY_INFO64, 2, 0, 0));
	answer("cpu-on-self", guest_hvc(PSCI_CPU_ON64, 0, entry, 0));
	answer("cpu-on-absent", guest_hvc(PSCI_CPU_ON64, 2, entry, 0));
	answer("cpu-on-bad-entry", guest_hvc(PSCI_CPU_ON64, 1, 0x1000, 0));
	answer("cpu-suspend", guest_hvc(PSCI_CPU_SUSPEND64, 0, 0, 0));
	/* SMCCC 1.1 discovery, as Linux does it (Arm DEN 0028) */
	answer("features-smccc-version", guest_hvc(PSCI_FEATURES, SMCCC_VERSION, 0, 0));
	answer("smccc-version", guest_hvc(SMCCC_VERSION, 0, 0, 0));
	answer("smccc-features-wa1", guest_hvc(SMCCC_ARCH_FEATURES, SMCCC_WORKAROUND_1, 0, 0));
	answer("smccc-features-wa2", guest_hvc(SMCCC_ARCH_FEATURES, SMCCC_WORKAROUND_2, 0, 0));
	answer("smccc-features-wa3", guest_hvc(SMCCC_ARCH_FEATURES, SMCCC_WORKAROUND_3, 0, 0));
	answer("smccc-wa1", guest_hvc(SMCCC_WORKAROUND_1, 0, 0, 0));
	answer("null", guest_hvc(PARTITA_HVC_NULL, 0, 0, 0));
	answer("unknown", guest_hvc(0xC6001234u, 0, 0, 0));
	answer("unknown-again", guest_hvc(0xC6001234u, 0, 0, 0));
	guest_off();
}
