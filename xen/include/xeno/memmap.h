/* SPDX-License-Identifier: GPL-2.0 */
/* Physical memory maps as the firmware gives them, and their sanitising
 * into sorted, disjoint, page-aligned usable RAM ranges. */
#ifndef XENO_MEMMAP_H
#define XENO_MEMMAP_H

#include <stddef.h>
#include <stdint.h>

/* Multiboot2/E820 region types. */
#define MEM_RAM        1
#define MEM_RESERVED   2
#define MEM_ACPI       3
#define MEM_NVS        4
#define MEM_BAD        5

#define MEMMAP_MAX     128

struct mem_region {
	uint64_t start;   /* inclusive */
	uint64_t end;     /* exclusive */
	uint32_t type;
};

/* Usable RAM from a raw map: any byte also claimed by a non-RAM region is
 * not RAM; ranges are shrunk to whole pages and ordered; empty ones go.
 * Returns the number of ranges written to out, or -E2BIG if out is full. */
int memmap_usable_ram(const struct mem_region *in, size_t nr_in,
		      struct mem_region *out, size_t max_out);

/* Cut [start, end) out of a sorted RAM list in place (e.g. mem= or the
 * hypervisor image). Returns the new count or -E2BIG. */
int memmap_remove(struct mem_region *ram, size_t nr, size_t max,
		  uint64_t start, uint64_t end);

uint64_t memmap_total(const struct mem_region *ram, size_t nr);
const char *memmap_type_name(uint32_t type);

#endif
