// SPDX-License-Identifier: MIT
/*
 * Firmware PSCI: SMCCC register convention, x0 = function id, x1-x3 args,
 * result in x0. The conduit comes from the layout (QEMU virt at EL2: smc).
 */
#include "arch/aarch64/psci.h"
#include "arch/aarch64/sysregs.h"
#include "partita/layout.h"

static uint32_t psci_conduit = LAYOUT_PSCI_SMC;

void psci_set_conduit(uint32_t conduit)
{
	psci_conduit = conduit;
}

int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	if (psci_conduit == LAYOUT_PSCI_HVC)
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 : : "memory");
	else
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 : : "memory");
	return (int64_t)x0;
}

int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return psci_call(PSCI_CPU_ON64, mpidr, entry, context);
}

void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfe();
}
