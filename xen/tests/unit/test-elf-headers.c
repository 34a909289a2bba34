/* SPDX-License-Identifier: GPL-2.0 */
/* ELF validation (common/elf.c): the ELF header, program and section
 * headers and the loadable segments, valid and hostile, then random
 * corruption of a whole image. A real kernel is parsed too when
 * $XENO_TEST_VMLINUX names one. Images: elf-image-builder.h. */
#include "elf-image-builder.h"

/* ------------------------------------------------------------------ */
/* Segments                                                            */

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
/* Corrupted images                                                    */

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
		cmocka_unit_test_setup(test_flagless_load_skipped, setup),
		cmocka_unit_test_setup(test_adjacent_segments, setup),
		cmocka_unit_test_setup(test_max_segments, setup),
		cmocka_unit_test_setup(test_truncated_header, setup),
		cmocka_unit_test_setup(test_header_fields, setup),
		cmocka_unit_test_setup(test_section_headers, setup),
		cmocka_unit_test_setup(test_load_hostile, setup),
		cmocka_unit_test_setup(test_no_loadable_segment, setup),
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
		fprintf(stderr, "SKIP test-elf-headers/test_real_vmlinux: XENO_TEST_VMLINUX is unset\n");
		return rc;
	}
	if (!load_vmlinux(path)) {
		fprintf(stderr, "FAIL test-elf-headers/test_real_vmlinux: cannot read %s (setup)\n", path);
		return 1;
	}
	rc |= RUN(real);
	free(vmlinux);
	return rc;
}
