/* SPDX-License-Identifier: GPL-2.0 */
/* Is this a Xen PV kernel the hypervisor will load? Answered by the
 * hypervisor's own ELF loader (xen/common/elf.c, linked into this tool), so
 * the tool and the domain builder cannot disagree. Pure logic: no I/O. */
#ifndef PVLINUX_XEN_ELF_H
#define PVLINUX_XEN_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* What the summary line reports of an accepted kernel. */
struct xen_elf_info {
	unsigned int nr_load;        /* PT_LOAD segments */
	unsigned int nr_note_types;  /* distinct Xen note types present */
	bool has_entry;
	uint64_t entry;              /* XEN_ELFNOTE_ENTRY, else e_entry */
	bool has_hypercall_page;
};

bool xen_elf_has_magic(const uint8_t *img, size_t len);

/* Returns 0, or -1 with the loader's one-line reason in why. */
int xen_elf_check(const uint8_t *img, size_t len, struct xen_elf_info *info,
		  char *why, size_t nr_why);

#endif
