/* SPDX-License-Identifier: MIT */
/*
 * Trap entry stubs. The hypervisor's bounce frame, low to high: RCX, R11,
 * [error code], RIP, CS, RFLAGS, RSP, SS. Each stub restores rcx/r11,
 * pushes a 0 error code where the CPU has none, and its vector, so
 * trap_common sees one layout (struct trap_frame). The return builds an
 * iret_context (rax, r11, rcx, flags, then the frame) for HYPERVISOR_iret.
 */
#include <public/xen.h>

	.macro stub vec, has_error
	.text
	.p2align 4
trap_entry_\vec:
	pop	%rcx
	pop	%r11
	.if \has_error == 0
	pushq	$0
	.endif
	pushq	$\vec
	jmp	trap_common
	.section .rodata.trap_entries, "a"
	.quad	\vec, trap_entry_\vec
	.endm

	.section .rodata.trap_entries, "a"
	.p2align 3
	.globl	trap_entries
trap_entries:
	stub 0, 0
	stub 1, 0
	stub 2, 0
	stub 3, 0
	stub 4, 0
	stub 5, 0
	stub 6, 0
	stub 7, 0
	stub 8, 1
	stub 9, 0
	stub 10, 1
	stub 11, 1
	stub 12, 1
	stub 13, 1
	stub 14, 1
	stub 15, 0
	stub 16, 0
	stub 17, 1
	stub 18, 0
	stub 19, 0
	stub 20, 0
	stub 21, 1
	stub 22, 0
	stub 23, 0
	stub 24, 0
	stub 25, 0
	stub 26, 0
	stub 27, 0
	stub 28, 0
	stub 29, 1
	stub 30, 1
	stub 31, 0
	stub 0x80, 0
	stub 0x81, 0
	.section .rodata.trap_entries, "a"
	.globl	trap_entries_end
trap_entries_end:

	.text
/*
 * The syscall callback: a guest-user `syscall` arrives like a trap
 * without error code (RCX and R11 hold the user's return RIP and RFLAGS).
 */
	.p2align 4
	.globl	syscall_entry
syscall_entry:
	pop	%rcx
	pop	%r11
	pushq	$0
	pushq	$0x100
	jmp	trap_common

/* The event callback: a frame like a trap without error code. */
	.p2align 4
	.globl	event_entry
event_entry:
	pop	%rcx
	pop	%r11
	pushq	$0
	pushq	$0x101
	jmp	trap_common

/*
 * The failsafe callback (a segment reload failed on the way back to the
 * guest): no test provokes it yet, so arriving here is an unexpected trap.
 * Its frame has DS, ES, FS, GS above RCX/R11; the vector says which.
 */
	.p2align 4
	.globl	failsafe_entry
failsafe_entry:
	pop	%rcx
	pop	%r11
	pushq	$0
	pushq	$0x102
	jmp	trap_common

	.p2align 4
trap_common:
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	cld
	mov	%rsp, %rdi
	mov	%rsp, %rbx		/* callee-saved: survives the call */
	and	$-16, %rsp
	call	trap_dispatch
	mov	%rbx, %rsp
	.globl	trap_return
trap_return:				/* rsp = struct trap_frame */
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$16, %rsp		/* vector, error code */
	pushq	$0			/* iret_context.flags */
	cmpq	$0, trap_iret_stub(%rip)
	jne	1f
	push	%rcx
	push	%r11
	push	%rax
	mov	$__HYPERVISOR_iret, %eax
	syscall
	ud2				/* iret does not return */
1:	jmp	*trap_iret_stub(%rip)	/* the page's stub pushes rcx, r11, rax */
