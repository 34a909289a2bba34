/* SPDX-License-Identifier: GPL-2.0 */
/* The 64-bit PV start-of-day virtual layout (public/xen.h, "Start-of-day
 * memory layout"): where each bootstrap element goes, how many page tables
 * map the bootstrap region, and how many of the domain's frames it takes. */
#ifndef ASM_DOM_LAYOUT_H
#define ASM_DOM_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>
#include <xeno/elf.h>

#define DOM_LAYOUT_PAGE_SIZE  4096ULL
#define DOM_LAYOUT_END_ALIGN  (4ULL << 20)     /* region ends 4 MiB aligned */
#define DOM_LAYOUT_MIN_PAD    (512ULL << 10)   /* free, mapped, past the stack */
#define DOM_LAYOUT_MAX_VCPUS  8192             /* Xen's MAX_VIRT_CPUS on x86 */

/* Guest addresses a 64-bit PV guest cannot be given: the non-canonical hole
 * and Xen's range (L4 slots 256-271) right after it, as one interval. */
#define DOM_LAYOUT_FORBIDDEN_START 0x0000800000000000ULL
#define DOM_LAYOUT_FORBIDDEN_END   0xffff880000000000ULL   /* exclusive */

struct dom_layout_in {
	const struct elf_dom_info *elf;  /* from elf_dom_parse() */
	uint64_t initrd_len;             /* bytes; 0: no initrd */
	bool initrd_by_pfn;              /* unmapped, mod_start is a pfn; needs
					  * MOD_START_PFN (Xen: whenever offered) */
	uint64_t nr_pages;               /* the domain's memory, 4 KiB frames */
	unsigned int nr_vcpus;           /* checked; does not change the layout */
	bool initial_domain;             /* dom0: no xenstore/console pages */
};

/* A run of frames; mapped ones sit at gva in the bootstrap region, where
 * gva = v_start + pfn * 4 KiB. nr_pages 0: absent. */
struct dom_region {
	uint64_t gva;
	uint64_t pfn;
	uint64_t nr_pages;
};

struct dom_layout {
	/* The bootstrap mapping [v_start, v_end): pfn n at v_start + n * 4 KiB,
	 * all read-write except the page tables (read-only). */
	uint64_t v_start, v_end;
	uint64_t nr_bootstrap_pages;

	/* In ABI order. kernel covers [virt_kstart, virt_kend) rounded out to
	 * pages; the frames between v_start and it are ordinary free RAM. */
	struct dom_region kernel;
	struct dom_region initrd;        /* gva 0 when passed by pfn */
	struct dom_region p2m;           /* data pages of the p2m list */
	struct dom_region start_info;
	struct dom_region xenstore;      /* domU only */
	struct dom_region console;       /* domU only */
	struct dom_region page_tables;   /* L4, then the L3s, L2s and L1s */
	struct dom_region stack;

	/* Tables mapping exactly [v_start, v_end), themselves included. */
	uint64_t nr_l4, nr_l3, nr_l2, nr_l1;

	/* INIT_P2M: the list lives at the guest's address, outside the region,
	 * in frames after it (and after an initrd passed by pfn), followed by
	 * the tables that map it and are not shared with the region's. */
	bool p2m_relocated;
	struct dom_region p2m_tables;    /* gva 0: not mapped */
	uint64_t nr_p2m_l3, nr_p2m_l2, nr_p2m_l1;

	/* All frames the layout consumes; <= nr_pages. */
	uint64_t nr_pages_used;

	/* start_info fields and start-of-day registers. */
	uint64_t pt_base;                /* gva of the L4 (CR3) */
	uint64_t nr_pt_frames;
	uint64_t mfn_list;               /* gva of the p2m list */
	uint64_t mod_start;              /* initrd gva, or pfn if by pfn */
	uint64_t mod_len;
	bool mod_start_is_pfn;           /* set SIF_MOD_START_PFN */
	uint64_t first_p2m_pfn;          /* 0 unless relocated */
	uint64_t nr_p2m_frames;          /* data + tables; 0 unless relocated */
	uint64_t start_info_gva;         /* rsi */
	uint64_t stack_top;              /* rsp */
};

/*
 * Compute the layout. Returns 0, -ENOMEM when it does not fit in nr_pages,
 * or -EINVAL for bad input, overflow, a region or p2m list reaching the
 * non-canonical hole or Xen's range, or a kernel unfit for the role.
 * *why is NULL on success, else one line. On failure *out is zeroed.
 */
int dom_layout_compute(const struct dom_layout_in *in, struct dom_layout *out,
		       const char **why);

#endif
