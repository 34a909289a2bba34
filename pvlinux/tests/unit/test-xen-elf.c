/* SPDX-License-Identifier: GPL-2.0 */
/* xen-elf.c: the tool asks the hypervisor's loader (xen/common/elf.c), on a
 * synthetic image (header, PT_LOAD, PT_NOTE) that each table row damages
 * in one way; refusals carry the loader's own reason, so the tool refuses
 * exactly what the domain builder would (the loader's full checks are
 * tested in xen/tests/unit/test-elf-*). */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xeno/elf.h>
#include "../../bzimage-to-elf/xen-elf.h"

#define IMG_LEN   0x400
#define PH_OFF    0x40
#define NOTE_OFF  0x100
#define ENTRY     0xffffffff830791c0ull
#define LOAD_VA   0xffffffff83079000ull   /* 0x2000 bytes from here */

struct img {
	uint8_t b[IMG_LEN];
	size_t len;
	size_t note_len;
};

/* Append one note; returns its offset in the image. */
static size_t add_note(struct img *m, const char *name, uint32_t namesz,
		       uint32_t type, const void *desc, uint32_t descsz,
		       unsigned int align)
{
	size_t at = NOTE_OFF + m->note_len, pos = at;
	Elf64_Nhdr nh = { namesz, descsz, type };

	memcpy(m->b + pos, &nh, sizeof(nh));
	pos += sizeof(nh);
	memcpy(m->b + pos, name, strlen(name) + 1);
	pos = (pos + namesz + align - 1) & ~(size_t)(align - 1);
	memcpy(m->b + pos, desc, descsz);
	pos = (pos + descsz + align - 1) & ~(size_t)(align - 1);
	m->note_len = pos - NOTE_OFF;
	return at;
}

static Elf64_Ehdr *ehdr(struct img *m) { return (Elf64_Ehdr *)m->b; }
static Elf64_Phdr *phdr(struct img *m, int i) { return (Elf64_Phdr *)(m->b + PH_OFF) + i; }

/* A valid image: a note of another owner, then ENTRY, GUEST_OS "linux" and
 * XEN_VERSION "xen-3.0" under "Xen" (what Xen's loader insists on). */
static void build(struct img *m)
{
	uint64_t entry = ENTRY;
	uint32_t v = 0;
	Elf64_Ehdr *e = ehdr(m);

	memset(m, 0, sizeof(*m));
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_version = EV_CURRENT;
	e->e_ehsize = sizeof(Elf64_Ehdr);
	e->e_machine = EM_X86_64;
	e->e_entry = LOAD_VA;
	e->e_phoff = PH_OFF;
	e->e_phentsize = sizeof(Elf64_Phdr);
	e->e_phnum = 2;
	*phdr(m, 0) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
				    .p_offset = 0x200, .p_vaddr = LOAD_VA, .p_paddr = LOAD_VA,
				    .p_filesz = 0x200, .p_memsz = 0x2000 };
	add_note(m, "Tst", 4, 1, &v, 4, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_ENTRY, &entry, 8, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_GUEST_OS, "linux", 6, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8, 4);
	*phdr(m, 1) = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = NOTE_OFF,
				    .p_filesz = m->note_len, .p_align = 4 };
	m->len = IMG_LEN;
}

static void fix_note_len(struct img *m) { phdr(m, 1)->p_filesz = m->note_len; }

static void m_none(struct img *m) { (void)m; }
static void m_hypercall_page(struct img *m)
{
	uint64_t va = LOAD_VA + 0x1000;

	add_note(m, "Xen", 4, XEN_ELFNOTE_HYPERCALL_PAGE, &va, 8, 4);
	fix_note_len(m);
}
static void m_no_xen(struct img *m)
{
	m->note_len = 0;
	add_note(m, "GNU", 4, 3, "abcd", 4, 4);
	fix_note_len(m);
}
static void m_xen_without_nul(struct img *m)
{
	m->note_len = 0;
	add_note(m, "Xen", 3, XEN_ELFNOTE_ENTRY, "12345678", 8, 4);
	fix_note_len(m);
}
static void m_no_entry_note(struct img *m)
{
	m->note_len = 0;
	add_note(m, "Xen", 4, XEN_ELFNOTE_GUEST_OS, "linux", 6, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8, 4);
	fix_note_len(m);
}
static void m_no_guest_os(struct img *m)
{
	uint64_t entry = ENTRY;

	m->note_len = 0;
	add_note(m, "Xen", 4, XEN_ELFNOTE_ENTRY, &entry, 8, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8, 4);
	fix_note_len(m);
}
static void m_entry_outside(struct img *m)
{
	uint64_t entry = LOAD_VA + 0x2000;   /* one past the segment */

	m->note_len = 0;
	add_note(m, "Xen", 4, XEN_ELFNOTE_ENTRY, &entry, 8, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_GUEST_OS, "linux", 6, 4);
	add_note(m, "Xen", 4, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8, 4);
	fix_note_len(m);
}
static void m_align8(struct img *m)
{
	uint64_t entry = ENTRY;

	m->note_len = 0;
	add_note(m, "GNU", 4, 5, "property", 9, 8);
	add_note(m, "Xen", 4, XEN_ELFNOTE_ENTRY, &entry, 8, 8);
	add_note(m, "Xen", 4, XEN_ELFNOTE_GUEST_OS, "linux", 6, 8);
	add_note(m, "Xen", 4, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8, 8);
	fix_note_len(m);
	phdr(m, 1)->p_align = 8;
}
static void m_class32(struct img *m) { ehdr(m)->e_ident[EI_CLASS] = ELFCLASS32; }
static void m_big_endian(struct img *m) { ehdr(m)->e_ident[EI_DATA] = ELFDATA2MSB; }
static void m_machine_386(struct img *m) { ehdr(m)->e_machine = EM_386; }
static void m_dyn(struct img *m) { ehdr(m)->e_type = ET_DYN; }
static void m_rel(struct img *m) { ehdr(m)->e_type = ET_REL; }
static void m_phnum0(struct img *m) { ehdr(m)->e_phnum = 0; }
static void m_phentsize(struct img *m) { ehdr(m)->e_phentsize = 32; }
static void m_phoff_past(struct img *m) { ehdr(m)->e_phoff = IMG_LEN - sizeof(Elf64_Phdr); }
static void m_phoff_huge(struct img *m) { ehdr(m)->e_phoff = ~0ull - 8; }
static void m_phnum_huge(struct img *m) { ehdr(m)->e_phnum = 0xffff; }
static void m_load_past(struct img *m) { phdr(m, 0)->p_filesz = IMG_LEN - 0x200 + 1; }
static void m_load_at_end(struct img *m) { phdr(m, 0)->p_filesz = IMG_LEN - 0x200; }
static void m_load_off_huge(struct img *m) { phdr(m, 0)->p_offset = ~0ull; }
static void m_note_past(struct img *m) { phdr(m, 1)->p_filesz = IMG_LEN - NOTE_OFF + 1; }
static void m_descsz_huge(struct img *m)
{
	size_t at = add_note(m, "Xen", 4, 9, "yes", 4, 4);

	fix_note_len(m);
	((Elf64_Nhdr *)(m->b + at))->n_descsz = 0xffffffff;
}
static void m_namesz_huge(struct img *m)
{
	size_t at = add_note(m, "Xen", 4, 9, "yes", 4, 4);

	fix_note_len(m);
	((Elf64_Nhdr *)(m->b + at))->n_namesz = 0xffffffff;
}
static void m_desc_one_past(struct img *m) { phdr(m, 1)->p_filesz = m->note_len - 1; }
static void m_note_tiny(struct img *m) { phdr(m, 1)->p_filesz = 8; }
static void m_no_load(struct img *m) { phdr(m, 0)->p_type = PT_NULL; }
static void m_short(struct img *m) { m->len = sizeof(Elf64_Ehdr) - 1; }
static void m_not_elf(struct img *m) { m->b[1] = 'X'; }

struct elf_case {
	const char *name;
	void (*mutate)(struct img *m);
	const char *why;          /* NULL: accepted */
	unsigned int nr_xen_notes;   /* distinct Xen note types */
	bool hypercall_page;
	uint64_t entry;
};

static const struct elf_case cases[] = {
	{ "valid", m_none, NULL, 3, false, ENTRY },
	{ "hypercall page note", m_hypercall_page, NULL, 4, true, ENTRY },
	/* Xen's loader walks notes at 4-byte steps whatever p_align says. */
	{ "notes 8-aligned", m_align8, "note name or desc past the end of its segment", 0, false, 0 },
	{ "no ENTRY note: e_entry", m_no_entry_note, NULL, 2, false, LOAD_VA },
	{ "PT_LOAD ends at end of file", m_load_at_end, NULL, 3, false, ENTRY },
	{ "no Xen notes", m_no_xen, "no Xen ELF notes: not a PV kernel", 0, false, 0 },
	/* "Xen" without its NUL still names Xen's notes (an ENTRY alone here). */
	{ "Xen without NUL", m_xen_without_nul, "neither LOADER", 0, false, 0 },
	{ "note segment too small", m_note_tiny, "note header past the end of its segment", 0, false, 0 },
	{ "no GUEST_OS or LOADER", m_no_guest_os, "neither LOADER \"generic\" nor GUEST_OS \"linux\"", 0, false, 0 },
	{ "ENTRY outside the image", m_entry_outside, "ENTRY outside the loaded image", 0, false, 0 },
	{ "ELFCLASS32", m_class32, "not a 64-bit ELF", 0, false, 0 },
	{ "big endian", m_big_endian, "not a little-endian ELF", 0, false, 0 },
	{ "EM_386", m_machine_386, "e_machine is not EM_X86_64", 0, false, 0 },
	{ "ET_DYN", m_dyn, "not an executable", 0, false, 0 },
	{ "ET_REL", m_rel, "not an executable", 0, false, 0 },
	{ "e_phnum 0", m_phnum0, "no program headers", 0, false, 0 },
	{ "e_phentsize 32", m_phentsize, "bad e_phentsize", 0, false, 0 },
	{ "program headers past the end", m_phoff_past, "program headers past the end", 0, false, 0 },
	{ "e_phoff all-ones", m_phoff_huge, "program headers past the end", 0, false, 0 },
	{ "e_phnum 0xffff", m_phnum_huge, "program headers past the end", 0, false, 0 },
	{ "PT_LOAD one byte past", m_load_past, "PT_LOAD segment past the end", 0, false, 0 },
	{ "PT_LOAD offset all-ones", m_load_off_huge, "PT_LOAD segment past the end", 0, false, 0 },
	{ "PT_NOTE one byte past", m_note_past, "PT_NOTE segment past the end", 0, false, 0 },
	{ "n_descsz all-ones", m_descsz_huge, "past the end of its segment", 0, false, 0 },
	{ "n_namesz all-ones", m_namesz_huge, "past the end of its segment", 0, false, 0 },
	{ "desc one byte past segment", m_desc_one_past, "past the end of its segment", 0, false, 0 },
	{ "no PT_LOAD", m_no_load, "no loadable PT_LOAD segment", 0, false, 0 },
	{ "shorter than a header", m_short, "truncated ELF header", 0, false, 0 },
	{ "not ELF", m_not_elf, "not an ELF image", 0, false, 0 },
};


static void run_case(void **state)
{
	const struct elf_case *c = *state;
	static struct img m;
	struct xen_elf_info info;
	char why[320] = "";
	uint8_t *file;
	int rc;

	build(&m);
	c->mutate(&m);
	/* Exactly len bytes on the heap: ASan sees any read beyond. */
	file = malloc(m.len);
	assert_non_null(file);
	memcpy(file, m.b, m.len);
	rc = xen_elf_check(file, m.len, &info, why, sizeof(why));
	free(file);
	if (!c->why) {
		if (rc != 0)
			fail_msg("%s: refused: %s", c->name, why);
		assert_int_equal(info.nr_note_types, c->nr_xen_notes);
		assert_int_equal(info.has_hypercall_page, c->hypercall_page);
		assert_int_equal(info.entry, c->entry);
		assert_int_equal(info.nr_load, 1);
	} else {
		assert_int_equal(rc, -1);
		if (!strstr(why, c->why))
			fail_msg("%s: got '%s', want '%s'", c->name, why, c->why);
	}
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(cases[0]);
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0])];
	int failed;

	for (size_t i = 0; i < n; i++)
		tests[i] = (struct CMUnitTest){ cases[i].name, run_case, NULL, NULL,
						(void *)&cases[i] };
	failed = _cmocka_run_group_tests("xen-elf", tests, n, NULL, NULL);
	printf("%zu passed, %d failed\n", n - (size_t)failed, failed);
	return failed != 0;
}
