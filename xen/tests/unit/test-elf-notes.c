/* SPDX-License-Identifier: GPL-2.0 */
/* Xen-note decoding (common/elf.c): valid kernels and what their notes
 * say; hostile notes (sizes, bounds, counts) and notes that contradict the
 * image. Every rejection checks the exact code, the reason, and that the
 * output was left zeroed. Images: elf-image-builder.h. */
#include "elf-image-builder.h"

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
		cmocka_unit_test_setup(test_note_sizes_overflow, setup),
		cmocka_unit_test_setup(test_note_past_segment_end, setup),
		cmocka_unit_test_setup(test_note_desc_to_segment_end, setup),
		cmocka_unit_test_setup(test_note_container_bounds, setup),
		cmocka_unit_test_setup(test_missing_notes, setup),
		cmocka_unit_test_setup(test_too_many_notes, setup),
		cmocka_unit_test_setup(test_contradictions, setup),
	};

	return RUN(tests);
}
