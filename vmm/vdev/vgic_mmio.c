// SPDX-License-Identifier: MIT
/*
 * The trapped distributor and redistributor frames (IHI 0069 chapter 12):
 * identification and control registers here, the per-interrupt banks in
 * vgic_bank.c. Affinity routing is always on, with a single security state
 * (GICD_CTLR.ARE and .DS read as one). Offsets we do not model are RAZ/WI
 * and logged once per guest.
 */
#include "core/guest.h"
#include "core/log.h"
#include "core/mmio.h"
#include "vdev/vgic.h"

#define GICD_CTLR    0x0000
#define GICD_TYPER   0x0004
#define GICD_IIDR    0x0008
#define GICD_TYPER2  0x000C
#define GICD_STATUSR 0x0010
#define GICD_ITARGETSR 0x0800
#define GICD_SGIR    0x0F00
#define GICD_IROUTER 0x6000
#define GIC_IDREGS   0xFFD0
#define GIC_PIDR2    0xFFE8

#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_DS  (1u << 6)
#define GICD_TYPER_NO1N (1u << 25)

#define GICR_CTLR    0x0000
#define GICR_IIDR    0x0004
#define GICR_TYPER   0x0008
#define GICR_STATUSR 0x0010
#define GICR_WAKER   0x0014
#define GICR_FRAME   0x20000
#define GICR_SGI     0x10000
#define GICR_WAKER_PS (1u << 1)
#define GICR_WAKER_CA (1u << 2)

/* implementer Arm (JEP106 0x43B), product 'P' for Partita, r0p0 */
#define VGIC_IIDR 0x5000043Bu
/* ArchRev 3: GICv3 */
#define VGIC_PIDR2 0x3Bu

void vgic_log_unknown(struct vcpu *v, const char *where, struct mmio_access *a)
{
	struct vgic_dist *d = vgic_dist_of(v->guest);

	if (d->logged)
		return;
	d->logged = true;
	log_printf("vmm|%s|vgic: %u-byte %s of %s offset 0x%lx ignored (RAZ/WI)\n",
		   v->guest->name, a->width, a->write ? "write" : "read", where, a->offset);
}

static bool vgic_dist_irouter(struct vcpu *v, struct mmio_access *a)
{
	struct vgic_dist *d = vgic_dist_of(v->guest);
	uint32_t intid = (uint32_t)(a->offset - GICD_IROUTER) / 8;
	unsigned shift = (a->offset & 4) ? 32 : 0;
	uint64_t cur;

	if (intid < VGIC_NR_PRIVATE || intid >= d->nr_irqs || a->width < 4)
		return true;
	cur = (uint64_t)(d->route[intid] >> 24) << 32 | (d->route[intid] & 0xFFFFFF);
	if (!a->write) {
		a->value = a->width == 8 ? cur : (cur >> shift) & 0xFFFFFFFFu;
		return true;
	}
	if (a->width == 8)
		cur = a->value;
	else
		cur = (cur & ~(0xFFFFFFFFul << shift)) | (a->value & 0xFFFFFFFFu) << shift;
	vgic_route(v->guest, intid, cur);
	return true;
}

static uint32_t vgic_dist_typer(const struct vgic_dist *d)
{
	/* ITLinesNumber: 32 * (N + 1) INTIDs; IDbits: 10 bits (no LPIs) */
	return (d->nr_irqs / 32 - 1) | (9u << 19) | GICD_TYPER_NO1N;
}

static bool vgic_dist_ctl(struct vcpu *v, struct mmio_access *a)
{
	struct vgic_dist *d = vgic_dist_of(v->guest);

	switch (a->offset) {
	case GICD_CTLR:
		if (a->write)
			d->ctlr = (uint32_t)a->value & 3;   /* EnableGrp0, EnableGrp1 */
		a->value = d->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
		return true;
	case GICD_TYPER: a->value = vgic_dist_typer(d); return true;
	case GICD_IIDR: a->value = VGIC_IIDR; return true;
	case GICD_TYPER2: case GICD_STATUSR: a->value = 0; return true;
	case GIC_PIDR2: a->value = VGIC_PIDR2; return true;
	default: return false;
	}
}

bool vgic_dist_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	uint32_t off = (uint32_t)a->offset;

	if (!a->write)
		a->value = 0;
	if (a->width == 4 && vgic_dist_ctl(v, a))
		return true;
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1020)
		return vgic_dist_irouter(v, a);
	if ((off >= GICD_ITARGETSR && off < 0x0C00) || off == GICD_SGIR ||
	    off >= GIC_IDREGS)
		return true;    /* legacy routing, other ID registers: RAZ/WI */
	if (off < 0x1000 && vgic_bank_access(v, a, off, VGIC_NR_PRIVATE,
					     vgic_dist_of(v->guest)->nr_irqs))
		return true;
	vgic_log_unknown(v, "GICD", a);
	return true;
}

static uint64_t vgic_redist_typer(const struct vcpu *t)
{
	uint64_t last = t->index + 1 == t->guest->vcpu_count;

	/* Affinity = Aff0 = vCPU index (VMPIDR_EL2); Processor_Number; Last */
	return (uint64_t)t->index << 32 | (uint64_t)t->index << 8 | last << 4;
}

static bool vgic_redist_rd(struct vcpu *t, struct mmio_access *a, uint32_t off)
{
	struct vgic_cpu *c = vgic_cpu_of(t);

	if (off == GICR_TYPER || off == GICR_TYPER + 4) {
		uint64_t typer = vgic_redist_typer(t);

		a->value = a->width == 8 ? typer : typer >> (off == GICR_TYPER ? 0 : 32);
		return true;
	}
	if (a->width != 4)
		return false;
	switch (off) {
	case GICR_CTLR: case GICR_STATUSR: return true;
	case GICR_IIDR: if (!a->write) a->value = VGIC_IIDR; return true;
	case GIC_PIDR2: if (!a->write) a->value = VGIC_PIDR2; return true;
	case GICR_WAKER:
		if (a->write)
			c->waker = (uint8_t)(a->value & GICR_WAKER_PS);
		else    /* ChildrenAsleep follows ProcessorSleep at once */
			a->value = c->waker | ((c->waker & GICR_WAKER_PS) ? GICR_WAKER_CA : 0);
		return true;
	default:
		return off >= GIC_IDREGS;
	}
}

bool vgic_redist_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	struct guest *g = v->guest;
	uint32_t frame = (uint32_t)(a->offset / GICR_FRAME);
	uint32_t off = (uint32_t)(a->offset % GICR_FRAME);
	struct vcpu *t;

	if (!a->write)
		a->value = 0;
	if (frame >= g->vcpu_count)
		return true;
	t = &g->vcpu[frame];
	if (off < GICR_SGI ? vgic_redist_rd(t, a, off)
			   : vgic_bank_access(t, a, off - GICR_SGI, 0, VGIC_NR_PRIVATE))
		return true;
	if (off >= GICR_SGI + GIC_IDREGS)
		return true;
	vgic_log_unknown(v, "GICR", a);
	return true;
}
