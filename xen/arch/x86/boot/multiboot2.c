/* SPDX-License-Identifier: GPL-2.0 */
/* Multiboot2 information parsing. The block comes from the boot loader,
 * but is still checked like any input: sizes, alignment, NUL-terminated
 * strings, and an end tag inside the stated total size. */
#include <asm/multiboot2.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_mmap_entry {
	uint64_t addr;
	uint64_t len;
	uint32_t type;
	uint32_t reserved;
};

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A string field must end with NUL inside its tag. */
static const char *tag_string(const uint8_t *s, size_t room)
{
	if (room == 0 || memchr(s, '\0', room) == NULL)
		return NULL;
	return (const char *)s;
}

/* The firmware's memory map tag: entries of the size the tag declares
 * (at least ours, 8-aligned, so a newer loader's longer entries still
 * parse); empty regions are skipped, a wrapping one refuses the map. */
static int parse_mmap(const uint8_t *body, size_t len, struct mb2_info *out)
{
	uint32_t esize, n;

	if (len < 8)
		return -EINVAL;
	esize = rd32(body);
	if (esize < sizeof(struct mb2_mmap_entry) || esize % 8)
		return -EINVAL;
	n = (uint32_t)((len - 8) / esize);
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = body + 8 + (size_t)i * esize;
		uint64_t addr = rd64(e), size = rd64(e + 8);

		if (out->nr_mmap == MEMMAP_MAX)
			return -E2BIG;
		if (size == 0)
			continue;
		if (addr + size < addr)
			return -EINVAL;   /* wraps the address space */
		out->mmap[out->nr_mmap++] = (struct mem_region){
			addr, addr + size, rd32(e + 16)
		};
	}
	return 0;
}

static int parse_module(const uint8_t *body, size_t len, struct mb2_info *out)
{
	struct mb2_module *m;

	if (len < 9)   /* start, end and at least the string's NUL */
		return -EINVAL;
	if (out->nr_mods == MB2_MAX_MODULES)
		return -E2BIG;
	m = &out->mods[out->nr_mods];
	m->start = rd32(body);
	m->end = rd32(body + 4);
	m->string = tag_string(body + 8, len - 8);
	if (!m->string || m->end < m->start)
		return -EINVAL;
	out->nr_mods++;
	return 0;
}

static int parse_tag(uint32_t type, const uint8_t *body, size_t len,
		     struct mb2_info *out)
{
	switch (type) {
	case MB2_TAG_CMDLINE:
		out->cmdline = tag_string(body, len);
		return out->cmdline ? 0 : -EINVAL;
	case MB2_TAG_LOADER_NAME:
		out->loader_name = tag_string(body, len);
		return out->loader_name ? 0 : -EINVAL;
	case MB2_TAG_MODULE:
		return parse_module(body, len, out);
	case MB2_TAG_MMAP:
		return parse_mmap(body, len, out);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		if (len < 20)   /* the ACPI 1.0 RSDP is 20 bytes */
			return -EINVAL;
		/* Prefer the ACPI 2.0+ copy when GRUB passes both. */
		if (!out->rsdp || type == MB2_TAG_ACPI_NEW) {
			out->rsdp = body;
			out->rsdp_len = len;
		}
		return 0;
	default:
		return 0;   /* tags we do not use are skipped */
	}
}

/* Parse the boot loader's information block (avail bytes are mapped at
 * info). Every tag's size is checked against the block before its body
 * is read; tags are 8-byte aligned and the list must end with an end
 * tag inside total_size, else -EINVAL and nothing is trusted. */
int mb2_parse(const void *info, size_t avail, struct mb2_info *out)
{
	const uint8_t *base = info;
	uint32_t total;
	size_t off = 8;
	int rc;

	memset(out, 0, sizeof(*out));
	out->cmdline = "";
	out->loader_name = "";
	if (!info || avail < 16)
		return -EINVAL;
	total = rd32(base);
	if (total < 16 || total > avail || total % 8)
		return -EINVAL;
	out->total_size = total;

	while (off + 8 <= total) {
		uint32_t type = rd32(base + off), size = rd32(base + off + 4);

		if (size < 8 || size > total - off)
			return -EINVAL;
		if (type == MB2_TAG_END)
			return size == 8 ? 0 : -EINVAL;
		rc = parse_tag(type, base + off + 8, size - 8, out);
		if (rc)
			return rc;
		off += ALIGN_UP((size_t)size, 8);
	}
	return -EINVAL;   /* no end tag inside total_size */
}
