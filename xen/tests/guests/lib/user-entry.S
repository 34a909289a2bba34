/* SPDX-License-Identifier: MIT */
/*
 * user_enter(rip, rsp): save the callee-saved registers, then iret into
 * guest-user mode. user_leave(vector) returns from user_enter with that
 * value, on the stack user_enter saved (a longjmp from a trap handler).
 */
#include <public/xen.h>

	.text
	.globl	user_enter
user_enter:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, user_saved_rsp(%rip)
	pushq	$FLAT_USER_SS		/* iret_context.ss */
	push	%rsi			/* rsp */
	pushq	$0x2			/* rflags: IF clear keeps events masked */
	pushq	$FLAT_USER_CS		/* cs: RPL 3 means guest-user mode */
	push	%rdi			/* rip */
	pushq	$0			/* flags */
	pushq	$0			/* rcx */
	pushq	$0			/* r11 */
	pushq	$0			/* rax */
	mov	$__HYPERVISOR_iret, %eax
	syscall
	ud2

	.globl	user_leave
user_leave:
	mov	user_saved_rsp(%rip), %rsp
	mov	%rdi, %rax
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.bss
	.p2align 3
user_saved_rsp:
	.quad	0
