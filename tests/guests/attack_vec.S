/* SPDX-License-Identifier: MIT */
/*
 * Exception vectors of the attack guest: unlike crt0's, they keep every
 * general register (an attack may fault in the middle of inline asm), call
 * attack_exception(regs, esr, elr, far) and return to the ELR it gives.
 * attack_jump branches somewhere with the return address in x30, which is
 * where an instruction abort there resumes.
 */
	.text
	.balign	0x800
	.globl	attack_vectors
attack_vectors:
	.rept	16
	.balign	0x80
	b	attack_vec_entry
	.endr

attack_vec_entry:
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x29, x30, [sp, #160]
	mov	x0, sp
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	mrs	x19, spsr_el1
	bl	attack_exception
	msr	elr_el1, x0
	msr	spsr_el1, x19
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x29, x30, [sp, #160]
	add	sp, sp, #256
	eret

	.globl	attack_jump
attack_jump:
	stp	x29, x30, [sp, #-16]!
	blr	x0
	ldp	x29, x30, [sp], #16
	ret
