/* SPDX-License-Identifier: GPL-2.0 */
/* ELF64 x86-64 validation and the search for Xen notes. Every offset and
 * size read from the image is checked against the image (a note against
 * its segment) before anything at it is read; the image may be hostile. */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "xen-elf.h"

bool xen_elf_has_magic(const uint8_t *img, size_t len)
{
	return len >= SELFMAG && memcmp(img, ELFMAG, SELFMAG) == 0;
}

static bool span_ok(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

static int check_header(const Elf64_Ehdr *eh, size_t len, char *why,
			size_t nr_why)
{
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		snprintf(why, nr_why, "not a 64-bit little-endian ELF");
		return -1;
	}
	if (eh->e_machine != EM_X86_64) {
		snprintf(why, nr_why, "ELF for machine %u, not x86-64 (62)",
			 eh->e_machine);
		return -1;
	}
	if (eh->e_type != ET_EXEC) {
		snprintf(why, nr_why, "ELF type %u, not an executable (ET_EXEC)",
			 eh->e_type);
		return -1;
	}
	if (eh->e_phnum == 0 || eh->e_phentsize != sizeof(Elf64_Phdr)) {
		snprintf(why, nr_why, "ELF has no usable program headers (%u of %u bytes)",
			 eh->e_phnum, eh->e_phentsize);
		return -1;
	}
	if (!span_ok(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), len)) {
		snprintf(why, nr_why, "truncated: program headers at 0x%llx end beyond the file's %zu bytes",
			 (unsigned long long)eh->e_phoff, len);
		return -1;
	}
	return 0;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Walk one PT_NOTE segment. Notes are 4-byte aligned except in segments
 * declaring 8 (GNU property notes); a note running past its segment ends
 * the walk with an error rather than reading beyond it. */
static int scan_notes(const uint8_t *seg, uint64_t size, uint64_t align,
		      struct xen_elf_info *info, char *why, size_t nr_why)
{
	uint64_t pos = 0;

	align = align == 8 ? 8 : 4;
	while (size - pos >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr nh;
		uint64_t name_end, desc_off, desc_end;

		memcpy(&nh, seg + pos, sizeof(nh));
		name_end = pos + sizeof(nh) + nh.n_namesz;
		desc_off = align_up(name_end, align);
		desc_end = desc_off + nh.n_descsz;
		if (desc_off > size || desc_end > size) {
			snprintf(why, nr_why, "ELF note at +0x%llx runs past its segment",
				 (unsigned long long)pos);
			return -1;
		}
		if (nh.n_namesz == 4 && memcmp(seg + pos + sizeof(nh), "Xen", 4) == 0) {
			info->nr_xen_notes++;
			if (nh.n_type == XEN_ELFNOTE_HYPERCALL_PAGE)
				info->has_hypercall_page = true;
			if (nh.n_type == XEN_ELFNOTE_ENTRY && nh.n_descsz == 8) {
				info->has_entry = true;
				memcpy(&info->entry, seg + desc_off, 8);
			}
		}
		pos = align_up(desc_end, align);
		if (pos > size)
			break;
	}
	return 0;
}

int xen_elf_check(const uint8_t *img, size_t len, struct xen_elf_info *info,
		  char *why, size_t nr_why)
{
	Elf64_Ehdr eh;

	memset(info, 0, sizeof(*info));
	if (len < sizeof(eh) || !xen_elf_has_magic(img, len)) {
		snprintf(why, nr_why, len < sizeof(eh) && xen_elf_has_magic(img, len) ?
			 "truncated: %zu bytes, shorter than an ELF64 header" :
			 "not an ELF file (%zu bytes)", len);
		return -1;
	}
	memcpy(&eh, img, sizeof(eh));
	if (check_header(&eh, len, why, nr_why))
		return -1;
	info->entry = eh.e_entry;
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;

		memcpy(&ph, img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD && ph.p_type != PT_NOTE)
			continue;
		if (!span_ok(ph.p_offset, ph.p_filesz, len)) {
			snprintf(why, nr_why,
				 "truncated: segment %u (0x%llx bytes at 0x%llx) ends beyond the file's %zu bytes",
				 i, (unsigned long long)ph.p_filesz,
				 (unsigned long long)ph.p_offset, len);
			return -1;
		}
		if (ph.p_type == PT_LOAD) {
			info->nr_load++;
		} else if (scan_notes(img + ph.p_offset, ph.p_filesz, ph.p_align,
				      info, why, nr_why)) {
			return -1;
		}
	}
	if (info->nr_load == 0) {
		snprintf(why, nr_why, "ELF has no PT_LOAD segment");
		return -1;
	}
	if (info->nr_xen_notes == 0) {
		snprintf(why, nr_why,
			 "not a Xen PV kernel: no Xen ELF notes (CONFIG_XEN_PV)");
		return -1;
	}
	if (!info->has_entry)
		info->entry = eh.e_entry;
	return 0;
}
