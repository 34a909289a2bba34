/* SPDX-License-Identifier: GPL-2.0 */
/* A tiny ELF64 x86-64 executable for the conversion test: with
 * -DXEN_NOTES it carries Xen notes (including a hypercall page, as older
 * kernels do), otherwise only a note of another owner. Never run. */
	.text
	.globl _start
_start:
	hlt

	.section .note.tiny, "a", @note
	.balign 4
	.long 4, 4, 1        /* namesz, descsz, type */
	.asciz "Tst"
	.long 0
#ifdef XEN_NOTES
	.balign 4
	.long 4, 8, 1        /* XEN_ELFNOTE_ENTRY */
	.asciz "Xen"
	.quad _start
	.balign 4
	.long 4, 8, 2        /* XEN_ELFNOTE_HYPERCALL_PAGE */
	.asciz "Xen"
	.quad hypercall_page
	.balign 4
	.long 4, 8, 6        /* XEN_ELFNOTE_GUEST_OS */
	.asciz "Xen"
	.asciz "linux"
	.balign 4
	.long 4, 8, 5        /* XEN_ELFNOTE_XEN_VERSION */
	.asciz "Xen"
	.asciz "xen-3.0"

	.section .text.page, "ax"
	.balign 4096
hypercall_page:
	.fill 4096, 1, 0xcc
#endif
