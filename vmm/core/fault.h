/* SPDX-License-Identifier: MIT */
/*
 * Guest faults: one decoded log line, then the guest's on_fault policy
 * (stop, inject an abort, restart). Never a hypervisor panic. Fault lines
 * are rate-limited per guest; fault restarts back off, then stop the guest.
 */
#ifndef CORE_FAULT_H
#define CORE_FAULT_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/frame.h"

struct vcpu;

enum fault_kind {
	FAULT_DATA_ABORT,       /* injectable as a data abort */
	FAULT_INSN_ABORT,       /* injectable as an instruction abort */
	FAULT_OTHER,            /* injectable as an undefined instruction */
	FAULT_SERROR,           /* asynchronous: injectable as a virtual SError */
};

struct fault {
	enum fault_kind kind;
	const char *what;       /* "data abort", "smc", ... */
	const char *detail;     /* decoded cause, may be NULL */
	bool has_ipa;
	uint64_t ipa;
	int access;             /* -1: none, 0: read, 1: write */
	uint64_t esr, elr, far;
};

/* Returns only when the policy let the vCPU continue (abort injected). */
void fault_raise(struct vcpu *v, struct frame *f, const struct fault *ft);
/*
 * A restart of g by self (why: "faulted", "reset") within a storm: waits
 * out its back-off and restarts g (never returns), or returns when g must
 * stop instead. Fault restarts and guest-requested resets share one count.
 * On a CPU shared under a plan the back-off is not spent at EL2: self
 * waits, off, in its own windows (guest_restart_at).
 */
struct guest;
struct vcpu;
void fault_restart(struct guest *g, struct vcpu *self, const char *why);

#endif /* CORE_FAULT_H */
