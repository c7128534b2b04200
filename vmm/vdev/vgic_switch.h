/* SPDX-License-Identifier: MIT */
/*
 * The virtual GIC state of a vCPU that shares its CPU (time partitioning):
 * what lives in the CPU's virtual interface and GIC while the vCPU runs,
 * saved when its window ends and loaded when its next one starts.
 */
#ifndef VDEV_VGIC_SWITCH_H
#define VDEV_VGIC_SWITCH_H

#include <stdint.h>

#include "arch/aarch64/vgic_hw.h"

struct vcpu;

struct vgic_ctx {
	uint64_t lr[VGIC_HW_MAX_LRS];  /* ICH_LR<n>_EL2, or GICH_LRn as is */
	uint64_t vmcr;                 /* ICH_VMCR_EL2 / GICH_VMCR */
	uint64_t hcr;                  /* ICH_HCR_EL2 / GICH_HCR (En, UIE) */
	uint32_t ap0r[4], ap1r[4];     /* ICH_AP0R<n>/AP1R<n>_EL2; GICH_APR in ap1r[0] */
	uint32_t ppi_active;           /* forwarded PPIs active at the physical GIC */
};

/* v's window ends on this CPU: save, then leave an empty, disabled interface */
void vgic_switch_out(struct vcpu *v, struct vgic_ctx *s);
/* v's window starts: load what vgic_switch_out saved */
void vgic_switch_in(struct vcpu *v, const struct vgic_ctx *s);

#endif /* VDEV_VGIC_SWITCH_H */
