/* SPDX-License-Identifier: GPL-2.0 */
/* Page-table entry bits and the hypervisor's address conversions. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/config.h>
#include <stdint.h>

#define _PAGE_PRESENT  0x001ULL
#define _PAGE_RW       0x002ULL
#define _PAGE_USER     0x004ULL
#define _PAGE_PWT      0x008ULL
#define _PAGE_PCD      0x010ULL
#define _PAGE_ACCESSED 0x020ULL
#define _PAGE_DIRTY    0x040ULL
#define _PAGE_PSE      0x080ULL
#define _PAGE_GLOBAL   0x100ULL
#define _PAGE_NX       (1ULL << 63)
#define PADDR_MASK     0x000ffffffffff000ULL

#define PAGE_HYPERVISOR_RW  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX)
#define PAGE_HYPERVISOR_RX  (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PAGE_HYPERVISOR_RO  (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_HYPERVISOR_UC  (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)

#define L1_SHIFT 12
#define L2_SHIFT 21
#define L3_SHIFT 30
#define L4_SHIFT 39
#define PT_ENTRIES 512
#define pt_index(va, shift) (((uint64_t)(va) >> (shift)) & (PT_ENTRIES - 1))

static inline void *__va(uint64_t pa)
{
	return (void *)(pa + DIRECTMAP_VIRT_START);
}

extern char __xen_high_start[], __xen_end[];

static inline uint64_t __pa(const void *va)
{
	uint64_t v = (uint64_t)va;

	if (v >= DIRECTMAP_VIRT_START)
		return v - DIRECTMAP_VIRT_START;
	return v - XEN_VIRT_START;   /* the image */
}

/* Map nr pages at va -> pa in the idle page table (2 MiB pages where both
 * are aligned and flags allow). Returns 0 or -ENOMEM. */
int map_pages(uint64_t va, uint64_t pa, uint64_t nr, uint64_t flags);
void paging_init(void);
void paging_drop_low_identity(void);
extern uint64_t idle_pg_table[PT_ENTRIES];
extern uint64_t cpu_efer_nx;   /* EFER.NXE if the CPU has NX, else 0 */

#endif
