/* SPDX-License-Identifier: GPL-2.0 */
/* Validation of a 64-bit little-endian x86-64 ELF kernel and decoding of
 * its Xen ELF notes, for the PV domain builder. Every offset and size read
 * from the image is checked against the image (and a note against the
 * segment or section holding it) before anything at it is read. */
#include <xeno/elf.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

/* ELF constants (System V gABI and the x86-64 psABI). */
#define EI_CLASS       4
#define EI_DATA        5
#define EI_VERSION     6
#define ELFCLASS64     2
#define ELFDATA2LSB    1
#define EV_CURRENT     1
#define ET_EXEC        2
#define EM_X86_64      62
#define PT_LOAD        1
#define PT_NOTE        4
#define PF_RWX         7u
#define SHT_NOTE       7

#define EHDR_SIZE      64
#define PHDR_SIZE      56
#define SHDR_SIZE      64
#define NHDR_SIZE      12
#define PAGE_SIZE_4K   4096u

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

/* A read-only view of the image and what is known about it so far. */
struct elf_ctx {
	const uint8_t *img;
	size_t size;
	uint64_t e_entry, phoff, shoff;
	unsigned int phnum, shnum;
	unsigned int nr_notes;            /* all notes seen, any owner */
	bool has_virt_base, has_paddr_offset, has_entry;
	uint64_t paddr[ELF_MAX_LOAD_SEGMENTS];
	uint64_t vaddr[ELF_MAX_LOAD_SEGMENTS];
	struct elf_dom_info *info;
	const char *why;
};

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)get_le(p, 2); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get_le(p, 4); }
static uint64_t get64(const uint8_t *p) { return get_le(p, 8); }

/* [off, off + len) lies inside a buffer of size bytes, without overflow. */
static bool span_ok(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static int fail(struct elf_ctx *c, int rc, const char *why)
{
	c->why = why;
	return rc;
}

/* ------------------------------------------------------------------ */
/* ELF header and program headers                                      */

static int check_ehdr(struct elf_ctx *c)
{
	const uint8_t *e = c->img;
	unsigned int phentsize, shentsize;

	if (c->size < EHDR_SIZE)
		return fail(c, -EINVAL, "truncated ELF header");
	if (e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' || e[3] != 'F')
		return fail(c, -ENOEXEC, "not an ELF image (bad magic)");
	if (e[EI_CLASS] != ELFCLASS64)
		return fail(c, -EINVAL, "not a 64-bit ELF (EI_CLASS)");
	if (e[EI_DATA] != ELFDATA2LSB)
		return fail(c, -EINVAL, "not a little-endian ELF (EI_DATA)");
	if (e[EI_VERSION] != EV_CURRENT || get32(e + 20) != EV_CURRENT)
		return fail(c, -EINVAL, "bad ELF version");
	if (get16(e + 18) != EM_X86_64)
		return fail(c, -EINVAL, "e_machine is not EM_X86_64");
	if (get16(e + 16) != ET_EXEC)
		return fail(c, -EINVAL, "not an executable (e_type is not ET_EXEC)");
	if (get16(e + 52) != EHDR_SIZE)
		return fail(c, -EINVAL, "bad e_ehsize");

	c->e_entry = get64(e + 24);
	c->phoff = get64(e + 32);
	c->shoff = get64(e + 40);
	phentsize = get16(e + 54);
	c->phnum = get16(e + 56);
	shentsize = get16(e + 58);
	c->shnum = get16(e + 60);

	if (c->phnum == 0)
		return fail(c, -EINVAL, "no program headers");
	if (phentsize != PHDR_SIZE)
		return fail(c, -EINVAL, "bad e_phentsize");
	if (!span_ok(c->phoff, (uint64_t)c->phnum * PHDR_SIZE, c->size))
		return fail(c, -EINVAL, "program headers past the end of the image");
	/* Like Xen's elf_init, refuse section headers that run off the image
	 * even though we only read them when there is no PT_NOTE. */
	if (c->shnum && shentsize != SHDR_SIZE)
		return fail(c, -EINVAL, "bad e_shentsize");
	if (c->shnum && !span_ok(c->shoff, (uint64_t)c->shnum * SHDR_SIZE, c->size))
		return fail(c, -EINVAL, "section headers past the end of the image");
	return 0;
}

static void read_phdr(const struct elf_ctx *c, unsigned int idx, struct phdr *ph)
{
	const uint8_t *p = c->img + c->phoff + (uint64_t)idx * PHDR_SIZE;

	ph->type = get32(p);
	ph->flags = get32(p + 4);
	ph->offset = get64(p + 8);
	ph->vaddr = get64(p + 16);
	ph->paddr = get64(p + 24);
	ph->filesz = get64(p + 32);
	ph->memsz = get64(p + 40);
}

/* Both ranges are known not to wrap; compare inclusive ends. */
static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a <= b + (blen - 1) && b <= a + (alen - 1);
}

static int check_load(struct elf_ctx *c, const struct phdr *ph)
{
	if (!span_ok(ph->offset, ph->filesz, c->size))
		return fail(c, -EINVAL, "PT_LOAD segment past the end of the image");
	if (ph->filesz > ph->memsz)
		return fail(c, -EINVAL, "PT_LOAD segment with p_filesz > p_memsz");
	if (ph->memsz && (ph->vaddr + ph->memsz - 1 < ph->vaddr ||
			  ph->paddr + ph->memsz - 1 < ph->paddr))
		return fail(c, -EINVAL, "PT_LOAD segment wraps the address space");
	return 0;
}

/*
 * Collect the PT_LOAD segments. Like Xen's libelf, a PT_LOAD without any
 * of the R/W/X flags is not loaded; we still check it is well formed.
 */
static int collect_segments(struct elf_ctx *c)
{
	struct elf_dom_info *info = c->info;
	struct phdr ph;
	int rc;

	for (unsigned int i = 0; i < c->phnum; i++) {
		read_phdr(c, i, &ph);
		if (ph.type != PT_LOAD)
			continue;
		rc = check_load(c, &ph);
		if (rc)
			return rc;
		if (!(ph.flags & PF_RWX))
			continue;
		if (info->nr_segments == ELF_MAX_LOAD_SEGMENTS)
			return fail(c, -E2BIG, "too many PT_LOAD segments");
		for (unsigned int j = 0; j < info->nr_segments; j++) {
			uint64_t len = info->segments[j].memsz;

			if (ranges_overlap(ph.vaddr, ph.memsz, c->vaddr[j], len))
				return fail(c, -EINVAL, "PT_LOAD segments overlap (p_vaddr)");
			if (ranges_overlap(ph.paddr, ph.memsz, c->paddr[j], len))
				return fail(c, -EINVAL, "PT_LOAD segments overlap (p_paddr)");
		}
		c->vaddr[info->nr_segments] = ph.vaddr;
		c->paddr[info->nr_segments] = ph.paddr;
		info->segments[info->nr_segments++] = (struct elf_segment){
			.offset = ph.offset, .filesz = ph.filesz, .memsz = ph.memsz,
		};
	}
	if (!info->nr_segments)
		return fail(c, -EINVAL, "no loadable PT_LOAD segment");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Xen notes                                                           */

/* Feature names a FEATURES note may use: exactly those Xen's loader
 * knows (libelf-dominfo.c); anything else is ignored unless required. */
static const struct {
	const char *name;
	unsigned int bit;
} feature_names[] = {
	{ "writable_page_tables", XENFEAT_writable_page_tables },
	{ "writable_descriptor_tables", XENFEAT_writable_descriptor_tables },
	{ "auto_translated_physmap", XENFEAT_auto_translated_physmap },
	{ "supervisor_mode_kernel", XENFEAT_supervisor_mode_kernel },
	{ "pae_pgdir_above_4gb", XENFEAT_pae_pgdir_above_4gb },
	{ "hvm_callback_vector", XENFEAT_hvm_callback_vector },
	{ "dom0", XENFEAT_dom0 },
};

static int feature_bit(const char *s, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(feature_names); i++)
		if (strlen(feature_names[i].name) == len &&
		    !memcmp(feature_names[i].name, s, len))
			return (int)feature_names[i].bit;
	return -1;
}

/* "name|!name|...": '!' marks a feature the kernel requires (and so also
 * supports). An unknown required feature refuses the image, as in Xen. */
static int parse_features(struct elf_ctx *c, const char *s, size_t len)
{
	struct elf_dom_info *info = c->info;
	size_t pos = 0;

	while (pos < len) {
		size_t tok = 0;
		bool required = s[pos] == '!';
		int bit;

		while (pos + tok < len && s[pos + tok] != '|')
			tok++;
		bit = feature_bit(s + pos + required, tok - required);
		if (bit >= 0) {
			info->features_supported |= 1u << bit;
			if (required)
				info->features_required |= 1u << bit;
		} else if (required) {
			return fail(c, -EINVAL, "FEATURES requires a feature unknown to Xen");
		}
		pos += tok + 1;
	}
	return 0;
}

/* A string note's value ends at its first NUL or at the end of its desc:
 * Linux's FEATURES has no NUL (Xen reads on into the padding; we never
 * read past the desc). Stored truncated, as Xen's safe_strcpy does. */
static size_t desc_strlen(const uint8_t *desc, uint32_t descsz)
{
	const uint8_t *nul = memchr(desc, 0, descsz);

	return nul ? (size_t)(nul - desc) : descsz;
}

static void store_string(char *dst, const uint8_t *desc, size_t len)
{
	if (len > ELF_DOM_STR_SIZE - 1)
		len = ELF_DOM_STR_SIZE - 1;
	memcpy(dst, desc, len);
	dst[len] = '\0';
}

static bool str_is(const uint8_t *desc, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(desc, word, len);
}

static bool str_has(const uint8_t *desc, size_t len, const char *word)
{
	size_t wlen = strlen(word);

	for (size_t i = 0; i + wlen <= len; i++)
		if (!memcmp(desc + i, word, wlen))
			return true;
	return false;
}

static bool is_string_note(uint32_t type)
{
	switch (type) {
	case XEN_ELFNOTE_XEN_VERSION:
	case XEN_ELFNOTE_GUEST_OS:
	case XEN_ELFNOTE_GUEST_VERSION:
	case XEN_ELFNOTE_LOADER:
	case XEN_ELFNOTE_PAE_MODE:
	case XEN_ELFNOTE_FEATURES:
	case XEN_ELFNOTE_BSD_SYMTAB:
		return true;
	}
	return false;
}

static void parse_string_note(struct elf_ctx *c, uint32_t type,
			      const uint8_t *desc, size_t len)
{
	struct elf_dom_info *info = c->info;

	switch (type) {
	case XEN_ELFNOTE_XEN_VERSION:
		store_string(info->xen_version, desc, len);
		break;
	case XEN_ELFNOTE_GUEST_OS:
		store_string(info->guest_os, desc, len);
		break;
	case XEN_ELFNOTE_GUEST_VERSION:
		store_string(info->guest_version, desc, len);
		break;
	case XEN_ELFNOTE_LOADER:
		store_string(info->loader, desc, len);
		break;
	case XEN_ELFNOTE_PAE_MODE:
		info->pae_mode = str_has(desc, len, "bimodal") ? ELF_PAE_BIMODAL :
				 str_is(desc, len, "yes") ? ELF_PAE_YES : ELF_PAE_NO;
		break;
	case XEN_ELFNOTE_BSD_SYMTAB:
		info->bsd_symtab = str_is(desc, len, "yes");
		break;
	}
}

/* Why a numeric note's desc size is refused, naming the note. */
static const char *const bad_size_why[] = {
	[XEN_ELFNOTE_ENTRY] = "ENTRY note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_HYPERCALL_PAGE] = "HYPERCALL_PAGE note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_VIRT_BASE] = "VIRT_BASE note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_PADDR_OFFSET] = "PADDR_OFFSET note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_HV_START_LOW] = "HV_START_LOW note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_SUSPEND_CANCEL] = "SUSPEND_CANCEL note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_INIT_P2M] = "INIT_P2M note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_MOD_START_PFN] = "MOD_START_PFN note: desc not 1, 2, 4 or 8 bytes",
	[XEN_ELFNOTE_PHYS32_ENTRY] = "PHYS32_ENTRY note: desc not 1, 2, 4 or 8 bytes",
};

/* Xen reads a 1, 2, 4 or 8-byte desc as a little-endian number and any
 * other size as 0; we refuse other sizes for the notes we act on. */
static int parse_numeric_note(struct elf_ctx *c, uint32_t type,
			      const uint8_t *desc, uint32_t descsz)
{
	struct elf_dom_info *info = c->info;
	uint64_t val;

	if (type == XEN_ELFNOTE_L1_MFN_VALID)
		return 0;   /* mask/value pairs for save/restore: not used */
	if (type == XEN_ELFNOTE_SUPPORTED_FEATURES) {
		/* An array of 32-bit submaps; we know submap 0 only. */
		if (descsz < 4 || descsz % 4)
			return fail(c, -EINVAL, "SUPPORTED_FEATURES note: desc not whole 32-bit words");
		info->features_supported |= get32(desc);
		info->has_supported_features = true;
		return 0;
	}
	if (descsz != 1 && descsz != 2 && descsz != 4 && descsz != 8)
		return fail(c, -EINVAL, bad_size_why[type]);
	val = get_le(desc, descsz);

	switch (type) {
	case XEN_ELFNOTE_ENTRY:
		info->entry = val;
		c->has_entry = true;
		break;
	case XEN_ELFNOTE_HYPERCALL_PAGE:
		info->hypercall_page = val;
		info->has_hypercall_page = true;
		break;
	case XEN_ELFNOTE_VIRT_BASE:
		info->virt_base = val;
		c->has_virt_base = true;
		break;
	case XEN_ELFNOTE_PADDR_OFFSET:
		info->paddr_offset = val;
		c->has_paddr_offset = true;
		break;
	case XEN_ELFNOTE_HV_START_LOW:
		info->hv_start_low = val;
		info->has_hv_start_low = true;
		break;
	case XEN_ELFNOTE_SUSPEND_CANCEL:
		info->suspend_cancel = val != 0;
		break;
	case XEN_ELFNOTE_INIT_P2M:
		info->init_p2m = val;
		info->has_init_p2m = true;
		break;
	case XEN_ELFNOTE_MOD_START_PFN:
		info->mod_start_pfn = val != 0;
		break;
	case XEN_ELFNOTE_PHYS32_ENTRY:
		info->phys32_entry = (uint32_t)val;
		info->has_phys32_entry = true;
		break;
	}
	return 0;
}

/* One note named "Xen". Unknown types are ignored, as Xen does; a later
 * note of the same type overrides an earlier one, features accumulate. */
static int parse_xen_note(struct elf_ctx *c, uint32_t type,
			  const uint8_t *desc, uint32_t descsz)
{
	size_t len;

	if (type > XEN_ELFNOTE_PHYS32_ENTRY || type == XEN_ELFNOTE_INFO)
		return 0;
	c->info->notes_seen |= 1u << type;
	if (!is_string_note(type))
		return parse_numeric_note(c, type, desc, descsz);
	len = desc_strlen(desc, descsz);
	if (type == XEN_ELFNOTE_FEATURES)
		return parse_features(c, (const char *)desc, len);
	parse_string_note(c, type, desc, len);
	return 0;
}

static bool note_is_xen(const uint8_t *name, uint32_t namesz)
{
	size_t len = desc_strlen(name, namesz);

	return str_is(name, len, "Xen");
}

/*
 * Walk the notes of [off, off + len) (already checked to be inside the
 * image). Name and desc are each padded to 4 bytes, as Xen reads them
 * whatever the ELF class. Returns the number of Xen notes, or an error.
 */
static long parse_notes(struct elf_ctx *c, uint64_t off, uint64_t len)
{
	const uint8_t *base = c->img + off;
	uint64_t pos = 0;
	long nr_xen = 0;

	while (pos < len) {
		const uint8_t *n = base + pos;
		uint64_t left = len - pos, name_pad, desc_pad;
		uint32_t namesz, descsz;
		int rc;

		if (left < NHDR_SIZE)
			return fail(c, -EINVAL, "note header past the end of its segment/section");
		if (c->nr_notes++ == ELF_MAX_NOTES)
			return fail(c, -E2BIG, "too many ELF notes");
		namesz = get32(n);
		descsz = get32(n + 4);
		name_pad = ALIGN_UP((uint64_t)namesz, 4);
		desc_pad = ALIGN_UP((uint64_t)descsz, 4);
		if (name_pad > left - NHDR_SIZE ||
		    descsz > left - NHDR_SIZE - name_pad)
			return fail(c, -EINVAL, "note name or desc past the end of its segment/section");
		if (note_is_xen(n + NHDR_SIZE, namesz)) {
			rc = parse_xen_note(c, get32(n + 8),
					    n + NHDR_SIZE + name_pad, descsz);
			if (rc)
				return rc;
			nr_xen++;
		}
		/* The last note's desc padding may run past the end. */
		pos += NHDR_SIZE + name_pad + desc_pad;
	}
	return nr_xen;
}

/* Xen notes come from the PT_NOTE segments, or, if those hold none, from
 * the SHT_NOTE sections (Xen's libelf order). */
static int find_notes(struct elf_ctx *c)
{
	struct phdr ph;
	long nr_xen = 0, rc;

	for (unsigned int i = 0; i < c->phnum; i++) {
		read_phdr(c, i, &ph);
		/* Xen skips p_offset 0: some binutils leave it unset. */
		if (ph.type != PT_NOTE || ph.offset == 0)
			continue;
		if (!span_ok(ph.offset, ph.filesz, c->size))
			return fail(c, -EINVAL, "PT_NOTE segment past the end of the image");
		rc = parse_notes(c, ph.offset, ph.filesz);
		if (rc < 0)
			return (int)rc;
		nr_xen += rc;
	}
	for (unsigned int i = 1; !nr_xen && i < c->shnum; i++) {
		const uint8_t *sh = c->img + c->shoff + (uint64_t)i * SHDR_SIZE;
		uint64_t off = get64(sh + 24), len = get64(sh + 32);

		if (get32(sh + 4) != SHT_NOTE)
			continue;
		if (!span_ok(off, len, c->size))
			return fail(c, -EINVAL, "SHT_NOTE section past the end of the image");
		rc = parse_notes(c, off, len);
		if (rc < 0)
			return (int)rc;
		nr_xen += rc;
	}
	if (!nr_xen)
		return fail(c, -ENOEXEC, "no Xen ELF notes: not a PV kernel");
	return 0;
}

/* Xen's loader takes only images for the "generic" loader or for Linux,
 * built for the "xen-3.0" interface (prefix matches, as Xen's). */
static int check_loader(struct elf_ctx *c)
{
	const struct elf_dom_info *info = c->info;

	if (strncmp(info->loader, "generic", 7) &&
	    strncmp(info->guest_os, "linux", 5))
		return fail(c, -ENOEXEC, "neither LOADER \"generic\" nor GUEST_OS \"linux\"");
	if (strncmp(info->xen_version, "xen-3.0", 7))
		return fail(c, -ENOEXEC, "XEN_VERSION is not \"xen-3.0\"");
	if (info->features_required & (1u << XENFEAT_supervisor_mode_kernel))
		return fail(c, -EINVAL, "required feature supervisor_mode_kernel not supported");
	/* libxenguest refuses PV auto-translate since Xen 4.7. */
	if (info->features_required & (1u << XENFEAT_auto_translated_physmap))
		return fail(c, -EINVAL, "required feature auto_translated_physmap not supported");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Addresses                                                           */

/*
 * Xen's libelf places a PV kernel by physical address: a segment goes to
 * p_paddr + VIRT_BASE - PADDR_OFFSET (both 0 when absent; PADDR_OFFSET
 * without VIRT_BASE is refused). p_vaddr is not used (Linux's per-CPU
 * segment has p_vaddr 0). A target that leaves 0..2^64 is refused.
 */
static int place_segments(struct elf_ctx *c)
{
	struct elf_dom_info *info = c->info;
	uint64_t base = info->virt_base, off = info->paddr_offset;
	bool up = base >= off;
	uint64_t delta = up ? base - off : off - base;

	if (c->has_paddr_offset && !c->has_virt_base)
		return fail(c, -EINVAL, "PADDR_OFFSET without VIRT_BASE");
	info->virt_kstart = UINT64_MAX;
	info->virt_kend = 0;
	for (unsigned int i = 0; i < info->nr_segments; i++) {
		struct elf_segment *s = &info->segments[i];
		uint64_t p = c->paddr[i], end;

		if (up ? __builtin_add_overflow(p, delta, &s->gva) : p < delta)
			return fail(c, -EINVAL, "segment address wraps with VIRT_BASE/PADDR_OFFSET");
		if (!up)
			s->gva = p - delta;
		if (__builtin_add_overflow(s->gva, s->memsz, &end))
			return fail(c, -EINVAL, "segment address wraps with VIRT_BASE/PADDR_OFFSET");
		info->virt_kstart = MIN(info->virt_kstart, s->gva);
		info->virt_kend = MAX(info->virt_kend, end);
	}
	return 0;
}

static bool in_segment(const struct elf_dom_info *info, uint64_t gva)
{
	for (unsigned int i = 0; i < info->nr_segments; i++) {
		const struct elf_segment *s = &info->segments[i];

		if (gva >= s->gva && gva - s->gva < s->memsz)
			return true;
	}
	return false;
}

/* Xen's bounds checks (libelf's addr_calc_check and the dom0 builder's
 * hypercall-page check), made strict: the entry and the hypercall page
 * must lie inside a loaded segment, the page must be page aligned. */
static int check_addresses(struct elf_ctx *c)
{
	struct elf_dom_info *info = c->info;

	if (!c->has_entry)
		info->entry = c->e_entry;
	if (info->virt_kstart >= info->virt_kend)
		return fail(c, -EINVAL, "loaded image is empty");
	if (info->virt_base > info->virt_kstart)
		return fail(c, -EINVAL, "VIRT_BASE above the kernel");
	if (!in_segment(info, info->entry))
		return fail(c, -EINVAL, "ENTRY outside the loaded image");
	if (info->has_init_p2m && info->init_p2m >= info->virt_kstart &&
	    info->init_p2m < info->virt_kend)
		return fail(c, -EINVAL, "INIT_P2M inside the kernel");
	if (info->has_hypercall_page) {
		if (!IS_ALIGNED(info->hypercall_page, PAGE_SIZE_4K))
			return fail(c, -EINVAL, "HYPERCALL_PAGE not page aligned");
		if (!in_segment(info, info->hypercall_page))
			return fail(c, -EINVAL, "HYPERCALL_PAGE outside the loaded image");
	}
	return 0;
}

int elf_dom_parse(const void *image, size_t size, struct elf_dom_info *info,
		  const char **why)
{
	struct elf_ctx c = { .img = image, .size = size, .info = info };
	int rc;

	memset(info, 0, sizeof(*info));
	if (!image)
		c.size = 0;
	rc = check_ehdr(&c);
	if (!rc)
		rc = collect_segments(&c);
	if (!rc)
		rc = find_notes(&c);
	if (!rc)
		rc = check_loader(&c);
	if (!rc)
		rc = place_segments(&c);
	if (!rc)
		rc = check_addresses(&c);
	if (rc)
		memset(info, 0, sizeof(*info));
	*why = rc ? c.why : NULL;
	return rc;
}
