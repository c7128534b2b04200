// SPDX-License-Identifier: MIT
/*
 * The trapped GICv2 distributor (IHI 0048 "Distributor register map"), one
 * 4 KiB frame. The per-interrupt banks are the GICv3 ones (vgic_bank.c);
 * INTIDs 0-31 are banked per vCPU in the frame itself, so the accessing
 * vCPU is the one whose private interrupts it sees. GICv2-only here: the
 * 8-bit CPU targets (ITARGETSR; CPU interface n is vCPU n) and GICD_SGIR.
 * The guest has no Security Extensions: GICD_CTLR bit 0 enables both
 * groups. The CPU interface is the hardware's GICV, mapped by vgic.c.
 */
#include "core/guest.h"
#include "core/mmio.h"
#include "vdev/vgic.h"

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_IIDR       0x008
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xC00
#define GICD_SGIR       0xF00
#define GICD_CPENDSGIR  0xF10
#define GICD_SPENDSGIR  0xF20
#define GICD_SGIR_END   0xF30
#define GIC_IDREGS      0xFD0
#define GIC_PIDR2       0xFE8

/* implementer Arm (JEP106 0x43B), product 'P' for Partita, r0p0 */
#define VGIC_V2_IIDR  0x5000043Bu
/* ArchRev 2: GICv2 */
#define VGIC_V2_PIDR2 0x2Bu

#define SGIR_FILTER(x)  (((x) >> 24) & 3)
#define SGIR_TARGETS(x) (((x) >> 16) & 0xFF)
#define SGIR_INTID(x)   ((x) & 0xF)

static uint32_t vgic_v2_typer(const struct vcpu *v)
{
	const struct vgic_dist *d = vgic_dist_of(v->guest);

	/* ITLinesNumber [4:0], CPUNumber [7:5], no Security Extensions */
	return (d->nr_irqs / 32 - 1) | (v->guest->vcpu_count - 1) << 5;
}

/* TargetListFilter: 0 the list, 1 every other vCPU, 2 the sender */
static void vgic_v2_sgir(struct vcpu *v, uint32_t val)
{
	uint32_t all = (1u << v->guest->vcpu_count) - 1;

	switch (SGIR_FILTER(val)) {
	case 0: vgic_sgi_to(v, SGIR_TARGETS(val) & all, SGIR_INTID(val)); break;
	case 1: vgic_sgi_to(v, all & ~(1u << v->index), SGIR_INTID(val)); break;
	case 2: vgic_sgi_to(v, 1u << v->index, SGIR_INTID(val)); break;
	default: break;
	}
}

/* one byte per INTID: private ones name the reader, SPIs their target */
static bool vgic_v2_targets(struct vcpu *v, struct mmio_access *a, uint32_t off)
{
	struct guest *g = v->guest;
	uint32_t first = off - GICD_ITARGETSR;
	uint64_t val = 0;

	if (a->width != 1 && a->width != 4)
		return true;
	for (uint32_t i = 0; i < a->width; i++) {
		uint32_t intid = first + i;
		uint8_t mask;

		if (intid >= vgic_dist_of(g)->nr_irqs)
			continue;
		if (intid < VGIC_NR_PRIVATE) {
			val |= (uint64_t)(1u << v->index) << (8 * i);
			continue;
		}
		if (!a->write) {
			/* what was written (CPUs that do not exist read as 0),
			 * or before any write the one vCPU it goes to */
			mask = vgic_dist_of(g)->irq[intid].targets;
			val |= (uint64_t)(mask ? mask : 1u << vgic_target(v, intid)->index) << (8 * i);
			continue;
		}
		/* several CPUs named: the first present one takes it (1-of-N) */
		mask = (uint8_t)(a->value >> (8 * i)) & ((1u << g->vcpu_count) - 1);
		vgic_dist_of(g)->irq[intid].targets = mask;
		if (mask)
			vgic_set_target(g, intid, (uint32_t)__builtin_ctz(mask));
	}
	if (!a->write)
		a->value = val;
	return true;
}

/*
 * GICD_CPENDSGIR/SPENDSGIR: a byte per SGI of the accessing vCPU, a bit per
 * source CPU interface. Setting a bit makes the SGI pending from that
 * source (one of the guest's vCPUs), clearing drops that source's.
 */
static bool vgic_v2_sgi_pend(struct vcpu *v, struct mmio_access *a, uint32_t off)
{
	bool set = off >= GICD_SPENDSGIR;
	uint32_t first = off - (set ? GICD_SPENDSGIR : GICD_CPENDSGIR);
	uint8_t all = (uint8_t)((1u << v->guest->vcpu_count) - 1);
	uint64_t val = 0;

	if (a->width != 1 && a->width != 4)
		return true;
	for (uint32_t i = 0; i < a->width && first + i < 16; i++) {
		uint32_t intid = first + i;
		uint8_t bits = (uint8_t)(a->value >> (8 * i)) & all;

		if (!a->write) {
			val |= (uint64_t)vgic_sgi_sources(v, intid) << (8 * i);
		} else if (!set) {
			if (bits)
				vgic_sgi_clear_sources(v, intid, bits);
		} else if (bits) {
			__atomic_fetch_or(&vgic_cpu_of(v)->sgi_src[intid], bits, __ATOMIC_ACQ_REL);
			vgic_inject(v, intid);
		}
	}
	if (!a->write)
		a->value = val;
	return true;
}

static bool vgic_v2_ctl(struct vcpu *v, struct mmio_access *a, uint32_t off)
{
	struct vgic_dist *d = vgic_dist_of(v->guest);

	switch (off) {
	case GICD_CTLR:
		if (a->write)
			d->ctlr = (a->value & 1) ? 3 : 0;
		a->value = d->ctlr & 1;
		return true;
	case GICD_TYPER: a->value = vgic_v2_typer(v); return true;
	case GICD_IIDR: a->value = VGIC_V2_IIDR; return true;
	case GICD_SGIR:
		if (a->write)
			vgic_v2_sgir(v, (uint32_t)a->value);
		return true;
	case GIC_PIDR2: a->value = VGIC_V2_PIDR2; return true;
	default: return false;
	}
}

bool vgic_v2_dist_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	uint32_t off = (uint32_t)a->offset;

	if (!a->write)
		a->value = 0;
	if (a->width == 4 && vgic_v2_ctl(v, a, off))
		return true;
	if (off >= GICD_ITARGETSR && off < GICD_ICFGR)
		return vgic_v2_targets(v, a, off);
	if (off >= GICD_CPENDSGIR && off < GICD_SGIR_END)
		return vgic_v2_sgi_pend(v, a, off);
	if (off >= GIC_IDREGS)
		return true;
	if (off < GICD_SGIR && vgic_bank_access(v, a, off, 0,
						 vgic_dist_of(v->guest)->nr_irqs))
		return true;
	vgic_log_unknown(v, "GICD", a);
	return true;
}
