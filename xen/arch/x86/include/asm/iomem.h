/* SPDX-License-Identifier: GPL-2.0 */
/* Machine frames that are not RAM (firmware tables, device BARs, the VGA
 * hole, MMCONFIG): what the privileged domain may map, and the machine
 * memory map it is shown. Pure logic: host tests build iomem.c as is. */
#ifndef ASM_IOMEM_H
#define ASM_IOMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xeno/memmap.h>

#define IOMEM_MAX_RESERVED 16
#define IOMEM_LOW_FRAMES   256   /* the first MiB */

/* The firmware's map as the boot loader gave it; copied. Call once. */
int iomem_set_firmware_map(const struct mem_region *fw, size_t n);
/* [start, end) is the hypervisor's (local APIC, IO-APIC, MSI window):
 * never mappable by a domain, shown reserved in the machine map. */
int iomem_reserve(uint64_t start, uint64_t end);

/* Some firmware RAM region covers the frame (whoever owns it now). */
bool iomem_is_ram(uint64_t mfn);
/* Not RAM, not the hypervisor's, below the physical address limit. */
bool iomem_dom0_may_map(uint64_t mfn);

/* XENMEM_machine_memory_map's answer: the firmware map sorted by start,
 * with every reserved range not already covered added as reserved.
 * Returns the number of entries, or -E2BIG when max is too small. */
int iomem_machine_map(struct mem_region *out, size_t max);

struct domain;
/* XENMEM_machine_memory_map for d (-EPERM unless privileged). */
long arch_machine_memory_map(struct domain *d, uint64_t arg);
/* XENMEM_exchange of d's own frames (memory-exchange.c). */
long arch_memory_exchange(struct domain *d, uint64_t arg);

#endif
