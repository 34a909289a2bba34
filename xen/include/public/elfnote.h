/* SPDX-License-Identifier: MIT */
/*
 * Types of the Xen ELF notes (owner name "Xen", in a PT_NOTE segment) by
 * which a PV kernel tells the domain builder how to load and start it.
 * Numeric notes are 4 or 8 bytes, as the note's descriptor size says;
 * string notes are NUL-terminated ASCII.
 */
#ifndef XENO_PUBLIC_ELFNOTE_H
#define XENO_PUBLIC_ELFNOTE_H

#define XEN_ELFNOTE_INFO                0   /* NAME=VALUE (string) */
#define XEN_ELFNOTE_ENTRY               1   /* entry virtual address */
#define XEN_ELFNOTE_HYPERCALL_PAGE      2   /* where to put the page (virt) */
#define XEN_ELFNOTE_VIRT_BASE           3   /* virtual base of the image */
#define XEN_ELFNOTE_PADDR_OFFSET        4   /* subtract from p_paddr */
#define XEN_ELFNOTE_XEN_VERSION         5   /* "xen-3.0" (string) */
#define XEN_ELFNOTE_GUEST_OS            6   /* "linux" (string) */
#define XEN_ELFNOTE_GUEST_VERSION       7   /* string */
#define XEN_ELFNOTE_LOADER              8   /* "generic" (string) */
#define XEN_ELFNOTE_PAE_MODE            9   /* 32-bit only (string) */
#define XEN_ELFNOTE_FEATURES           10   /* "a|!b|..." (string) */
#define XEN_ELFNOTE_BSD_SYMTAB         11   /* "yes": load the symbols */
#define XEN_ELFNOTE_HV_START_LOW       12   /* lowest hypervisor hole start */
#define XEN_ELFNOTE_L1_MFN_VALID       13   /* mask/value pairs */
#define XEN_ELFNOTE_SUSPEND_CANCEL     14   /* numeric, default 0 */
#define XEN_ELFNOTE_INIT_P2M           15   /* virtual address of the p2m */
#define XEN_ELFNOTE_MOD_START_PFN      16   /* numeric: pfn initrd is fine */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17   /* XENFEAT_* bitmap (numeric) */
#define XEN_ELFNOTE_PHYS32_ENTRY       18   /* PVH entry; unused for PV */

/* The highest note type defined above. */
#define XEN_ELFNOTE_MAX XEN_ELFNOTE_PHYS32_ENTRY

/* Notes in crash dumps and save images, not in guest kernels. */
#define XEN_ELFNOTE_CRASH_INFO                  0x1000001
#define XEN_ELFNOTE_CRASH_REGS                  0x1000002
#define XEN_ELFNOTE_DUMPCORE_NONE               0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER             0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION        0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION     0x2000003

#endif /* XENO_PUBLIC_ELFNOTE_H */
