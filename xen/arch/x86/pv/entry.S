/* SPDX-License-Identifier: GPL-2.0 */
/* Guest entry by `syscall` and the one way back to a guest. A per-CPU stub
 * (syscall.c) switches to this CPU's stack and builds the hardware-
 * style frame in cpu_info->guest_regs; from there the frame has the same
 * shape as for an exception from ring 3. */
#include <asm/entry-macros.h>
#include <asm/regs.h>

	.section .text.entry, "ax"

	/* Entered from a stub: rsp points at the frame's rip slot, the
	 * guest's rax waits in the error-code slot. */
	.globl syscall_common
syscall_common:
	sub	$8, %rsp              /* error-code slot, already written */
	pushq	$ENTRY_VECTOR_SYSCALL
	SAVE_ALL
	mov	REGS_ERROR(%rsp), %rax
	mov	%rax, REGS_RAX(%rsp)
	movq	$0, REGS_ERROR(%rsp)
	cld
	mov	%rsp, %rdi
	call	do_syscall_entry
	/* fall through */

	/* Return to the guest whose frame is in cpu_info->guest_regs; the
	 * caller has already done the exit work (events, scheduling). */
	.globl ret_to_guest
ret_to_guest:
	RESTORE_ALL
	add	$16, %rsp
	.globl guest_iret
guest_iret:
	iretq

	/* iretq faulted on a bad guest frame (selector, address). The fault
	 * was taken on this stack and returned here with the general
	 * registers intact: save them again and let C decide. */
iret_fault:
	sub	$16, %rsp
	SAVE_ALL
	mov	%rsp, %rdi
	call	pv_iret_fault
	jmp	ret_to_guest

	.section .ex_table, "a"
	.balign 8
	.quad guest_iret, iret_fault
	.previous

	/* reset_stack_and_jump(sp, fn): for leaving a context for good. */
	.globl reset_stack_and_jump
reset_stack_and_jump:
	mov	%rdi, %rsp
	xor	%ebp, %ebp
	jmp	*%rsi
