// SPDX-License-Identifier: MIT
/*
 * Virtual GIC state and delivery, shared by GICv3 and GICv2. A pending
 * interrupt waits in its target vCPU's bitmap until that vCPU's CPU copies
 * it into a free list register (IHI 0069 "ICH_LR<n>_EL2"); the virtual CPU
 * interface then handles priority, masking, acknowledge and EOI in hardware.
 * More pending than LRs: the underflow maintenance interrupt brings us back
 * to refill.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vgic_hw.h"
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"
#include "vdev/vgic.h"
#include "vdev/vgic_fwd.h"

#define VGIC_DEFAULT_PRIO 0xA0

struct vgic_dist vgic_dists[LAYOUT_MAX_GUESTS];
struct vgic_cpu vgic_cpus[LAYOUT_MAX_GUESTS][LAYOUT_MAX_VCPUS];

static void vgic_irq_reset(struct vgic_irq *irq, uint32_t intid)
{
	irq->priority = 0;
	irq->group = 0;
	irq->edge = intid < 16;     /* SGIs are always edge-triggered */
	irq->target = 0;
	irq->targets = 0;
}

static void vgic_cpu_reset(struct vgic_cpu *c)
{
	c->enabled = 0;
	c->waker = 1u << 1;         /* ProcessorSleep */
	for (uint32_t i = 0; i < VGIC_NR_PRIVATE; i++)
		vgic_irq_reset(&c->irq[i], i);
	for (uint32_t w = 0; w < VGIC_WORDS; w++) {
		__atomic_store_n(&c->pending[w], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->in_lr[w], 0, __ATOMIC_RELAXED);
	}
	for (uint32_t i = 0; i < 16; i++)
		__atomic_store_n(&c->sgi_src[i], 0, __ATOMIC_RELAXED);
}

void vgic_reset(struct guest *g)
{
	struct vgic_dist *d = vgic_dist_of(g);
	uint32_t n = VGIC_NR_PRIVATE + g->lg->spi_count;

	d->ctlr = 0;
	d->nr_irqs = n > LAYOUT_MAX_VIRQ ? LAYOUT_MAX_VIRQ : n;
	vgic_hwirq_reset(g);
	for (uint32_t w = 0; w < VGIC_WORDS; w++) {
		d->enabled[w] = 0;
		d->hw_held[w] = 0;
	}
	for (uint32_t i = 0; i < LAYOUT_MAX_VIRQ; i++) {
		vgic_irq_reset(&d->irq[i], i);
		d->route[i] = 0;
	}
	for (uint32_t i = 0; i < g->vcpu_count; i++)
		vgic_cpu_reset(&vgic_cpus[g->index][i]);
}

/* GICv2: trapped 4 KiB distributor, GICV (GICV_DIR included) at the GICC */
static bool vgic_attach_v2(struct guest *g)
{
	const struct layout_guest *lg = g->lg;

	return mmio_register(g, lg->vgicd_ipa, 0x1000, vgic_v2_dist_access, 0) &&
	       stage2_map(&g->s2, lg->vgicr_ipa, rt.layout->board.gicv_pa, 0x2000,
			  LAYOUT_RIGHT_R | LAYOUT_RIGHT_W, STAGE2_DEVICE);
}

void vgic_attach(struct guest *g)
{
	const struct layout_guest *lg = g->lg;
	bool ok;

	vgic_reset(g);
	if (!vgic_ready() || !lg->vgicd_ipa || !lg->vgicr_ipa)
		return;
	if (vgic_v3())
		ok = mmio_register(g, lg->vgicd_ipa, 0x10000, vgic_dist_access, 0) &&
		     mmio_register(g, lg->vgicr_ipa, 0x20000ul * g->vcpu_count,
				   vgic_redist_access, 0);
	else
		ok = vgic_attach_v2(g);
	if (!ok)
		log_printf("vmm|%s|no room for the virtual GIC windows\n", g->name);
	vgic_hwirq_attach(g);
	vgic_fwd_attach(g);
}

struct vcpu *vgic_target(struct vcpu *v, uint32_t intid)
{
	struct guest *g = v->guest;

	if (intid < VGIC_NR_PRIVATE)
		return v;
	return &g->vcpu[vgic_dist_of(g)->irq[intid].target % g->vcpu_count];
}

/* the first kick to a CPU: its physical SGI's register value, kept */
static uint64_t __attribute__((noinline)) vgic_kick_value(struct cpu *to)
{
	uint64_t sgi = gic_sgi_value(to->mpidr, GIC_SGI_KICK);

	__atomic_store_n(&to->kick_sgi, sgi, __ATOMIC_RELAXED);
	return sgi;
}

/*
 * Make a vCPU on another CPU come back to EL2 and flush its list
 * registers. The physical SGI's register value is worked out once per
 * CPU (issue 15: the MPIDR to ICC_SGI1R_EL1 or GICD_SGIR arithmetic was
 * half the send); a racing first computation stores the same value.
 */
void vgic_kick(struct vcpu *t)
{
	struct cpu *self = vcpu_this_cpu(), *to;
	uint32_t p = t->pcpu;
	uint64_t sgi;

	if (p == ~0u)
		return;
	to = &rt.cpu[p];
	/* to once, in a register: every test below and the send use it */
	__asm__("" : "+r"(to));
	if (self == to)
		return;
	/* out of its window: its switch-in flushes (vcpu_scheduled, with to
	 * at hand: pairs with sched_enter's store of cpu.vcpu and its flush) */
	if (atomic_load32(&t->state) != VCPU_RUNNING ||
	    (t->ctx && __atomic_load_n(&to->vcpu, __ATOMIC_SEQ_CST) != t))
		return;
	__atomic_fetch_add(&t->kicks, 1, __ATOMIC_RELAXED);
	sgi = __atomic_load_n(&to->kick_sgi, __ATOMIC_RELAXED);
	gic_sgi_raise(sgi ? sgi : vgic_kick_value(to));
}

void vgic_set_enabled(struct vcpu *v, uint32_t intid, bool on)
{
	uint32_t *word = intid < VGIC_NR_PRIVATE ? &vgic_cpu_of(v)->enabled
						 : &vgic_dist_of(v->guest)->enabled[intid / 32];
	uint32_t bit = 1u << (intid % 32);

	if (on)
		__atomic_fetch_or(word, bit, __ATOMIC_ACQ_REL);
	else
		__atomic_fetch_and(word, ~bit, __ATOMIC_ACQ_REL);
	/* an interrupt that was waiting for its enable may now be delivered */
	if (on && vgic_is_pending(v, intid))
		vgic_kick(vgic_target(v, intid));
	else if (!on)
		vgic_retract(v, intid);
	if (intid >= VGIC_NR_PRIVATE)
		vgic_hwirq_sync(v->guest, intid);
}

/*
 * The bit, then its word's dirty bit: a flush that misses one sees the other.
 * Then in_lr, after both (vgic_coalesce.c): set, the target hears when the
 * guest takes the listed instance and reads the bit again itself.
 */
static inline __attribute__((always_inline)) bool vgic_pend(struct vcpu *t, uint32_t intid)
{
	struct vgic_cpu *c = vgic_cpu_of(t);
	uint32_t bit = 1u << (intid % 32);
	uint32_t old = __atomic_fetch_or(&c->pending[intid / 32], bit, __ATOMIC_SEQ_CST);

	__atomic_fetch_or(&c->dirty, (uint16_t)(1u << (intid / 32)), __ATOMIC_SEQ_CST);
	return !(old & bit) &&
	       !(__atomic_load_n(&c->in_lr[intid / 32], __ATOMIC_SEQ_CST) & bit);
}

bool vgic_mark_pending(struct vcpu *t, uint32_t intid)
{
	return vgic_pend(t, intid);
}

/*
 * Only the 0 -> 1 transition of the pending bit kicks: a bit already set
 * was either kicked by whoever set it (the target's next flush takes it)
 * or set while disabled (enabling kicks) or while the target was not
 * running (it flushes on its next exit). Nor does a bit set while the
 * previous instance waits pending in one of the target's LRs (in_lr): the
 * target hears when the guest takes that one and re-reads the bit
 * (vgic_coalesce.c). So a notify storm on a receiver that does not take
 * its doorbell costs it a constant number of exits, not one per flush.
 * For the vCPU on this CPU, a free LR takes the interrupt at once
 * (vgic_lr_direct).
 */
void vgic_inject(struct vcpu *v, uint32_t intid)
{
	struct cpu *self;
	struct vcpu *t;

	if (!v || intid >= vgic_dist_of(v->guest)->nr_irqs)
		return;
	t = intid < VGIC_NR_PRIVATE ? v : vgic_target(v, intid);
	self = vcpu_this_cpu();
	if (self && self->vcpu == t && vgic_lr_direct(t, intid))
		return;
	if (vgic_pend(t, intid) && vgic_enabled(t, intid))
		vgic_kick(t);
}

/*
 * An SPI from a device model or a channel, often on another CPU than its
 * target's (a doorbell): what vgic_inject does, with the distributor
 * looked up once and no call to find the target (issue 15).
 */
void vgic_inject_spi(struct guest *g, uint32_t intid)
{
	const struct vgic_dist *d = vgic_dist_of(g);
	struct cpu *self = vcpu_this_cpu();
	const struct vgic_irq *irq;
	struct vcpu *t;

	/* d once, in a register: vgic_pend's atomics would otherwise have GCC
	 * load g->vgic again for the fields read after them */
	__asm__("" : "+r"(d));
	if (intid < VGIC_NR_PRIVATE || intid >= d->nr_irqs)
		return;
	irq = &d->irq[intid];
	t = &g->vcpu[irq->target % g->vcpu_count];
	if (self && self->vcpu == t) {
		vgic_inject(t, intid);      /* a free LR at once, a tail call */
		return;
	}
	if (vgic_pend(t, intid) && vgic_spi_enabled(d, intid))
		vgic_kick(t);
}

void vgic_route(struct guest *g, uint32_t intid, uint64_t irouter)
{
	struct vgic_dist *d = vgic_dist_of(g);
	uint64_t aff0 = irouter & 0xFF;

	/* IRM (bit 31) is RAZ/WI: GICD_TYPER.No1N */
	d->route[intid] = (uint32_t)((irouter >> 8) & 0xFF000000u) |
			  (uint32_t)(irouter & 0xFFFFFF);
	/* Aff3.Aff2.Aff1 are 0 for every vCPU (VMPIDR_EL2 = index) */
	vgic_set_target(g, intid, !(irouter & 0xFF00FFFF00ul) && aff0 < g->vcpu_count
				  ? (uint32_t)aff0 : 0);
}

/* an SPI's target vCPU; a passthrough SPI follows it physically */
void vgic_set_target(struct guest *g, uint32_t intid, uint32_t vcpu)
{
	struct vgic_dist *d = vgic_dist_of(g);

	if (intid < VGIC_NR_PRIVATE || intid >= d->nr_irqs || vcpu >= g->vcpu_count ||
	    d->irq[intid].target == vcpu)
		return;
	d->irq[intid].target = (uint8_t)vcpu;
	vgic_hwirq_sync(g, intid);
}

enum vgic_take vgic_take_irq(struct vcpu *v, uint32_t intid)
{
	const struct layout_board *b = &rt.layout->board;

	if (!vgic_ready())
		return VGIC_NOT_MINE;
	if (vgic_ppi_forwarded(intid))
		return vgic_ppi_take(v, intid);
	if (intid != b->maint_irq)
		return vgic_hwirq_take(v, intid);
	/* underflow or an EOI: the flush on the way back to the guest refills
	 * the LRs and drops what waited for its EOI (vgic_coalesce_sync) */
	if (!v || atomic_load32(&v->state) != VCPU_RUNNING) {
		vgic_hw_set_underflow(0);
		vgic_hw_drop_eoi_lrs();
	}
	return VGIC_TAKEN;
}

void vgic_cpu_init(void)
{
	const struct layout_board *b = &rt.layout->board;

	if (!vgic_ready())
		return;
	vgic_hw_select(b->gic_version, b->gich_pa);
	gic_enable(b->maint_irq);
	vgic_ppi_cpu_init();
}
