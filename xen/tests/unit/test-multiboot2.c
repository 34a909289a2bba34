/* SPDX-License-Identifier: GPL-2.0 */
/* Multiboot2 information parsing: a well-formed block, then each way a
 * block can be malformed (all refused with -EINVAL, never read past). */
#include "helpers.h"
#include <asm/multiboot2.h>
#include <xeno/errno.h>

struct builder {
	uint8_t buf[4096];
	size_t len;
};

static void put32(struct builder *b, uint32_t v)
{
	memcpy(b->buf + b->len, &v, 4);
	b->len += 4;
}

static void put64(struct builder *b, uint64_t v)
{
	memcpy(b->buf + b->len, &v, 8);
	b->len += 8;
}

static void align8(struct builder *b)
{
	while (b->len % 8)
		b->buf[b->len++] = 0;
}

static void start(struct builder *b)
{
	memset(b, 0, sizeof(*b));
	put32(b, 0);   /* total, patched by finish() */
	put32(b, 0);
}

static void tag_string(struct builder *b, uint32_t type, const char *s)
{
	size_t n = strlen(s) + 1;

	put32(b, type);
	put32(b, (uint32_t)(8 + n));
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	align8(b);
}

static void tag_module(struct builder *b, uint32_t s, uint32_t e, const char *str)
{
	size_t n = strlen(str) + 1;

	put32(b, MB2_TAG_MODULE);
	put32(b, (uint32_t)(16 + n));
	put32(b, s);
	put32(b, e);
	memcpy(b->buf + b->len, str, n);
	b->len += n;
	align8(b);
}

static void tag_mmap(struct builder *b, const struct mem_region *r, size_t n, uint32_t esize)
{
	put32(b, MB2_TAG_MMAP);
	put32(b, (uint32_t)(16 + n * esize));
	put32(b, esize);
	put32(b, 0);
	for (size_t i = 0; i < n; i++) {
		size_t at = b->len;

		put64(b, r[i].start);
		put64(b, r[i].end - r[i].start);
		put32(b, r[i].type);
		put32(b, 0);
		b->len = at + esize;
	}
	align8(b);
}

static size_t finish(struct builder *b)
{
	uint32_t total;

	put32(b, MB2_TAG_END);
	put32(b, 8);
	total = (uint32_t)b->len;
	memcpy(b->buf, &total, 4);
	return b->len;
}

static const struct mem_region two[] = {
	{ 0, 0x9fc00, MEM_RAM }, { 0x100000, 0x40000000, MEM_RAM },
};

static void test_valid_block(void **state)
{
	struct builder b;
	struct mb2_info info;
	uint8_t rsdp[36] = "RSD PTR ";

	start(&b);
	tag_string(&b, MB2_TAG_CMDLINE, "console=com1 mem=1G");
	tag_string(&b, MB2_TAG_LOADER_NAME, "GRUB 2.06");
	tag_mmap(&b, two, 2, 24);
	tag_module(&b, 0x1000000, 0x1200000, "root=/dev/xvda ro");
	tag_module(&b, 0x1200000, 0x1200000, "");
	put32(&b, MB2_TAG_ACPI_NEW);
	put32(&b, 8 + 36);
	memcpy(b.buf + b.len, rsdp, 36);
	b.len += 36;
	align8(&b);
	put32(&b, 99);   /* unknown tag: skipped */
	put32(&b, 12);
	put32(&b, 0);
	align8(&b);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), 0);
	assert_string_equal(info.cmdline, "console=com1 mem=1G");
	assert_string_equal(info.loader_name, "GRUB 2.06");
	assert_int_equal(info.nr_mmap, 2);
	assert_int_equal(info.mmap[1].start, 0x100000);
	assert_int_equal(info.mmap[1].end, 0x40000000);
	assert_int_equal(info.mmap[1].type, MEM_RAM);
	assert_int_equal(info.nr_mods, 2);
	assert_int_equal(info.mods[0].start, 0x1000000);
	assert_int_equal(info.mods[0].end, 0x1200000);
	assert_string_equal(info.mods[0].string, "root=/dev/xvda ro");
	assert_string_equal(info.mods[1].string, "");
	assert_non_null(info.rsdp);
	assert_int_equal(info.rsdp_len, 36);
}

static void test_minimal_block(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), 0);
	assert_string_equal(info.cmdline, "");
	assert_int_equal(info.nr_mmap, 0);
	assert_int_equal(info.nr_mods, 0);
}

static void test_wide_mmap_entries(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	tag_mmap(&b, two, 2, 32);   /* newer loaders may use bigger entries */
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), 0);
	assert_int_equal(info.nr_mmap, 2);
	assert_int_equal(info.mmap[1].end, 0x40000000);
}

static void test_null_and_tiny(void **state)
{
	struct mb2_info info;
	uint8_t z[16] = { 0 };

	assert_int_equal(mb2_parse(NULL, 100, &info), -EINVAL);
	assert_int_equal(mb2_parse(z, 15, &info), -EINVAL);
	assert_int_equal(mb2_parse(z, 16, &info), -EINVAL);   /* total_size 0 */
}

static void test_truncated(void **state)
{
	struct builder b;
	struct mb2_info info;
	size_t len;

	start(&b);
	tag_string(&b, MB2_TAG_CMDLINE, "x");
	len = finish(&b);
	/* Fewer readable bytes than total_size claims: every cut refused. */
	for (size_t cut = 0; cut < len; cut++)
		assert_int_equal(mb2_parse(b.buf, cut, &info), -EINVAL);
	assert_int_equal(mb2_parse(b.buf, len, &info), 0);
}

static void test_total_unaligned(void **state)
{
	struct builder b;
	struct mb2_info info;
	uint32_t total;
	size_t len;

	start(&b);
	len = finish(&b);
	total = (uint32_t)len + 4;
	memcpy(b.buf, &total, 4);
	assert_int_equal(mb2_parse(b.buf, sizeof(b.buf), &info), -EINVAL);
}

static void test_no_end_tag(void **state)
{
	struct builder b;
	struct mb2_info info;
	uint32_t total;

	start(&b);
	tag_string(&b, MB2_TAG_CMDLINE, "abc");
	total = (uint32_t)b.len;
	memcpy(b.buf, &total, 4);
	assert_int_equal(mb2_parse(b.buf, b.len, &info), -EINVAL);
}

static void test_bad_end_tag_size(void **state)
{
	struct builder b;
	struct mb2_info info;
	uint32_t total;

	start(&b);
	put32(&b, MB2_TAG_END);
	put32(&b, 16);
	put64(&b, 0);
	total = (uint32_t)b.len;
	memcpy(b.buf, &total, 4);
	assert_int_equal(mb2_parse(b.buf, b.len, &info), -EINVAL);
}

static void test_tag_size_too_small(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	put32(&b, MB2_TAG_CMDLINE);
	put32(&b, 4);   /* smaller than its own header: would loop forever */
	align8(&b);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

static void test_tag_overruns_total(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	put32(&b, MB2_TAG_CMDLINE);
	put32(&b, 4000);
	put32(&b, 0x41414141);
	put32(&b, 0);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

static void test_string_without_nul(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	put32(&b, MB2_TAG_CMDLINE);
	put32(&b, 16);
	memcpy(b.buf + b.len, "ABCDEFGH", 8);   /* fills the tag, no NUL */
	b.len += 8;
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

static void test_module_bad(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	tag_module(&b, 0x2000, 0x1000, "backwards");
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);

	start(&b);
	put32(&b, MB2_TAG_MODULE);
	put32(&b, 16);   /* start and end, but no string at all */
	put32(&b, 0x1000);
	put32(&b, 0x2000);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

static void test_too_many_modules(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	for (int i = 0; i <= MB2_MAX_MODULES; i++)
		tag_module(&b, 0x1000, 0x2000, "m");
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -E2BIG);
}

static void test_mmap_bad_entry_size(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	tag_mmap(&b, two, 1, 24);
	memcpy(b.buf + 16, &(uint32_t){ 16 }, 4);   /* entry_size below 24 */
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);

	start(&b);
	tag_mmap(&b, two, 1, 24);
	memcpy(b.buf + 16, &(uint32_t){ 28 }, 4);   /* not a multiple of 8 */
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

static void test_mmap_wrapping_region(void **state)
{
	struct builder b;
	struct mb2_info info;
	struct mem_region r = { 0xfffffffffffff000ULL, 0, MEM_RAM };

	start(&b);
	put32(&b, MB2_TAG_MMAP);
	put32(&b, 16 + 24);
	put32(&b, 24);
	put32(&b, 0);
	put64(&b, r.start);
	put64(&b, 0x2000);   /* start + len wraps past 2^64 */
	put32(&b, MEM_RAM);
	put32(&b, 0);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

static void test_acpi_too_short(void **state)
{
	struct builder b;
	struct mb2_info info;

	start(&b);
	put32(&b, MB2_TAG_ACPI_OLD);
	put32(&b, 8 + 8);
	put64(&b, 0);
	assert_int_equal(mb2_parse(b.buf, finish(&b), &info), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_block),
		cmocka_unit_test(test_minimal_block),
		cmocka_unit_test(test_wide_mmap_entries),
		cmocka_unit_test(test_null_and_tiny),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_total_unaligned),
		cmocka_unit_test(test_no_end_tag),
		cmocka_unit_test(test_bad_end_tag_size),
		cmocka_unit_test(test_tag_size_too_small),
		cmocka_unit_test(test_tag_overruns_total),
		cmocka_unit_test(test_string_without_nul),
		cmocka_unit_test(test_module_bad),
		cmocka_unit_test(test_too_many_modules),
		cmocka_unit_test(test_mmap_bad_entry_size),
		cmocka_unit_test(test_mmap_wrapping_region),
		cmocka_unit_test(test_acpi_too_short),
	};

	return RUN(tests);
}
