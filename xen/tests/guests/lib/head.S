/* SPDX-License-Identifier: MIT */
/*
 * Start of day (ABI-NOTES 2.3): rsi = start_info, rsp = top of the boot
 * stack, ring 3 in guest kernel mode, events masked. Move to our own
 * stack, clear .bss, and call lib_start(start_info, boot rsp).
 */
	.section .text.head, "ax"
	.globl	_start
_start:
	cld
	mov	%rsi, %r12
	mov	%rsp, %r13
	lea	boot_stack_top(%rip), %rsp
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	mov	%r12, %rdi
	mov	%r13, %rsi
	call	lib_start
	ud2

	.section .bss.stack, "aw", @nobits
	.p2align 12
boot_stack:
	.skip	16384
boot_stack_top:
