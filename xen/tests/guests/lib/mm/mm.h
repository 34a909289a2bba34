/* SPDX-License-Identifier: MIT */
/*
 * Helpers the direct-paging test guests share: the hypercalls ../guests/lib
 * has no wrapper for, page-table entries and walks of our own tables, a
 * pool of spare page-aligned frames inside the image, read-only/writable
 * flips of our own mappings (update_va_mapping, as Linux does before it
 * pins or hooks a table), and frames that are not ours. Wrappers return
 * the raw code; the guests judge it.
 */
#ifndef GUESTS_MM_H
#define GUESTS_MM_H

#include <public/memory.h>
#include "guest.h"

/* Page-table entry bits (Intel SDM 4.5); machine addresses in 12-51. */
#define PTE_P    0x001UL
#define PTE_RW   0x002UL
#define PTE_US   0x004UL
#define PTE_PWT  0x008UL
#define PTE_PCD  0x010UL
#define PTE_A    0x020UL
#define PTE_D    0x040UL
#define PTE_PSE  0x080UL
#define PTE_G    0x100UL
#define PTE_NX   (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL
#define PTE_RO_FLAGS (PTE_P | PTE_A)
#define PTE_RW_FLAGS (PTE_P | PTE_RW | PTE_A | PTE_D)

#define L4_SLOT(va) (((va) >> 39) & 511)
#define L3_SLOT(va) (((va) >> 30) & 511)
#define L2_SLOT(va) (((va) >> 21) & 511)
#define L1_SLOT(va) (((va) >> 12) & 511)

/* The read-only M2P every PV guest sees (ABI-NOTES 2.6). */
#define M2P_VIRT_START 0xffff800000000000UL
#define INVALID_M2P    (~0UL)

/* Spare frames: part of our image (.bss), so ours and mapped writable. */
#define MM_POOL_PAGES 48

static inline long HYPERVISOR_mmu_update(unsigned long reqs, unsigned long count,
					 unsigned long done, unsigned long dom)
{
	return hypercall4(__HYPERVISOR_mmu_update, reqs, count, done, dom);
}

static inline long HYPERVISOR_set_gdt(unsigned long frames, unsigned long entries)
{
	return hypercall2(__HYPERVISOR_set_gdt, frames, entries);
}

static inline long HYPERVISOR_update_descriptor(unsigned long maddr, uint64_t desc)
{
	return hypercall2(__HYPERVISOR_update_descriptor, maddr, desc);
}

static inline uint64_t pte(unsigned long mfn, uint64_t flags)
{
	return (uint64_t)mfn << 12 | flags;
}

static inline unsigned long pte_mfn(uint64_t e)
{
	return (e & PTE_ADDR) >> 12;
}

static inline unsigned long m2p(unsigned long mfn)
{
	return ((const volatile unsigned long *)M2P_VIRT_START)[mfn];
}

/* Pool frame i, zeroed by start of day (it is .bss). */
void *pool_page(unsigned int i);
unsigned long pool_mfn(unsigned int i);

/* Our virtual address of one of our frames in the 1:1 bootstrap region. */
void *mfn_to_virt(unsigned long mfn);
/* The boot L4 (start_info->pt_base) and its frame. */
uint64_t *boot_l4(void);
unsigned long boot_l4_mfn(void);
/* Machine address of the boot-table L1 entry mapping va (0: none). */
uint64_t l1e_maddr(unsigned long va);

/* Is va mapped (present at every level) in the boot tables? */
bool va_mapped(unsigned long va);

/* update_va_mapping of our own page va: read-only or writable, INVLPG. */
long set_page_rw(const volatile void *va, bool rw);
/* The same for n consecutive pool pages from index first. */
long set_pool_rw(unsigned int first, unsigned int n, bool rw);

/* One-entry batches, done pointer NULL, DOMID_SELF. */
long mmu_update1(uint64_t ptr, uint64_t val);
long mmuext1(unsigned int cmd, unsigned long arg1, unsigned long arg2);
long pin_table(unsigned int level, unsigned long mfn);   /* level 1-4 */
long unpin_table(unsigned long mfn);
long new_baseptr(unsigned long mfn);

/* XENMEM_current_reservation / maximum_reservation for DOMID_SELF. */
long current_reservation(void);
long maximum_ram_page(void);

/* A frame whose M2P entry names a pfn that is not ours: another domain's
 * (0 if none found). A frame that is not ours and not in the M2P at all
 * (free or the hypervisor's) in *unowned. */
unsigned long find_foreign_mfn(unsigned long *unowned);

/* Give back (decrease_reservation) our highest frame that the bootstrap
 * region does not map: a RAM frame that is then nobody's. Returns its mfn,
 * or 0 if none could be given back. take_frame() balances it. */
unsigned long give_back_frame(void);
long take_frame(void);

/* A four-level tree of pool frames mapping one data frame at va, with our
 * own kernel mapping (boot L4 slot 511) so it can be a base pointer. */
struct mm_tree {
	unsigned int first;      /* pool index of the L4; L3, L2, L1 follow */
	uint64_t *tab[4];        /* [0] = L4 ... [3] = L1 */
	unsigned long mfn[4];
	unsigned long va;
};
void tree_build(struct mm_tree *t, unsigned int first, unsigned long va,
		unsigned long data_mfn, uint64_t data_flags);
/* Make the four tables read-only (or writable again); first error. */
long tree_protect(const struct mm_tree *t, bool ro);
/* Machine address of the L1 entry for t->va. */
uint64_t tree_l1e_maddr(const struct mm_tree *t);

/* "name/what" into a caller's buffer, for per-case names. */
const char *case_name(char *buf, size_t size, const char *a, const char *b);

#endif /* GUESTS_MM_H */
