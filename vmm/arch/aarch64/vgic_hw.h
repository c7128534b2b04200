/* SPDX-License-Identifier: MIT */
/*
 * The virtual interface control registers: GICv3 ICH_*_EL2 (IHI 0069) or
 * GICv2 GICH_* (IHI 0048 chapter 5, gic_v2_hyp.c): list registers, the
 * control register, the empty-LR status. List registers are always in the
 * ICH_LR layout. Only the CPU that runs a vCPU touches them: vCPUs are
 * pinned, so they are reset when a vCPU (re)starts and saved or switched
 * only on a CPU with a time-partitioning plan (vdev/vgic_switch.c).
 */
#ifndef ARCH_VGIC_HW_H
#define ARCH_VGIC_HW_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/gic_v2_hyp.h"
#include "arch/aarch64/sysregs.h"

/* ICH_LR<n>_EL2 fields */
#define ICH_LR_STATE_SHIFT 62
#define ICH_LR_PENDING   (1ul << 62)
#define ICH_LR_ACTIVE    (1ul << 63)
#define ICH_LR_GROUP1    (1ul << 60)
#define ICH_LR_HW        (1ul << 61)   /* guest EOI deactivates pINTID */
#define ICH_LR_EOI       (1ul << 41)   /* HW 0: maintenance IRQ on deactivation */
#define ICH_LR_PINTID_SHIFT 32
#define ICH_LR_PINTID(lr) ((uint32_t)((lr) >> ICH_LR_PINTID_SHIFT) & 0x1FFFu)
#define ICH_LR_PRIO_SHIFT 48
#define ICH_LR_VINTID(lr) ((uint32_t)((lr) & 0xFFFFFFFFu))

/* ICH_HCR_EL2 */
#define ICH_HCR_EN  (1ul << 0)
#define ICH_HCR_UIE (1ul << 1)   /* maintenance IRQ when at most one LR is valid */
#define ICH_HCR_TALL0 (1ul << 11)   /* trap EL1 group 0 ICC_* accesses */
#define ICH_HCR_TALL1 (1ul << 12)   /* trap EL1 group 1 ICC_* accesses */

#define VGIC_HW_MAX_LRS 16

/* which interface: GIC version 2 (GICH at gich_pa) or 3 */
void vgic_hw_select(unsigned gic_version, uint64_t gich_pa);
/* hidden: reached PC-relative, not through the GOT (gic.h) */
extern bool vgic_hw_v2 __attribute__((visibility("hidden")));
extern unsigned vgic_hw_nlrs __attribute__((visibility("hidden")));
extern uint32_t vgic_hw_all __attribute__((visibility("hidden")));  /* bit n: LR n exists */

/* number of list registers (ICH_VTR_EL2.ListRegs + 1); inline, as the
 * next: every delivery asks */
static inline unsigned vgic_hw_lr_count(void)
{
	return vgic_hw_nlrs;
}
uint64_t vgic_hw_lr_read(unsigned n);
void vgic_hw_lr_write(unsigned n, uint64_t val);
/* bit n set: LR n holds no interrupt (ICH_ELRSR_EL2) */
static inline uint32_t vgic_hw_empty_lrs(void)
{
	if (vgic_hw_v2)
		return gic_v2_hyp_empty_lrs();
	return (uint32_t)sysreg_read(S3_4_C12_C11_5);
}
/* every list register is empty (ICH_ELRSR_EL2 / GICH_ELRSR0 all ones) */
static inline bool vgic_hw_all_empty(void)
{
	return (vgic_hw_empty_lrs() & vgic_hw_all) == vgic_hw_all;
}
/*
 * LR 0 := vINTID virt pending, linked (HW) to physical INTID phys, in the
 * interface's own layout with no conversion (the IRQ exit's fast path,
 * vgic_fwd.h); priority in its top five bits as the hardware keeps it.
 */
static inline void vgic_hw_lr0_write_hw(uint32_t virt, uint32_t phys, bool grp1,
					uint8_t prio)
{
	if (vgic_hw_v2) {
		gic_v2_hyp_lr0_write_raw(V2_LR_HW | V2_LR_PENDING | (grp1 ? V2_LR_GRP1 : 0) |
					 (uint32_t)(prio >> 3) << V2_LR_PRIO_SHIFT |
					 (phys & 0x3FF) << V2_LR_PID_SHIFT | virt);
		return;
	}
	sysreg_write(S3_4_C12_C12_0, ICH_LR_HW | ICH_LR_PENDING | (grp1 ? ICH_LR_GROUP1 : 0) |
		     (uint64_t)prio << ICH_LR_PRIO_SHIFT | (uint64_t)phys << ICH_LR_PINTID_SHIFT |
		     virt);
}
/*
 * LR 0 := vINTID vid pending, with no physical interrupt behind it (an
 * SGI, a doorbell), in the interface's own layout: a GICv2 SGI's source
 * CPU rides in vid [12:10], GICH_LRn.CPUID's place (IHI 0048 "GICH_LRn");
 * EOI maintenance not asked (the one-interrupt flush, vgic_lr.c).
 */
static inline void vgic_hw_lr0_write_soft(uint32_t vid, bool grp1, uint8_t prio)
{
	if (vgic_hw_v2) {
		gic_v2_hyp_lr0_write_raw(V2_LR_PENDING | (grp1 ? V2_LR_GRP1 : 0) |
					 (uint32_t)(prio >> 3) << V2_LR_PRIO_SHIFT |
					 (vid & 0x1FFF));
		return;
	}
	sysreg_write(S3_4_C12_C12_0, ICH_LR_PENDING | (grp1 ? ICH_LR_GROUP1 : 0) |
		     (uint64_t)prio << ICH_LR_PRIO_SHIFT | vid);
}
void vgic_hw_set_underflow(int on);
/* GICv3: trap the guest's group 0 and 1 CPU interface accesses (TALL0/1) */
void vgic_hw_set_trap_ack(int on);
bool vgic_hw_trap_ack_on(void);
/* LRs that only wait for their EOI maintenance interrupt become empty */
void vgic_hw_drop_eoi_lrs(void);
/* every LR empty, no active priorities, VMCR cleared, interface enabled */
void vgic_hw_reset(void);

#endif /* ARCH_VGIC_HW_H */
