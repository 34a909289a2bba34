/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough ACPI to find the CPUs and the IO-APIC: RSDP -> RSDT/XSDT
 * -> MADT. */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <stddef.h>
#include <stdint.h>

#define ACPI_MAX_CPUS 64

#define ACPI_MAX_ISOS 16

/* An interrupt source override: ISA IRQ `source` arrives on `gsi`, with
 * the MPS flags (polarity bits 0-1, trigger bits 2-3; 0 = bus default). */
struct acpi_iso {
	uint8_t source;
	uint32_t gsi;
	uint16_t flags;
};

struct acpi_cpus {
	uint32_t apic_id[ACPI_MAX_CPUS];
	unsigned int nr;
	uint64_t lapic_addr;
	/* The first IO-APIC (QEMU has one; others are ignored, and said so). */
	unsigned int nr_ioapics;
	uint8_t ioapic_id;
	uint32_t ioapic_addr;
	uint32_t ioapic_gsi_base;
	struct acpi_iso iso[ACPI_MAX_ISOS];
	unsigned int nr_isos;
};

/* Returns a readable pointer to [pa, pa+len), or NULL if out of bounds. */
typedef const void *(*acpi_map_t)(uint64_t pa, size_t len);

/* Enabled local APICs from the MADT. 0, -EINVAL (bad table or checksum)
 * or -ENOENT (no MADT). At most ACPI_MAX_CPUS are recorded. */
int acpi_find_cpus(const void *rsdp, size_t rsdp_len, acpi_map_t map,
		   struct acpi_cpus *out);

/* What powering off (S5) takes: PM1 control ports and \_S5's types. */
struct acpi_sleep {
	uint32_t pm1a_cnt, pm1b_cnt;
	uint8_t slp_typ[2];
};
int acpi_find_sleep(const void *rsdp, size_t rsdp_len, acpi_map_t map,
		    struct acpi_sleep *out);

/* The MADT as the boot CPU read it (smpboot.c). */
extern struct acpi_cpus boot_madt;
extern struct acpi_sleep boot_sleep;

#endif
