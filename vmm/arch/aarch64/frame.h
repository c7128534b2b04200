/* SPDX-License-Identifier: MIT */
/*
 * The guest register frame saved on every exit to EL2 and restored on entry,
 * the per-CPU stack geometry and the struct cpu field the vectors read. Shared with assembly; the C side checks
 * the offsets with _Static_assert so the two cannot drift apart.
 */
#ifndef ARCH_FRAME_H
#define ARCH_FRAME_H

#define FRAME_ELR   248
#define FRAME_SPSR  256
#define FRAME_SIZE  272
#define STACK_SIZE  8192
#define BOOT_STACK_SIZE 4096
/* trap_sync_light's answers to vectors.S (traps.c) */
#define TRAP_LIGHT_DONE   0   /* handled: restore the light frame */
#define TRAP_LIGHT_SWITCH 1   /* handled, the window ended: complete it, sched_switch */
#define TRAP_LIGHT_FULL   2   /* not a light exit: complete the frame, trap_sync */
#define TRAP_LIGHT_FAULT  3   /* an MMIO access refused: complete it, trap_sync_refused */
#define CPU_BP_HARDEN 24    /* offsetof(struct cpu, bp_harden), checked in spectre.c */

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

struct frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

_Static_assert(offsetof(struct frame, elr) == FRAME_ELR, "frame elr");
_Static_assert(offsetof(struct frame, spsr) == FRAME_SPSR, "frame spsr");
_Static_assert(sizeof(struct frame) == FRAME_SIZE, "frame size");
#endif

#endif /* ARCH_FRAME_H */
