/* SPDX-License-Identifier: GPL-2.0 */
/* The multiboot2 boot information GRUB2 hands us, checked and summarised. */
#ifndef ASM_MULTIBOOT2_H
#define ASM_MULTIBOOT2_H

#include <stddef.h>
#include <stdint.h>
#include <xeno/memmap.h>

#define MB2_BOOTLOADER_MAGIC   0x36d76289
#define MB2_HEADER_MAGIC       0xe85250d6

#define MB2_TAG_END            0
#define MB2_TAG_CMDLINE        1
#define MB2_TAG_LOADER_NAME    2
#define MB2_TAG_MODULE         3
#define MB2_TAG_BASIC_MEMINFO  4
#define MB2_TAG_MMAP           6
#define MB2_TAG_ACPI_OLD       14
#define MB2_TAG_ACPI_NEW       15

#define MB2_MAX_MODULES        16
#define MB2_STRING_MAX         1024

struct mb2_module {
	uint64_t start;           /* physical, inclusive */
	uint64_t end;             /* physical, exclusive */
	const char *string;       /* points into the info block */
};

struct mb2_info {
	const char *cmdline;      /* "" when absent */
	const char *loader_name;
	struct mem_region mmap[MEMMAP_MAX];
	size_t nr_mmap;
	struct mb2_module mods[MB2_MAX_MODULES];
	size_t nr_mods;
	const void *rsdp;         /* copy of the RSDP inside the info block */
	size_t rsdp_len;
	size_t total_size;
};

/* Check and summarise a boot information block of which avail bytes are
 * readable. Returns 0, -EINVAL (malformed), or -E2BIG (too many entries). */
int mb2_parse(const void *info, size_t avail, struct mb2_info *out);

#endif
