/* SPDX-License-Identifier: GPL-2.0 */
/* Building ELF images byte by byte for the test-elf-*.c programs: a small
 * Linux-like PV kernel (spec_default) that each case edits in k, then
 * serialises into img and hands to elf_dom_parse. */
#ifndef ELF_IMAGE_BUILDER_H
#define ELF_IMAGE_BUILDER_H

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

/* The image being built, its description, and the parser's answers. */
extern uint8_t img[IMG_SIZE];
extern struct kspec k;
extern struct elf_dom_info info;
extern const char *why;

/* Little-endian store of the low n bytes of v. */
void put(uint8_t *p, uint64_t v, unsigned int n);

/* A note of any name, appended as given. */
void note_raw(const char *name, uint32_t namesz, uint32_t type,
	      const void *desc, uint32_t descsz);
/* Set (or replace) a Xen note of the given type. */
void note_bytes(uint32_t type, const void *desc, uint32_t descsz);
void note_str(uint32_t type, const char *s);
void note_num(uint32_t type, uint64_t v, unsigned int size);
void note_drop(uint32_t type);
void add_ph(uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr,
	    uint64_t paddr, uint64_t filesz, uint64_t memsz);

/* A small Linux-like kernel: text at paddr 16 MiB, data + bss after it,
 * the notes Linux carries (FEATURES without a NUL, as Linux's). */
void spec_default(void);
/* Serialise the notes at NOTE_OFF; returns the blob's length. */
uint64_t write_notes(void);
/* Serialise k into img. */
void build(void);
/* Build, then parse the first size bytes (parse: the whole image). */
int parse_size(size_t size);
int parse(void);
bool info_is_zero(void);
/* A rejection: the code, the reason (a substring), and a zeroed output. */
void expect_reject(int rc, int want, const char *reason);
void expect_rebuilt(int want, const char *reason);
/* The default kernel, and an output that must be overwritten. */
int setup(void **state);

#endif
