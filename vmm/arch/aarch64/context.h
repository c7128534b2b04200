/* SPDX-License-Identifier: MIT */
/*
 * The full state of a vCPU that shares its physical CPU with others (time
 * partitioning, core/sched.c): everything the guest can change without a
 * trap, and the EL2 controls that are per vCPU. A vCPU alone on its CPU
 * never needs it: its state simply stays in the hardware.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include <stdint.h>

#include "arch/aarch64/frame.h"
#include "vdev/vgic_switch.h"

struct vcpu;

#define CONTEXT_EL1_REGS 27
#define CONTEXT_DBG_SLOTS 16

struct vcpu_ctx {
	struct frame gp;                  /* x0-x30, ELR_EL2, SPSR_EL2 */
	uint64_t fp[64];                  /* q0-q31 (context_fp.S) */
	uint64_t fpcr, fpsr;
	uint64_t el1[CONTEXT_EL1_REGS];   /* context.c: CONTEXT_EL1 list */
	uint64_t hcr;                     /* HCR_EL2: VSE pending per vCPU */
	uint64_t cntv_ctl, cntv_cval, cntp_ctl, cntp_cval;
	uint64_t pmcr, pmselr, pminten, pmcnten, pmovs, pmccntr, pmccfiltr;
	uint64_t pmevcntr[31], pmevtyper[31];
	uint64_t bvr[CONTEXT_DBG_SLOTS], bcr[CONTEXT_DBG_SLOTS];
	uint64_t wvr[CONTEXT_DBG_SLOTS], wcr[CONTEXT_DBG_SLOTS];
	uint64_t oslk, osdlr;
	struct vgic_ctx vgic;
	uint32_t valid;                   /* 1: saved and not yet loaded again */
} __attribute__((aligned(16)));      /* stp/ldp of Q registers */

/* context_fp.S: V0-V31, FPCR, FPSR (EL2 code never touches them) */
void context_fp_save(uint64_t *fp);
void context_fp_load(const uint64_t *fp);

/* v's window ends: f (its complete frame) and its CPU state into v->ctx */
void context_save(struct vcpu *v, const struct frame *f);
/* v's window starts: its CPU state from v->ctx, its registers into f */
void context_load(struct vcpu *v, struct frame *f);
/* nothing of the last vCPU stays readable by the next one that starts fresh */
void context_scrub(void);

#endif /* ARCH_CONTEXT_H */
