/* SPDX-License-Identifier: MIT */
/*
 * System register access and the EL2 register bit values the runtime uses.
 * Bit positions follow Arm ARM DDI 0487 (HCR_EL2, VTCR_EL2, TCR_EL2,
 * SCTLR_EL2, ESR_EL2, CNTHCTL_EL2).
 */
#ifndef ARCH_SYSREGS_H
#define ARCH_SYSREGS_H

#include <stdint.h>

#define sysreg_read(reg) ({ uint64_t v_; \
	__asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define sysreg_write(reg, val) \
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(val)) : "memory")

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void dsb_ish(void) { __asm__ volatile("dsb ish" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("dsb ish; sev" ::: "memory"); }

/* HCR_EL2 */
#define HCR_VM   (1ul << 0)
#define HCR_SWIO (1ul << 1)
#define HCR_FMO  (1ul << 3)
#define HCR_IMO  (1ul << 4)
#define HCR_AMO  (1ul << 5)
#define HCR_VSE  (1ul << 8)   /* virtual SError pending (cleared when taken) */
#define HCR_FB   (1ul << 9)
#define HCR_TWI  (1ul << 13)
#define HCR_BSU_IS (1ul << 10)
#define HCR_TSC  (1ul << 19)
#define HCR_RW   (1ul << 31)

/* SCTLR_EL2 (non-VHE): RES1 bits plus M, C, SA, I */
#define SCTLR_EL2_RES1 0x30C50830ul
#define SCTLR_M  (1ul << 0)
#define SCTLR_C  (1ul << 2)
#define SCTLR_SA (1ul << 3)
#define SCTLR_I  (1ul << 12)

/* SCTLR_EL1 at guest entry: RES1 bits only, MMU and caches off, LE */
#define SCTLR_EL1_RESET 0x30D00800ul

/* SPSR_EL2 for a guest entry: EL1h with D, A, I, F masked */
#define SPSR_EL1H_DAIF 0x3C5ul
#define SPSR_SS (1ul << 21)     /* software step */
#define SPSR_MODE_MASK 0x1Ful
#define SPSR_MODE_EL0T 0x0ul
#define SPSR_MODE_EL1T 0x4ul
#define SPSR_MODE_EL1H 0x5ul

/* CPTR_EL2 (non-VHE): RES1 bits 13:12 and 9:0; TFP clear so guests use FP */
#define CPTR_EL2_DEFAULT 0x33FFul

/* CNTHCTL_EL2 (non-VHE): EL1PCTEN, EL1PCEN: EL1 owns its physical counter and timer */
#define CNTHCTL_EL1_ACCESS 0x3ul

/* ESR_EL2 */
#define ESR_EC(esr)   (((esr) >> 26) & 0x3Ful)
#define ESR_ISS(esr)  ((esr) & 0x1FFFFFFul)
#define EC_UNKNOWN    0x00
#define EC_WFX        0x01
#define EC_HVC64      0x16
#define EC_SMC64      0x17
#define EC_SYSREG     0x18
#define EC_IABT_LOW   0x20
#define EC_IABT_CUR   0x21
#define EC_DABT_LOW   0x24
#define EC_DABT_CUR   0x25
#define EC_SERROR     0x2F

/* Data abort ISS */
#define DABT_ISV      (1ul << 24)
#define DABT_SAS(esr) (((esr) >> 22) & 3)
#define DABT_SSE      (1ul << 21)
#define DABT_SRT(esr) (((esr) >> 16) & 0x1F)
#define DABT_SF       (1ul << 15)
#define DABT_WNR      (1ul << 6)
#define ABT_FSC(esr)  ((esr) & 0x3F)
#define ESR_IL        (1ul << 25)
/*
 * bytes to step over a trapped instruction: ESR_EL2.IL is 0 for a 16-bit
 * T32 instruction (a WFI or load/store of an AArch32 EL0), 1 otherwise
 */
#define ESR_INSN_BYTES(esr) (((esr) & ESR_IL) ? 4u : 2u)

/* MAIR indexes used by the EL2 stage-1 map */
#define MAIR_IDX_DEVICE 0   /* Device-nGnRE */
#define MAIR_IDX_NORMAL 1   /* Normal, inner/outer write-back RW-allocate */
#define MAIR_EL2_VALUE  (0x04ul | (0xFFul << 8))

#endif /* ARCH_SYSREGS_H */
