/* SPDX-License-Identifier: MIT */
/*
 * The event callback and vCPU 1's first instruction. The hypervisor's
 * bounce frame, low to high: RCX, R11, RIP, CS, RFLAGS, RSP, SS, with
 * events masked. We save the caller-saved registers, run evt_upcall(),
 * and return with HYPERVISOR_iret (rax, r11, rcx, flags, then the frame),
 * whose RFLAGS.IF restores the interrupted context's event mask.
 */
#include <public/xen.h>

	.text
	.p2align 4
	.globl	evt_upcall_entry
evt_upcall_entry:
	pop	%rcx
	pop	%r11
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%rbx
	mov	%rsp, %rbx
	and	$-16, %rsp
	cld
	call	evt_upcall
	mov	%rbx, %rsp
	pop	%rbx
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	pushq	$0			/* iret_context.flags */
	push	%rcx
	push	%r11
	push	%rax
	mov	$__HYPERVISOR_iret, %eax
	syscall
	ud2

/* A failsafe callback means the hypervisor could not return to us. */
	.p2align 4
	.globl	evt_failsafe_entry
evt_failsafe_entry:
	and	$-16, %rsp
	call	evt_failsafe
	ud2

/* vCPU 1 starts here on the stack its context named. */
	.p2align 4
	.globl	evt_vcpu1_entry
evt_vcpu1_entry:
	and	$-16, %rsp
	call	evt_vcpu1_main
	ud2
