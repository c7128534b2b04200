// SPDX-License-Identifier: MIT
/*
 * Self-hosted debug for guests (Arm ARM DDI 0487 "AArch64 Self-hosted
 * Debug"): every guest owns its CPUs, so it gets their breakpoint,
 * watchpoint, single-step and OS lock registers directly (MDCR_EL2.TDA,
 * TDOSA, TDRA clear) with debug exceptions routed to its EL1 (TDE clear).
 * EL2 stays out of reach: debug exceptions are never generated at an
 * Exception level above the debug target EL1 ("Enabling debug exceptions
 * from the current Exception level"), whatever DBGBCR.HMC or the guest's
 * MDSCR_EL1 say. A starting vCPU gets the cold-reset view: no breakpoint
 * or watchpoint enabled, MDSCR_EL1 clear, the OS lock set.
 */
#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vdebug.h"
#include "arch/aarch64/vpmu.h"

uint64_t vdebug_mdcr(void)
{
	return vpmu_mdcr();
}

#define DBG_CLEAR(kind, n) case n: sysreg_write(dbg##kind##cr##n##_el1, 0); break
#define DBG_CLEAR16(kind) \
	DBG_CLEAR(kind, 0); DBG_CLEAR(kind, 1); DBG_CLEAR(kind, 2); DBG_CLEAR(kind, 3); \
	DBG_CLEAR(kind, 4); DBG_CLEAR(kind, 5); DBG_CLEAR(kind, 6); DBG_CLEAR(kind, 7); \
	DBG_CLEAR(kind, 8); DBG_CLEAR(kind, 9); DBG_CLEAR(kind, 10); DBG_CLEAR(kind, 11); \
	DBG_CLEAR(kind, 12); DBG_CLEAR(kind, 13); DBG_CLEAR(kind, 14); DBG_CLEAR(kind, 15)

/* DBGBCR<n>_EL1 = 0: breakpoint n disabled */
static void vdebug_clear_bp(unsigned n)
{
	switch (n) {
	DBG_CLEAR16(b);
	default: break;
	}
}

/* DBGWCR<n>_EL1 = 0: watchpoint n disabled */
static void vdebug_clear_wp(unsigned n)
{
	switch (n) {
	DBG_CLEAR16(w);
	default: break;
	}
}

void vdebug_reset(void)
{
	uint64_t dfr = sysreg_read(id_aa64dfr0_el1);
	/* BRPs [15:12] and WRPs [23:20]: number of slots minus one */
	unsigned brps = (unsigned)((dfr >> 12) & 0xF) + 1;
	unsigned wrps = (unsigned)((dfr >> 20) & 0xF) + 1;

	sysreg_write(mdscr_el1, 0);
	for (unsigned n = 0; n < brps; n++)
		vdebug_clear_bp(n);
	for (unsigned n = 0; n < wrps; n++)
		vdebug_clear_wp(n);
	sysreg_write(osdlr_el1, 0);
	sysreg_write(oslar_el1, 1);
	isb();
}
