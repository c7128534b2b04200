/* SPDX-License-Identifier: MIT */
/*
 * The performance monitors of a guest's CPU (Arm ARM DDI 0487 "The
 * Performance Monitors Extension"): the guest gets its own CPU's cycle and
 * event counters; every access traps (MDCR_EL2.TPM, TPMCR) and is replayed
 * at EL2 with EL2 filtered out of counting (PMEVTYPER<n>/PMCCFILTR.NSH
 * forced to 0, and MDCR_EL2.HPMD where FEAT_PMUv3p1 has it). The overflow
 * interrupt is PPI 23 (INTID 23, the SBSA and QEMU virt choice),
 * forwarded like the timers (vgic_ppi.c).
 */
#ifndef ARCH_VPMU_H
#define ARCH_VPMU_H

#include <stdbool.h>
#include <stdint.h>

#define VPMU_PPI 23

struct vcpu;
struct frame;

/* MDCR_EL2 bits for the PMU: HPMN = every counter, TPM, TPMCR, HPMD */
uint64_t vpmu_mdcr(void);
/* trapped PMU register access; false: not a PMU register */
bool vpmu_sysreg(struct vcpu *v, struct frame *f, uint64_t esr);
/* the overflow interrupt's level on this CPU (PMOVSSET & PMINTENSET) */
bool vpmu_level(void);
/* no overflow interrupt from this CPU's PMU (its vCPU is not running) */
void vpmu_quiesce(void);
/* a vCPU starts: counters disabled and zeroed, filters and enables reset */
void vpmu_reset(void);

#endif /* ARCH_VPMU_H */
