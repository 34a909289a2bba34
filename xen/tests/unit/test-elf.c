/* SPDX-License-Identifier: GPL-2.0 */
/* ELF validation and Xen-note decoding (common/elf.c): images assembled
 * here byte by byte, valid ones and hostile ones; every rejection checks
 * the exact code, the reason, and that the output was left zeroed. A real
 * kernel is parsed too when $XENO_TEST_VMLINUX names one. */
#include "helpers.h"
#include <xeno/elf.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

/* Test image layout: header, room for PH_MAX program headers, the note
 * blob, two 4 KiB segment bodies, then the section headers. */
#define IMG_SIZE   0x4000
#define PH_OFF     0x40
#define PH_MAX     20
#define NOTE_OFF   0x500
#define NOTE_MAX   (0x1000 - NOTE_OFF)
#define TEXT_OFF   0x1000
#define DATA_OFF   0x2000
#define SH_OFF     0x3000

#define VIRT_BASE  0xffffffff80000000ull
#define KSTART     0xffffffff81000000ull
#define ENTRY      0xffffffff81000100ull
#define LINUX_FEATURES "!writable_page_tables|pae_pgdir_above_4gb"

#define PT_LOAD 1
#define PT_NOTE 4
#define PF_RX   5
#define PF_RW   6

struct note {
	char name[8];
	uint32_t namesz, type, descsz;
	uint8_t desc[64];
};

struct ph {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

struct kspec {
	struct note notes[40];
	unsigned int nr_notes;
	struct ph ph[PH_MAX];
	unsigned int nr_ph;
	uint64_t e_entry;
	bool note_phdr;      /* a PT_NOTE covering the note blob */
	bool note_shdr;      /* section headers with an SHT_NOTE for it */
	uint64_t note_trim;  /* bytes cut from the end of the note segment */
};

static uint8_t img[IMG_SIZE];
static struct kspec k;
static struct elf_dom_info info;
static const char *why;

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* ------------------------------------------------------------------ */
/* Building images                                                     */

static struct note *note_slot(uint32_t type)
{
	for (unsigned int i = 0; i < k.nr_notes; i++)
		if (!strcmp(k.notes[i].name, "Xen") && k.notes[i].type == type)
			return &k.notes[i];
	assert_true(k.nr_notes < ARRAY_SIZE(k.notes));
	return &k.notes[k.nr_notes++];
}

static void note_raw(const char *name, uint32_t namesz, uint32_t type,
		     const void *desc, uint32_t descsz)
{
	struct note *n;

	assert_true(k.nr_notes < ARRAY_SIZE(k.notes));
	n = &k.notes[k.nr_notes++];
	memset(n, 0, sizeof(*n));
	strcpy(n->name, name);
	n->namesz = namesz;
	n->type = type;
	n->descsz = descsz;
	memcpy(n->desc, desc, descsz);
}

/* Set (or replace) a Xen note of the given type. */
static void note_bytes(uint32_t type, const void *desc, uint32_t descsz)
{
	struct note *n = note_slot(type);

	memset(n, 0, sizeof(*n));
	strcpy(n->name, "Xen");
	n->namesz = 4;
	n->type = type;
	n->descsz = descsz;
	memcpy(n->desc, desc, descsz);
}

static void note_str(uint32_t type, const char *s)
{
	note_bytes(type, s, (uint32_t)strlen(s) + 1);
}

static void note_num(uint32_t type, uint64_t v, unsigned int size)
{
	uint8_t b[8];

	put(b, v, 8);
	note_bytes(type, b, size);
}

static void note_drop(uint32_t type)
{
	for (unsigned int i = 0; i < k.nr_notes; i++)
		if (!strcmp(k.notes[i].name, "Xen") && k.notes[i].type == type) {
			memmove(&k.notes[i], &k.notes[i + 1],
				(k.nr_notes - i - 1) * sizeof(k.notes[0]));
			k.nr_notes--;
			return;
		}
}

static void add_ph(uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr,
		   uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
	assert_true(k.nr_ph < PH_MAX);
	k.ph[k.nr_ph++] = (struct ph){ type, flags, offset, vaddr, paddr, filesz, memsz };
}

/* A small Linux-like kernel: text at paddr 16 MiB, data + bss after it,
 * the notes Linux carries (FEATURES without a NUL, as Linux's). */
static void spec_default(void)
{
	memset(&k, 0, sizeof(k));
	k.e_entry = 0x1000000;
	k.note_phdr = true;
	add_ph(PT_LOAD, PF_RX, TEXT_OFF, KSTART, 0x1000000, 0x1000, 0x1000);
	add_ph(PT_LOAD, PF_RW, DATA_OFF, KSTART + 0x1000, 0x1001000, 0x1000, 0x3000);
	note_str(XEN_ELFNOTE_GUEST_OS, "linux");
	note_str(XEN_ELFNOTE_GUEST_VERSION, "2.6");
	note_str(XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	note_num(XEN_ELFNOTE_VIRT_BASE, VIRT_BASE, 8);
	note_num(XEN_ELFNOTE_ENTRY, ENTRY, 8);
	note_bytes(XEN_ELFNOTE_FEATURES, LINUX_FEATURES, strlen(LINUX_FEATURES));
	note_str(XEN_ELFNOTE_LOADER, "generic");
	note_num(XEN_ELFNOTE_PADDR_OFFSET, 0, 8);
}

/* Serialise the notes at NOTE_OFF; returns the blob's length. */
static uint64_t write_notes(void)
{
	uint64_t pos = NOTE_OFF;

	for (unsigned int i = 0; i < k.nr_notes; i++) {
		const struct note *n = &k.notes[i];
		uint64_t name_pad = (n->namesz + 3) & ~3u, desc_pad = (n->descsz + 3) & ~3u;

		assert_true(pos + 12 + name_pad + desc_pad <= NOTE_OFF + NOTE_MAX);
		put(img + pos, n->namesz, 4);
		put(img + pos + 4, n->descsz, 4);
		put(img + pos + 8, n->type, 4);
		memcpy(img + pos + 12, n->name, MIN(n->namesz, sizeof(n->name)));
		memcpy(img + pos + 12 + name_pad, n->desc, n->descsz);
		pos += 12 + name_pad + desc_pad;
	}
	return pos - NOTE_OFF;
}

static void write_ph(unsigned int idx, const struct ph *ph)
{
	uint8_t *p = img + PH_OFF + idx * 56;

	put(p, ph->type, 4);
	put(p + 4, ph->flags, 4);
	put(p + 8, ph->offset, 8);
	put(p + 16, ph->vaddr, 8);
	put(p + 24, ph->paddr, 8);
	put(p + 32, ph->filesz, 8);
	put(p + 40, ph->memsz, 8);
	put(p + 48, 0x1000, 8);
}

static void build(void)
{
	uint64_t notes_len;
	unsigned int nr_ph = k.nr_ph;

	memset(img, 0, sizeof(img));
	memcpy(img, "\177ELF", 4);
	img[4] = 2;      /* ELFCLASS64 */
	img[5] = 1;      /* ELFDATA2LSB */
	img[6] = 1;      /* EV_CURRENT */
	put(img + 16, 2, 2);          /* ET_EXEC */
	put(img + 18, 62, 2);         /* EM_X86_64 */
	put(img + 20, 1, 4);
	put(img + 24, k.e_entry, 8);
	put(img + 32, PH_OFF, 8);
	put(img + 52, 64, 2);
	put(img + 54, 56, 2);
	put(img + 58, 64, 2);
	memset(img + TEXT_OFF, 0x90, 0x2000);

	notes_len = write_notes() - k.note_trim;
	for (unsigned int i = 0; i < k.nr_ph; i++)
		write_ph(i, &k.ph[i]);
	if (k.note_phdr) {
		struct ph n = { PT_NOTE, 4, NOTE_OFF, 0, 0, notes_len, notes_len };

		write_ph(nr_ph++, &n);
	}
	put(img + 56, nr_ph, 2);
	if (k.note_shdr) {
		/* Section 0 is the null section; section 1 the notes. */
		put(img + 40, SH_OFF, 8);
		put(img + 60, 2, 2);
		put(img + SH_OFF + 64 + 4, 7, 4);            /* SHT_NOTE */
		put(img + SH_OFF + 64 + 24, NOTE_OFF, 8);
		put(img + SH_OFF + 64 + 32, notes_len, 8);
	}
}

static int parse_size(size_t size)
{
	build();
	return elf_dom_parse(img, size, &info, &why);
}

static int parse(void)
{
	return parse_size(IMG_SIZE);
}

static bool info_is_zero(void)
{
	static const struct elf_dom_info zero;

	return !memcmp(&info, &zero, sizeof(info));
}

/* A rejection: the code, the reason (a substring), and a zeroed output. */
static void expect_reject(int rc, int want, const char *reason)
{
	assert_int_equal(rc, want);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("reason \"%s\" lacks \"%s\"", why, reason);
	assert_true(info_is_zero());
}

static void expect_rebuilt(int want, const char *reason)
{
	build();
	expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), want, reason);
}

static int setup(void **state)
{
	spec_default();
	memset(&info, 0xa5, sizeof(info));   /* must be overwritten */
	why = "unset";
	return 0;
}

/* ------------------------------------------------------------------ */
/* Valid images                                                        */

static void test_linux_like(void **state)
{
	assert_int_equal(parse(), 0);
	assert_null(why);
	assert_int_equal(info.virt_base, VIRT_BASE);
	assert_int_equal(info.paddr_offset, 0);
	/* paddr 0x1000000 + VIRT_BASE - PADDR_OFFSET; the end is data's
	 * paddr 0x1001000 + memsz 0x3000. */
	assert_int_equal(info.virt_kstart, KSTART);
	assert_int_equal(info.virt_kend, KSTART + 0x4000);
	assert_int_equal(info.entry, ENTRY);
	assert_false(info.has_hypercall_page);
	assert_false(info.has_init_p2m);
	assert_false(info.mod_start_pfn);
	assert_false(info.has_supported_features);
	assert_int_equal(info.features_supported,
			 (1u << XENFEAT_writable_page_tables) | (1u << XENFEAT_pae_pgdir_above_4gb));
	assert_int_equal(info.features_required, 1u << XENFEAT_writable_page_tables);
	assert_string_equal(info.guest_os, "linux");
	assert_string_equal(info.guest_version, "2.6");
	assert_string_equal(info.xen_version, "xen-3.0");
	assert_string_equal(info.loader, "generic");
	assert_int_equal(info.notes_seen,
			 (1u << 6) | (1u << 7) | (1u << 5) | (1u << 3) | (1u << 1) |
			 (1u << 10) | (1u << 8) | (1u << 4));
	assert_int_equal(info.nr_segments, 2);
	assert_int_equal(info.segments[0].offset, TEXT_OFF);
	assert_int_equal(info.segments[0].filesz, 0x1000);
	assert_int_equal(info.segments[0].memsz, 0x1000);
	assert_int_equal(info.segments[0].gva, KSTART);
	assert_int_equal(info.segments[1].offset, DATA_OFF);
	assert_int_equal(info.segments[1].filesz, 0x1000);
	assert_int_equal(info.segments[1].memsz, 0x3000);
	assert_int_equal(info.segments[1].gva, KSTART + 0x1000);
}

static void test_hypercall_page(void **state)
{
	note_num(XEN_ELFNOTE_HYPERCALL_PAGE, KSTART + 0x3000, 8);   /* in bss */
	assert_int_equal(parse(), 0);
	assert_true(info.has_hypercall_page);
	assert_int_equal(info.hypercall_page, KSTART + 0x3000);
}

static void test_p2m_modstart_features(void **state)
{
	note_num(XEN_ELFNOTE_INIT_P2M, 0x8000000000ull, 8);
	note_num(XEN_ELFNOTE_MOD_START_PFN, 1, 4);
	note_num(XEN_ELFNOTE_SUSPEND_CANCEL, 1, 4);
	note_num(XEN_ELFNOTE_SUPPORTED_FEATURES, 0x8801, 4);
	note_num(XEN_ELFNOTE_HV_START_LOW, 0xffff800000000000ull, 8);
	note_num(XEN_ELFNOTE_PHYS32_ENTRY, 0x1000050, 4);
	note_str(XEN_ELFNOTE_PAE_MODE, "yes");
	assert_int_equal(parse(), 0);
	assert_true(info.has_init_p2m);
	assert_int_equal(info.init_p2m, 0x8000000000ull);
	assert_true(info.mod_start_pfn);
	assert_true(info.suspend_cancel);
	assert_true(info.has_supported_features);
	/* SUPPORTED_FEATURES ORs into what FEATURES named. */
	assert_int_equal(info.features_supported, 0x8801 | (1u << XENFEAT_pae_pgdir_above_4gb));
	assert_true(info.has_hv_start_low);
	assert_int_equal(info.hv_start_low, 0xffff800000000000ull);
	assert_true(info.has_phys32_entry);
	assert_int_equal(info.phys32_entry, 0x1000050);
	assert_int_equal(info.pae_mode, ELF_PAE_YES);
}

/* Xen reads 1, 2, 4 and 8-byte numeric descs, zero-extended. */
static void test_numeric_sizes(void **state)
{
	static const struct { unsigned int size; uint64_t v; } ok[] = {
		{ 1, 0x40 }, { 2, 0x4000 }, { 4, 0x40000000 }, { 8, 0x4000000000ull },
	};

	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		spec_default();
		note_num(XEN_ELFNOTE_INIT_P2M, ok[i].v, ok[i].size);
		note_num(XEN_ELFNOTE_MOD_START_PFN, 1, ok[i].size);
		assert_int_equal(parse(), 0);
		assert_int_equal(info.init_p2m, ok[i].v);
		assert_true(info.mod_start_pfn);
	}
	/* 4-byte addresses: a kernel linked low, VIRT_BASE 0. */
	spec_default();
	k.ph[0].vaddr = 0x1000000;
	k.ph[1].vaddr = 0x1001000;
	note_num(XEN_ELFNOTE_VIRT_BASE, 0, 4);
	note_num(XEN_ELFNOTE_PADDR_OFFSET, 0, 4);
	note_num(XEN_ELFNOTE_ENTRY, 0x1000010, 4);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.virt_kstart, 0x1000000);
	assert_int_equal(info.entry, 0x1000010);
}

static void test_numeric_bad_sizes(void **state)
{
	static const unsigned int bad[] = { 0, 3, 5, 7, 16 };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		uint8_t b[16] = { 0 };

		spec_default();
		note_bytes(XEN_ELFNOTE_MOD_START_PFN, b, bad[i]);
		expect_rebuilt(-EINVAL, "MOD_START_PFN note: desc not 1, 2, 4 or 8 bytes");
	}
	spec_default();
	note_bytes(XEN_ELFNOTE_VIRT_BASE, "\0\0\0\x80\xff\xff", 6);
	expect_rebuilt(-EINVAL, "VIRT_BASE note");
	/* L1_MFN_VALID is two u64 in Linux: not acted upon, never refused. */
	spec_default();
	note_bytes(XEN_ELFNOTE_L1_MFN_VALID, "\1\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0", 16);
	assert_int_equal(parse(), 0);
	/* SUPPORTED_FEATURES: whole 32-bit words only. */
	spec_default();
	note_bytes(XEN_ELFNOTE_SUPPORTED_FEATURES, "\1\0\0\0\0\0", 6);
	expect_rebuilt(-EINVAL, "SUPPORTED_FEATURES");
	spec_default();
	note_bytes(XEN_ELFNOTE_SUPPORTED_FEATURES, "", 0);
	expect_rebuilt(-EINVAL, "SUPPORTED_FEATURES");
	spec_default();
	note_bytes(XEN_ELFNOTE_SUPPORTED_FEATURES, "\1\x08\0\0\xff\xff\xff\xff", 8);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.features_supported & 0xffff,
			 0x801 | (1u << XENFEAT_pae_pgdir_above_4gb));
}

static void test_entry_defaults_to_e_entry(void **state)
{
	note_drop(XEN_ELFNOTE_ENTRY);
	k.e_entry = KSTART + 0x10;
	assert_int_equal(parse(), 0);
	assert_int_equal(info.entry, KSTART + 0x10);
	/* Linux's e_entry is physical: without an ENTRY note it is outside. */
	k.e_entry = 0x1000000;
	expect_rebuilt(-EINVAL, "ENTRY outside the loaded image");
}

/* Xen loads images for the "generic" loader or for Linux, for xen-3.0. */
static void test_loader_rules(void **state)
{
	static const struct {
		const char *loader, *guest_os, *xen_ver;
		int rc;
	} cases[] = {
		{ "generic", NULL, "xen-3.0", 0 },
		{ NULL, "linux", "xen-3.0", 0 },
		{ "generic-x", "NetBSD", "xen-3.0", 0 },
		{ "elf", "linux-6.1", "xen-3.0-x86", 0 },
		{ NULL, NULL, "xen-3.0", -ENOEXEC },
		{ "elf", "Linux", "xen-3.0", -ENOEXEC },
		{ "gener", "linu", "xen-3.0", -ENOEXEC },
		{ "generic", "linux", NULL, -ENOEXEC },
		{ "generic", "linux", "xen-2.0", -ENOEXEC },
		{ "generic", "linux", "xen-3", -ENOEXEC },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		spec_default();
		note_drop(XEN_ELFNOTE_LOADER);
		note_drop(XEN_ELFNOTE_GUEST_OS);
		note_drop(XEN_ELFNOTE_XEN_VERSION);
		if (cases[i].loader)
			note_str(XEN_ELFNOTE_LOADER, cases[i].loader);
		if (cases[i].guest_os)
			note_str(XEN_ELFNOTE_GUEST_OS, cases[i].guest_os);
		if (cases[i].xen_ver)
			note_str(XEN_ELFNOTE_XEN_VERSION, cases[i].xen_ver);
		if (cases[i].rc)
			expect_rebuilt(cases[i].rc, cases[i].xen_ver &&
				       !strncmp(cases[i].xen_ver, "xen-3.0", 7) ?
				       "LOADER" : "XEN_VERSION");
		else
			assert_int_equal(parse(), 0);
	}
}

static void test_strings(void **state)
{
	/* Truncated to 15 characters, as Xen's 16-byte buffers. */
	note_str(XEN_ELFNOTE_GUEST_VERSION, "0123456789abcdefghij");
	/* Stops at the desc's end without a NUL, and at an inner NUL. */
	note_bytes(XEN_ELFNOTE_GUEST_OS, "linuxABC", 5);
	note_bytes(XEN_ELFNOTE_LOADER, "generic\0junk", 12);
	assert_int_equal(parse(), 0);
	assert_string_equal(info.guest_version, "0123456789abcde");
	assert_string_equal(info.guest_os, "linux");
	assert_string_equal(info.loader, "generic");
	/* Exactly 15 characters fit whole. */
	note_str(XEN_ELFNOTE_GUEST_VERSION, "0123456789abcde");
	assert_int_equal(parse(), 0);
	assert_string_equal(info.guest_version, "0123456789abcde");
}

static void test_features_parsing(void **state)
{
	static const struct {
		const char *s;
		uint32_t sup, req;
	} ok[] = {
		{ "", 0, 0 },
		{ "dom0", 1u << 11, 0 },
		{ "!dom0|writable_descriptor_tables", (1u << 11) | 2, 1u << 11 },
		{ "hvm_callback_vector|no_such_thing", 1u << 8, 0 },
		{ "||writable_page_tables|", 1, 0 },
		{ "!pae_pgdir_above_4gb|!writable_page_tables", 0x11, 0x11 },
		{ "dom", 0, 0 },
		{ "dom0x", 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		spec_default();
		note_str(XEN_ELFNOTE_FEATURES, ok[i].s);
		assert_int_equal(parse(), 0);
		assert_int_equal(info.features_supported, ok[i].sup);
		assert_int_equal(info.features_required, ok[i].req);
	}
	/* An inner NUL ends the string: what follows is not read. */
	spec_default();
	note_bytes(XEN_ELFNOTE_FEATURES, "dom0\0!bogus", 11);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.features_supported, 1u << 11);
}

static void test_features_refused(void **state)
{
	static const struct { const char *s, *why; } bad[] = {
		{ "!no_such_thing", "unknown" },
		{ "dom0|!", "unknown" },
		{ "!Dom0", "unknown" },
		{ "!supervisor_mode_kernel", "supervisor_mode_kernel" },
		{ "writable_page_tables|!auto_translated_physmap", "auto_translated_physmap" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		spec_default();
		note_str(XEN_ELFNOTE_FEATURES, bad[i].s);
		expect_rebuilt(-EINVAL, bad[i].why);
	}
	/* Merely supported, they are fine. */
	spec_default();
	note_str(XEN_ELFNOTE_FEATURES, "supervisor_mode_kernel|auto_translated_physmap");
	assert_int_equal(parse(), 0);
}

static void test_pae_and_bsd_symtab(void **state)
{
	static const struct { const char *s; enum elf_pae_mode m; } pae[] = {
		{ "yes", ELF_PAE_YES }, { "bimodal", ELF_PAE_BIMODAL },
		{ "yes,bimodal", ELF_PAE_BIMODAL }, { "no", ELF_PAE_NO },
		{ "yes!", ELF_PAE_NO },
	};

	for (size_t i = 0; i < ARRAY_SIZE(pae); i++) {
		spec_default();
		note_str(XEN_ELFNOTE_PAE_MODE, pae[i].s);
		note_str(XEN_ELFNOTE_BSD_SYMTAB, i ? "no" : "yes");
		assert_int_equal(parse(), 0);
		assert_int_equal(info.pae_mode, pae[i].m);
		assert_int_equal(info.bsd_symtab, i == 0);
	}
}

static void test_paddr_offset(void **state)
{
	/* Old style: p_paddr = p_vaddr, PADDR_OFFSET = VIRT_BASE. */
	k.ph[0].paddr = KSTART;
	k.ph[1].paddr = KSTART + 0x1000;
	note_num(XEN_ELFNOTE_PADDR_OFFSET, VIRT_BASE, 8);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.virt_kstart, KSTART);
	assert_int_equal(info.segments[1].gva, KSTART + 0x1000);
	/* PADDR_OFFSET above VIRT_BASE moves the image down. */
	note_num(XEN_ELFNOTE_PADDR_OFFSET, VIRT_BASE + 0x1000000, 8);
	note_num(XEN_ELFNOTE_ENTRY, KSTART - 0x1000000 + 4, 8);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.virt_kstart, KSTART - 0x1000000);
	/* Without any: virt_base 0, the image at its physical address. */
	spec_default();
	note_drop(XEN_ELFNOTE_VIRT_BASE);
	note_drop(XEN_ELFNOTE_PADDR_OFFSET);
	note_num(XEN_ELFNOTE_ENTRY, 0x1000000, 8);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.virt_base, 0);
	assert_int_equal(info.virt_kstart, 0x1000000);
	assert_int_equal(info.virt_kend, 0x1004000);
	/* PADDR_OFFSET without VIRT_BASE is refused, as by Xen. */
	note_num(XEN_ELFNOTE_PADDR_OFFSET, 0, 8);
	expect_rebuilt(-EINVAL, "PADDR_OFFSET without VIRT_BASE");
}

static void test_other_notes_ignored(void **state)
{
	struct kspec keep;

	/* Foreign notes, an unknown Xen type, type 0, "Xen" without NUL. */
	keep = k;
	memset(&k, 0, sizeof(k));
	note_raw("GNU", 4, 3, "\x12\x34\x56\x78", 4);
	note_raw("Linux", 6, 1, "6.1", 4);
	note_raw("Xen", 4, 0x1000001, "\0\0\0\0\0\0\0\0\0", 9);
	note_raw("Xen", 4, 0, "x", 1);
	note_raw("XenX", 5, XEN_ELFNOTE_GUEST_OS, "evil", 5);
	note_raw("", 0, 0, "", 0);
	for (unsigned int i = 0; i < keep.nr_notes; i++)
		k.notes[k.nr_notes++] = keep.notes[i];
	k.notes[k.nr_notes - 1].namesz = 3;        /* "Xen" unterminated */
	memcpy(k.ph, keep.ph, sizeof(k.ph));
	k.nr_ph = keep.nr_ph;
	k.e_entry = keep.e_entry;
	k.note_phdr = true;
	assert_int_equal(parse(), 0);
	assert_string_equal(info.guest_os, "linux");
	assert_false(info.notes_seen & 1);
	assert_true(info.notes_seen & (1u << XEN_ELFNOTE_PADDR_OFFSET));
}

static void test_later_note_wins(void **state)
{
	note_raw("Xen", 4, XEN_ELFNOTE_ENTRY, "\x20\x01\0\x81\xff\xff\xff\xff", 8);
	note_raw("Xen", 4, XEN_ELFNOTE_FEATURES, "dom0", 5);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.entry, KSTART + 0x120);
	assert_int_equal(info.features_supported, 0x11 | (1u << 11));
}

static void test_section_fallback(void **state)
{
	k.note_phdr = false;
	k.note_shdr = true;
	assert_int_equal(parse(), 0);
	assert_string_equal(info.guest_os, "linux");
	/* PT_NOTE with no Xen note in it: the sections are read instead. */
	add_ph(PT_NOTE, 4, NOTE_OFF + NOTE_MAX - 0x40, 0, 0, 24, 24);  /* 2 empty */
	assert_int_equal(parse(), 0);
	/* A PT_NOTE with p_offset 0 is skipped (binutils quirk, as Xen). */
	k.ph[k.nr_ph - 1].offset = 0;
	k.ph[k.nr_ph - 1].filesz = 0x40;
	assert_int_equal(parse(), 0);
	/* Neither segments nor sections: not a PV kernel. */
	k.note_shdr = false;
	expect_rebuilt(-ENOEXEC, "no Xen ELF notes");
}

static void test_flagless_load_skipped(void **state)
{
	add_ph(PT_LOAD, 0, TEXT_OFF, KSTART + 0x100000, 0x1100000, 0x10, 0x10);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.nr_segments, 2);
	assert_int_equal(info.virt_kend, KSTART + 0x4000);
}

static void test_adjacent_segments(void **state)
{
	/* Touching is fine; one byte of overlap is not (below). */
	k.ph[1].vaddr = KSTART + 0x1000;
	k.ph[1].paddr = 0x1001000;
	assert_int_equal(parse(), 0);
	/* A zero-size segment inside another overlaps nothing. */
	add_ph(PT_LOAD, PF_RW, DATA_OFF, KSTART + 0x1800, 0x1001800, 0, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.nr_segments, 3);
}

static void test_max_segments(void **state)
{
	/* 16 loadable segments are taken, a 17th is -E2BIG. */
	for (unsigned int i = 2; i < ELF_MAX_LOAD_SEGMENTS; i++)
		add_ph(PT_LOAD, PF_RW, DATA_OFF, KSTART + 0x10000 * i,
		       0x1000000 + 0x10000 * i, 0x10, 0x10);
	assert_int_equal(parse(), 0);
	assert_int_equal(info.nr_segments, ELF_MAX_LOAD_SEGMENTS);
	add_ph(PT_LOAD, PF_RW, DATA_OFF, KSTART + 0x200000, 0x1200000, 0x10, 0x10);
	expect_rebuilt(-E2BIG, "too many PT_LOAD");
}

/* ------------------------------------------------------------------ */
/* Hostile headers                                                     */

static void test_truncated_header(void **state)
{
	static const size_t sizes[] = { 0, 1, 4, 16, 63 };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		expect_reject(parse_size(sizes[i]), -EINVAL, "truncated ELF header");
	expect_reject(elf_dom_parse(NULL, 4096, &info, &why), -EINVAL, "truncated");
}

static void test_header_fields(void **state)
{
	static const struct {
		unsigned int off, size;
		uint64_t val;
		int rc;
		const char *why;
	} bad[] = {
		{ 0, 1, 0x7e, -ENOEXEC, "magic" },
		{ 3, 1, 'f', -ENOEXEC, "magic" },
		{ 4, 1, 1, -EINVAL, "64-bit" },             /* ELFCLASS32 */
		{ 4, 1, 0, -EINVAL, "64-bit" },
		{ 5, 1, 2, -EINVAL, "little-endian" },      /* ELFDATA2MSB */
		{ 6, 1, 0, -EINVAL, "version" },
		{ 20, 4, 2, -EINVAL, "version" },
		{ 18, 2, 3, -EINVAL, "EM_X86_64" },         /* EM_386 */
		{ 18, 2, 183, -EINVAL, "EM_X86_64" },       /* EM_AARCH64 */
		{ 16, 2, 3, -EINVAL, "ET_EXEC" },           /* ET_DYN */
		{ 16, 2, 1, -EINVAL, "ET_EXEC" },           /* ET_REL */
		{ 52, 2, 52, -EINVAL, "e_ehsize" },
		{ 54, 2, 32, -EINVAL, "e_phentsize" },
		{ 54, 2, 0, -EINVAL, "e_phentsize" },
		{ 56, 2, 0, -EINVAL, "no program headers" },
		{ 32, 8, IMG_SIZE - 56, -EINVAL, "program headers past" },
		{ 32, 8, IMG_SIZE, -EINVAL, "program headers past" },
		{ 32, 8, UINT64_MAX - 8, -EINVAL, "program headers past" },
		{ 56, 2, 0xffff, -EINVAL, "program headers past" },
		{ 56, 2, (IMG_SIZE - PH_OFF) / 56 + 1, -EINVAL, "program headers past" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		build();
		put(img + bad[i].off, bad[i].val, bad[i].size);
		expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), bad[i].rc, bad[i].why);
	}
}

static void test_section_headers(void **state)
{
	k.note_shdr = true;
	build();
	put(img + 58, 40, 2);
	expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), -EINVAL, "e_shentsize");
	build();
	put(img + 60, (IMG_SIZE - SH_OFF) / 64 + 1, 2);
	expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), -EINVAL, "section headers past");
	build();
	put(img + 40, UINT64_MAX - 63, 8);
	expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), -EINVAL, "section headers past");
	/* Exactly to the end is fine. */
	build();
	put(img + 60, (IMG_SIZE - SH_OFF) / 64, 2);
	assert_int_equal(elf_dom_parse(img, IMG_SIZE, &info, &why), 0);
}

/* ------------------------------------------------------------------ */
/* Hostile program headers                                             */

#define DATA_V (KSTART + 0x1000)
#define DATA_P 0x1001000ull

/* The data segment (the second PT_LOAD) rewritten; rows with code 0 are
 * the boundaries that must still pass. */
static void test_load_hostile(void **state)
{
	static const struct {
		uint64_t offset, vaddr, paddr, filesz, memsz;
		int rc;
		const char *why;
	} cases[] = {
		{ IMG_SIZE - 0xfff, DATA_V, DATA_P, 0x1000, 0x3000, -EINVAL, "past the end" },
		{ IMG_SIZE + 1, DATA_V, DATA_P, 0, 0x3000, -EINVAL, "past the end" },
		{ UINT64_MAX - 0x10, DATA_V, DATA_P, 0x1000, 0x3000, -EINVAL, "past the end" },
		{ DATA_OFF, DATA_V, DATA_P, UINT64_MAX, UINT64_MAX, -EINVAL, "past the end" },
		{ IMG_SIZE - 0x1000, DATA_V, DATA_P, 0x1000, 0x3000, 0, NULL },
		{ IMG_SIZE, DATA_V, DATA_P, 0, 0x3000, 0, NULL },
		{ DATA_OFF, DATA_V, DATA_P, 0x1001, 0x1000, -EINVAL, "p_filesz > p_memsz" },
		{ DATA_OFF, DATA_V, DATA_P, 1, 0, -EINVAL, "p_filesz > p_memsz" },
		/* Wrapping p_vaddr or p_paddr; the very last byte is fine. */
		{ DATA_OFF, UINT64_MAX - 0xfff, DATA_P, 0x1000, 0x3000, -EINVAL, "wraps" },
		{ DATA_OFF, DATA_V, UINT64_MAX - 0x1000, 0x1000, 0x3000, -EINVAL, "wraps" },
		{ DATA_OFF, UINT64_MAX - 0x2fff, DATA_P, 0x1000, 0x3000, 0, NULL },
		/* Placed at paddr + VIRT_BASE: reaching 2^64 wraps. */
		{ DATA_OFF, 0x80000000, 0x80000000, 0x1000, 0x3000, -EINVAL, "wraps with VIRT_BASE" },
		{ DATA_OFF, 0x7fffd000, 0x7fffd000, 0x1000, 0x3000, -EINVAL, "wraps with VIRT_BASE" },
		/* Overlaps with the text segment, by one byte or more. */
		{ DATA_OFF, KSTART + 0xfff, DATA_P, 0x1000, 0x3000, -EINVAL, "overlap (p_vaddr)" },
		{ DATA_OFF, KSTART - 0x2fff, DATA_P, 0x1000, 0x3000, -EINVAL, "overlap (p_vaddr)" },
		{ DATA_OFF, KSTART, DATA_P, 0x1000, 0x3000, -EINVAL, "overlap (p_vaddr)" },
		{ DATA_OFF, DATA_V, 0x1000fff, 0x1000, 0x3000, -EINVAL, "overlap (p_paddr)" },
		{ DATA_OFF, DATA_V, 0xffe001, 0x1000, 0x3000, -EINVAL, "overlap (p_paddr)" },
		{ DATA_OFF, KSTART - 0x3000, DATA_P, 0x1000, 0x3000, 0, NULL },
		/* p_vaddr 0, as Linux's per-CPU segment: overlaps nothing. */
		{ DATA_OFF, 0, DATA_P, 0x1000, 0x3000, 0, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		spec_default();
		k.ph[1].offset = cases[i].offset;
		k.ph[1].vaddr = cases[i].vaddr;
		k.ph[1].paddr = cases[i].paddr;
		k.ph[1].filesz = cases[i].filesz;
		k.ph[1].memsz = cases[i].memsz;
		if (cases[i].rc)
			expect_rebuilt(cases[i].rc, cases[i].why);
		else
			assert_int_equal(parse(), 0);
	}
	/* PADDR_OFFSET above VIRT_BASE + paddr: below 0. */
	spec_default();
	note_num(XEN_ELFNOTE_PADDR_OFFSET, VIRT_BASE + 0x1000001, 8);
	expect_rebuilt(-EINVAL, "wraps with VIRT_BASE");
}

static void test_no_loadable_segment(void **state)
{
	k.ph[0].type = 6;   /* PT_PHDR */
	k.ph[1].flags = 0;
	expect_rebuilt(-EINVAL, "no loadable");
}

/* ------------------------------------------------------------------ */
/* Hostile notes                                                       */

static void test_note_sizes_overflow(void **state)
{
	static const struct { unsigned int field; uint32_t v; } bad[] = {
		{ 0, 0xffffffff }, { 0, 0xfffffffd }, { 0, 0x80000000 }, { 0, 0x1000 },
		{ 4, 0xffffffff }, { 4, 0xfffffffd }, { 4, 0x80000000 }, { 4, 0x1000 },
	};

	/* Corrupt the first note (GUEST_OS) in place. */
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		build();
		put(img + NOTE_OFF + bad[i].field, bad[i].v, 4);
		expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), -EINVAL,
			      "past the end of its segment");
	}
}

static void test_note_past_segment_end(void **state)
{
	/* The last note is PADDR_OFFSET (12 + 4 + 8 bytes): cut into its
	 * desc, then into its header. */
	static const uint64_t trims[] = { 1, 7, 8, 12, 20, 23 };

	for (size_t i = 0; i < ARRAY_SIZE(trims); i++) {
		spec_default();
		k.note_trim = trims[i];
		expect_rebuilt(-EINVAL, trims[i] <= 12 ? "past the end of its segment"
						       : "note header past");
	}
	/* The whole last note cut: fine, the others remain. */
	spec_default();
	k.note_trim = 24;
	assert_int_equal(parse(), 0);
	assert_false(info.notes_seen & (1u << XEN_ELFNOTE_PADDR_OFFSET));
}

static void test_note_desc_to_segment_end(void **state)
{
	/* Linux's FEATURES (41 bytes) last; the segment ends at the desc's
	 * end, before its padding: accepted. */
	note_drop(XEN_ELFNOTE_FEATURES);
	note_bytes(XEN_ELFNOTE_FEATURES, LINUX_FEATURES, strlen(LINUX_FEATURES));
	k.note_trim = 3;
	assert_int_equal(parse(), 0);
	assert_int_equal(info.features_required, 1);
	k.note_trim = 4;
	expect_rebuilt(-EINVAL, "past the end of its segment");
}

static void test_note_container_bounds(void **state)
{
	add_ph(PT_NOTE, 4, IMG_SIZE - 8, 0, 0, 9, 9);
	expect_rebuilt(-EINVAL, "PT_NOTE segment past the end");
	spec_default();
	add_ph(PT_NOTE, 4, 8, 0, 0, UINT64_MAX - 4, 0);
	expect_rebuilt(-EINVAL, "PT_NOTE segment past the end");
	/* A truncated header in a segment of its own. */
	spec_default();
	add_ph(PT_NOTE, 4, TEXT_OFF, 0, 0, 11, 11);
	expect_rebuilt(-EINVAL, "note header past");
	/* A section past the end, when sections are read. */
	spec_default();
	k.note_phdr = false;
	k.note_shdr = true;
	build();
	put(img + SH_OFF + 64 + 32, IMG_SIZE, 8);
	expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), -EINVAL, "SHT_NOTE section past");
}

static void test_missing_notes(void **state)
{
	k.nr_notes = 0;
	expect_rebuilt(-ENOEXEC, "no Xen ELF notes: not a PV kernel");
	/* Only foreign notes. */
	note_raw("GNU", 4, 3, "abcd", 4);
	expect_rebuilt(-ENOEXEC, "no Xen ELF notes");
	k.note_phdr = false;
	expect_rebuilt(-ENOEXEC, "no Xen ELF notes");
}

/* A note-count bomb: Xen stops at 65536 notes, so do we (-E2BIG). */
static void test_too_many_notes(void **state)
{
	const size_t nr = ELF_MAX_NOTES;
	size_t blob, size;
	uint8_t *big;

	build();
	blob = write_notes();
	size = NOTE_OFF + blob + (nr - k.nr_notes + 1) * 12;
	big = calloc(1, size + IMG_SIZE);
	assert_non_null(big);
	memcpy(big, img, IMG_SIZE);
	/* Move the PT_NOTE (third header) over the blob and the empty notes
	 * appended after the data segment's body, at IMG_SIZE. */
	memcpy(big + IMG_SIZE, img + NOTE_OFF, blob);
	put(big + PH_OFF + 2 * 56 + 8, IMG_SIZE, 8);
	put(big + PH_OFF + 2 * 56 + 32, blob + (nr - k.nr_notes) * 12, 8);
	assert_int_equal(elf_dom_parse(big, size + IMG_SIZE, &info, &why), 0);
	put(big + PH_OFF + 2 * 56 + 32, blob + (nr - k.nr_notes + 1) * 12, 8);
	expect_reject(elf_dom_parse(big, size + IMG_SIZE, &info, &why), -E2BIG, "too many ELF notes");
	free(big);
}

/* ------------------------------------------------------------------ */
/* Contradictory notes                                                 */

/* One or two notes set on the default kernel (image KSTART..+0x4000,
 * text KSTART..+0x1000, data/bss +0x1000..+0x4000). */
static void test_contradictions(void **state)
{
	static const struct {
		uint32_t type;
		uint64_t v;
		uint32_t type2;      /* 0: none */
		uint64_t v2;
		const char *why;     /* NULL: accepted */
	} cases[] = {
		{ XEN_ELFNOTE_ENTRY, KSTART - 1, 0, 0, "ENTRY outside the loaded image" },
		{ XEN_ELFNOTE_ENTRY, KSTART + 0x4000, 0, 0, "ENTRY outside" },
		{ XEN_ELFNOTE_ENTRY, 0, 0, 0, "ENTRY outside" },
		{ XEN_ELFNOTE_ENTRY, UINT64_MAX, 0, 0, "ENTRY outside" },
		{ XEN_ELFNOTE_ENTRY, 0x1000100, 0, 0, "ENTRY outside" },
		{ XEN_ELFNOTE_ENTRY, KSTART, 0, 0, NULL },
		{ XEN_ELFNOTE_ENTRY, KSTART + 0x3fff, 0, 0, NULL },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, KSTART + 0x800, 0, 0, "not page aligned" },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, KSTART + 1, 0, 0, "not page aligned" },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, KSTART + 0x4000, 0, 0, "HYPERCALL_PAGE outside" },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, KSTART - 0x1000, 0, 0, "HYPERCALL_PAGE outside" },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, VIRT_BASE, 0, 0, "HYPERCALL_PAGE outside" },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, 0, 0, 0, "HYPERCALL_PAGE outside" },
		{ XEN_ELFNOTE_HYPERCALL_PAGE, KSTART, 0, 0, NULL },
		{ XEN_ELFNOTE_INIT_P2M, KSTART, 0, 0, "INIT_P2M inside the kernel" },
		{ XEN_ELFNOTE_INIT_P2M, KSTART + 0x3fff, 0, 0, "INIT_P2M inside" },
		{ XEN_ELFNOTE_INIT_P2M, KSTART + 0x4000, 0, 0, NULL },
		{ XEN_ELFNOTE_INIT_P2M, KSTART - 1, 0, 0, NULL },
		/* VIRT_BASE above the kernel, with PADDR_OFFSET keeping kstart. */
		{ XEN_ELFNOTE_VIRT_BASE, KSTART + 0x1000, XEN_ELFNOTE_PADDR_OFFSET, 0x1001000,
		  "VIRT_BASE above the kernel" },
		{ XEN_ELFNOTE_VIRT_BASE, KSTART, XEN_ELFNOTE_PADDR_OFFSET, 0x1000000, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		spec_default();
		note_num(cases[i].type, cases[i].v, 8);
		if (cases[i].type2)
			note_num(cases[i].type2, cases[i].v2, 8);
		if (cases[i].why) {
			expect_rebuilt(-EINVAL, cases[i].why);
			continue;
		}
		assert_int_equal(parse(), 0);
		assert_int_equal(info.virt_kstart, KSTART);
	}
	/* ENTRY in the gap between two segments. */
	spec_default();
	k.ph[1].vaddr = KSTART + 0x10000;
	k.ph[1].paddr = 0x1010000;
	note_num(XEN_ELFNOTE_ENTRY, KSTART + 0x8000, 8);
	expect_rebuilt(-EINVAL, "ENTRY outside");
}

/* Random corruption of a valid image, under ASan and UBSan: any result
 * but a crash, and a reason with every refusal. Deterministic (LCG). */
static void test_mutations(void **state)
{
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	uint8_t good[IMG_SIZE];
	unsigned int accepted = 0;
	int rc;

	note_num(XEN_ELFNOTE_HYPERCALL_PAGE, KSTART, 8);
	k.note_shdr = true;
	build();
	memcpy(good, img, sizeof(good));
	for (unsigned int round = 0; round < 20000; round++) {
		memcpy(img, good, sizeof(img));
		for (unsigned int flips = 1 + round % 4; flips--; ) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			/* Mostly the headers and notes, where the parser looks. */
			img[(seed >> 33) % (round & 1 ? 0x600 : IMG_SIZE)] ^= (uint8_t)(seed >> 17 | 1);
		}
		rc = elf_dom_parse(img, IMG_SIZE, &info, &why);
		if (rc == 0) {
			accepted++;
			assert_null(why);
			continue;
		}
		assert_true(rc == -EINVAL || rc == -ENOEXEC || rc == -E2BIG);
		assert_non_null(why);
		assert_true(info_is_zero());
	}
	/* Flips in the segment bodies leave the image valid. */
	assert_true(accepted > 1000);
}

/* ------------------------------------------------------------------ */
/* A real kernel                                                       */

static uint8_t *vmlinux;
static size_t vmlinux_size;

static void test_real_vmlinux(void **state)
{
	const struct elf_segment *s;

	assert_int_equal(elf_dom_parse(vmlinux, vmlinux_size, &info, &why), 0);
	assert_null(why);
	assert_string_equal(info.xen_version, "xen-3.0");
	assert_true(!strcmp(info.guest_os, "linux") || !strcmp(info.loader, "generic"));
	assert_true(info.virt_base <= info.virt_kstart);
	assert_true(info.entry >= info.virt_kstart && info.entry < info.virt_kend);
	assert_true(info.nr_segments > 0);
	for (unsigned int i = 0; i < info.nr_segments; i++) {
		s = &info.segments[i];
		assert_true(s->offset + s->filesz <= vmlinux_size);
		assert_true(s->gva >= info.virt_kstart && s->gva + s->memsz <= info.virt_kend);
	}
	printf("# vmlinux: VIRT_BASE %#llx kernel %#llx-%#llx ENTRY %#llx, %u segments,"
	       " INIT_P2M %s, MOD_START_PFN %d, HYPERCALL_PAGE %s, FEATURES %#x/%#x\n",
	       (unsigned long long)info.virt_base, (unsigned long long)info.virt_kstart,
	       (unsigned long long)info.virt_kend, (unsigned long long)info.entry,
	       info.nr_segments, info.has_init_p2m ? "yes" : "no", info.mod_start_pfn,
	       info.has_hypercall_page ? "yes" : "no", info.features_supported,
	       info.features_required);
	/* Every truncation of the header and program headers is refused. */
	for (size_t cut = 0; cut < 64 + 56 * 5; cut += 7)
		assert_int_not_equal(elf_dom_parse(vmlinux, cut, &info, &why), 0);
}

static bool load_vmlinux(const char *path)
{
	FILE *f = fopen(path, "rb");
	long len;

	if (!f)
		return false;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) ||
	    !(vmlinux = malloc((size_t)len)) || fread(vmlinux, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		return false;
	}
	fclose(f);
	vmlinux_size = (size_t)len;
	return true;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_linux_like, setup),
		cmocka_unit_test_setup(test_hypercall_page, setup),
		cmocka_unit_test_setup(test_p2m_modstart_features, setup),
		cmocka_unit_test_setup(test_numeric_sizes, setup),
		cmocka_unit_test_setup(test_numeric_bad_sizes, setup),
		cmocka_unit_test_setup(test_entry_defaults_to_e_entry, setup),
		cmocka_unit_test_setup(test_loader_rules, setup),
		cmocka_unit_test_setup(test_strings, setup),
		cmocka_unit_test_setup(test_features_parsing, setup),
		cmocka_unit_test_setup(test_features_refused, setup),
		cmocka_unit_test_setup(test_pae_and_bsd_symtab, setup),
		cmocka_unit_test_setup(test_paddr_offset, setup),
		cmocka_unit_test_setup(test_other_notes_ignored, setup),
		cmocka_unit_test_setup(test_later_note_wins, setup),
		cmocka_unit_test_setup(test_section_fallback, setup),
		cmocka_unit_test_setup(test_flagless_load_skipped, setup),
		cmocka_unit_test_setup(test_adjacent_segments, setup),
		cmocka_unit_test_setup(test_max_segments, setup),
		cmocka_unit_test_setup(test_truncated_header, setup),
		cmocka_unit_test_setup(test_header_fields, setup),
		cmocka_unit_test_setup(test_section_headers, setup),
		cmocka_unit_test_setup(test_load_hostile, setup),
		cmocka_unit_test_setup(test_no_loadable_segment, setup),
		cmocka_unit_test_setup(test_note_sizes_overflow, setup),
		cmocka_unit_test_setup(test_note_past_segment_end, setup),
		cmocka_unit_test_setup(test_note_desc_to_segment_end, setup),
		cmocka_unit_test_setup(test_note_container_bounds, setup),
		cmocka_unit_test_setup(test_missing_notes, setup),
		cmocka_unit_test_setup(test_too_many_notes, setup),
		cmocka_unit_test_setup(test_contradictions, setup),
		cmocka_unit_test_setup(test_mutations, setup),
	};
	const struct CMUnitTest real[] = {
		cmocka_unit_test_setup(test_real_vmlinux, setup),
	};
	const char *path = getenv("XENO_TEST_VMLINUX");
	int rc = RUN(tests);

	/* Our runner counts cmocka's skip as a failure, so the real-kernel
	 * case is only run when a kernel is named; say so when it is not. */
	if (!path || !*path) {
		printf("# SKIP test_real_vmlinux: XENO_TEST_VMLINUX is unset\n");
		fprintf(stderr, "SKIP test-elf/test_real_vmlinux: XENO_TEST_VMLINUX is unset\n");
		return rc;
	}
	if (!load_vmlinux(path)) {
		fprintf(stderr, "FAIL test-elf/test_real_vmlinux: cannot read %s (setup)\n", path);
		return 1;
	}
	rc |= RUN(real);
	free(vmlinux);
	return rc;
}
