// SPDX-License-Identifier: MIT
/*
 * Channel notify: decode (the caller holds the slot as a CHANNEL cap with
 * the NOTIFY flag, the peer guest and its end exist; once per slot, the
 * answer kept), then invoke (make the peer's doorbell SPI pending in its
 * virtual GIC, which kicks its CPU unless the doorbell is already pending
 * for it). Pending is one bit per interrupt, so notifies before the peer
 * takes one collapse into one interrupt and cost the peer a constant
 * number of exits; none is lost. A guest restart resets its virtual GIC
 * (vgic_reset), which clears its pending doorbells.
 */
#include "arch/aarch64/frame.h"
#include "core/channel.h"
#include "core/guest.h"
#include "core/log.h"
#include "vdev/vgic.h"

#define CHANNEL_OTHER_LOGGED 4

/* per guest: refusals already logged, so a looping guest cannot flood */
struct channel_log {
	struct spinlock lock;
	uint32_t slot_bits;                      /* channel slots 96..127 */
	uint32_t other_count;
	uint64_t other[CHANNEL_OTHER_LOGGED];    /* any other slot numbers */
};

static struct channel_log channel_logs[LAYOUT_MAX_GUESTS];

#define CHANNEL_SLOTS (LAYOUT_SLOT_LIMIT - LAYOUT_SLOT_BASE_CHANNEL)

/*
 * Per guest and channel slot: where a notify that passed the decode goes,
 * peer guest index in bits [15:8], the doorbell's INTID in [7:0], bit 31
 * set; 0: not decoded yet. The layout (caps, peers, doorbells) never
 * changes after boot and a guest's restart keeps its caps, so a later
 * notify on the slot is invoked from here without the two cap searches
 * (issue 15). Racing first decodes store the same value.
 */
static uint32_t channel_routes[LAYOUT_MAX_GUESTS][CHANNEL_SLOTS];
_Static_assert(LAYOUT_MAX_GUESTS <= 256 && LAYOUT_MAX_VIRQ <= 256, "channel_routes packing");

#define CHANNEL_ROUTE_OK (1u << 31)

static const struct layout_cap *channel_find(const struct guest *g, uint64_t slot)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		if (g->caps[i].slot == slot)
			return g->caps[i].kind == LAYOUT_CAP_CHANNEL ? &g->caps[i] : 0;
	}
	return 0;
}

/*
 * The peer's end of g's channel cap c, or 0 unless the layout pairs them
 * both ways (same channel, each naming the other) with an SPI doorbell.
 */
static const struct layout_cap *channel_peer_end(const struct guest *g,
						 const struct layout_cap *c,
						 struct guest **peer)
{
	const struct layout_cap *p;

	if (c->peer >= rt.guest_count)
		return 0;
	*peer = &rt.guest[c->peer];
	p = channel_find(*peer, c->peer_slot);
	if (!p || p->object != c->object || p->peer != g->index || p->peer_slot != c->slot)
		return 0;
	return p->virt_irq >= 32 && p->virt_irq < LAYOUT_MAX_VIRQ ? p : 0;
}

/* true the first time this guest is refused for this slot */
static bool channel_first_refusal(struct channel_log *l, uint64_t slot)
{
	bool first = true;

	if (slot - LAYOUT_SLOT_BASE_CHANNEL < LAYOUT_SLOT_LIMIT - LAYOUT_SLOT_BASE_CHANNEL) {
		uint32_t bit = 1u << (slot - LAYOUT_SLOT_BASE_CHANNEL);

		first = !(l->slot_bits & bit);
		l->slot_bits |= bit;
		return first;
	}
	for (uint32_t i = 0; i < l->other_count && first; i++)
		first = l->other[i] != slot;
	if (first && l->other_count < CHANNEL_OTHER_LOGGED)
		l->other[l->other_count++] = slot;
	else if (first)
		first = false;   /* table full: stay quiet rather than flood */
	return first;
}

static void channel_log_refusal(struct guest *g, uint64_t slot, const char *why)
{
	struct channel_log *l = &channel_logs[g->index];
	bool first;

	spin_lock(&l->lock);
	first = channel_first_refusal(l, slot);
	spin_unlock(&l->lock);
	if (first)
		log_printf("vmm|%s|notify refused: slot %lu %s\n", g->name,
			   (unsigned long)slot, why);
}

/* the first notify on a slot: every check, each refusal logged once */
static int64_t channel_notify_check(struct vcpu *v, uint64_t slot)
{
	struct guest *g = v->guest, *peer = 0;
	const struct layout_cap *c = channel_find(g, slot), *p;

	if (!c) {
		channel_log_refusal(g, slot, "is not a channel this guest holds");
		return PARTITA_HVC_BAD_SLOT;
	}
	if (!(c->flags & LAYOUT_CAPF_NOTIFY)) {
		channel_log_refusal(g, slot, "may not notify (no notify right)");
		return PARTITA_HVC_DENIED;
	}
	p = channel_peer_end(g, c, &peer);
	if (!p) {
		channel_log_refusal(g, slot, "has no peer end in the layout");
		return PARTITA_HVC_BAD_SLOT;
	}
	/* channel caps have channel slots (the builder's allocation), but a
	 * layout that says otherwise is only not remembered */
	if (slot - LAYOUT_SLOT_BASE_CHANNEL < CHANNEL_SLOTS)
		__atomic_store_n(&channel_routes[g->index][slot - LAYOUT_SLOT_BASE_CHANNEL],
				 CHANNEL_ROUTE_OK | peer->index << 8 | p->virt_irq, __ATOMIC_RELAXED);
	vgic_inject_spi(peer, p->virt_irq);
	return PARTITA_HVC_OK;
}

/* the answer written here, so that channel_notify's call is a tail call
 * and it keeps no stack frame (issue 15) */
static void __attribute__((noinline)) channel_notify_decode(struct vcpu *v, struct frame *f,
							    uint64_t slot)
{
	f->x[0] = (uint64_t)channel_notify_check(v, slot);
}

void channel_notify(struct vcpu *v, struct frame *f)
{
	uint64_t slot = f->x[1];
	uint32_t route;

	if (slot - LAYOUT_SLOT_BASE_CHANNEL >= CHANNEL_SLOTS ||
	    !(route = __atomic_load_n(&channel_routes[v->guest->index]
						     [slot - LAYOUT_SLOT_BASE_CHANNEL],
				      __ATOMIC_RELAXED))) {
		channel_notify_decode(v, f, slot);
		return;
	}
	/* the answer first: the inject is then a tail call */
	f->x[0] = PARTITA_HVC_OK;
	vgic_inject_spi(&rt.guest[(route >> 8) & 0xFF], route & 0xFF);
}
