/* SPDX-License-Identifier: MIT */
/*
 * The Xen ELF notes the domain builder reads (name "Xen"). PADDR_OFFSET 0
 * and VIRT_BASE 0xffffffff80000000: virt = paddr + VIRT_BASE, and the
 * linker script sets each p_paddr to match.
 */
#include <public/elfnote.h>

	.macro note type
	.p2align 2
	.long	4, 2f - 1f, \type
	.asciz	"Xen"
1:
	.endm

	.section .note.Xen, "a", @note
	note XEN_ELFNOTE_GUEST_OS
	.asciz	"xeno-test"
2:
	note XEN_ELFNOTE_GUEST_VERSION
	.asciz	GUEST_NAME
2:
	note XEN_ELFNOTE_XEN_VERSION
	.asciz	"xen-3.0"
2:
	note XEN_ELFNOTE_LOADER
	.asciz	"generic"
2:
	note XEN_ELFNOTE_VIRT_BASE
	.quad	0xffffffff80000000
2:
	note XEN_ELFNOTE_PADDR_OFFSET
	.quad	0
2:
	note XEN_ELFNOTE_ENTRY
	.quad	_start
2:
	note XEN_ELFNOTE_FEATURES
	.asciz	"!writable_page_tables"
2:
	.p2align 2
