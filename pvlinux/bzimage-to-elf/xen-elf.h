/* SPDX-License-Identifier: GPL-2.0 */
/* Is this an ELF64 x86-64 executable carrying Xen PV notes? What the domain
 * builder will insist on, checked on the host. Pure logic: no I/O. */
#ifndef PVLINUX_XEN_ELF_H
#define PVLINUX_XEN_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Note types from Xen's public/elfnote.h that the summary reports. */
#define XEN_ELFNOTE_ENTRY           1
#define XEN_ELFNOTE_HYPERCALL_PAGE  2

struct xen_elf_info {
	unsigned int nr_load;       /* PT_LOAD segments */
	unsigned int nr_xen_notes;  /* notes named "Xen" */
	bool has_entry;
	uint64_t entry;             /* XEN_ELFNOTE_ENTRY, else e_entry */
	bool has_hypercall_page;
};

bool xen_elf_has_magic(const uint8_t *img, size_t len);

/* Returns 0, or -1 with a one-line reason in why (without the file name). */
int xen_elf_check(const uint8_t *img, size_t len, struct xen_elf_info *info,
		  char *why, size_t nr_why);

#endif
