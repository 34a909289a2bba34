/* SPDX-License-Identifier: GPL-2.0 */
/* Exception and interrupt entry: one stub per vector pushes an error code
 * (0 where the CPU pushes none) and the vector, then the common path saves
 * the general registers as struct cpu_regs and calls C. */
#include <asm/entry-macros.h>
#include <asm/regs.h>
#include <asm/traps.h>

	.section .text.entry, "ax"

common_entry:
	SAVE_ALL
	cld
	/* RFLAGS.AC as the guest (or an interrupted copy) left it must not
	 * open guest memory to this handler: clear it, as Xen does on every
	 * entry (the saved frame keeps it). syscall clears it by its mask. */
	cmpb	$0, smap_enabled(%rip)
	je	1f
	clac
1:
	mov	%rsp, %rdi
	call	do_entry
	RESTORE_ALL
	add	$16, %rsp           /* vector and error code */
	iretq


	.balign 16
	.globl entry_stubs
entry_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	.if !X86_EXC_HAS_EC(vec)   /* the CPU pushes none: push a 0 */
	push	$0
	.endif
	push	$vec
	jmp	common_entry
	.set vec, vec + 1
	.endr
