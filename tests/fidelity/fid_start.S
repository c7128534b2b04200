/* SPDX-License-Identifier: MIT */
/*
 * Fidelity guest entry at EL1 (MMU off): zero the bss, stack, vectors,
 * guest_main(x0). CPU 1 enters at fid_secondary_entry (PSCI CPU_ON, x0 = its
 * stack top). Every exception saves all general registers, ELR and SPSR
 * (struct fid_regs) and calls fid_exception(regs, vector index), which may
 * change ELR and SPSR (single step sets SPSR.SS).
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	mov	x19, x0
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adrp	x1, __stack_top
	add	sp, x1, :lo12:__stack_top
	adrp	x1, fid_vectors
	add	x1, x1, :lo12:fid_vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	bl	guest_main
3:	wfe
	b	3b

	.globl	fid_secondary_entry
fid_secondary_entry:
	mov	sp, x0
	adrp	x1, fid_vectors
	add	x1, x1, :lo12:fid_vectors
	msr	vbar_el1, x1
	isb
	bl	fid_secondary
4:	wfe
	b	4b

	.macro	vec n
	.balign	0x80
	sub	sp, sp, #272
	stp	x0, x1, [sp]
	mov	x0, #\n
	b	fid_vector_common
	.endm

	.balign	0x800
fid_vectors:
	vec 0
	vec 1
	vec 2
	vec 3
	vec 4
	vec 5
	vec 6
	vec 7
	vec 8
	vec 9
	vec 10
	vec 11
	vec 12
	vec 13
	vec 14
	vec 15

fid_vector_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #248]
	mov	x1, x0
	mov	x0, sp
	bl	fid_exception
	ldp	x1, x2, [sp, #248]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp]
	add	sp, sp, #272
	eret

/*
 * Stepped code for the single-step case: svc #1 starts stepping (the
 * handler returns with SPSR.SS set); one of the stepped instructions reads
 * the GIC distributor (an exit to the hypervisor under Partita).
 * x0 = GICD_TYPER's address. Returns its value.
 */
	.globl	fid_step_code
	.globl	fid_step_first
fid_step_code:
	svc	#1
fid_step_first:
	nop
	ldr	w0, [x0]
	nop
	nop
	ret

/* the breakpoint target */
	.globl	fid_bp_target
fid_bp_target:
	mov	x0, #42
	ret

/* a fetch from x0: comes back through the abort handler to x30 */
	.globl	fid_call_at
fid_call_at:
	br	x0
