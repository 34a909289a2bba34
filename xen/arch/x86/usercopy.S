/* SPDX-License-Identifier: GPL-2.0 */
/* __copy_user(dst, src, len): rep movsb with a fixup, so a fault on either
 * side ends the copy; returns the bytes left (0 on success). Guest pages
 * are user pages: with SMAP on (smap.c) the copy runs between stac and
 * clac, the only hypervisor code that may touch them. A fault's fixup
 * lands before the clac; an interrupt meanwhile clears AC on entry and
 * iret restores it. */
	.text
	.globl __copy_user
__copy_user:
	mov	%rdx, %rcx
	cmpb	$0, smap_enabled(%rip)
	je	1f
	stac
1:	rep movsb
2:	cmpb	$0, smap_enabled(%rip)
	je	3f
	clac
3:	mov	%rcx, %rax
	ret

	.section .ex_table, "a"
	.balign 8
	.quad 1b, 2b
