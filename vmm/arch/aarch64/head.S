/* SPDX-License-Identifier: MIT */
/*
 * Entry: the arm64 Image header (Linux Documentation/arch/arm64/booting.rst),
 * then the boot CPU path: relocate where the loader put us, verify the layout
 * in C, move the whole image to layout.runtime_pa, relocate again and enter
 * C. Secondary CPUs enter at head_secondary (PSCI CPU_ON, context = index).
 */
#include "arch/aarch64/frame.h"

#define R_AARCH64_RELATIVE 1027

	.section .head.text, "ax"
	.globl	_head
_head:
	b	head_boot			/* code0 */
	.long	0				/* code1 */
	.quad	0				/* text_offset */
	/* image_size (0x10) comes from vmm.lds: it needs the link-time size */
	.section .head.rest, "ax"
	.quad	0xa				/* LE, 4K pages, placement anywhere */
	.quad	0, 0, 0				/* res2-res4 */
	.ascii	"ARM\x64"			/* magic at 0x38 */
	.long	0				/* res5 */

/* Boot CPU, EL2, MMU off. x20 = where we run now, x21 = destination. */
head_boot:
	msr	daifset, #0xf
	adr	x20, _head
	mov	x0, x20
	bl	head_relocate
	adrp	x1, head_boot_stack
	add	x1, x1, :lo12:head_boot_stack
	add	sp, x1, #BOOT_STACK_SIZE
	mov	x0, x20
	bl	boot_check			/* returns runtime_pa or never */
	mov	x21, x0
	ldr	x22, [x20, #16]			/* whole image file size */
	add	x22, x22, #15
	bic	x22, x22, #15
	cmp	x21, x20
	b.eq	head_moved
	b.hi	head_copy_backward
	/*
	 * Destination below us: copy the first 4K (this code) first, then
	 * continue in the copy so a forward copy never overwrites the loop.
	 */
	mov	x0, x21
	mov	x1, x20
	mov	x2, #4096
	bl	head_copy_forward
	dsb	ish				/* the copy has reached memory before the I-cache is invalidated */
	ic	iallu
	dsb	sy
	isb
	adr	x3, 1f
	sub	x3, x3, x20
	add	x3, x3, x21
	br	x3
1:	mov	x0, x21
	mov	x1, x20
	mov	x2, x22
	bl	head_copy_forward
	dsb	ish
	ic	iallu				/* already running in the copy */
	dsb	sy
	isb
	b	head_moved
head_copy_backward:
	/* Destination above us (>= 2 MiB away): copy from the end down. */
	add	x0, x21, x22
	add	x1, x20, x22
2:	ldp	x3, x4, [x1, #-16]!
	stp	x3, x4, [x0, #-16]!
	cmp	x1, x20
	b.hi	2b
head_jump:
	dsb	ish
	ic	iallu
	dsb	sy
	isb
	adr	x3, head_moved
	sub	x3, x3, x20
	add	x3, x3, x21
	br	x3
head_moved:
	mov	x20, x21
	mov	x0, x20
	bl	head_relocate
	adrp	x1, head_boot_stack
	add	x1, x1, :lo12:head_boot_stack
	add	sp, x1, #BOOT_STACK_SIZE
	mov	x0, x20
	bl	boot_main
3:	wfe
	b	3b

/* x0 = dst, x1 = src, x2 = bytes (multiple of 16). Leaf, no stack. */
head_copy_forward:
	cbz	x2, 2f
1:	ldp	x3, x4, [x1], #16
	stp	x3, x4, [x0], #16
	subs	x2, x2, #16
	b.ne	1b
2:	ret

/* x0 = base we run at: apply R_AARCH64_RELATIVE (S = 0: base + addend). */
head_relocate:
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
1:	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1], #16
	ldr	x5, [x1], #8
	cmp	w4, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x5, x5, x0
	str	x5, [x0, x3]
	b	1b
2:	ret

/* Secondary CPU from PSCI CPU_ON, EL2, MMU off: x0 = physical CPU index. */
	.globl	head_secondary
head_secondary:
	msr	daifset, #0xf
	adrp	x1, cpu_stacks
	add	x1, x1, :lo12:cpu_stacks
	mov	x2, #STACK_SIZE
	madd	x1, x0, x2, x1
	add	x1, x1, x2
	sub	sp, x1, #FRAME_SIZE		/* the top frame is the guest's */
	bl	boot_secondary
4:	wfe
	b	4b

/* x0 = stack top, x1 = function, x2 = its argument: never returns. */
	.globl	head_run_on_stack
head_run_on_stack:
	sub	sp, x0, #FRAME_SIZE
	mov	x0, x2
	br	x1

	.section .bss.boot_stack, "aw", %nobits
	.balign	16
head_boot_stack:
	.skip	BOOT_STACK_SIZE
