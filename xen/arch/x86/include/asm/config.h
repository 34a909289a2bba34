/* SPDX-License-Identifier: GPL-2.0 */
/* Virtual memory layout of the hypervisor, inside the range the Xen x86-64
 * ABI reserves for it (L4 slots 256-271); the same numbers as Xen's, so a
 * guest sees the read-only M2P where Linux expects it. */
#ifndef ASM_CONFIG_H
#define ASM_CONFIG_H

#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define PAGE_SHIFT          12
#define PAGE_SIZE           (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))

#define HYPERVISOR_VIRT_START_ADDR _UL(0xffff800000000000)
#define HYPERVISOR_VIRT_END_ADDR   _UL(0xffff880000000000)
#define HYPERVISOR_L4_FIRST        256
#define HYPERVISOR_L4_LAST         271

#define RO_MPT_VIRT_START   _UL(0xffff800000000000)   /* slot 256: guest-visible M2P */
#define RO_MPT_VIRT_END     _UL(0xffff804000000000)
#define XEN_VIRT_START      _UL(0xffff82d040000000)   /* slot 261: this image */
#define XEN_PHYS_START      _UL(0x200000)
#define DIRECTMAP_VIRT_START _UL(0xffff830000000000)  /* slots 262-271: all RAM */
#define DIRECTMAP_VIRT_END  _UL(0xffff880000000000)

/* Per-CPU stack block: IST stacks below, the primary stack above, and
 * struct cpu_info at the very top, found by masking the stack pointer. */
#define STACK_ORDER         4   /* 64 KiB: four IST pages, 48 KiB of stack */
#define STACK_SIZE          (PAGE_SIZE << STACK_ORDER)
#define IST_DF_PAGE         0
#define IST_NMI_PAGE        1
#define IST_MC_PAGE         2
#define IST_DB_PAGE         3

#define NR_CPUS             8
#define TRAMPOLINE_PHYS     _UL(0x8000)

#endif
