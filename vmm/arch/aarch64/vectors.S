/* SPDX-License-Identifier: MIT */
/*
 * EL2 exception vectors (Arm ARM DDI 0487 "Exception vectors"). Exits from a
 * guest save the whole frame at the top of this CPU's stack, call the C
 * handler, restore and return. Exceptions taken at EL2 itself are runtime
 * bugs and go to vectors_panic, except an external abort (synchronous or
 * SError) taken while replaying a guest's access on a device
 * (mmio_replay.S): that one returns an error to the replay's caller.
 */
#include "arch/aarch64/frame.h"

/*
 * What every exit saves: x0-x17 (the C handlers may change them), and,
 * but for an IRQ exit (vector_irq), ELR and SPSR through x0 and x1. A full
 * frame (frame_save) adds x18-x29, an IRQ exit only x18 and x30.
 */
.macro save_x0_x17
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
.endm

.macro save_elr_spsr
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x30, x0, [sp, #16 * 15]
	str	x1, [sp, #FRAME_SPSR]
.endm

.macro restore_x0_x17
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
.endm

/* the way back, shared by the full and light returns: ELR, SPSR, x30, then x0-x17 */
.macro restore_elr_spsr_x0_x17
	ldr	x1, [sp, #FRAME_SPSR]
	ldp	x30, x0, [sp, #16 * 15]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	restore_x0_x17
.endm

.macro frame_save
	sub	sp, sp, #FRAME_SIZE
	save_x0_x17
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	save_elr_spsr
.endm

/*
 * CVE-2017-5715: on an affected core, invalidate the branch predictor
 * before EL2 runs any indirect branch after a guest (spectre.c); x0-x3
 * are saved in the frame already. 7 instructions: the entry still fits
 * its 32.
 */
.macro bp_harden
	mrs	x0, tpidr_el2
	ldr	w0, [x0, #CPU_BP_HARDEN]
	cbz	w0, 1f
	mov	w0, #0x8000
	movk	w0, #0x8000, lsl #16	/* SMCCC_ARCH_WORKAROUND_1 */
	smc	#0
1:
.endm

.macro vector_entry handler
	.balign	0x80
	frame_save
	bp_harden
	mov	x0, sp
	bl	\handler
	b	vectors_return
.endm

/*
 * IRQ and FIQ exits: trap_irq never reads or writes its frame, and the C
 * code keeps x19-x29 as it found them (AAPCS64 callee-saved), so only
 * x0-x18 and x30 are saved and restored (issue 15). ELR_EL2 and SPSR_EL2
 * stay in the registers: only an exception taken to EL2 writes them (Arm
 * ARM DDI 0487 "Exception entry"), and none is taken on this path (IRQ,
 * FIQ and SError are masked here, a synchronous one would be a runtime
 * bug, bp_harden's SMC is taken to EL3), so the ERET finds them as the
 * exit left them; the frame
 * gets them only when trap_irq ends the window (vectors_switch_irq). The
 * frame keeps its layout; its x19-x29, ELR and SPSR slots hold whatever
 * the last full save left. A vCPU stopped or restarted on this path never
 * comes back through it: its next start writes a whole new frame.
 */
.macro vector_irq handler
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	save_x0_x17
	str	x18, [sp, #16 * 9]
	str	x30, [sp, #16 * 15]
	bp_harden
	bl	\handler
	cbz	w0, vectors_return_irq
	b	vectors_switch_irq
.endm

/*
 * Synchronous exits from AArch64 all start light (issue 15): x0-x19, x30,
 * ELR and SPSR are saved, as for an IRQ exit plus x19 (an Rt the light
 * handlers take). ESR_EL2.EC bit 5 (ESR bit 31) picks the C side:
 * trap_sync_light for WFx (0x01), HVC64 (0x16) and system register
 * (0x18) traps, trap_abort_light (abort.c) for the aborts (0x20, 0x24)
 * and every other EC (debug, alignment); both get ESR_EL2 in x1 (read
 * after bp_harden: its SMC may change x1-x3). Whatever they cannot take
 * without x20-x29 comes back TRAP_LIGHT_FULL (unchanged) or
 * TRAP_LIGHT_FAULT (an MMIO access refused), and vectors_sync_more
 * completes the frame: x20-x29 still hold the guest's values then
 * (AAPCS64 callee-saved in C).
 */
.macro vector_sync
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	save_x0_x17
	stp	x18, x19, [sp, #16 * 9]
	save_elr_spsr
	bp_harden
	mrs	x1, esr_el2
	mov	x0, sp
	tbnz	x1, #31, vectors_sync_abort
	bl	trap_sync_light
	cbz	x0, vectors_return_light
	b	vectors_sync_more	/* 27 instructions: the entry fits its 32 */
.endm

.macro vector_panic kind
	.balign	0x80
	mov	x0, #\kind
	b	vectors_panic
.endm

/*
 * An abort whose ELR lies in the replay code resumes at its fixup (x0 and
 * x1 are free there: the replay functions are leaves and the panic path
 * overwrites them anyway); anything else is a runtime bug.
 */
.macro vector_replay kind
	.balign	0x80
	mrs	x0, elr_el2
	adr	x1, mmio_replay_start
	cmp	x0, x1
	b.lo	1f
	adr	x1, mmio_replay_end
	cmp	x0, x1
	b.hs	1f
	adr	x0, mmio_replay_fixup
	msr	elr_el2, x0
	eret
1:	mov	x0, #\kind
	b	vectors_panic
.endm

	.text
	.balign	0x800
	.globl	vectors_el2
vectors_el2:
	vector_panic 0		/* current EL, SP_EL0 */
	vector_panic 1
	vector_panic 2
	vector_panic 3
	vector_replay 4		/* current EL, SP_EL2 */
	vector_panic 5
	vector_panic 6
	vector_replay 7
	vector_sync		/* lower EL, AArch64 */
	vector_irq trap_irq
	vector_irq trap_fiq
	vector_entry trap_serror
	vector_entry trap_aarch32	/* lower EL, AArch32 */
	vector_entry trap_aarch32
	vector_entry trap_aarch32
	vector_entry trap_aarch32

vectors_panic:
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	trap_el2_panic
1:	wfe
	b	1b

vectors_return:
	restore_elr_spsr_x0_x17
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #FRAME_SIZE
	eret

/* vector_sync's exits with ESR_EL2.EC >= 0x20 */
vectors_sync_abort:
	bl	trap_abort_light
	cbz	x0, vectors_return_light

/*
 * vector_sync's exits that the light handlers did not finish: x20-x29
 * still hold the guest's (AAPCS64), complete the frame. TRAP_LIGHT_FAULT:
 * an access refused, whose fault trap_sync_refused raises (ESR_EL2 may
 * be another exception's by now); TRAP_LIGHT_FULL: trap_sync.
 */
vectors_sync_more:
	cmp	x0, #TRAP_LIGHT_SWITCH
	b.eq	vectors_switch_light
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	cmp	x0, #TRAP_LIGHT_FAULT
	mov	x0, sp
	b.eq	1f
	bl	trap_sync
	b	vectors_return
1:	bl	trap_sync_refused
	b	vectors_return

/* the return of vector_sync's light exits: x20-x29 were never touched */
vectors_return_light:
	restore_elr_spsr_x0_x17
	ldp	x18, x19, [sp, #16 * 9]
	add	sp, sp, #FRAME_SIZE
	eret

/* the return of vector_irq: x19-x29, ELR_EL2 and SPSR_EL2 were never touched */
vectors_return_irq:
	ldr	x30, [sp, #16 * 15]
	restore_x0_x17
	ldr	x18, [sp, #16 * 9]
	add	sp, sp, #FRAME_SIZE
	eret

/*
 * Time partitioning: the IRQ exit ended the vCPU's window (trap_irq
 * returned true). x19-x29, ELR_EL2 and SPSR_EL2 still hold the guest's
 * values (AAPCS64 callee-saved; no exception at EL2 since the exit):
 * complete the frame, then sched_switch saves it and enters the next
 * window's vCPU (never returns). x0 and x1 are in the frame already.
 */
vectors_switch_irq:
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	str	x0, [sp, #FRAME_ELR]
	str	x1, [sp, #FRAME_SPSR]
	str	x19, [sp, #16 * 9 + 8]
/* the same from vector_sync: x19 is in the frame (maybe written) */
vectors_switch_light:
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mov	x0, sp
	bl	sched_switch

/* x0 = a frame at stack top - FRAME_SIZE: load it and enter the guest. */
	.globl	vectors_enter_guest
vectors_enter_guest:
	mov	sp, x0
	b	vectors_return
