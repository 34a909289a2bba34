/* SPDX-License-Identifier: GPL-2.0 */
/* The tool's question put to the hypervisor's loader: elf_dom_parse
 * (xen/common/elf.c) validates the image and decodes its Xen notes, with
 * every offset checked against the image; here only its answer is
 * reshaped for the summary line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xeno/elf.h>

#include "xen-elf.h"

bool xen_elf_has_magic(const uint8_t *img, size_t len)
{
	return len >= 4 && memcmp(img, "\177ELF", 4) == 0;
}

int xen_elf_check(const uint8_t *img, size_t len, struct xen_elf_info *info,
		  char *why, size_t nr_why)
{
	struct elf_dom_info *d = calloc(1, sizeof(*d));   /* ~1 KiB */
	const char *reason = NULL;
	int rc = -1;

	memset(info, 0, sizeof(*info));
	if (!d) {
		snprintf(why, nr_why, "out of memory");
		return -1;
	}
	if (elf_dom_parse(img, len, d, &reason)) {
		snprintf(why, nr_why, "%s", reason ? reason : "refused by the ELF loader");
		goto out;
	}
	info->nr_load = d->nr_segments;
	info->nr_note_types = (unsigned int)__builtin_popcount(d->notes_seen);
	info->has_entry = d->notes_seen & (1u << XEN_ELFNOTE_ENTRY);
	info->entry = d->entry;
	info->has_hypercall_page = d->has_hypercall_page;
	rc = 0;
out:
	free(d);
	return rc;
}
