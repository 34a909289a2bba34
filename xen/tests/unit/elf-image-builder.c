/* SPDX-License-Identifier: GPL-2.0 */
/* The ELF image builder (elf-image-builder.h): notes, program headers and
 * section headers serialised into one IMG_SIZE image. */
#include "elf-image-builder.h"

uint8_t img[IMG_SIZE];
struct kspec k;
struct elf_dom_info info;
const char *why;

void put(uint8_t *p, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static struct note *note_slot(uint32_t type)
{
	for (unsigned int i = 0; i < k.nr_notes; i++)
		if (!strcmp(k.notes[i].name, "Xen") && k.notes[i].type == type)
			return &k.notes[i];
	assert_true(k.nr_notes < ARRAY_SIZE(k.notes));
	return &k.notes[k.nr_notes++];
}

void note_raw(const char *name, uint32_t namesz, uint32_t type,
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
void note_bytes(uint32_t type, const void *desc, uint32_t descsz)
{
	struct note *n = note_slot(type);

	memset(n, 0, sizeof(*n));
	strcpy(n->name, "Xen");
	n->namesz = 4;
	n->type = type;
	n->descsz = descsz;
	memcpy(n->desc, desc, descsz);
}

void note_str(uint32_t type, const char *s)
{
	note_bytes(type, s, (uint32_t)strlen(s) + 1);
}

void note_num(uint32_t type, uint64_t v, unsigned int size)
{
	uint8_t b[8];

	put(b, v, 8);
	note_bytes(type, b, size);
}

void note_drop(uint32_t type)
{
	for (unsigned int i = 0; i < k.nr_notes; i++)
		if (!strcmp(k.notes[i].name, "Xen") && k.notes[i].type == type) {
			memmove(&k.notes[i], &k.notes[i + 1],
				(k.nr_notes - i - 1) * sizeof(k.notes[0]));
			k.nr_notes--;
			return;
		}
}

void add_ph(uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr,
	    uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
	assert_true(k.nr_ph < PH_MAX);
	k.ph[k.nr_ph++] = (struct ph){ type, flags, offset, vaddr, paddr, filesz, memsz };
}

/* A small Linux-like kernel: text at paddr 16 MiB, data + bss after it,
 * the notes Linux carries (FEATURES without a NUL, as Linux's). */
void spec_default(void)
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
uint64_t write_notes(void)
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

void build(void)
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

int parse_size(size_t size)
{
	build();
	return elf_dom_parse(img, size, &info, &why);
}

int parse(void)
{
	return parse_size(IMG_SIZE);
}

bool info_is_zero(void)
{
	static const struct elf_dom_info zero;

	return !memcmp(&info, &zero, sizeof(info));
}

/* A rejection: the code, the reason (a substring), and a zeroed output. */
void expect_reject(int rc, int want, const char *reason)
{
	assert_int_equal(rc, want);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("reason \"%s\" lacks \"%s\"", why, reason);
	assert_true(info_is_zero());
}

void expect_rebuilt(int want, const char *reason)
{
	build();
	expect_reject(elf_dom_parse(img, IMG_SIZE, &info, &why), want, reason);
}

int setup(void **state)
{
	spec_default();
	memset(&info, 0xa5, sizeof(info));   /* must be overwritten */
	why = "unset";
	return 0;
}

