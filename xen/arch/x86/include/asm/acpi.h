/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough ACPI to find the CPUs: RSDP -> RSDT/XSDT -> MADT. */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <stddef.h>
#include <stdint.h>

#define ACPI_MAX_CPUS 64

struct acpi_cpus {
	uint32_t apic_id[ACPI_MAX_CPUS];
	unsigned int nr;
	uint64_t lapic_addr;
};

/* Returns a readable pointer to [pa, pa+len), or NULL if out of bounds. */
typedef const void *(*acpi_map_t)(uint64_t pa, size_t len);

/* Enabled local APICs from the MADT. 0, -EINVAL (bad table or checksum)
 * or -ENOENT (no MADT). At most ACPI_MAX_CPUS are recorded. */
int acpi_find_cpus(const void *rsdp, size_t rsdp_len, acpi_map_t map,
		   struct acpi_cpus *out);

#endif
