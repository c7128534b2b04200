// SPDX-License-Identifier: MIT
/*
 * A repeated SPI (a channel doorbell) folded into the instance already
 * pending in a list register without a kick per repeat (issue 18). Only
 * the target's CPU sees its LRs, so when its flush finds an SPI pending
 * again while the previous instance still waits pending in an LR, it
 * publishes the SPI in struct vgic_cpu.in_lr and arranges to hear when the
 * guest takes it: GICv3 traps the guest's next group 0/1 CPU interface
 * access, the acknowledge itself (ICH_HCR_EL2.TALL0/TALL1), and folds
 * every repeat made until then, exactly as one pending interrupt; GICv2
 * asks for that LR's EOI maintenance interrupt (GICH_LRn.EOI), and repeats
 * made between the target's last exit and the acknowledge come once more
 * after it (one spurious doorbell at most, never a lost one).
 */
#include "arch/aarch64/sysregs.h"
#include "arch/aarch64/vgic_hw.h"
#include "core/guest.h"
#include "vdev/vgic.h"

/* ESR_EL2 ISS of a trapped ICC_* register: Op0 3, Op1 0, CRn 12 */
#define ICC_ISS_MASK  ((3ul << 20) | (7ul << 14) | (0xFul << 10))
#define ICC_ISS       ((3ul << 20) | (12ul << 10))

/*
 * The target's flush found intid pending again while LR n (value *val)
 * holds it pending: senders may stop kicking. Not for an SPI released to
 * a guest about to acknowledge it: its retried access would trap again.
 */
void vgic_coalesce_mark(struct vcpu *v, uint32_t intid, unsigned lr, uint64_t *val)
{
	struct vgic_cpu *c = vgic_cpu_of(v);
	uint32_t bit = 1u << (intid % 32);

	if ((*val & ICH_LR_HW) || intid < VGIC_NR_PRIVATE || (c->in_lr[intid / 32] & bit) ||
	    ((c->released >> lr) & 1))
		return;
	__atomic_fetch_or(&c->in_lr[intid / 32], bit, __ATOMIC_SEQ_CST);
	c->in_lr_on = 1;
	if (vgic_v3()) {
		vgic_hw_set_trap_ack(1);
	} else {
		*val |= ICH_LR_EOI;
		vgic_hw_lr_write(lr, *val);
	}
}

/*
 * On the target's CPU, first in its flush. An in_lr SPI still pending in
 * its LR stays; taken (or moved by the distributor) it leaves in_lr; when
 * the guest is about to acknowledge (acked) it leaves in_lr for released,
 * where it is not listed again until the guest has taken it: an exit
 * between this flush and the retried access (a sender's kick) must not
 * turn the traps back on, or a steady storm could keep the guest from
 * ever acknowledging. Dekker with vgic_mark_pending: in_lr is cleared
 * (sequentially consistent) before the flush's scan reads the pending
 * bits, a sender sets its bit before it reads in_lr; so a repeat that saw
 * its SPI in an LR and did not kick is seen by this flush's scan.
 */
void vgic_coalesce_sync(struct vcpu *v, struct vgic_cpu *c)
{
	uint32_t all = (1u << vgic_hw_lr_count()) - 1;
	uint32_t busy = ~vgic_hw_empty_lrs() & all;
	uint32_t keep[VGIC_WORDS] = { 0 }, held = 0;
	bool kept = false;

	for (; busy; busy &= busy - 1) {
		unsigned n = (unsigned)__builtin_ctz(busy);
		uint64_t lr = vgic_hw_lr_read(n);
		uint32_t id = ICH_LR_VINTID(lr) & 0x3FF, w = id / 32, bit = 1u << (id % 32);

		if (id >= LAYOUT_MAX_VIRQ || !((c->in_lr[w] & bit) || ((c->released >> n) & 1)))
			continue;
		if ((lr & ICH_LR_PENDING) && (c->in_lr[w] & bit) && !c->acked) {
			keep[w] |= bit;
			kept = true;
		} else if (lr & ICH_LR_PENDING) {
			held |= 1u << n;
		} else if (lr & ICH_LR_EOI) {
			/* GICv2: taken; an active one needs no maintenance at its EOI */
			vgic_hw_lr_write(n, (lr & ICH_LR_ACTIVE) ? lr & ~ICH_LR_EOI : 0);
		}
	}
	for (uint32_t w = 0; w < VGIC_WORDS; w++) {
		if (c->in_lr[w] != keep[w])
			__atomic_store_n(&c->in_lr[w], keep[w], __ATOMIC_SEQ_CST);
	}
	c->released = (uint16_t)held;
	c->in_lr_on = kept || held;
	c->acked = 0;
	if (!kept && vgic_v3())
		vgic_hw_set_trap_ack(0);
}

/*
 * GICv3, a trapped ICC_* group 0/1 access while TALL0/TALL1 are set: the
 * guest is about to acknowledge (or touch its CPU interface). The flush on
 * the way back folds what was notified until now, leaves in_lr and turns
 * the traps off; the access is not advanced over, so it runs again in the
 * hardware. Without the traps on it is not ours (no retry loop).
 */
bool vgic_coalesce_trap(struct vcpu *v, uint64_t esr)
{
	struct vgic_cpu *c = vgic_cpu_of(v);

	if (!vgic_v3() || !c->in_lr_on || (esr & ICC_ISS_MASK) != ICC_ISS ||
	    !vgic_hw_trap_ack_on())
		return false;
	c->acked = 1;
	return true;
}
