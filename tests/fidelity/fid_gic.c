// SPDX-License-Identifier: MIT
/*
 * The GIC as a bare-metal program drives it, at QEMU virt's addresses:
 * GICv3 (IHI 0069) through the distributor, this CPU's redistributor and
 * the ICC_* system registers, or GICv2 (IHI 0048) through GICD and GICC.
 * Every interrupt is Group 1 on GICv3 and Group 0 (an IRQ, FIQEn clear)
 * on GICv2, as firmware without a secure world sets them up.
 */
#include "fid.h"

int gic_v3;

#define GICD_CTLR      0x000
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR   0x200
#define GICD_ICPENDR   0x280
#define GICD_ISACTIVER 0x300
#define GICD_IPRIORITYR 0x400
#define GICD_SGIR      0xF00
#define GICR_WAKER     0x014
#define GICR_SGI       0x10000
#define GICR_IGROUPR0  0x080
#define GICC_CTLR 0x00
#define GICC_PMR  0x04
#define GICC_BPR  0x08
#define GICC_IAR  0x0C
#define GICC_EOIR 0x10

/* where SGIs/PPIs live: this CPU's SGI_base frame, or the banked GICD */
static uint64_t gic_private(void)
{
	return gic_v3 ? GICR_BASE + 0x20000ul * fid_cpu() + GICR_SGI : GICD_BASE;
}

static uint64_t gic_bank(uint32_t intid)
{
	return intid < 32 ? gic_private() : GICD_BASE;
}

void gic_init_dist(void)
{
	if (gic_v3) {
		/* ARE (bit 4), EnableGrp1 and EnableGrp0: one security state */
		wr32(GICD_BASE + GICD_CTLR, (1u << 4) | 3u);
		while (rd32(GICD_BASE + GICD_CTLR) & (1u << 31))
			;
	} else {
		wr32(GICD_BASE + GICD_CTLR, 3);
	}
}

static void gic_init_cpu_v3(void)
{
	uint64_t rd = GICR_BASE + 0x20000ul * fid_cpu();

	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~(1u << 1));
	while (rd32(rd + GICR_WAKER) & (1u << 2))
		;
	wr32(rd + GICR_SGI + GICR_IGROUPR0, 0xFFFFFFFFu);
	for (unsigned i = 0; i < 8; i++)
		wr32(rd + GICR_SGI + GICD_IPRIORITYR + 4 * i, 0x80808080u);
	sysreg_write(S3_0_C12_C12_5, sysreg_read(S3_0_C12_C12_5) | 1);   /* ICC_SRE_EL1.SRE */
	isb();
	sysreg_write(S3_0_C4_C6_0, 0xFF);     /* ICC_PMR_EL1 */
	sysreg_write(S3_0_C12_C12_3, 0);      /* ICC_BPR1_EL1 */
	sysreg_write(S3_0_C12_C12_4, 0);      /* ICC_CTLR_EL1: EOImode 0 */
	sysreg_write(S3_0_C12_C12_7, 1);      /* ICC_IGRPEN1_EL1 */
	isb();
}

void gic_init_cpu(void)
{
	if (gic_v3) {
		gic_init_cpu_v3();
		return;
	}
	for (unsigned i = 0; i < 8; i++)
		wr32(GICD_BASE + GICD_IPRIORITYR + 4 * i, 0x80808080u);
	wr32(GICC_BASE + GICC_PMR, 0xF0);
	wr32(GICC_BASE + GICC_BPR, 0);
	wr32(GICC_BASE + GICC_CTLR, 1);
}

void gic_enable(uint32_t intid)
{
	wr32(gic_bank(intid) + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
	dsb();
}

void gic_disable(uint32_t intid)
{
	wr32(gic_bank(intid) + GICD_ICENABLER + 4 * (intid / 32), 1u << (intid % 32));
	dsb();
}

int gic_pending(uint32_t intid)
{
	return (rd32(gic_bank(intid) + GICD_ISPENDR + 4 * (intid / 32)) >> (intid % 32)) & 1;
}

int gic_active(uint32_t intid)
{
	return (rd32(gic_bank(intid) + GICD_ISACTIVER + 4 * (intid / 32)) >> (intid % 32)) & 1;
}

void gic_clear_pending(uint32_t intid)
{
	wr32(gic_bank(intid) + GICD_ICPENDR + 4 * (intid / 32), 1u << (intid % 32));
	dsb();
}

uint32_t gic_ack(void)
{
	uint32_t iar;

	if (gic_v3)
		iar = (uint32_t)sysreg_read(S3_0_C12_C12_0);    /* ICC_IAR1_EL1 */
	else
		iar = rd32(GICC_BASE + GICC_IAR);
	dsb();
	return iar;
}

void gic_eoi(uint32_t iar)
{
	if (gic_v3) {
		sysreg_write(S3_0_C12_C12_1, iar);             /* ICC_EOIR1_EL1 */
		isb();
	} else {
		wr32(GICC_BASE + GICC_EOIR, iar);
		dsb();
	}
}

void gic_sgi(uint32_t intid, unsigned filter, uint32_t targets)
{
	uint64_t v;

	dsb();
	if (!gic_v3) {
		wr32(GICD_BASE + GICD_SGIR, filter << 24 | (targets & 0xFF) << 16 | intid);
		dsb();
		return;
	}
	/* ICC_SGI1R_EL1: Aff1-3 = 0, TargetList [15:0], INTID [27:24], IRM [40] */
	if (filter == 1)
		v = 1ul << 40;
	else
		v = filter == 2 ? 1ul << fid_cpu() : targets;
	sysreg_write(S3_0_C12_C11_5, v | (uint64_t)intid << 24);
	isb();
}
