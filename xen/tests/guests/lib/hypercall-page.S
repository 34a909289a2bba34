/* SPDX-License-Identifier: MIT */
/*
 * A hypercall page inside the image and the XEN_ELFNOTE_HYPERCALL_PAGE
 * note naming it; the builder fills it with one 32-byte stub per
 * hypercall (stub i at hypercall_page + 32 * i). Linked only into guests
 * that call through the page.
 */
#include <public/elfnote.h>

#ifndef NOTE_HYPERCALL_PAGE_OFFSET
#define NOTE_HYPERCALL_PAGE_OFFSET 0   /* badimage sets 8: not page aligned */
#endif

	.section .text.hypercall_page, "ax"
	.p2align 12
	.globl	hypercall_page
hypercall_page:
	.skip	4096, 0

	.section .note.Xen, "a", @note
	.p2align 2
	.long	4, 2f - 1f, XEN_ELFNOTE_HYPERCALL_PAGE
	.asciz	"Xen"
1:	.quad	hypercall_page + NOTE_HYPERCALL_PAGE_OFFSET
2:	.p2align 2
