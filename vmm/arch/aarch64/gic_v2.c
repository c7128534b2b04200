// SPDX-License-Identifier: MIT
/*
 * GICv2 (IHI 0048 "Distributor register map", "CPU interface register
 * map"): SGIs are sent through GICD_SGIR to CPU-interface numbers, which
 * each CPU learns from the banked GICD_ITARGETSR0 and records against its
 * MPIDR; interrupts are acknowledged through GICC_IAR/GICC_EOIR.
 */
#include "arch/aarch64/gic.h"
#include "arch/aarch64/gic_v2.h"
#include "arch/aarch64/sysregs.h"
#include "partita/layout.h"

#define GICD_CTLR        0x000
#define GICD_ISENABLER   0x100
#define GICD_IPRIORITYR  0x400
#define GICD_ITARGETSR   0x800
#define GICD_SGIR        0xF00
#define GICC_CTLR        0x000
#define GICC_PMR         0x004
#define GICC_IAR         0x00C
#define GICC_EOIR        0x010

static uint64_t v2_gicd, v2_gicc;
static uint64_t v2_mpidr[LAYOUT_MAX_CPUS];
static uint8_t v2_mask[LAYOUT_MAX_CPUS];
static volatile uint32_t v2_known;

static inline volatile uint32_t *v2_reg(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

bool gic_v2_init(const struct layout_board *b)
{
	v2_gicd = b->gicd_pa;
	v2_gicc = b->gicc_pa;
	if (!v2_gicd || !v2_gicc)
		return false;
	*v2_reg(v2_gicd, GICD_CTLR) = 1;
	return true;
}

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
	*v2_reg(v2_gicc, GICC_PMR) = 0xFF;
	*v2_reg(v2_gicc, GICC_CTLR) = 1;
	return true;
}

void gic_v2_send_sgi(uint64_t mpidr, unsigned intid)
{
	for (uint32_t i = 0; i < LAYOUT_MAX_CPUS; i++) {
		uint8_t mask = __atomic_load_n(&v2_mask[i], __ATOMIC_ACQUIRE);

		if (mask && v2_mpidr[i] == (mpidr & 0xFF00FFFFFFul)) {
			dsb_ish();
			*v2_reg(v2_gicd, GICD_SGIR) = (uint32_t)mask << 16 | (intid & 0xF);
			return;
		}
	}
}

uint32_t gic_v2_ack(void)
{
	return *v2_reg(v2_gicc, GICC_IAR) & 0x3FF;
}

void gic_v2_eoi(uint32_t intid)
{
	*v2_reg(v2_gicc, GICC_EOIR) = intid;
}
