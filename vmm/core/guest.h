/* SPDX-License-Identifier: MIT */
/*
 * Guests, vCPUs and physical CPUs: fixed arrays sized by layout.h limits.
 * A physical CPU hosts one pinned vCPU, or several under a time-partitioning
 * plan (core/sched.c); the vCPU it runs (cpu.vcpu) keeps its registers in
 * the hardware and in the frame at the top of its CPU's stack, the others
 * in their struct vcpu_ctx.
 */
#ifndef CORE_GUEST_H
#define CORE_GUEST_H

#include <stdint.h>

#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysregs.h"
#include "core/conout.h"
#include "core/lock.h"
#include "core/mmio.h"
#include "partita/layout.h"
#include "vdev/vpl011.h"

enum vcpu_state {
	VCPU_OFF = 0,
	VCPU_ON_PENDING = 1,    /* its CPU starts it when it sees this */
	VCPU_RUNNING = 2,
	VCPU_STOPPING = 3,      /* asked to stop; its CPU parks it */
};

enum guest_state {
	GUEST_RUNNING = 0,
	GUEST_STOPPED = 1,
	GUEST_RESTARTING = 2,
};

struct guest;
struct vcpu_ctx;

struct vgic_cpu;
struct vgic_dist;

struct vcpu {
	struct guest *guest;
	uint32_t index;
	uint32_t pcpu;              /* physical CPU index it is pinned to */
	volatile uint32_t state;    /* enum vcpu_state */
	uint64_t entry;             /* next start: pc and x0 */
	uint64_t context;
	uint64_t exits;             /* exits to EL2 since boot (PARTITA_HVC_EXITS) */
	uint64_t kicks;             /* kick SGIs other CPUs sent it (PARTITA_HVC_EXITS x1) */
	struct vcpu_ctx *ctx;       /* it shares its CPU: its state between windows (sched.c) */
	struct vgic_cpu *vgic;      /* its virtual GIC state (vgic_cpu_of: one load) */
	uint64_t restart_at;        /* off, restarts its guest from here on (guest_restart_at) */
};

#define GUEST_MAX_LOGGED_CALLS 8

struct guest {
	const struct layout_guest *lg;
	const struct layout_cap *caps;
	uint32_t index;
	const char *name;
	volatile uint32_t state;    /* enum guest_state */
	struct spinlock lock;       /* state transitions */
	struct stage2 s2;
	uint32_t vcpu_count;
	struct vcpu vcpu[LAYOUT_MAX_VCPUS];
	struct mmio_window window[MMIO_MAX_WINDOWS];
	uint32_t window_count;
	const struct mmio_window *window_last;  /* a hint: the last one hit (abort.c) */
	struct vpl011 console;
	uint32_t logged_call[GUEST_MAX_LOGGED_CALLS];
	uint32_t logged_count;
	volatile uint32_t restarts;     /* PARTITA_HVC_RESTARTS */
	uint64_t scratch;               /* PARTITA_HVC_SCRATCH */
	/* RAM clearing before an entry: chunks handed out to the guest's CPUs */
	volatile uint32_t clear_next, clear_total, clear_done;
	uint32_t clear_stepping;        /* guest_ram_clear_until: a clearing goes on */
	uint32_t load_pending;          /* boot: RAM and payloads not done yet */
	struct vgic_dist *vgic;         /* its virtual distributor (the IRQ exit's fast path) */
};

struct cpu {
	uint32_t index;
	uint64_t mpidr;
	struct vcpu *vcpu;          /* pinned vCPU or NULL */
	uint32_t bp_harden;         /* vectors call SMCCC_ARCH_WORKAROUND_1 (CPU_BP_HARDEN) */
	int32_t guest_wa1;          /* ARCH_FEATURES(WORKAROUND_1) answer to guests */
	volatile uint32_t sched;    /* SCHED_* requests to this CPU (core/sched.h) */
	uint64_t kick_sgi;          /* gic_sgi_value of a kick to it, 0: not yet (vgic_kick) */
	bool twi_follows_timer;     /* HCR_EL2.TWI set only while a timer PPI is held (vcpu_arch.c) */
};

struct runtime {
	uint64_t base;              /* == layout runtime_pa once moved */
	const struct layout_header *layout;
	uint32_t guest_count;
	struct guest guest[LAYOUT_MAX_GUESTS];
	uint32_t cpu_count;
	struct cpu cpu[LAYOUT_MAX_CPUS];
};

/* hidden: the runtime is one static PIE, so every exit that reads rt
 * reaches it PC-relative (adrp+add) instead of loading its address from
 * the GOT first */
extern struct runtime rt __attribute__((visibility("hidden")));

/* v is the vCPU its CPU runs now: alone there (no saved context: the
 * common case, one load), or in its window */
static inline int vcpu_scheduled(const struct vcpu *v)
{
	return !v->ctx ||
	       (v->pcpu != ~0u && __atomic_load_n(&rt.cpu[v->pcpu].vcpu, __ATOMIC_SEQ_CST) == v);
}

/* core/guest.c */
void guest_setup_all(void);
void guest_stop(struct guest *g, struct vcpu *self) __attribute__((noreturn));
void guest_restart(struct guest *g, struct vcpu *self) __attribute__((noreturn));
/* time-shared self: off until counter value at, then (in one of its own
 * windows, from the idle loop) guest_restart */
void guest_restart_at(struct guest *g, struct vcpu *self, uint64_t at) __attribute__((noreturn));
/* the idle loop, v this CPU's vCPU: its deferred restart, if it is due */
void guest_restart_due(struct vcpu *v);
/* vCPU 0's CPU, before the guest's first entry: clear its RAM (the guest's
 * other CPUs help) and copy its payloads; stops the guest if one is bad */
void guest_first_entry(struct vcpu *v);
/* the same for a time-shared vCPU 0, in steps ending at counter value
 * until; true when it may be entered */
bool guest_first_entry_step(struct vcpu *v, uint64_t until);
int guest_reload(struct guest *g);

/* core/vcpu.c */
/* inline: every exit asks; TPIDR_EL2 holds this CPU's struct cpu */
static inline struct cpu *vcpu_this_cpu(void)
{
	return (struct cpu *)(uintptr_t)sysreg_read(tpidr_el2);
}
void vcpu_idle_loop(struct cpu *c) __attribute__((noreturn));
void vcpu_park_self(struct vcpu *v) __attribute__((noreturn));
void vcpu_request_stop(struct vcpu *v);
/* v became ON_PENDING: wake its CPU from the idle loop */
void vcpu_wake(struct vcpu *v);
/*
 * at the end of every exit: count it, feed the UART if output is queued,
 * and park v here if another CPU asked it to stop
 */
static inline void vcpu_check_stop(struct vcpu *v)
{
	if (!v)
		return;
	v->exits++;
	conout_poll_if_pending();   /* queued console output goes on here */
	if (atomic_load32(&v->state) == VCPU_STOPPING)
		vcpu_park_self(v);
}

#endif /* CORE_GUEST_H */
