/* SPDX-License-Identifier: MIT */
/*
 * The IRQ exit's fast path (issue 15): a physical interrupt that the vGIC
 * forwards with the list-register HW bit (a forwarded PPI, a passthrough
 * SPI) and that belongs to the vCPU this CPU runs goes into LR 0 with one
 * table load and a few checks, instead of the general chain (sched, console,
 * vgic_take_irq, vgic_hwirq_take, vgic_lr_direct_hw). The table is derived
 * from the layout's IRQ capabilities (vgic_fwd.c): ownership is the
 * builder's decision; the runtime only reads it. Anything the fast path
 * does not handle goes the general way, which handles everything.
 */
#ifndef VDEV_VGIC_FWD_H
#define VDEV_VGIC_FWD_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/vgic_hw.h"
#include "core/guest.h"
#include "vdev/vgic.h"

#define VGIC_FWD_INTIDS 1020    /* SGIs, PPIs, SPIs: every INTID below the special ones */

/*
 * Indexed by physical INTID: 0, not forwarded; else vINTID in bits [7:0]
 * (LAYOUT_MAX_VIRQ is 256) and in bits [13:8] the owning guest's index + 1
 * for a passthrough SPI, 0 for a forwarded PPI (the vCPU of the CPU it
 * fires on is its owner).
 */
extern uint16_t vgic_fwd_map[VGIC_FWD_INTIDS] __attribute__((visibility("hidden")));

/* guest build, after vgic_hwirq_attach: g's passthrough SPIs, the PPIs */
void vgic_fwd_attach(struct guest *g);

/*
 * phys (< VGIC_FWD_INTIDS), just acknowledged at EL2, into LR 0 of v, the
 * vCPU this CPU runs, linked to phys: true, the caller only drops its
 * priority (the guest's deactivation through the HW bit ends it). Taken
 * only when it is the general path's direct case and the simplest one:
 * phys forwarded to v (a PPI, or an SPI of v's guest whose target is v),
 * v and its guest running, the vINTID enabled and not waiting in v's
 * pending bitmap, and every LR empty. Then nothing can list the vINTID
 * already, so there is nothing to merge with and no LR to scan; with a
 * busy LR, a held instance, a target elsewhere, a descheduled owner or a
 * stopping guest, false with nothing changed: the general path decides.
 */
static inline __attribute__((always_inline)) bool vgic_fwd_take(struct vcpu *v,
							       uint32_t phys)
{
	uint32_t e = vgic_fwd_map[phys], virt = e & 0xFF, bit = 1u << (virt % 32), on;
	const struct vgic_irq *irq;
	struct vgic_cpu *c;

	if (!e || !v || atomic_load32(&v->state) != VCPU_RUNNING)
		return false;
	c = vgic_cpu_of(v);
	if (virt < VGIC_NR_PRIVATE) {
		irq = &c->irq[virt];
		on = __atomic_load_n(&c->enabled, __ATOMIC_RELAXED);
	} else {
		struct guest *g = v->guest;
		const struct vgic_dist *d = g->vgic;    /* vgic_dist_of(g), one load */

		/* vgic_set_target keeps target below vcpu_count: equal to v's
		 * index is vgic_target() == v */
		irq = &d->irq[virt];
		if ((e >> 8) != g->index + 1 || irq->target != v->index ||
		    atomic_load32(&g->state) != GUEST_RUNNING ||
		    !vgic_group_on(d, irq))
			return false;
		on = __atomic_load_n(&d->enabled[virt / 32], __ATOMIC_RELAXED);
	}
	if (!(on & bit) ||
	    (__atomic_load_n(&c->pending[virt / 32], __ATOMIC_ACQUIRE) & bit) ||
	    !vgic_hw_all_empty())
		return false;
	vgic_hw_lr0_write_hw(virt, phys, irq->group, irq->priority);
	return true;
}

#endif /* VDEV_VGIC_FWD_H */
