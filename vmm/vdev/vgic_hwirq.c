// SPDX-License-Identifier: MIT
/*
 * Passthrough interrupts (IRQ capabilities): a physical SPI that belongs to
 * a guest is routed to the CPU of the vCPU its virtual SPI targets, and
 * enabled while the guest has the virtual one enabled. Taken at EL2 it is
 * only priority-dropped; its virtual twin goes into an LR with the HW bit
 * and the physical INTID (IHI 0069 "ICH_LR<n>_EL2", IHI 0048 "GICH_LRn"),
 * so the guest's own EOI deactivates the physical interrupt: a level
 * device cannot fire again before the guest has handled it, and there is
 * no maintenance exit. Whenever the link cannot be made (the target vCPU is
 * elsewhere or not running) the physical interrupt is deactivated here.
 */
#include "arch/aarch64/gic.h"
#include "core/guest.h"
#include "core/log.h"
#include "vdev/vgic.h"

#define VGIC_MAX_HWIRQS 32

struct vgic_hwirq {
	uint16_t phys;
	uint16_t virt;
	uint32_t guest;
};

static struct vgic_hwirq hwirqs[VGIC_MAX_HWIRQS];
static uint32_t hwirq_count;

static uint32_t vgic_bit(uint32_t intid)
{
	return 1u << (intid % 32);
}

void vgic_hwirq_attach(struct guest *g)
{
	struct vgic_dist *d = vgic_dist_of(g);

	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind != LAYOUT_CAP_IRQ)
			continue;
		if (c->phys_irq < 32 || c->phys_irq >= 1020 || c->virt_irq < 32 ||
		    c->virt_irq >= d->nr_irqs || d->hw[c->virt_irq] ||
		    hwirq_count >= VGIC_MAX_HWIRQS) {
			log_printf("vmm|%s|IRQ slot %u (INTID %u -> %u) refused\n", g->name,
				   c->slot, c->phys_irq, c->virt_irq);
			continue;
		}
		hwirqs[hwirq_count++] = (struct vgic_hwirq){
			.phys = (uint16_t)c->phys_irq, .virt = (uint16_t)c->virt_irq,
			.guest = g->index,
		};
		d->hw[c->virt_irq] = (uint16_t)c->phys_irq;
		gic_disable(c->phys_irq);
		gic_clear_active(c->phys_irq);
	}
}

/* guest restart: nothing of the old run stays enabled or active */
void vgic_hwirq_reset(struct guest *g)
{
	for (uint32_t i = 0; i < hwirq_count; i++) {
		if (hwirqs[i].guest != g->index)
			continue;
		gic_disable(hwirqs[i].phys);
		gic_clear_active(hwirqs[i].phys);
	}
}

/* physical state follows the virtual: enabled, and at the target's CPU */
void vgic_hwirq_sync(struct guest *g, uint32_t intid)
{
	struct vgic_dist *d = vgic_dist_of(g);
	uint32_t phys = d->hw[intid];
	struct vcpu *t;

	if (!phys)
		return;
	t = vgic_target(&g->vcpu[0], intid);
	if ((__atomic_load_n(&d->enabled[intid / 32], __ATOMIC_ACQUIRE) & vgic_bit(intid)) &&
	    t->pcpu != ~0u && atomic_load32(&t->state) == VCPU_RUNNING && vcpu_scheduled(t)) {
		gic_route_spi(phys, rt.cpu[t->pcpu].mpidr);
		gic_enable(phys);
	} else {
		gic_disable(phys);
	}
}

/* time partitioning: v's window ends, its passthrough SPIs wait masked */
void vgic_hwirq_vcpu_mask(struct vcpu *v)
{
	for (uint32_t i = 0; i < hwirq_count; i++) {
		if (hwirqs[i].guest == v->guest->index && vgic_target(v, hwirqs[i].virt) == v)
			gic_disable(hwirqs[i].phys);
	}
}

/* a vCPU (re)starts or its window starts: its passthrough SPIs come back */
void vgic_hwirq_vcpu_start(struct vcpu *v)
{
	for (uint32_t i = 0; i < hwirq_count; i++) {
		if (hwirqs[i].guest == v->guest->index &&
		    vgic_target(v, hwirqs[i].virt) == v)
			vgic_hwirq_sync(v->guest, hwirqs[i].virt);
	}
}

enum vgic_take vgic_hwirq_take(struct vcpu *v, uint32_t phys)
{
	const struct vgic_hwirq *e = 0;
	struct guest *g;
	struct vcpu *t;
	bool waiting;

	for (uint32_t i = 0; i < hwirq_count && !e; i++) {
		if (hwirqs[i].phys == phys)
			e = &hwirqs[i];
	}
	if (!e)
		return VGIC_NOT_MINE;
	g = &rt.guest[e->guest];
	t = vgic_target(&g->vcpu[0], e->virt);
	if (atomic_load32(&g->state) != GUEST_RUNNING ||
	    atomic_load32(&t->state) != VCPU_RUNNING) {
		gic_disable(phys);      /* the vCPU's start enables it again */
		return VGIC_TAKEN;
	}
	/*
	 * t shares this CPU and is out of its window (the line rose before the
	 * switch-out masked it): like a full LR, the physical instance stays
	 * active and held, so t's flush links it (HW) and the guest's
	 * deactivation ends it. Deactivating it here would let a still-high
	 * level line fire again at once, every time, keeping the CPU at EL2
	 * through t's windows; an edge would be lost.
	 */
	waiting = t != v && t->pcpu == v->pcpu && !vcpu_scheduled(t);
	if (t != v && !waiting) {
		/* retargeted meanwhile: no link, the next one arrives at t's CPU;
		 * t out of its window there: masked until it starts (vgic_switch.c) */
		if (!vcpu_scheduled(t))
			gic_disable(phys);
		vgic_inject(t, e->virt);
		return VGIC_TAKEN;
	}
	if (waiting)
		gic_disable(phys);
	else if (vgic_lr_direct_hw(t, e->virt, phys))
		return VGIC_TAKEN_HW;
	__atomic_fetch_or(&vgic_dist_of(g)->hw_held[e->virt / 32], vgic_bit(e->virt),
			  __ATOMIC_ACQ_REL);
	vgic_inject(t, e->virt);
	return VGIC_TAKEN_HW;
}

bool vgic_hwirq_claim(struct vcpu *v, uint32_t intid, uint32_t *phys)
{
	struct vgic_dist *d = vgic_dist_of(v->guest);
	uint32_t old;

	if (intid < VGIC_NR_PRIVATE) {
		*phys = intid;      /* a forwarded PPI links the same INTID */
		return vgic_ppi_claim(v, intid);
	}
	if (!d->hw[intid])
		return false;
	old = __atomic_fetch_and(&d->hw_held[intid / 32], ~vgic_bit(intid), __ATOMIC_ACQ_REL);
	if (!(old & vgic_bit(intid)))
		return false;
	*phys = d->hw[intid];
	return true;
}

void vgic_hwirq_hold(struct vcpu *v, uint32_t intid)
{
	struct vgic_dist *d = vgic_dist_of(v->guest);

	if (intid < VGIC_NR_PRIVATE)
		vgic_ppi_hold(v, intid);
	else if (d->hw[intid])
		__atomic_fetch_or(&d->hw_held[intid / 32], vgic_bit(intid), __ATOMIC_ACQ_REL);
}

void vgic_hwirq_release(struct vcpu *v, uint32_t intid)
{
	uint32_t phys;

	if (intid < VGIC_NR_PRIVATE)
		vgic_ppi_release(v, intid);
	else if (vgic_hwirq_claim(v, intid, &phys))
		gic_clear_active(phys);
}
