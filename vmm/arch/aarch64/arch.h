/* SPDX-License-Identifier: MIT */
/*
 * What core/ asks of the architecture (the arch_* contract): per-CPU EL2
 * setup, starting a vCPU at EL1, running the idle loop on a fresh stack,
 * injecting exceptions into a guest, and the last-resort panic.
 */
#ifndef ARCH_ARCH_H
#define ARCH_ARCH_H

#include <stdint.h>

#include "arch/aarch64/frame.h"

struct cpu;
struct vcpu;

unsigned arch_current_el(void);
void arch_cpu_init(struct cpu *c);
struct frame *arch_cpu_frame(const struct cpu *c);
/* switch to c's stack and run vcpu_idle_loop(c) */
void arch_run_idle(struct cpu *c) __attribute__((noreturn));
/* load a vCPU's reset state and enter EL1 at v->entry with x0 = v->context */
void arch_vcpu_start(struct cpu *c, struct vcpu *v) __attribute__((noreturn));
/* HCR_EL2.TWI on a CPU with twi_follows_timer: set at the IRQ exit that
 * forwards a timer PPI, cleared by a trapped WFI that finds none held */
void arch_twi_irq_exit(void);
void arch_twi_wfi_exit(void);
/* time partitioning: load v's saved state (context.c) and enter it */
void arch_vcpu_resume(struct cpu *c, struct vcpu *v) __attribute__((noreturn));
/* synchronous external abort into EL1 (data: true for data aborts) */
void arch_inject_abort(struct frame *f, int data, uint64_t far, uint64_t esr);
/* undefined-instruction exception into EL1 */
void arch_inject_undef(struct frame *f);
/* CVE-2017-5715 state of this CPU (spectre.c) */
void spectre_cpu_init(struct cpu *c);
/* virtual SError into EL1, taken when the guest unmasks it (HCR_EL2.VSE) */
void arch_inject_serror(void);
void arch_panic(const char *why) __attribute__((noreturn));
/*
 * one access of width 1, 2, 4 or 8 bytes on a device (mmio_replay.S):
 * 0, or -1 when the device answered it with an external abort
 */
int mmio_replay_read(uint64_t pa, unsigned width, uint64_t *value);
int mmio_replay_write(uint64_t pa, unsigned width, uint64_t value);

#endif /* ARCH_ARCH_H */
