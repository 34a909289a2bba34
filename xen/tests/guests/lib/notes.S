/* SPDX-License-Identifier: MIT */
/*
 * The Xen ELF notes the domain builder reads (name "Xen"). PADDR_OFFSET 0
 * and VIRT_BASE 0xffffffff80000000: virt = paddr + VIRT_BASE, and the
 * linker script sets each p_paddr to match.
 */
#include <public/elfnote.h>

/*
 * Defaults; the badimage guest overrides one at a time to make bad images.
 * Strings are bare tokens, quoted here, so they pass through make and sh.
 */
#define STR_(x) #x
#define STR(x) STR_(x)
#ifndef NOTE_XEN_VERSION
#define NOTE_XEN_VERSION xen-3.0
#endif
#ifndef NOTE_LOADER
#define NOTE_LOADER generic
#endif
#ifndef NOTE_ENTRY
#define NOTE_ENTRY _start
#endif
#ifndef NOTE_FEATURES
#define NOTE_FEATURES !writable_page_tables
#endif

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
	.asciz	STR(NOTE_XEN_VERSION)
2:
	note XEN_ELFNOTE_LOADER
	.asciz	STR(NOTE_LOADER)
2:
	note XEN_ELFNOTE_VIRT_BASE
	.quad	0xffffffff80000000
2:
	note XEN_ELFNOTE_PADDR_OFFSET
	.quad	0
2:
	note XEN_ELFNOTE_ENTRY
	.quad	NOTE_ENTRY
2:
	note XEN_ELFNOTE_FEATURES
	.asciz	STR(NOTE_FEATURES)
2:
	.p2align 2
