// SPDX-License-Identifier: MIT
/*
 * List-register management for the vCPU pinned on this CPU (IHI 0069
 * "ICH_LR<n>_EL2"): move pending, enabled interrupts into free LRs, merge a
 * re-injection with the LR that already holds the interrupt (never two LRs
 * with one vINTID), ask for the underflow maintenance interrupt when LRs run
 * out. A passthrough SPI whose physical instance is held for it goes in
 * with the HW bit (vgic_hwirq.c). Also the vCPU-side answers the
 * distributor needs (pending, active).
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vgic_hw.h"
#include "arch/aarch64/vtimer.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "vdev/vgic.h"

struct vgic_lrs {
	unsigned count;
	uint32_t empty;                  /* bit n: LR n is free */
	uint64_t val[VGIC_HW_MAX_LRS];   /* valid for busy LRs */
};

static bool vgic_on_this_cpu(const struct vcpu *v)
{
	struct cpu *c = vcpu_this_cpu();

	return c && c->vcpu == v;
}

/* only busy LRs are read: most of the time there are none */
static void vgic_lrs_load(struct vgic_lrs *l)
{
	uint32_t busy;

	l->count = vgic_hw_lr_count();
	l->empty = vgic_hw_empty_lrs() & ((1u << l->count) - 1);
	busy = ~l->empty & ((1u << l->count) - 1);
	for (; busy; busy &= busy - 1) {
		unsigned n = (unsigned)__builtin_ctz(busy);

		l->val[n] = vgic_hw_lr_read(n);
	}
}

/* vINTID bits [9:0] match, in mask: [12:10] too (a GICv2 SGI's source);
 * only busy LRs are looked at: most of the time there are none */
static int vgic_lrs_match(const struct vgic_lrs *l, uint32_t vid, uint32_t mask)
{
	uint32_t busy = ~l->empty & ((1u << l->count) - 1);

	for (; busy; busy &= busy - 1) {
		unsigned n = (unsigned)__builtin_ctz(busy);

		if ((ICH_LR_VINTID(l->val[n]) & mask) == vid)
			return (int)n;
	}
	return -1;
}

static int vgic_lrs_find(const struct vgic_lrs *l, uint32_t intid)
{
	return vgic_lrs_match(l, intid, 0x3FF);
}

/* vid: intid, and for a GICv2 SGI its source CPU in bits [12:10] */
static uint64_t vgic_lr_value(struct vcpu *v, uint32_t intid, uint32_t vid)
{
	const struct vgic_irq *irq = vgic_irq_of(v, intid);
	uint64_t val = ICH_LR_PENDING | (irq->group ? ICH_LR_GROUP1 : 0) |
		       (uint64_t)irq->priority << ICH_LR_PRIO_SHIFT | vid;
	uint32_t phys;

	/* SGIs are never linked: no claim to make */
	if (intid >= 16 && vgic_hwirq_claim(v, intid, &phys))
		val |= ICH_LR_HW | (uint64_t)phys << ICH_LR_PINTID_SHIFT;
	return val;
}

/* one pending interrupt into the LRs; false: no free LR */
static bool vgic_place_vid(struct vcpu *v, struct vgic_lrs *l, uint32_t intid, uint32_t vid)
{
	int n = vgic_lrs_match(l, vid, 0x1FFF);

	if (n >= 0) {
		/* already there: active-only becomes pending+active, pending stays;
		 * a held physical instance cannot join a software one */
		if (!(l->val[n] & ICH_LR_HW))
			vgic_hwirq_release(v, intid);
		if (!(l->val[n] & ICH_LR_PENDING)) {
			l->val[n] |= ICH_LR_PENDING;
			vgic_hw_lr_write((unsigned)n, l->val[n]);
		} else {
			/* a repeat while the guest has not taken it: senders stop kicking */
			vgic_coalesce_mark(v, intid, (unsigned)n, &l->val[n]);
		}
		return true;
	}
	if (!l->empty)
		return false;
	n = __builtin_ctz(l->empty);
	l->empty &= ~(1u << n);
	l->val[n] = vgic_lr_value(v, intid, vid);
	vgic_hw_lr_write((unsigned)n, l->val[n]);
	return true;
}

/*
 * A GICv2 SGI: one LR per sending vCPU, its CPUID in vINTID [12:10], so
 * the guest's GICC_IAR names the source and each source's SGI is taken
 * once (IHI 0048 "GICH_LRn"). false: LRs ran out, sources are left.
 */
static bool vgic_place_sgi(struct vcpu *v, struct vgic_lrs *l, uint32_t intid)
{
	struct vgic_cpu *c = vgic_cpu_of(v);
	uint8_t srcs = __atomic_load_n(&c->sgi_src[intid], __ATOMIC_ACQUIRE);

	if (!srcs)
		return vgic_place_vid(v, l, intid, intid);  /* made pending by ISPENDR */
	for (; srcs; srcs &= (uint8_t)(srcs - 1)) {
		uint32_t s = (uint32_t)__builtin_ctz(srcs);

		if (!vgic_place_vid(v, l, intid, intid | s << 10))
			return false;
		__atomic_fetch_and(&c->sgi_src[intid], (uint8_t)~(1u << s), __ATOMIC_ACQ_REL);
	}
	return true;
}

static bool vgic_place(struct vcpu *v, struct vgic_lrs *l, uint32_t intid)
{
	if (intid < 16 && !vgic_v3())
		return vgic_place_sgi(v, l, intid);
	return vgic_place_vid(v, l, intid, intid);
}

/*
 * The common case of an interrupt for the vCPU this CPU runs (its timer, a
 * passthrough SPI, an SGI to itself on GICv3): enabled, not waiting in the
 * bitmap already, in no LR, and an LR free: straight into that LR, with
 * no bitmap, no kick and nothing for the flush (issue 15). false: the
 * caller marks it pending and the flush places it.
 */
/* t can take intid straight into an LR: its number, or -1 */
static int vgic_lr_free(struct vcpu *t, uint32_t intid)
{
	uint32_t bit = 1u << (intid % 32), empty, busy, all;

	if (!vgic_enabled(t, intid) ||
	    (__atomic_load_n(&vgic_cpu_of(t)->pending[intid / 32], __ATOMIC_ACQUIRE) & bit))
		return -1;
	all = (1u << vgic_hw_lr_count()) - 1;
	empty = vgic_hw_empty_lrs() & all;
	if (!empty)
		return -1;
	for (busy = ~empty & all; busy; busy &= busy - 1) {
		if ((ICH_LR_VINTID(vgic_hw_lr_read((unsigned)__builtin_ctz(busy))) & 0x3FF) == intid)
			return -1;
	}
	return __builtin_ctz(empty);
}

bool vgic_lr_direct(struct vcpu *t, uint32_t intid)
{
	int n;

	if (!vgic_on_this_cpu(t) || (intid < 16 && !vgic_v3()) || !vgic_ready() ||
	    atomic_load32(&t->state) != VCPU_RUNNING || (n = vgic_lr_free(t, intid)) < 0)
		return false;
	vgic_hw_lr_write((unsigned)n, vgic_lr_value(t, intid, intid));
	return true;
}

/*
 * A forwarded PPI or a passthrough SPI just taken at EL2 for t, the
 * running vCPU of this CPU (the caller knows): straight into a free LR
 * linked to phys, never held (issue 15). false: the caller holds it and
 * injects (the flush links it later).
 */
bool vgic_lr_direct_hw(struct vcpu *t, uint32_t intid, uint32_t phys)
{
	struct vgic_cpu *c = vgic_cpu_of(t);
	const struct vgic_irq *irq;
	uint32_t all = (1u << vgic_hw_lr_count()) - 1, empty, busy;

	/* a PPI's state is all in its vCPU's struct: no distributor to ask */
	if (intid < VGIC_NR_PRIVATE) {
		if (!((__atomic_load_n(&c->enabled, __ATOMIC_RELAXED) >> intid) & 1))
			return false;
		irq = &c->irq[intid];
	} else {
		if (!vgic_enabled(t, intid))
			return false;
		irq = &vgic_dist_of(t->guest)->irq[intid];
	}
	if ((__atomic_load_n(&c->pending[intid / 32], __ATOMIC_ACQUIRE) >> (intid % 32)) & 1)
		return false;
	empty = vgic_hw_empty_lrs() & all;
	if (!empty)
		return false;
	for (busy = ~empty & all; busy; busy &= busy - 1) {
		if ((ICH_LR_VINTID(vgic_hw_lr_read((unsigned)__builtin_ctz(busy))) & 0x3FF) == intid)
			return false;
	}
	vgic_hw_lr_write((unsigned)__builtin_ctz(empty), ICH_LR_PENDING | ICH_LR_HW |
			 (irq->group ? ICH_LR_GROUP1 : 0) |
			 (uint64_t)irq->priority << ICH_LR_PRIO_SHIFT |
			 (uint64_t)phys << ICH_LR_PINTID_SHIFT | intid);
	return true;
}

/* SGIs, then PPIs, then SPIs: Linux gives them all one priority */
/* the bitmap words the guest's interrupts can be in */
static uint32_t vgic_words(const struct vcpu *v)
{
	return (vgic_dist_of(v->guest)->nr_irqs + 31) / 32;
}

/*
 * The only pending interrupt of c in the words whose dirty bits are in
 * words (no other word holds one: vgic_cpu.dirty), or ~0u: none. false:
 * more than one bit is set (the general scan places them).
 */
static inline bool vgic_single_pending(struct vgic_cpu *c, uint32_t words, uint32_t *intid)
{
	*intid = ~0u;
	for (; words; words &= words - 1) {
		uint32_t w = (uint32_t)__builtin_ctz(words);
		uint32_t bits = __atomic_load_n(&c->pending[w], __ATOMIC_SEQ_CST);

		if (!bits)
			continue;
		if (*intid != ~0u || (bits & (bits - 1)))
			return false;
		*intid = w * 32 + (uint32_t)__builtin_ctz(bits);
	}
	return true;
}

/* what the one-interrupt flush leaves to do: these, or VGIC_ONE_PLACE |
 * the vINTID vgic_flush_place writes */
#define VGIC_ONE_SCAN  0xFFFFFFFFu      /* not its case: the general scan */
#define VGIC_ONE_DONE  0xFFFFFFFEu      /* placed, or nothing pending */
#define VGIC_ONE_PLACE (1u << 16)

/*
 * The one-interrupt flush's case that needs calls: an interrupt with a
 * physical one to claim (a forwarded PPI, a passthrough SPI). Apart, so
 * that the SGI and doorbell case saves no registers on GICv3.
 */
static void __attribute__((noinline)) vgic_flush_place(struct vcpu *v, struct vgic_cpu *c,
						       uint32_t intid)
{
	vgic_hw_lr_write(0, vgic_lr_value(v, intid, intid));
	__atomic_fetch_and(&c->pending[intid / 32], ~(1u << (intid % 32)), __ATOMIC_ACQ_REL);
}

/*
 * The usual flush after a kick: one interrupt pending (an IPI, a
 * doorbell), enabled, every LR empty, no underflow asked and nothing
 * coalesced (c->slow 0): nothing to merge with and no bookkeeping, so
 * into LR 0 straight (issue 15). Apart from the general scan
 * (vgic_flush_scan), whose stack frame and spills it does not pay for,
 * and on GICv3 (v2 false, a constant) for an SGI or a doorbell without a
 * call. VGIC_ONE_SCAN, having changed nothing but the dirty flag (which
 * the general scan clears again before its own reads): the general scan
 * runs. The LR is written before the pending bit is cleared: a sender
 * that finds the bit still set between the two merges with an instance
 * that is pending in LR 0, which is what a second SGI or doorbell to a
 * pending interrupt is (IHI 0069 "Interrupt lifecycle"); a GICv2 source
 * that sent meanwhile is seen in sgi_src after the clear and stays.
 */
static inline __attribute__((always_inline)) uint32_t
vgic_flush_one(struct vcpu *v, struct vgic_cpu *c, bool v2)
{
	uint32_t nlrs = vgic_hw_lr_count(), all = (1u << nlrs) - 1, words, id, vid;
	const struct vgic_irq *irq;
	uint8_t srcs = 0;

	/* no list registers: no vGIC on this board (vgic_cpu_init) */
	if (c->slow || !nlrs || atomic_load32(&v->state) != VCPU_RUNNING)
		return VGIC_ONE_SCAN;
	/* taken before the bits are read: an inject they miss sets it again */
	words = __atomic_exchange_n(&c->dirty, 0, __ATOMIC_SEQ_CST);
	if (((v2 ? gic_v2_hyp_empty_lrs() : (uint32_t)sysreg_read(S3_4_C12_C11_5)) & all) != all ||
	    !vgic_single_pending(c, words, &id))
		return VGIC_ONE_SCAN;
	if (id == ~0u)
		return VGIC_ONE_DONE;
	vid = id;
	if (id < 16) {
		/* an SGI: its enable and configuration are all in c, never linked */
		if (!((__atomic_load_n(&c->enabled, __ATOMIC_RELAXED) >> id) & 1))
			return VGIC_ONE_SCAN;
		if (v2) {
			/* from one source (several, or none: the general scan) */
			srcs = __atomic_load_n(&c->sgi_src[id], __ATOMIC_ACQUIRE);
			if (!srcs || (srcs & (srcs - 1)))
				return VGIC_ONE_SCAN;
			vid |= (uint32_t)__builtin_ctz(srcs) << 10;
		}
		irq = &c->irq[id];
	} else if (id >= VGIC_NR_PRIVATE) {
		const struct vgic_dist *d = vgic_dist_of(v->guest);

		/* d once, in a register (not worked out again per field) */
		__asm__("" : "+r"(d));
		irq = &d->irq[id];
		if (!vgic_spi_enabled(d, id))
			return VGIC_ONE_SCAN;
		/* a doorbell has no physical interrupt to claim */
		if (d->hw[id])
			return VGIC_ONE_PLACE | id;
	} else {
		/* a held PPI may be stale: the general scan */
		if (((__atomic_load_n(&c->ppi_held, __ATOMIC_ACQUIRE) >> id) & 1) ||
		    !vgic_enabled(v, id))
			return VGIC_ONE_SCAN;
		return VGIC_ONE_PLACE | id;
	}
	/* each copy is for the interface in use: no second test of it */
	if (v2 != vgic_hw_v2)
		__builtin_unreachable();
	vgic_hw_lr0_write_soft(vid, irq->group, irq->priority);
	if (srcs)
		__atomic_fetch_and(&c->sgi_src[id], (uint8_t)~srcs, __ATOMIC_ACQ_REL);
	__atomic_fetch_and(&c->pending[id / 32], ~(1u << (id % 32)), __ATOMIC_ACQ_REL);
	/* a source that sent while we placed stays pending */
	if (srcs && __atomic_load_n(&c->sgi_src[id], __ATOMIC_ACQUIRE))
		vgic_mark_pending(v, id);
	return VGIC_ONE_DONE;
}

static void vgic_flush_scan(struct vcpu *v, struct vgic_cpu *c);

/* the flush's tail: the general scan or vgic_flush_place (tail calls) */
static inline __attribute__((always_inline)) void
vgic_flush_rest(struct vcpu *v, struct vgic_cpu *c, uint32_t one)
{
	if (one == VGIC_ONE_SCAN)
		vgic_flush_scan(v, c);
	else if (one != VGIC_ONE_DONE)
		vgic_flush_place(v, c, one & 0x3FF);
}

/* GICv2 (v2 a constant in each copy of vgic_flush_one): a GICv2 SGI's
 * sources need calls the GICv3 case does not */
static void __attribute__((noinline)) vgic_flush_pending_v2(struct vcpu *v, struct vgic_cpu *c)
{
	vgic_flush_rest(v, c, vgic_flush_one(v, c, true));
}

void vgic_flush_pending(struct vcpu *v, struct vgic_cpu *c)
{
	if (vgic_hw_v2)
		vgic_flush_pending_v2(v, c);
	else
		vgic_flush_rest(v, c, vgic_flush_one(v, c, false));
}

static void __attribute__((noinline)) vgic_flush_scan(struct vcpu *v, struct vgic_cpu *c)
{
	struct vgic_lrs l;
	bool more = false, left = false;
	uint32_t words = vgic_words(v);

	if (atomic_load32(&v->state) != VCPU_RUNNING || !vgic_ready())
		return;
	/* an SPI in_lr first: it may leave in_lr, and the scan reads its bit */
	if (c->in_lr_on)
		vgic_coalesce_sync(v, c);
	/* cleared before the scan: an inject the scan misses sets it again */
	__atomic_store_n(&c->dirty, 0, __ATOMIC_SEQ_CST);
	l.count = 0;
	for (uint32_t w = 0; w < words; w++) {
		uint32_t bits = __atomic_load_n(&c->pending[w], __ATOMIC_SEQ_CST);

		while (bits && !more) {
			uint32_t b = (uint32_t)__builtin_ctz(bits), intid = w * 32 + b;

			bits &= bits - 1;
			/* only a held forwarded PPI can be stale */
			if (w == 0 && ((__atomic_load_n(&c->ppi_held, __ATOMIC_ACQUIRE) >> b) & 1) &&
			    vgic_ppi_stale(v, intid)) {
				__atomic_fetch_and(&c->pending[0], ~(1u << b), __ATOMIC_ACQ_REL);
				continue;
			}
			if (!vgic_enabled(v, intid)) {
				left = true;
				continue;
			}
			if (!l.count)
				vgic_lrs_load(&l);
			if (!vgic_place(v, &l, intid)) {
				more = true;
				break;
			}
			__atomic_fetch_and(&c->pending[w], ~(1u << b), __ATOMIC_ACQ_REL);
			/* a source that sent while we placed stays pending */
			if (intid < 16 && __atomic_load_n(&c->sgi_src[intid], __ATOMIC_ACQUIRE))
				vgic_mark_pending(v, intid);
		}
		if (bits)
			left = true;
	}
	if (more || left)
		__atomic_store_n(&c->dirty, (uint16_t)((1u << words) - 1), __ATOMIC_RELAXED);
	/*
	 * Underflow fires while at most one LR is valid: with a single LR that
	 * is always, a storm; such a CPU waits for its next exit instead.
	 */
	if (c->underflow || (more && l.count > 1)) {
		c->underflow = more && l.count > 1;
		vgic_hw_set_underflow((int)c->underflow);
	}
}

/* an enabled bit in the words whose dirty bits are set (vgic_cpu.dirty) */
static bool __attribute__((noinline)) vgic_dirty_pending(struct vcpu *v, struct vgic_cpu *c,
							 uint32_t words)
{
	for (; words; words &= words - 1) {
		uint32_t w = (uint32_t)__builtin_ctz(words);
		uint32_t bits = __atomic_load_n(&c->pending[w], __ATOMIC_ACQUIRE);

		for (; bits; bits &= bits - 1) {
			if (vgic_enabled(v, w * 32 + (uint32_t)__builtin_ctz(bits)))
				return true;
		}
	}
	return false;
}

/* the words a sender marked, then the LRs (most often all empty) */
bool vgic_vcpu_pending(struct vcpu *v)
{
	struct vgic_cpu *c = vgic_cpu_of(v);
	uint32_t all = (1u << vgic_hw_lr_count()) - 1, busy;
	uint32_t words = __atomic_load_n(&c->dirty, __ATOMIC_SEQ_CST);

	if (words && vgic_dirty_pending(v, c, words))
		return true;
	busy = ~vgic_hw_empty_lrs() & all;
	for (; busy; busy &= busy - 1) {
		if (vgic_hw_lr_read((unsigned)__builtin_ctz(busy)) & ICH_LR_PENDING)
			return true;
	}
	return false;
}

static uint64_t vgic_lr_state(struct vcpu *v, uint32_t intid)
{
	struct vgic_lrs l;
	int n;

	if (!vgic_on_this_cpu(v) || !vgic_ready())
		return 0;   /* another CPU's LRs: not visible from here */
	vgic_lrs_load(&l);
	n = vgic_lrs_find(&l, intid);
	return n < 0 ? 0 : l.val[n] & (ICH_LR_PENDING | ICH_LR_ACTIVE);
}

/*
 * A forwarded PPI of this CPU is pending while its line is high (level
 * tracking); with the line low, an instance still held or listed only as
 * pending is dropped and the physical one deactivated. A bit set through
 * ISPENDR stays (the software latch).
 */
static bool vgic_ppi_pending(struct vcpu *t, uint32_t intid)
{
	struct vgic_cpu *c = vgic_cpu_of(t);
	const uint64_t hw_pending = ICH_LR_HW | ICH_LR_PENDING;
	struct vgic_lrs l;
	int n;

	if (vgic_ppi_level(intid))
		return true;
	if (vgic_ppi_stale(t, intid))
		__atomic_fetch_and(&c->pending[0], ~(1u << intid), __ATOMIC_ACQ_REL);
	vgic_lrs_load(&l);
	n = vgic_lrs_find(&l, intid);
	if (n >= 0 && (l.val[n] & (hw_pending | ICH_LR_ACTIVE)) == hw_pending) {
		vgic_hw_lr_write((unsigned)n, 0);
		gic_clear_active(intid);
		n = -1;
	}
	return ((__atomic_load_n(&c->pending[0], __ATOMIC_ACQUIRE) >> intid) & 1) ||
	       (n >= 0 && (l.val[n] & ICH_LR_PENDING));
}

bool vgic_is_pending(struct vcpu *v, uint32_t intid)
{
	struct vcpu *t = vgic_target(v, intid);
	uint32_t word;

	if (intid < VGIC_NR_PRIVATE && vgic_on_this_cpu(t) && vgic_ready() &&
	    vgic_ppi_forwarded(intid))
		return vgic_ppi_pending(t, intid);
	word = __atomic_load_n(&vgic_cpu_of(t)->pending[intid / 32], __ATOMIC_ACQUIRE);
	return ((word >> (intid % 32)) & 1) || (vgic_lr_state(t, intid) & ICH_LR_PENDING);
}

/*
 * GICv2 GICD_SPENDSGIR/CPENDSGIR (IHI 0048): bit n of SGI intid's byte is
 * "pending from CPU interface n": sources still waiting, and on the
 * vCPU's own CPU those pending in its list registers.
 */
uint8_t vgic_sgi_sources(struct vcpu *v, uint32_t intid)
{
	uint8_t srcs = __atomic_load_n(&vgic_cpu_of(v)->sgi_src[intid], __ATOMIC_ACQUIRE);
	struct vgic_lrs l;

	if (!vgic_on_this_cpu(v) || !vgic_ready())
		return srcs;
	vgic_lrs_load(&l);
	for (unsigned n = 0; n < l.count; n++) {
		uint32_t vid = ICH_LR_VINTID(l.val[n]);

		if (!((l.empty >> n) & 1) && (vid & 0x3FF) == intid && (l.val[n] & ICH_LR_PENDING))
			srcs |= (uint8_t)(1u << ((vid >> 10) & 7));
	}
	return srcs;
}

/* drop the pending state of SGI intid from the sources in srcs */
void vgic_sgi_clear_sources(struct vcpu *v, uint32_t intid, uint8_t srcs)
{
	struct vgic_cpu *c = vgic_cpu_of(v);
	struct vgic_lrs l;

	if (!(__atomic_and_fetch(&c->sgi_src[intid], (uint8_t)~srcs, __ATOMIC_ACQ_REL)))
		__atomic_fetch_and(&c->pending[0], ~(1u << intid), __ATOMIC_ACQ_REL);
	if (!vgic_on_this_cpu(v) || !vgic_ready())
		return;
	vgic_lrs_load(&l);
	for (unsigned n = 0; n < l.count; n++) {
		uint32_t vid = ICH_LR_VINTID(l.val[n]);

		if (((l.empty >> n) & 1) || (vid & 0x3FF) != intid ||
		    !((srcs >> ((vid >> 10) & 7)) & 1) || !(l.val[n] & ICH_LR_PENDING))
			continue;
		vgic_hw_lr_write(n, (l.val[n] & ICH_LR_ACTIVE) ? l.val[n] & ~ICH_LR_PENDING : 0);
	}
}

bool vgic_is_active(struct vcpu *v, uint32_t intid)
{
	return (vgic_lr_state(vgic_target(v, intid), intid) & ICH_LR_ACTIVE) != 0;
}

void vgic_clear_pending(struct vcpu *v, uint32_t intid)
{
	struct vcpu *t = vgic_target(v, intid);
	struct vgic_lrs l;
	int n;

	__atomic_fetch_and(&vgic_cpu_of(t)->pending[intid / 32], ~(1u << (intid % 32)),
			   __ATOMIC_ACQ_REL);
	vgic_hwirq_release(t, intid);
	if (!vgic_on_this_cpu(t) || !vgic_ready())
		return;
	vgic_lrs_load(&l);
	n = vgic_lrs_find(&l, intid);
	if (n < 0 || !(l.val[n] & ICH_LR_PENDING))
		return;
	if ((l.val[n] & (ICH_LR_HW | ICH_LR_ACTIVE)) == ICH_LR_HW) {
		/* the pending instance was the physical one: let it go */
		vgic_hw_lr_write((unsigned)n, 0);
		gic_clear_active(ICH_LR_PINTID(l.val[n]));
		return;
	}
	vgic_hw_lr_write((unsigned)n, l.val[n] & ~ICH_LR_PENDING);
}

/* an interrupt disabled while it waits in an LR goes back to the bitmap */
void vgic_retract(struct vcpu *v, uint32_t intid)
{
	struct vcpu *t = vgic_target(v, intid);
	struct vgic_lrs l;
	int n;

	if (!vgic_on_this_cpu(t) || !vgic_ready())
		return;
	vgic_lrs_load(&l);
	n = vgic_lrs_find(&l, intid);
	if (n < 0 || (l.val[n] & ICH_LR_ACTIVE) || !(l.val[n] & ICH_LR_PENDING))
		return;
	vgic_hw_lr_write((unsigned)n, 0);
	if (l.val[n] & ICH_LR_HW)
		vgic_hwirq_hold(t, intid);
	if (intid < 16 && !vgic_v3())
		__atomic_fetch_or(&vgic_cpu_of(t)->sgi_src[intid],
				  (uint8_t)(1u << ((ICH_LR_VINTID(l.val[n]) >> 10) & 7)), __ATOMIC_ACQ_REL);
	vgic_mark_pending(t, intid);
}

void vgic_vcpu_start(struct vcpu *v)
{
	struct vgic_cpu *c = vgic_cpu_of(v);

	if (!vgic_ready())
		return;
	vgic_hw_reset();
	c->underflow = 0;
	c->in_lr_on = 0;
	c->acked = 0;
	c->released = 0;
	for (uint32_t w = 0; w < VGIC_WORDS; w++)
		__atomic_store_n(&c->in_lr[w], 0, __ATOMIC_RELEASE);
	__atomic_store_n(&c->pending[0], 0, __ATOMIC_RELEASE);
	for (uint32_t i = 0; i < 16; i++)
		__atomic_store_n(&c->sgi_src[i], 0, __ATOMIC_RELEASE);
	c->waker = 1u << 1;
	vgic_ppi_vcpu_start(v);
	vgic_hwirq_vcpu_start(v);
}

/*
 * A trapped WFI (a CPU with a plan, or a GIC that needs it: vcpu_arch.c)
 * sleeps here. A kick or a timer interrupt arriving after the check stays
 * pending at the physical GIC, so wfi returns at once: no lost wake-up.
 * The sleep is bounded by the guest's own EL1 timers through this CPU's
 * EL2 timer (its other deadlines, a window end, stay armed beside it):
 * whatever becomes of the timer's own PPI (a GIC that leaves it
 * unsignalled, gic_stale_hw_deactivate; an erratum), the CPU is awake at
 * EL2 when the guest's timer fires, and taking that EL2 interrupt makes
 * the GIC signal what is pending, the timer's PPI included.
 */
bool vgic_wfi(struct vcpu *v)
{
	struct cpu *c;
	uint64_t at;

	if (!vgic_ready() || vgic_vcpu_pending(v))
		return false;
	c = vcpu_this_cpu();
	at = vtimer_deadline();
	if (at)
		htimer_set(c, HTIMER_WFI, at);
	__asm__ volatile("dsb sy; wfi" ::: "memory");
	if (at)
		htimer_set(c, HTIMER_WFI, 0);
	return true;
}
