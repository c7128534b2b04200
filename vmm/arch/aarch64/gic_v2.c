// SPDX-License-Identifier: MIT
/*
 * GICv2 (IHI 0048 "Distributor register map", "CPU interface register
 * map"): SGIs are sent through GICD_SGIR to CPU-interface numbers, which
 * each CPU learns from the banked GICD_ITARGETSR0 and records against its
 * MPIDR (an SPI routed to a CPU before it has done so is targeted when it
 * does); interrupts are acknowledged through GICC_IAR, their priority
 * dropped through GICC_EOIR (EOImode 1) and deactivated through the
 * distributor's GICD_ICACTIVER rather than GICC_DIR: GICC_DIR sits in the
 * CPU interface's second 4 KiB page, which a GIC-400 with 64 KiB aliasing
 * (ZynqMP) places 64 KiB up, while 4 KiB up is GICC_CTLR again.
 * The runtime's own interrupts are Group 0; passthrough SPIs are Group 1,
 * because a HW list register only deactivates a Group 1 physical interrupt
 * (QEMU follows IHI 0048 there), hence EnableGrp1 and AckCtl.
 * On a GIC with the Security Extensions (GIC-400 on real boards) the
 * runtime sees the Non-secure GICC_CTLR, where bit 0 is EnableGrp1, bit 9
 * EOImodeNS and bits 1, 2 and 10 are reserved, and firmware has made every
 * Non-secure interrupt Group 1: the same value is right there.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/gic_v2.h"
#include "arch/aarch64/sysregs.h"
#include "core/lock.h"
#include "partita/layout.h"

#define GICD_CTLR        0x000
#define GICD_IIDR        0x008
#define GICD_IGROUPR     0x080
#define GICD_ISENABLER   0x100
#define GICD_ICACTIVER   0x380
#define GICD_IPRIORITYR  0x400
#define GICD_ITARGETSR   0x800
#define GICD_SGIR        0xF00
#define GICC_CTLR        0x000
#define GICC_PMR         0x004

/* EnableGrp0, EnableGrp1, AckCtl, EOImodeS, EOImodeNS */
#define GICC_CTLR_VALUE  (1u << 0 | 1u << 1 | 1u << 2 | 1u << 9 | 1u << 10)

static uint64_t v2_gicd;
uint64_t gic_v2_gicc;           /* extern: gic.h's inline ack and drop read it */
static bool v2_stale_hw_deactivate;
static uint64_t v2_mpidr[LAYOUT_MAX_CPUS];
static uint8_t v2_mask[LAYOUT_MAX_CPUS];
static volatile uint32_t v2_known;
/*
 * SPIs routed to a CPU whose interface number is not known yet (guests are
 * built on the boot CPU before the others start): GICD_ITARGETSR is
 * written when that CPU comes up, or the SPI would target no CPU at all.
 */
#define V2_MAX_SPIS 1020
static uint64_t v2_deferred_mpidr[V2_MAX_SPIS];
static uint8_t v2_deferred[V2_MAX_SPIS];
static struct spinlock v2_deferred_lock;

static inline volatile uint32_t *v2_reg(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

bool gic_v2_init(const struct layout_board *b)
{
	v2_gicd = b->gicd_pa;
	gic_v2_gicc = b->gicc_pa;
	if (!v2_gicd || !gic_v2_gicc)
		return false;
	*v2_reg(v2_gicd, GICD_CTLR) = 3;     /* both groups forwarded */
	/*
	 * QEMU's GICv2 model (hw/intc/arm_gic.c, GICD_IIDR 0x0000043B: Arm,
	 * product 0, r0p0; a GIC-400 reads 0x0200143B): a guest's EOI of a
	 * HW-linked virtual interrupt clears the physical one's active state
	 * but re-evaluates only the virtual CPU interface, so a level still
	 * high (a timer re-armed in the past during its handler) is pending
	 * at the distributor and not signalled to its CPU until some other
	 * GIC event. IHI 0048 "GICH_LRn" HW: the deactivation is as if by
	 * GICC_DIR, after which a pending interrupt is signalled.
	 */
	v2_stale_hw_deactivate = *v2_reg(v2_gicd, GICD_IIDR) == 0x0000043Bu;
	return true;
}

bool gic_v2_stale_hw_deactivate(void)
{
	return v2_stale_hw_deactivate;
}

static void gic_v2_route_deferred(uint64_t mpidr, uint8_t mask);

bool gic_v2_cpu_init(uint64_t mpidr)
{
	uint8_t mask = (uint8_t)*v2_reg(v2_gicd, GICD_ITARGETSR);
	uint32_t slot = __atomic_fetch_add(&v2_known, 1, __ATOMIC_ACQ_REL);

	if (slot >= LAYOUT_MAX_CPUS || !mask)
		return false;
	v2_mpidr[slot] = mpidr & 0xFF00FFFFFFul;
	__atomic_store_n(&v2_mask[slot], mask, __ATOMIC_RELEASE);
	*(volatile uint8_t *)(uintptr_t)(v2_gicd + GICD_IPRIORITYR + GIC_SGI_KICK) = 0x80;
	*v2_reg(v2_gicd, GICD_ISENABLER) = 1u << GIC_SGI_KICK;
	*v2_reg(gic_v2_gicc, GICC_PMR) = 0xFF;
	*v2_reg(gic_v2_gicc, GICC_CTLR) = GICC_CTLR_VALUE;
	gic_v2_route_deferred(mpidr & 0xFF00FFFFFFul, mask);
	return true;
}

/* the CPU interface mask of the CPU with this MPIDR (0: not known yet) */
static uint8_t v2_mask_of(uint64_t mpidr)
{
	for (uint32_t i = 0; i < LAYOUT_MAX_CPUS; i++) {
		uint8_t mask = __atomic_load_n(&v2_mask[i], __ATOMIC_ACQUIRE);

		if (mask && v2_mpidr[i] == (mpidr & 0xFF00FFFFFFul))
			return mask;
	}
	return 0;
}

/* GICD_SGIR (IHI 0048): CPUTargetList [23:16], SGIINTID [3:0]; 0: the
 * CPU's interface number is not known yet */
uint32_t gic_v2_sgi_value(uint64_t mpidr, unsigned intid)
{
	uint8_t mask = v2_mask_of(mpidr);

	return mask ? (uint32_t)mask << 16 | (intid & 0xF) : 0;
}

void gic_v2_sgi_raise(uint64_t value)
{
	dsb_ish();
	*v2_reg(v2_gicd, GICD_SGIR) = (uint32_t)value;
}

/* private interrupts are banked per CPU in the GICv2 distributor itself */
void gic_v2_enable(uint32_t intid)
{
	*(volatile uint8_t *)(uintptr_t)(v2_gicd + GICD_IPRIORITYR + intid) = 0x80;
	*v2_reg(v2_gicd, GICD_ISENABLER + 4 * (intid / 32)) = 1u << (intid % 32);
}

/* a CPU just learnt its interface mask: the SPIs that were waiting for it */
static void gic_v2_route_deferred(uint64_t mpidr, uint8_t mask)
{
	spin_lock(&v2_deferred_lock);
	for (uint32_t intid = 32; intid < V2_MAX_SPIS; intid++) {
		if (v2_deferred[intid] && v2_deferred_mpidr[intid] == mpidr) {
			*(volatile uint8_t *)(uintptr_t)(v2_gicd + GICD_ITARGETSR + intid) = mask;
			v2_deferred[intid] = 0;
		}
	}
	spin_unlock(&v2_deferred_lock);
}

/*
 * Routing to a CPU not up yet is remembered (under the lock, against a CPU
 * learning its mask at that moment); a later route replaces it.
 */
static uint8_t v2_target_or_defer(uint32_t intid, uint64_t mpidr)
{
	uint8_t mask = v2_mask_of(mpidr);

	if (mask && !__atomic_load_n(&v2_deferred[intid], __ATOMIC_RELAXED))
		return mask;
	spin_lock(&v2_deferred_lock);
	mask = v2_mask_of(mpidr);
	v2_deferred[intid] = !mask;
	v2_deferred_mpidr[intid] = mpidr & 0xFF00FFFFFFul;
	spin_unlock(&v2_deferred_lock);
	return mask;
}

void gic_v2_route_spi(uint32_t intid, uint64_t mpidr)
{
	uint8_t mask;

	if (intid < 32 || intid >= V2_MAX_SPIS)
		return;
	/* set once while guests are built; later calls only retarget */
	if (!(*v2_reg(v2_gicd, GICD_IGROUPR + 4 * (intid / 32)) & (1u << (intid % 32))))
		*v2_reg(v2_gicd, GICD_IGROUPR + 4 * (intid / 32)) |= 1u << (intid % 32);
	*(volatile uint8_t *)(uintptr_t)(v2_gicd + GICD_IPRIORITYR + intid) = 0x80;
	mask = v2_target_or_defer(intid, mpidr);
	if (!mask)
		return;
	*(volatile uint8_t *)(uintptr_t)(v2_gicd + GICD_ITARGETSR + intid) = mask;
}

/* EOIR takes the IAR value whole: an SGI's EOI names its source CPU, or
 * it does not match the active interrupt (IHI 0048 "GICC_EOIR") */
void gic_v2_eoi(uint32_t iar, bool deactivate)
{
	uint32_t intid = iar & 0x3FF;

	*v2_reg(gic_v2_gicc, GICC_EOIR) = iar;
	if (deactivate)
		*v2_reg(v2_gicd, GICD_ICACTIVER + 4 * (intid / 32)) = 1u << (intid % 32);
}

/* private interrupts: this CPU's banked GICD_IGROUPR0 */
void gic_v2_set_group1(uint32_t intid)
{
	*v2_reg(v2_gicd, GICD_IGROUPR + 4 * (intid / 32)) |= 1u << (intid % 32);
}
