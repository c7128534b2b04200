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

/*
 * uint64_t attack_el0_t32(uint64_t entry, uint64_t r0): runs T32 code at
 * EL0 in AArch32 state (SPSR M = User, T set, A/I/F masked) from entry,
 * with r0 given and r2 = r3 = 0, until it takes any exception to EL1
 * (its `svc`). Returns that exception's ESR_EL1; r2 and r3 are left in
 * attack_t32_regs. SP_EL1 is untouched by EL0, so the vector finds the
 * registers saved here.
 */
	.globl	attack_el0_t32
attack_el0_t32:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	adr	x9, attack_t32_vectors
	msr	vbar_el1, x9
	msr	elr_el1, x0
	mov	x9, #0x1F0
	msr	spsr_el1, x9
	mov	x0, x1
	mov	x2, #0
	mov	x3, #0
	isb
	eret

	.balign	0x800
attack_t32_vectors:
	.rept	16
	.balign	0x80
	b	attack_t32_back
	.endr

attack_t32_back:
	adrp	x9, attack_t32_regs
	add	x9, x9, :lo12:attack_t32_regs
	stp	x2, x3, [x9]
	mrs	x0, esr_el1
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret

/*
 * The T32 code (16-bit encodings, Arm ARM DDI 0487 "T32 instruction set
 * encoding"): each trapped instruction must be stepped over by 2 bytes,
 * or an `adds` is skipped and r2 ends below 3.
 */
	.balign	4
	.globl	attack_t32_code
attack_t32_code:
	.hword	0xbf30		/* wfi: traps to EL2 (HCR_EL2.TWI), IL = 0 */
	.hword	0x3201		/* adds r2, #1 */
	.hword	0x6803		/* ldr r3, [r0]: emulated at EL2, IL = 0 */
	.hword	0x3202		/* adds r2, #2 */
	.hword	0xdf00		/* svc #0: back to EL1 */
	.hword	0xe7fe		/* b . */
