/* SPDX-License-Identifier: GPL-2.0 */
/* __copy_user(dst, src, len): rep movsb with a fixup, so a fault on either
 * side ends the copy; returns the bytes left (0 on success). */
	.text
	.globl __copy_user
__copy_user:
	mov	%rdx, %rcx
1:	rep movsb
2:	mov	%rcx, %rax
	ret

	.section .ex_table, "a"
	.balign 8
	.quad 1b, 2b
