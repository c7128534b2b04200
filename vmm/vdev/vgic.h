/* SPDX-License-Identifier: MIT */
/*
 * Virtual GIC per guest, of the board's version: GICv3 (IHI 0069) with a
 * trapped distributor and one trapped redistributor per vCPU, or GICv2
 * (IHI 0048, vgic_v2.c) with a trapped distributor and the hardware's
 * virtual CPU interface (GICV) mapped at the guest's GICC. Interrupts are
 * delivered through the list registers of the vCPU's pinned CPU. Anyone
 * may make an interrupt pending (vgic_inject); only the vCPU's own CPU
 * moves pending interrupts into its list registers (vgic_flush, on every
 * return to the guest). Passthrough SPIs (IRQ capabilities, vgic_hwirq.c)
 * are linked to their physical interrupt through the LR HW bit.
 */
#ifndef VDEV_VGIC_H
#define VDEV_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/vpmu.h"
#include "core/guest.h"
#include "partita/layout.h"

struct frame;
struct mmio_access;

#define VGIC_NR_PRIVATE 32
#define VGIC_WORDS (LAYOUT_MAX_VIRQ / 32)
_Static_assert(VGIC_WORDS <= 16, "struct vgic_cpu.dirty has a bit per word");

/* per-interrupt configuration, as the guest programmed it */
struct vgic_irq {
	uint8_t priority;
	uint8_t group;      /* 1: group 1 */
	uint8_t edge;       /* ICFGR: 1 edge, 0 level */
	uint8_t target;     /* SPIs: vCPU index IROUTER names */
	uint8_t targets;    /* GICv2 SPIs: the CPU mask ITARGETSR was given */
};

struct vgic_cpu {
	uint32_t enabled;                    /* SGIs/PPIs: ISENABLER0 */
	struct vgic_irq irq[VGIC_NR_PRIVATE];
	uint32_t pending[VGIC_WORDS];        /* waiting for a list register */
	/*
	 * Bit w: pending[w] may hold a bit the last flush did not place.
	 * Whoever sets a pending bit sets its word's bit here afterwards
	 * (before any kick); the flush clears it before reading the words and
	 * sets the guest's words' bits again if bits stay (disabled, no LR).
	 * 0 lets an exit skip the flush; one bit lets it read one word.
	 */
	uint16_t dirty;
	uint16_t released;                   /* LRs left in_lr for an acknowledge, still pending */
	/* this CPU's own: either set sends an exit's flush the slow way */
	union {
		struct {
			uint8_t underflow;   /* the flush set ICH_HCR_EL2.UIE */
			uint8_t in_lr_on;    /* in_lr bits or released LRs may be set */
		};
		uint16_t slow;
	};
	uint8_t acked;                       /* GICv3: the guest is about to acknowledge */
	uint8_t waker;                       /* GICR_WAKER.ProcessorSleep */
	uint32_t ppi_held;                   /* forwarded PPI active, not yet in an LR */
	uint8_t sgi_src[16];                 /* GICv2: sending vCPUs of each pending SGI */
	/*
	 * SPIs whose instance waits pending in an LR and whose taking the
	 * target will hear of (vgic_coalesce.c): written by the target only,
	 * read by senders, who then set the pending bit without a kick.
	 */
	uint32_t in_lr[VGIC_WORDS];
} __attribute__((aligned(256)));     /* each vCPU's state has cache lines of its own */
/* 256 bytes: vgic_cpus (LAYOUT_MAX_GUESTS x LAYOUT_MAX_VCPUS of them) is
 * part of vmm.bin, whose size bounds where a loader may put the image */
_Static_assert(sizeof(struct vgic_cpu) == 256, "struct vgic_cpu grew");

struct vgic_dist {
	uint32_t ctlr;                       /* EnableGrp0/1 */
	uint32_t nr_irqs;                    /* 32 + spi_count */
	uint32_t enabled[VGIC_WORDS];        /* SPIs (word 0 unused) */
	struct vgic_irq irq[LAYOUT_MAX_VIRQ];    /* SPIs (0..31 unused) */
	uint32_t route[LAYOUT_MAX_VIRQ];         /* IROUTER Aff3.Aff2.Aff1.Aff0 */
	uint16_t hw[LAYOUT_MAX_VIRQ];            /* passthrough: physical INTID, 0 none */
	uint32_t hw_held[VGIC_WORDS];        /* physical instance active, not yet in an LR */
	bool logged;                         /* an unknown offset was logged */
};

/* vgic_take_irq: whose the interrupt is and who deactivates it */
enum vgic_take {
	VGIC_NOT_MINE = 0,
	VGIC_TAKEN = 1,         /* handled: priority drop and deactivate */
	VGIC_TAKEN_HW = 2,      /* in a guest's LR with HW: priority drop only */
};

/* the board has a GICv3: ICH_* registers exist and the vGIC is in use
 * (inline, like vgic_ready: every delivery asks) */
static inline bool vgic_v3(void)
{
	return rt.layout->board.gic_version == 3;
}

/* a GICv3, or a GICv2 with GICH and GICV: guests get a virtual GIC */
static inline bool vgic_ready(void)
{
	const struct layout_board *b = &rt.layout->board;

	return b->gic_version == 3 ||
	       (b->gic_version == 2 && b->gich_pa && b->gicv_pa && b->maint_irq);
}
/* guest build: register the windows, reset the state */
void vgic_attach(struct guest *g);
/* guest restart: every interrupt disabled, idle, default configuration */
void vgic_reset(struct guest *g);
/* a vCPU starts on this CPU: fresh virtual interface, nothing pending */
void vgic_vcpu_start(struct vcpu *v);
/* make intid pending: private ones on v, SPIs on their routed vCPU */
void vgic_inject(struct vcpu *v, uint32_t intid);
void vgic_inject_spi(struct guest *g, uint32_t intid);
/* t runs on this CPU: intid straight into a free LR; false: not placed */
bool vgic_lr_direct(struct vcpu *t, uint32_t intid);
/* the same for an interrupt taken at EL2 for t, linked to phys (HW) */
bool vgic_lr_direct_hw(struct vcpu *t, uint32_t intid, uint32_t phys);
void vgic_flush_pending(struct vcpu *v, struct vgic_cpu *c);
/*
 * On this CPU, before returning to v: fill free list registers. Most
 * exits find nothing injected since the last flush, no underflow to clear
 * and nothing coalesced in an LR: two loads, inline in every exit path.
 */
static inline void vgic_flush(struct vcpu *v)
{
	struct vgic_cpu *c;

	if (!v)
		return;
	c = v->vgic;
	if (__atomic_load_n(&c->dirty, __ATOMIC_SEQ_CST) || c->slow)
		vgic_flush_pending(v, c);
}
/* v has an interrupt to take (pending in an LR or waiting for one) */
bool vgic_vcpu_pending(struct vcpu *v);
/* guest WFI: sleep at EL2 unless something is pending; true: slept */
bool vgic_wfi(struct vcpu *v);
/* this CPU: let the maintenance and virtual-timer PPIs reach EL2 */
void vgic_cpu_init(void);
/* physical interrupt at EL2 for the vGIC (vtimer, maintenance, passthrough) */
enum vgic_take vgic_take_irq(struct vcpu *v, uint32_t intid);
/* trapped ICC_SGI*R_EL1 write, or (TALL0/1) an acknowledge to retry; false: not ours */
bool vgic_sysreg(struct vcpu *v, struct frame *f, uint64_t esr);

/* vgic internals shared between vgic*.c */
extern struct vgic_dist vgic_dists[LAYOUT_MAX_GUESTS];
extern struct vgic_cpu vgic_cpus[LAYOUT_MAX_GUESTS][LAYOUT_MAX_VCPUS];

/* one load (g->vgic, set for every guest before any starts:
 * guest_setup_all), not an index times the 2,892-byte struct */
static inline struct vgic_dist *vgic_dist_of(const struct guest *g)
{
	return g->vgic;
}

/* inline, one load (set by guest_build): every exit looks at its vCPU's dirty flag */
static inline struct vgic_cpu *vgic_cpu_of(const struct vcpu *v)
{
	return v->vgic;
}
struct vcpu *vgic_target(struct vcpu *v, uint32_t intid);
void vgic_retract(struct vcpu *v, uint32_t intid);
/* inline: every list register value asks */
static inline struct vgic_irq *vgic_irq_of(struct vcpu *v, uint32_t intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return &vgic_cpu_of(v)->irq[intid];
	return &vgic_dist_of(v->guest)->irq[intid];
}
/* GICD_CTLR.EnableGrp<group> of an SPI's group */
static inline bool vgic_group_on(const struct vgic_dist *d, const struct vgic_irq *irq)
{
	return (d->ctlr & (irq->group ? 2u : 1u)) != 0;
}

/* an SPI's group enable and its ISENABLER bit, with d at hand */
static inline bool vgic_spi_enabled(const struct vgic_dist *d, uint32_t intid)
{
	return vgic_group_on(d, &d->irq[intid]) &&
	       ((__atomic_load_n(&d->enabled[intid / 32], __ATOMIC_RELAXED) >> (intid % 32)) & 1);
}

/* ISENABLER, and for SPIs GICD_CTLR.EnableGrp<group> too (inline: every
 * delivery asks) */
static inline bool vgic_enabled(struct vcpu *v, uint32_t intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return (__atomic_load_n(&vgic_cpu_of(v)->enabled, __ATOMIC_RELAXED) >> intid) & 1;
	return vgic_spi_enabled(vgic_dist_of(v->guest), intid);
}
void vgic_set_enabled(struct vcpu *v, uint32_t intid, bool on);
void vgic_clear_pending(struct vcpu *v, uint32_t intid);
bool vgic_is_pending(struct vcpu *v, uint32_t intid);
bool vgic_is_active(struct vcpu *v, uint32_t intid);
void vgic_route(struct guest *g, uint32_t intid, uint64_t irouter);
bool vgic_dist_access(struct vcpu *v, struct mmio_access *a, void *priv);
bool vgic_redist_access(struct vcpu *v, struct mmio_access *a, void *priv);
bool vgic_bank_access(struct vcpu *v, struct mmio_access *a, uint32_t off,
		      uint32_t lo, uint32_t hi);
/* coalescing with an LR (vgic_coalesce.c), all on the target's own CPU */
void vgic_coalesce_mark(struct vcpu *v, uint32_t intid, unsigned lr, uint64_t *val);
void vgic_coalesce_sync(struct vcpu *v, struct vgic_cpu *c);
bool vgic_coalesce_trap(struct vcpu *v, uint64_t esr);
/* true when the bit went 0 -> 1 and intid is not in_lr: only then does a
 * running target need a kick */
bool vgic_mark_pending(struct vcpu *t, uint32_t intid);
void vgic_log_unknown(struct vcpu *v, const char *where, struct mmio_access *a);
void vgic_sgi_to(struct vcpu *v, uint32_t targets, uint32_t intid);
/* GICv2 per-source SGI pending state (GICD_SPENDSGIR/CPENDSGIR) */
uint8_t vgic_sgi_sources(struct vcpu *v, uint32_t intid);
void vgic_sgi_clear_sources(struct vcpu *v, uint32_t intid, uint8_t srcs);
void vgic_kick(struct vcpu *t);
/* GICv2 (vgic_v2.c): the trapped distributor */
bool vgic_v2_dist_access(struct vcpu *v, struct mmio_access *a, void *priv);
void vgic_set_target(struct guest *g, uint32_t intid, uint32_t vcpu);
/* PPIs forwarded from the vCPU's own CPU: timers, PMU (vgic_ppi.c) */
/* inline: every physical interrupt taken at EL2 asks */
static inline bool vgic_ppi_forwarded(uint32_t intid)
{
	const struct layout_board *b = &rt.layout->board;

	return intid == b->vtimer_irq || intid == b->ptimer_irq || intid == VPMU_PPI;
}
bool vgic_ppi_level(uint32_t intid);
enum vgic_take vgic_ppi_take(struct vcpu *v, uint32_t intid);
bool vgic_ppi_claim(struct vcpu *v, uint32_t intid);
void vgic_ppi_hold(struct vcpu *v, uint32_t intid);
void vgic_ppi_release(struct vcpu *v, uint32_t intid);
bool vgic_ppi_stale(struct vcpu *v, uint32_t intid);
void vgic_ppi_vcpu_start(struct vcpu *v);
void vgic_ppi_cpu_init(void);
/* passthrough SPIs (vgic_hwirq.c) */
void vgic_hwirq_attach(struct guest *g);
void vgic_hwirq_reset(struct guest *g);
void vgic_hwirq_sync(struct guest *g, uint32_t intid);
void vgic_hwirq_vcpu_start(struct vcpu *v);
void vgic_hwirq_vcpu_mask(struct vcpu *v);
enum vgic_take vgic_hwirq_take(struct vcpu *v, uint32_t phys);
/* an LR will carry intid: true (and no longer held) if it links a physical one */
bool vgic_hwirq_claim(struct vcpu *v, uint32_t intid, uint32_t *phys);
/* intid's held physical instance comes back from an LR, or is dropped */
void vgic_hwirq_hold(struct vcpu *v, uint32_t intid);
void vgic_hwirq_release(struct vcpu *v, uint32_t intid);

#endif /* VDEV_VGIC_H */
