// SPDX-License-Identifier: MIT
/*
 * PPIs a guest gets from the hardware of its own CPU: the virtual and the
 * EL1 physical timer (and the PMU overflow, vpmu.c). They are level
 * interrupts driven by a device the guest programs directly, so they are
 * forwarded as KVM does: taken at EL2 and only priority-dropped, the
 * virtual twin placed in a list register with the HW bit naming the same
 * PPI (IHI 0069 "ICH_LR<n>_EL2", IHI 0048 "GICH_LRn"); the guest's EOI
 * deactivates the physical one, and a line still high fires again. While
 * the physical instance waits for a list register it is "held". Its
 * pending state is the line's level: a held or listed instance whose level
 * has fallen (the guest disabled or masked the timer) is dropped and
 * deactivated, so GICR/GICD_ISPENDR reads and later deliveries see the
 * line as it is.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/vpmu.h"
#include "arch/aarch64/vtimer.h"
#include "core/guest.h"
#include "vdev/vgic.h"

/* the line level of a forwarded PPI on this CPU */
bool vgic_ppi_level(uint32_t intid)
{
	return intid == VPMU_PPI ? vpmu_level() : vtimer_level(intid);
}

enum vgic_take vgic_ppi_take(struct vcpu *v, uint32_t intid)
{
	if (!v || atomic_load32(&v->state) != VCPU_RUNNING) {
		/* a stopped or parked guest's device: silence it (reset at start) */
		if (intid == VPMU_PPI)
			vpmu_quiesce();
		else
			vtimer_quiesce(intid);
		return VGIC_TAKEN;
	}
	if (vgic_lr_direct_hw(v, intid, intid))
		return VGIC_TAKEN_HW;
	__atomic_fetch_or(&vgic_cpu_of(v)->ppi_held, 1u << intid, __ATOMIC_ACQ_REL);
	vgic_inject(v, intid);
	return VGIC_TAKEN_HW;
}

bool vgic_ppi_claim(struct vcpu *v, uint32_t intid)
{
	uint32_t old = __atomic_fetch_and(&vgic_cpu_of(v)->ppi_held, ~(1u << intid),
					  __ATOMIC_ACQ_REL);

	return (old >> intid) & 1;
}

void vgic_ppi_hold(struct vcpu *v, uint32_t intid)
{
	if (vgic_ppi_forwarded(intid))
		__atomic_fetch_or(&vgic_cpu_of(v)->ppi_held, 1u << intid, __ATOMIC_ACQ_REL);
}

/* only v's own CPU sees (and may deactivate) its banked PPI */
void vgic_ppi_release(struct vcpu *v, uint32_t intid)
{
	struct cpu *c = vcpu_this_cpu();

	if (c && c->vcpu == v && vgic_ppi_claim(v, intid))
		gic_clear_active(intid);
}

/* flush, on v's CPU: a held instance whose line fell is dropped */
bool vgic_ppi_stale(struct vcpu *v, uint32_t intid)
{
	if (!((__atomic_load_n(&vgic_cpu_of(v)->ppi_held, __ATOMIC_ACQUIRE) >> intid) & 1) ||
	    vgic_ppi_level(intid))
		return false;
	vgic_ppi_release(v, intid);
	return true;
}

/* a vCPU starts: no instance of the previous run stays held or active */
void vgic_ppi_vcpu_start(struct vcpu *v)
{
	const struct layout_board *b = &rt.layout->board;

	__atomic_store_n(&vgic_cpu_of(v)->ppi_held, 0, __ATOMIC_RELEASE);
	gic_clear_active(b->vtimer_irq);
	gic_clear_active(b->ptimer_irq);
	gic_clear_active(VPMU_PPI);
}

void vgic_ppi_cpu_init(void)
{
	const struct layout_board *b = &rt.layout->board;

	gic_enable_forwarded(b->vtimer_irq);
	gic_enable_forwarded(b->ptimer_irq);
	gic_enable_forwarded(VPMU_PPI);
}
