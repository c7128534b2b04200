/* SPDX-License-Identifier: MIT */
/*
 * What the synchronous exits of traps.c and abort.c share: the end of a
 * light exit (frame of x0-x19, x30, ELR and SPSR; vectors.S) and the
 * software-step fix-up of an instruction emulated at EL2.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <stdint.h>

#include "arch/aarch64/frame.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/sched.h"
#include "vdev/vgic.h"

/*
 * An instruction emulated here (ELR moved from elr past it) was the step a
 * single-stepping guest asked for: clear SPSR.SS so the software step
 * exception is taken before the next one (Arm ARM DDI 0487 "Software Step
 * exceptions", active-pending state), as if the hardware had executed it.
 * SS first: most exits are not stepped and skip the compare.
 */
static inline void trap_step_done(struct frame *f, uint64_t elr, uint64_t esr)
{
	if ((f->spsr & SPSR_SS) && f->elr == elr + ESR_INSN_BYTES(esr))
		f->spsr &= ~SPSR_SS;
}

/* the end of every light exit, as of trap_sync's: TRAP_LIGHT_DONE or _SWITCH */
static inline unsigned long trap_light_end(struct cpu *c, struct vcpu *v)
{
	vcpu_check_stop(v);
	vgic_flush(v);
	return sched_exit(c) ? TRAP_LIGHT_SWITCH : TRAP_LIGHT_DONE;
}

/* abort.c: stage-2 aborts, on the full frame and on the light one */
void trap_abort(struct vcpu *v, struct frame *f, uint64_t esr);
unsigned long trap_abort_light(struct frame *f, uint64_t esr);
void trap_abort_refused(struct vcpu *v, struct frame *f);

#endif /* ARCH_TRAPS_H */
