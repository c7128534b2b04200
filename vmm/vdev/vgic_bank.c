// SPDX-License-Identifier: MIT
/*
 * The per-interrupt register banks that the distributor (SPIs) and each
 * redistributor's SGI_base frame (SGIs, PPIs) lay out identically (IHI 0069
 * "GICD_IGROUPR<n>" ... "GICD_ICFGR<n>", "GICR_IGROUPR0" ...): a register
 * covers 32 (1 bit each), 4 (priority bytes) or 16 (2-bit config) INTIDs.
 */
#include "core/guest.h"
#include "core/mmio.h"
#include "vdev/vgic.h"

enum vgic_bank_kind {
	BANK_NONE, BANK_GROUP, BANK_SENABLE, BANK_CENABLE, BANK_SPEND, BANK_CPEND,
	BANK_SACTIVE, BANK_CACTIVE, BANK_PRIO, BANK_CFG, BANK_RAZWI,
};

struct vgic_bank_reg {
	uint32_t base, end;     /* [base, end) offsets in the frame */
	uint8_t kind, bits;     /* bits per interrupt */
};

static const struct vgic_bank_reg vgic_bank_regs[] = {
	{ 0x0080, 0x0100, BANK_GROUP, 1 },
	{ 0x0100, 0x0180, BANK_SENABLE, 1 },
	{ 0x0180, 0x0200, BANK_CENABLE, 1 },
	{ 0x0200, 0x0280, BANK_SPEND, 1 },
	{ 0x0280, 0x0300, BANK_CPEND, 1 },
	{ 0x0300, 0x0380, BANK_SACTIVE, 1 },
	{ 0x0380, 0x0400, BANK_CACTIVE, 1 },
	{ 0x0400, 0x0800, BANK_PRIO, 8 },
	{ 0x0C00, 0x0D00, BANK_CFG, 2 },
	{ 0x0D00, 0x0D80, BANK_RAZWI, 1 },   /* IGRPMODR: one security state */
	{ 0x0E00, 0x0F00, BANK_RAZWI, 2 },   /* NSACR */
};

static const struct vgic_bank_reg *vgic_bank_find(uint32_t off)
{
	for (unsigned i = 0; i < sizeof(vgic_bank_regs) / sizeof(vgic_bank_regs[0]); i++) {
		if (off >= vgic_bank_regs[i].base && off < vgic_bank_regs[i].end)
			return &vgic_bank_regs[i];
	}
	return 0;
}

static uint32_t vgic_bank_get(struct vcpu *v, uint8_t kind, uint32_t intid)
{
	const struct vgic_irq *irq = vgic_irq_of(v, intid);

	switch (kind) {
	case BANK_GROUP: return irq->group;
	case BANK_SENABLE: case BANK_CENABLE: return vgic_enabled(v, intid);
	case BANK_SPEND: case BANK_CPEND: return vgic_is_pending(v, intid);
	case BANK_SACTIVE: case BANK_CACTIVE: return vgic_is_active(v, intid);
	case BANK_PRIO: return irq->priority;
	case BANK_CFG: return irq->edge ? 2 : 0;
	default: return 0;
	}
}

static void vgic_bank_set(struct vcpu *v, uint8_t kind, uint32_t intid, uint32_t val)
{
	struct vgic_irq *irq = vgic_irq_of(v, intid);

	switch (kind) {
	case BANK_GROUP: irq->group = val & 1; break;
	case BANK_SENABLE: if (val) vgic_set_enabled(v, intid, true); break;
	case BANK_CENABLE: if (val) vgic_set_enabled(v, intid, false); break;
	case BANK_SPEND: if (val) vgic_inject(v, intid); break;
	case BANK_CPEND: if (val) vgic_clear_pending(v, intid); break;
	case BANK_PRIO: irq->priority = (uint8_t)val; break;
	case BANK_CFG:
		if (intid >= 16)    /* SGIs are edge, read-only */
			irq->edge = (val >> 1) & 1;
		break;
	default: break;     /* active state is the CPU interface's; RAZ/WI */
	}
}

/*
 * off: offset in the frame; lo/hi: INTIDs this frame owns (others RAZ/WI).
 * v: the vCPU whose private interrupts this frame shows.
 */
bool vgic_bank_access(struct vcpu *v, struct mmio_access *a, uint32_t off,
		      uint32_t lo, uint32_t hi)
{
	const struct vgic_bank_reg *r = vgic_bank_find(off);
	uint32_t first, count, mask;
	uint64_t val = 0;

	if (!r)
		return false;
	if (a->width > 4 || (r->bits != 8 && a->width != 4))
		return true;    /* only priorities are byte-accessible: ignore */
	first = (off - r->base) * 8 / r->bits;
	count = a->width * 8 / r->bits;
	mask = (1u << r->bits) - 1;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t intid = first + i;

		if (intid < lo || intid >= hi)
			continue;
		if (a->write)
			vgic_bank_set(v, r->kind, intid, (uint32_t)(a->value >> (i * r->bits)) & mask);
		else
			val |= (uint64_t)(vgic_bank_get(v, r->kind, intid) & mask) << (i * r->bits);
	}
	if (!a->write)
		a->value = val;
	return true;
}
