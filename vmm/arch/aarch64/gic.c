// SPDX-License-Identifier: MIT
/*
 * GICv3 physical setup (IHI 0069): distributor with affinity routing,
 * this CPU's redistributor woken (GICR_WAKER.ProcessorSleep) with SGIs in
 * group 1, and the ICC_* system-register interface enabled at EL2 with
 * split priority drop and deactivation (ICC_CTLR_EL1.EOImode). GICv2
 * boards go to gic_v2.c through the same entry points.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/gic_v2.h"
#include "arch/aarch64/sysregs.h"
#include "partita/layout.h"

#define GICD_CTLR        0x0000
#define GICD_CTLR_RWP    (1u << 31)
#define GICD_IGROUPR     0x0080
#define GICD_ISENABLER   0x0100
#define GICD_ICENABLER   0x0180
#define GICD_ISACTIVER   0x0300
#define GICD_ICACTIVER   0x0380
#define GICD_IPRIORITYR  0x0400
#define GICD_IROUTER     0x6000
#define GICR_STRIDE      0x20000
#define GICR_TYPER       0x0008
#define GICR_TYPER_LAST  (1ul << 4)
#define GICR_WAKER       0x0014
#define GICR_SGI         0x10000
#define GICR_IGROUPR0    (GICR_SGI + 0x0080)
#define GICR_ISENABLER0  (GICR_SGI + 0x0100)
#define GICR_ICENABLER0  (GICR_SGI + 0x0180)
#define GICR_ISACTIVER0  (GICR_SGI + 0x0300)
#define GICR_ICACTIVER0  (GICR_SGI + 0x0380)
#define GICR_IPRIORITYR  (GICR_SGI + 0x0400)

static uint64_t gicd, gicr, gicr_size;
uint32_t gic_board_version;     /* extern: gic.h's inline ack and drop read it */

static inline volatile uint32_t *gic_reg32(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

bool gic_init(const struct layout_board *b)
{
	gic_board_version = b->gic_version;
	gicd = b->gicd_pa;
	gicr = b->gicr_pa;
	gicr_size = b->gicr_size;
	if (gic_board_version == 2)
		return gic_v2_init(b);
	if (gic_board_version != 3)
		return false;
	/* ARE_S/ARE (bit 4), EnableGrp1NS/Grp1 (bit 1), Grp0 (bit 0) */
	*gic_reg32(gicd, GICD_CTLR) = (1u << 4) | (1u << 1) | (1u << 0);
	while (*gic_reg32(gicd, GICD_CTLR) & GICD_CTLR_RWP)
		;
	return true;
}

static uint64_t gic_find_redist(uint64_t mpidr)
{
	uint64_t aff = ((mpidr >> 32) & 0xFF) << 24 | (mpidr & 0xFFFFFF);

	for (uint64_t off = 0; off + GICR_STRIDE <= gicr_size; off += GICR_STRIDE) {
		uint64_t typer = *(volatile uint64_t *)(uintptr_t)(gicr + off + GICR_TYPER);

		if ((typer >> 32) == aff)
			return gicr + off;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

bool gic_cpu_init(uint64_t mpidr)
{
	uint64_t rd;

	if (gic_board_version == 2)
		return gic_v2_cpu_init(mpidr);
	if (gic_board_version != 3)
		return false;
	rd = gic_find_redist(mpidr);
	if (!rd)
		return false;
	*gic_reg32(rd, GICR_WAKER) &= ~(1u << 1);
	while (*gic_reg32(rd, GICR_WAKER) & (1u << 2))
		;
	*gic_reg32(rd, GICR_IGROUPR0) = 0xFFFFFFFFu;
	*gic_reg32(rd, GICR_ICENABLER0) = 0xFFFF0000u;
	*(volatile uint8_t *)(uintptr_t)(rd + GICR_IPRIORITYR + GIC_SGI_KICK) = 0x80;
	*gic_reg32(rd, GICR_ISENABLER0) = 1u << GIC_SGI_KICK;
	/* ICC_SRE_EL2: SRE, DFB, DIB, Enable (lower ELs may use SRE) */
	sysreg_write(S3_4_C12_C9_5, 0xF);
	isb();
	sysreg_write(S3_0_C4_C6_0, 0xFF);     /* ICC_PMR_EL1 */
	sysreg_write(S3_0_C12_C12_4, 2);      /* ICC_CTLR_EL1: EOImode 1 */
	sysreg_write(S3_0_C12_C12_7, 1);      /* ICC_IGRPEN1_EL1 */
	isb();
	return true;
}

/*
 * ICC_SGI1R_EL1 (IHI 0069 "ICC_SGI1R_EL1"): Aff3 [55:48], RS [47:44] (the
 * range of 16 Aff0 values), Aff2 [39:32], INTID [27:24], Aff1 [23:16],
 * TargetList [15:0] (bit Aff0 % 16). Never 0: one target bit is set.
 */
static uint64_t gic_v3_sgi_value(uint64_t mpidr, unsigned intid)
{
	return ((mpidr >> 32) & 0xFF) << 48 | ((mpidr >> 16) & 0xFF) << 32 |
	       (uint64_t)(intid & 0xF) << 24 | ((mpidr >> 8) & 0xFF) << 16 |
	       ((mpidr >> 4) & 0xF) << 44 | (1ul << (mpidr & 0xF));
}

uint64_t gic_sgi_value(uint64_t mpidr, unsigned intid)
{
	if (gic_board_version == 2)
		return gic_v2_sgi_value(mpidr, intid);
	return gic_board_version == 3 ? gic_v3_sgi_value(mpidr, intid) : 0;
}

/*
 * The stores before it (a pending bit, a vCPU's state) are observable
 * before the SGI is: dsb, as Linux's gic_send_sgi does; on GICv3 the isb
 * makes the system-register write happen now rather than at the next
 * context synchronization (Arm ARM DDI 0487 "Synchronization
 * requirements for System registers").
 */
void gic_sgi_raise(uint64_t value)
{
	if (!value)
		return;
	if (gic_board_version == 2) {
		gic_v2_sgi_raise(value);
		return;
	}
	dsb_ish();
	sysreg_write(S3_0_C12_C11_5, value);      /* ICC_SGI1R_EL1 */
	isb();
}

void gic_send_sgi(uint64_t mpidr, unsigned intid)
{
	gic_sgi_raise(gic_sgi_value(mpidr, intid));
}

void gic_enable(uint32_t intid)
{
	uint64_t rd;

	if (intid < 16 || intid >= 1020)
		return;
	if (gic_board_version == 2) {
		gic_v2_enable(intid);
		return;
	}
	if (gic_board_version != 3)
		return;
	if (intid >= 32) {
		*gic_reg32(gicd, GICD_ISENABLER + 4 * (intid / 32)) = 1u << (intid % 32);
		return;
	}
	rd = gic_find_redist(sysreg_read(mpidr_el1));
	if (!rd)
		return;
	*(volatile uint8_t *)(uintptr_t)(rd + GICR_IPRIORITYR + intid) = 0x80;
	*gic_reg32(rd, GICR_ISENABLER0) = 1u << intid;
}

void gic_route_spi(uint32_t intid, uint64_t mpidr)
{
	volatile uint32_t *group = gic_reg32(gicd, GICD_IGROUPR + 4 * (intid / 32));

	if (intid < 32 || intid >= 1020)
		return;
	if (gic_board_version == 2) {
		gic_v2_route_spi(intid, mpidr);
		return;
	}
	if (gic_board_version != 3)
		return;
	/* set once while guests are built; later calls only retarget */
	if (!(*group & (1u << (intid % 32))))
		*group |= 1u << (intid % 32);
	*(volatile uint8_t *)(uintptr_t)(gicd + GICD_IPRIORITYR + intid) = 0x80;
	/* Aff3 [39:32], Aff2.Aff1.Aff0 [23:0], Interrupt_Routing_Mode 0 */
	*(volatile uint64_t *)(uintptr_t)(gicd + GICD_IROUTER + 8ul * intid) =
		((mpidr >> 32) & 0xFF) << 32 | (mpidr & 0xFFFFFF);
}

void gic_clear_active(uint32_t intid)
{
	uint64_t rd;

	if (intid >= 1020 || (gic_board_version != 2 && gic_board_version != 3))
		return;
	/* GICv2 banks the private interrupts in the distributor itself */
	if (gic_board_version == 2 || intid >= 32) {
		*gic_reg32(gicd, GICD_ICACTIVER + 4 * (intid / 32)) = 1u << (intid % 32);
		return;
	}
	rd = gic_find_redist(sysreg_read(mpidr_el1));
	if (rd)
		*gic_reg32(rd, GICR_ICACTIVER0) = 1u << intid;
}

/*
 * A PPI the guest deactivates through a HW list register: Group 1 (GICv3
 * has every private interrupt there already; a GICv2 HW list register only
 * deactivates a Group 1 physical interrupt, IHI 0048 "GICH_LRn"), enabled.
 */
void gic_enable_forwarded(uint32_t intid)
{
	if (gic_board_version == 2)
		gic_v2_set_group1(intid);
	gic_enable(intid);
}

void gic_disable(uint32_t intid)
{
	/* GICv2 banks the private interrupts in the distributor itself */
	if (gic_board_version == 2 || intid >= 32)
		*gic_reg32(gicd, GICD_ICENABLER + 4 * (intid / 32)) = 1u << (intid % 32);
	else
		*gic_reg32(gic_find_redist(sysreg_read(mpidr_el1)), GICR_ICENABLER0) = 1u << intid;
}

/*
 * The active state of this CPU's private interrupts (GICR_ISACTIVER0, or
 * GICv2's banked GICD_ISACTIVER0): a time-shared vCPU's forwarded PPIs
 * keep theirs across its windows (core/sched.c), as KVM keeps the timer's.
 */
static volatile uint32_t *gic_private_reg(uint64_t gicd_off, uint64_t gicr_off)
{
	static volatile uint32_t dummy;
	uint64_t rd;

	if (gic_board_version == 2)
		return gic_reg32(gicd, gicd_off);
	rd = gic_board_version == 3 ? gic_find_redist(sysreg_read(mpidr_el1)) : 0;
	return rd ? gic_reg32(rd, gicr_off) : &dummy;
}

bool gic_stale_hw_deactivate(void)
{
	return gic_board_version == 2 && gic_v2_stale_hw_deactivate();
}

uint32_t gic_private_active(void)
{
	return *gic_private_reg(GICD_ISACTIVER, GICR_ISACTIVER0);
}

void gic_private_set_active(uint32_t mask, bool active)
{
	if (!mask)
		return;
	if (active)
		*gic_private_reg(GICD_ISACTIVER, GICR_ISACTIVER0) = mask;
	else
		*gic_private_reg(GICD_ICACTIVER, GICR_ICACTIVER0) = mask;
}
