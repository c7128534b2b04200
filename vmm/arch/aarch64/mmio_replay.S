/* SPDX-License-Identifier: MIT */
/*
 * Replaying a guest's access on a physical device window (trapped
 * passthrough). A device may reject an access with a synchronous external
 * abort, or signal a posted write's error later as an SError (Arm ARM DDI
 * 0487 "External aborts"). Either one taken between mmio_replay_start and
 * mmio_replay_end is turned by the EL2 vectors into a return of -1 through
 * mmio_replay_fixup, so it becomes a fault of the guest, never a panic.
 */
	.text
	.globl	mmio_replay_start, mmio_replay_end, mmio_replay_fixup

/*
 * SErrors stay masked at EL2 except here: after the access and a DSB (the
 * access has completed as far as this CPU can wait for it), PSTATE.A is
 * opened for one context synchronisation, so a pending SError is taken
 * inside the window and names the access that caused it.
 */
.macro replay_window
	dsb	sy
	msr	daifclr, #4
	isb
	msr	daifset, #4
.endm

/* int mmio_replay_read(uint64_t pa, unsigned width, uint64_t *value) */
	.globl	mmio_replay_read
mmio_replay_read:
mmio_replay_start:
	cmp	w1, #2
	b.eq	2f
	b.hi	4f
	ldrb	w3, [x0]
	b	9f
2:	ldrh	w3, [x0]
	b	9f
4:	cmp	w1, #4
	b.ne	8f
	ldr	w3, [x0]
	b	9f
8:	ldr	x3, [x0]
9:	replay_window
	str	x3, [x2]
	mov	w0, #0
	ret

/* int mmio_replay_write(uint64_t pa, unsigned width, uint64_t value) */
	.globl	mmio_replay_write
mmio_replay_write:
	cmp	w1, #2
	b.eq	2f
	b.hi	4f
	strb	w2, [x0]
	b	9f
2:	strh	w2, [x0]
	b	9f
4:	cmp	w1, #4
	b.ne	8f
	str	w2, [x0]
	b	9f
8:	str	x2, [x0]
9:	replay_window
	mov	w0, #0
	ret
mmio_replay_end:

/* entered by eret from the vectors: PSTATE.A is as the abort found it */
mmio_replay_fixup:
	msr	daifset, #4
	mov	w0, #-1
	ret
