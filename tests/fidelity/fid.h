/* SPDX-License-Identifier: MIT */
/*
 * The fidelity guest (tests/fidelity): one bare-metal program, written as
 * firmware for QEMU virt would be (fixed addresses: GIC, PL011), run both
 * natively at EL1 and as a Partita guest; each case prints
 * `FID <case> PASS|FAIL|SKIP <detail>` and the harness compares the runs.
 */
#ifndef TESTS_FIDELITY_FID_H
#define TESTS_FIDELITY_FID_H

#include <stdint.h>

#include "../guests/guest.h"

#define GICD_BASE 0x08000000ul
#define GICC_BASE 0x08010000ul     /* GICv2 CPU interface */
#define GICR_BASE 0x080A0000ul     /* GICv3 redistributors, 128 KiB each */
#define FID_RAM_SIZE 0x01000000ul  /* what the spec gives the guest */

#define PPI_PMU 23
#define PPI_VTIMER 27
#define PPI_PTIMER 30

/* saved by the vectors; a handler may change elr and spsr */
struct fid_regs {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

#define ESR_EC(esr) (((esr) >> 26) & 0x3F)

#define sysreg_read(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define sysreg_write(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)) : "memory")
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb() __asm__ volatile("dsb sy" ::: "memory")

/*
 * Device accesses as single plain loads and stores (no writeback
 * addressing): a hypervisor emulating them needs the syndrome (ESR.ISV),
 * which an access with writeback does not give (KVM refuses those too).
 */
static inline uint32_t rd32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void wr32(uint64_t a, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static inline uint8_t rd8(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return (uint8_t)v;
}

static inline void wr8(uint64_t a, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "r"((uint32_t)v), "r"(a) : "memory");
}

static inline void irq_on(void) { __asm__ volatile("msr daifclr, #2; isb" ::: "memory"); }
static inline void irq_off(void) { __asm__ volatile("msr daifset, #2; isb" ::: "memory"); }

/* fid_main.c */
void fid_report(const char *name, int ok, const char *detail, uint64_t a, uint64_t b);
void fid_skip(const char *name, const char *why);
/* CNTVCT ticks from now on; true while before the deadline */
uint64_t fid_deadline(uint64_t us);
int fid_before(uint64_t deadline);
unsigned fid_cpu(void);
/* run fn on CPU 1 and wait for it to return */
void fid_on_cpu1(void (*fn)(void));
int fid_have_cpu1(void);
extern int (*fid_sync_hook)(struct fid_regs *r, uint64_t esr);
extern void (*fid_irq_hook)(uint32_t iar);

/* fid_gic.c */
extern int gic_v3;
void gic_init_dist(void);
void gic_init_cpu(void);
void gic_enable(uint32_t intid);
void gic_disable(uint32_t intid);
int gic_pending(uint32_t intid);
int gic_active(uint32_t intid);
void gic_clear_pending(uint32_t intid);
uint32_t gic_ack(void);
void gic_eoi(uint32_t iar);
/* SGI: filter 0 = target list (bit n: CPU n), 1 = all but self, 2 = self */
void gic_sgi(uint32_t intid, unsigned filter, uint32_t targets);

/* the cases */
void fid_timer_cases(void);
void fid_sgi_cases(void);
void fid_dist_cases(void);
void fid_debug_cases(void);
void fid_pmu_cases(void);
void fid_ram_zero_case(const void *dtb, const char *name);
void fid_abort_cases(void);
void fid_mmio_cases(void);

#endif
