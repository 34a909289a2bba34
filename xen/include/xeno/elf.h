/* SPDX-License-Identifier: GPL-2.0 */
/* Validation of a 64-bit x86 ELF kernel image and decoding of its Xen ELF
 * notes, for the PV domain builder. Pure logic: the host tests build it. */
#ifndef XENO_ELF_H
#define XENO_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Xen ELF note types: the ABI values of public/elfnote.h. A later change
 * switches these to that header once it exists in our tree. */
#define XEN_ELFNOTE_INFO                0
#define XEN_ELFNOTE_ENTRY               1
#define XEN_ELFNOTE_HYPERCALL_PAGE      2
#define XEN_ELFNOTE_VIRT_BASE           3
#define XEN_ELFNOTE_PADDR_OFFSET        4
#define XEN_ELFNOTE_XEN_VERSION         5
#define XEN_ELFNOTE_GUEST_OS            6
#define XEN_ELFNOTE_GUEST_VERSION       7
#define XEN_ELFNOTE_LOADER              8
#define XEN_ELFNOTE_PAE_MODE            9
#define XEN_ELFNOTE_FEATURES           10
#define XEN_ELFNOTE_BSD_SYMTAB         11
#define XEN_ELFNOTE_HV_START_LOW       12
#define XEN_ELFNOTE_L1_MFN_VALID       13
#define XEN_ELFNOTE_SUSPEND_CANCEL     14
#define XEN_ELFNOTE_INIT_P2M           15
#define XEN_ELFNOTE_MOD_START_PFN      16
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17
#define XEN_ELFNOTE_PHYS32_ENTRY       18

/* Feature bit numbers: the ABI values of public/features.h (the names a
 * FEATURES note may carry are the subset Xen's loader knows, see elf.c). */
#define XENFEAT_writable_page_tables        0
#define XENFEAT_writable_descriptor_tables  1
#define XENFEAT_auto_translated_physmap     2
#define XENFEAT_supervisor_mode_kernel      3
#define XENFEAT_pae_pgdir_above_4gb         4
#define XENFEAT_hvm_callback_vector         8
#define XENFEAT_dom0                       11

/* Limits. Xen's libelf stops at 65536 notes and keeps these four strings
 * in 16-byte buffers, silently truncating; we keep its buffer size. */
#define ELF_MAX_LOAD_SEGMENTS  16
#define ELF_MAX_NOTES          65536
#define ELF_DOM_STR_SIZE       16

/* A PT_LOAD segment to copy: file bytes [offset, offset + filesz) go to
 * guest-virtual gva, and [gva + filesz, gva + memsz) is zero-filled. */
struct elf_segment {
	uint64_t offset;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t gva;
};

enum elf_pae_mode {
	ELF_PAE_NO = 0,
	ELF_PAE_YES,       /* "yes": extended-cr3 (meaningless for 64-bit) */
	ELF_PAE_BIMODAL,   /* contains "bimodal" */
};

struct elf_dom_info {
	/* Addresses, as Xen's libelf computes them for a PV kernel. */
	uint64_t virt_base;       /* VIRT_BASE, or 0 when absent */
	uint64_t paddr_offset;    /* PADDR_OFFSET, or 0 when absent */
	uint64_t virt_kstart;     /* lowest target address of the PT_LOADs */
	uint64_t virt_kend;       /* highest target address + 1 */
	uint64_t entry;           /* ENTRY, or e_entry when absent */

	bool has_hypercall_page;
	uint64_t hypercall_page;  /* gva, page aligned, inside the image */
	bool has_init_p2m;
	uint64_t init_p2m;        /* where the guest wants the p2m list */
	bool mod_start_pfn;       /* initrd may be passed by pfn */
	bool suspend_cancel;
	bool bsd_symtab;          /* BSD_SYMTAB "yes"; not acted upon yet */
	enum elf_pae_mode pae_mode;
	bool has_hv_start_low;
	uint64_t hv_start_low;    /* only meaningful for 32-bit guests */
	bool has_phys32_entry;
	uint32_t phys32_entry;    /* PVH entry; unused for PV */

	/* FEATURES ('!' = required, which implies supported) and
	 * SUPPORTED_FEATURES, as XENFEAT_* bitmaps (submap 0). */
	uint32_t features_supported;
	uint32_t features_required;
	bool has_supported_features;

	uint32_t notes_seen;      /* bit n: a Xen note of type n was found */
	char guest_os[ELF_DOM_STR_SIZE];
	char guest_version[ELF_DOM_STR_SIZE];
	char xen_version[ELF_DOM_STR_SIZE];
	char loader[ELF_DOM_STR_SIZE];

	unsigned int nr_segments;
	struct elf_segment segments[ELF_MAX_LOAD_SEGMENTS];
};

/*
 * Validate the ELF image [image, image + size) and decode its Xen notes.
 * Returns 0, or -EINVAL (malformed or contradictory), -ENOEXEC (not an ELF
 * or not a Xen PV kernel), -E2BIG (more segments or notes than we take).
 * *why is always set: NULL on success, else one line naming the problem.
 * On failure *info is zeroed. The image is only read.
 */
int elf_dom_parse(const void *image, size_t size, struct elf_dom_info *info,
		  const char **why);

/* Whether the kernel may run as the initial domain (Xen's dom0 builder
 * refuses a kernel whose SUPPORTED_FEATURES note lacks XENFEAT_dom0), and
 * as another domain (libxenguest refuses one that requires dom0). */
static inline bool elf_dom_supports_dom0(const struct elf_dom_info *info)
{
	return !info->has_supported_features ||
	       (info->features_supported & (1u << XENFEAT_dom0));
}

static inline bool elf_dom_supports_domu(const struct elf_dom_info *info)
{
	return !(info->features_required & (1u << XENFEAT_dom0));
}

#endif
