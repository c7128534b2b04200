// SPDX-License-Identifier: MIT
/*
 * The table of the IRQ exit's fast path (vgic_fwd.h): which physical
 * INTIDs go to which guest as which vINTID, from the IRQ capabilities
 * vgic_hwirq_attach accepted and the PPIs vgic_ppi.c forwards. Written
 * while guests are built on the boot CPU, before the other CPUs start;
 * read-only afterwards (ownership never changes at run time; where the
 * SPI is routed and whether its vCPU runs are checked at each use).
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/vpmu.h"
#include "core/guest.h"
#include "vdev/vgic.h"
#include "vdev/vgic_fwd.h"

uint16_t vgic_fwd_map[VGIC_FWD_INTIDS];

_Static_assert(LAYOUT_MAX_VIRQ <= 256 && LAYOUT_MAX_GUESTS < 64, "vgic_fwd_map encoding");

/*
 * The runtime's own interrupts never take the fast path, whatever a
 * layout says: the trap code checks them first (kick, window timer,
 * console input, maintenance).
 */
static bool vgic_fwd_runtime_own(uint32_t intid)
{
	const struct layout_board *b = &rt.layout->board;

	return intid == GIC_SGI_KICK || intid == b->htimer_irq || intid == b->uart_irq ||
	       intid == b->maint_irq;
}

static void vgic_fwd_set(uint32_t phys, uint32_t virt, uint32_t owner)
{
	if (phys >= 16 && phys < VGIC_FWD_INTIDS && !vgic_fwd_runtime_own(phys) &&
	    !vgic_fwd_map[phys])
		vgic_fwd_map[phys] = (uint16_t)(virt | owner << 8);
}

void vgic_fwd_attach(struct guest *g)
{
	const struct layout_board *b = &rt.layout->board;
	const struct vgic_dist *d = vgic_dist_of(g);
	const uint32_t ppis[] = { b->vtimer_irq, b->ptimer_irq, VPMU_PPI };

	if (!vgic_ready())
		return;
	for (uint32_t i = 0; i < sizeof(ppis) / sizeof(ppis[0]); i++) {
		if (ppis[i] < VGIC_NR_PRIVATE)
			vgic_fwd_set(ppis[i], ppis[i], 0);
	}
	/* first come first served, as vgic_hwirq_take's search (the builder
	 * never gives one INTID to two guests) */
	for (uint32_t virt = VGIC_NR_PRIVATE; virt < d->nr_irqs; virt++) {
		if (d->hw[virt])
			vgic_fwd_set(d->hw[virt], virt, g->index + 1);
	}
}
