/* SPDX-License-Identifier: MIT */
/*
 * Test guest entry at EL1, MMU off: x0 = DTB address from the runtime.
 * Zero the bss, set the stack, install the exception vectors and call
 * guest_main(dtb). Secondary vCPUs (PSCI CPU_ON) enter at crt0_secondary
 * with x0 = context id, which is their stack top.
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
	adrp	x1, crt0_vectors
	add	x1, x1, :lo12:crt0_vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	bl	guest_main
3:	wfe
	b	3b

	.globl	crt0_secondary
crt0_secondary:
	mov	sp, x0
	adrp	x1, crt0_vectors
	add	x1, x1, :lo12:crt0_vectors
	msr	vbar_el1, x1
	isb
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	bl	guest_secondary
4:	wfe
	b	4b

/* Every EL1 exception calls guest_exception(esr, elr, far) and returns to
 * the address it gives back. */
	.balign	0x800
crt0_vectors:
	.rept	16
	.balign	0x80
	b	crt0_exception
	.endr

crt0_exception:
	sub	sp, sp, #32
	stp	x29, x30, [sp]
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	guest_exception
	msr	elr_el1, x0
	ldp	x29, x30, [sp]
	add	sp, sp, #32
	eret
