/* SPDX-License-Identifier: GPL-2.0 */
/* bzimage.c: setup header bounds and payload format detection, on
 * synthetic images built case by case from a table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../bzimage-to-elf/bzimage.h"

#define IMG_MAX 0x4000

struct bz_case {
	const char *name;
	unsigned int setup_sects;
	uint16_t version;
	bool no_hdrs;
	uint32_t payload_offset;
	uint32_t payload_length;
	size_t file_len;
	uint8_t magic[6];
	size_t nr_magic;
	/* expectations */
	int rc;
	const char *fmt;      /* on success */
	size_t stream_len;    /* on success */
	const char *why;      /* on failure: a substring */
};

#define GZ    { 0x1f, 0x8b }, 2
#define XZ    { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6
/* setup_sects 1: the protected-mode part starts at 0x400. */
static const struct bz_case cases[] = {
	{ "gzip keeps its trailer", 1, 0x20f, false, 0x100, 64, 0x600, GZ, 0, "gzip", 64, NULL },
	{ "bzip2", 1, 0x20f, false, 0x100, 64, 0x600, { 'B', 'Z', 'h' }, 3, 0, "bzip2", 60, NULL },
	{ "lzma", 1, 0x20f, false, 0x100, 64, 0x600, { 0x5d, 0, 0 }, 3, 0, "lzma", 60, NULL },
	{ "xz", 1, 0x20f, false, 0x100, 64, 0x600, XZ, 0, "xz", 60, NULL },
	{ "lzo", 1, 0x20f, false, 0x100, 64, 0x600, { 0x89, 'L', 'Z', 'O' }, 4, 0, "lzo", 60, NULL },
	{ "lz4 legacy", 1, 0x20f, false, 0x100, 64, 0x600, { 0x02, 0x21, 0x4c, 0x18 }, 4, 0, "lz4", 60, NULL },
	{ "zstd", 1, 0x20f, false, 0x100, 64, 0x600, { 0x28, 0xb5, 0x2f, 0xfd }, 4, 0, "zstd", 60, NULL },
	{ "protocol 2.08 is enough", 1, 0x208, false, 0x100, 64, 0x600, XZ, 0, "xz", 60, NULL },
	{ "setup_sects 0 means 4", 0, 0x20f, false, 0x100, 64, 0xc00, XZ, 0, "xz", 60, NULL },
	{ "payload ends at end of file", 1, 0x20f, false, 0x100, 0x100, 0x600, XZ, 0, "xz", 0xfc, NULL },
	{ "payload one byte past the end", 1, 0x20f, false, 0x100, 0x101, 0x600, XZ, -1, NULL, 0, "truncated: payload" },
	{ "payload_offset all-ones", 1, 0x20f, false, 0xffffffff, 64, 0x600, XZ, -1, NULL, 0, "truncated: payload" },
	{ "payload_length all-ones", 1, 0x20f, false, 0x100, 0xffffffff, 0x600, XZ, -1, NULL, 0, "truncated: payload" },
	{ "payload_length 0", 1, 0x20f, false, 0x100, 0, 0x600, XZ, -1, NULL, 0, "unknown payload format" },
	{ "magic and trailer only", 1, 0x20f, false, 0x100, 9, 0x600, XZ, -1, NULL, 0, "too short" },
	{ "magic and trailer, one more", 1, 0x20f, false, 0x100, 10, 0x600, XZ, 0, "xz", 6, NULL },
	{ "no HdrS", 1, 0x20f, true, 0x100, 64, 0x600, XZ, -1, NULL, 0, "not a bzImage" },
	{ "protocol 2.07", 1, 0x207, false, 0x100, 64, 0x600, XZ, -1, NULL, 0, "2.07 predates" },
	{ "header cut before 0x250", 1, 0x20f, false, 0x100, 64, 0x24f, XZ, -1, NULL, 0, "truncated: 591 bytes" },
	{ "file ends before the version", 1, 0x20f, false, 0x100, 64, 0x206, XZ, -1, NULL, 0, "truncated: 518 bytes" },
	{ "file ends inside the version", 1, 0x20f, false, 0x100, 64, 0x207, XZ, -1, NULL, 0, "truncated: 519 bytes" },
	{ "file ends inside HdrS", 1, 0x20f, false, 0x100, 64, 0x204, XZ, -1, NULL, 0, "not a bzImage" },
	{ "empty file", 1, 0x20f, false, 0x100, 64, 0, XZ, -1, NULL, 0, "not a bzImage" },
	{ "unknown magic", 1, 0x20f, false, 0x100, 64, 0x600, { 'Q', 'Q', 'Q', 'Q' }, 4, -1, NULL, 0, "unknown payload format" },
	{ "lzma-like 5d 00 01", 1, 0x20f, false, 0x100, 64, 0x600, { 0x5d, 0, 1 }, 3, -1, NULL, 0, "unknown payload format" },
};

static void put16(uint8_t *p, uint16_t v) { p[0] = v & 0xff; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (v >> (8 * i)) & 0xff;
}

static void build(uint8_t *img, const struct bz_case *c)
{
	size_t start = ((c->setup_sects ? c->setup_sects : 4) + 1) * 512 + c->payload_offset;

	memset(img, 0xee, IMG_MAX);
	img[BZ_SETUP_SECTS] = (uint8_t)c->setup_sects;
	if (!c->no_hdrs)
		memcpy(img + BZ_HEADER_MAGIC, "HdrS", 4);
	put16(img + BZ_VERSION, c->version);
	put32(img + BZ_PAYLOAD_OFFSET, c->payload_offset);
	put32(img + BZ_PAYLOAD_LENGTH, c->payload_length);
	/* Trailer first: in the too-short cases the magic overlaps it. */
	if (start + c->payload_length <= IMG_MAX && c->payload_length >= 4)
		put32(img + start + c->payload_length - 4, 0x12345678);
	if (start + c->nr_magic <= IMG_MAX)
		memcpy(img + start, c->magic, c->nr_magic);
}

static void run_case(void **state)
{
	const struct bz_case *c = *state;
	struct bzimage_payload p;
	char why[320] = "";
	static uint8_t img[IMG_MAX];
	int rc;

	build(img, c);
	/* A copy of exactly file_len bytes: ASan catches any read past it. */
	uint8_t *file = malloc(c->file_len ? c->file_len : 1);
	assert_non_null(file);
	memcpy(file, img, c->file_len);
	rc = bzimage_find_payload(file, c->file_len, &p, why, sizeof(why));
	if (c->rc == 0) {
		if (rc != 0)
			fail_msg("%s: refused: %s", c->name, why);
		assert_string_equal(p.fmt->name, c->fmt);
		assert_int_equal(payload_stream_length(&p), c->stream_len);
		assert_int_equal(p.unpacked_size, 0x12345678);
		assert_int_equal(p.version, c->version);
	} else {
		assert_int_equal(rc, -1);
		if (!strstr(why, c->why))
			fail_msg("%s: got '%s', want '%s'", c->name, why, c->why);
	}
	free(file);
}

static void detect_needs_whole_magic(void **state)
{
	static const uint8_t xz5[] = { 0xfd, '7', 'z', 'X', 'Z' };

	(void)state;
	assert_null(payload_format_detect(xz5, sizeof(xz5)));
	assert_null(payload_format_detect(xz5, 0));
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(cases[0]);
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 1];
	int failed;

	for (size_t i = 0; i < n; i++)
		tests[i] = (struct CMUnitTest){ cases[i].name, run_case, NULL, NULL,
						(void *)&cases[i] };
	tests[n] = (struct CMUnitTest)cmocka_unit_test(detect_needs_whole_magic);
	failed = _cmocka_run_group_tests("bzimage", tests, n + 1, NULL, NULL);
	printf("%zu passed, %d failed\n", n + 1 - (size_t)failed, failed);
	return failed != 0;
}
