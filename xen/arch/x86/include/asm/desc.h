/* SPDX-License-Identifier: GPL-2.0 */
/* GDT layout. The hypervisor's descriptors live in the last pages of a
 * 16-page GDT, at the selectors Xen uses, so the ABI's FLAT_RING3_*
 * selectors work and the first 14 pages are free for a guest's own GDT. */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#define GDT_ORDER              4        /* the GDT is 2^4 pages */
#define GDT_PAGES              (1 << GDT_ORDER)
#define GDT_ENTRIES            (GDT_PAGES * 512)
#define FIRST_RESERVED_GDT_PAGE 14
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_PAGE * 512)

#define __HYPERVISOR_CS        0xe008
#define __HYPERVISOR_DS        0xe010
#define __HYPERVISOR_SYSRET_BASE 0xe023   /* sysret: SS = +8, CS64 = +16 */
#define __GUEST_CS32           0xe023
#define __GUEST_DS             0xe02b
#define __GUEST_CS64           0xe033
#define __HYPERVISOR_CS32      0xe038
#define SELECTOR_RPL_MASK      3        /* requested privilege level bits */
#define TSS_SELECTOR           0xe040
#define LDT_SELECTOR           0xe050

#define IDT_ENTRIES            256
#define VECTOR_APIC_TIMER      0xf0
#define VECTOR_IPI_EVENT       0xf1
#define VECTOR_IPI_FLUSH       0xf2
#define VECTOR_IPI_STOP        0xf3
#define VECTOR_SPURIOUS        0xff

#ifndef __ASSEMBLY__
#include <stdint.h>

struct __attribute__((packed)) desc_ptr {
	uint16_t limit;
	uint64_t base;
};

struct __attribute__((packed, aligned(16))) tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};

struct idt_entry {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};

/* Each CPU's GDT (desc.c): the hypervisor's entries above
 * FIRST_RESERVED_GDT_ENTRY, the running vCPU's below (pv/descriptor-load.c). */
extern uint64_t *per_cpu_gdt[];
void desc_init_cpu(unsigned int cpu, void *stack_block);
void idt_init(void);
void idt_load(void);
void cpu_init_features(void);
#endif

#endif
