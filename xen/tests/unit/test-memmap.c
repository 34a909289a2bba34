/* SPDX-License-Identifier: GPL-2.0 */
/* Memory-map sanitising: overlaps (non-RAM wins), unaligned edges, order,
 * merging, and cutting holes. */
#include "helpers.h"
#include <xeno/errno.h>
#include <xeno/memmap.h>

static int usable(const struct mem_region *in, size_t n, struct mem_region *out)
{
	return memmap_usable_ram(in, n, out, MEMMAP_MAX);
}

static void test_qemu_like_map(void **state)
{
	const struct mem_region in[] = {
		{ 0, 0x9fc00, MEM_RAM }, { 0x9fc00, 0xa0000, MEM_RESERVED },
		{ 0xf0000, 0x100000, MEM_RESERVED }, { 0x100000, 0x3ffe0000, MEM_RAM },
		{ 0x3ffe0000, 0x40000000, MEM_RESERVED },
	};
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 5, out), 2);
	assert_int_equal(out[0].start, 0);
	assert_int_equal(out[0].end, 0x9f000);   /* 0x9fc00 rounded down */
	assert_int_equal(out[1].start, 0x100000);
	assert_int_equal(out[1].end, 0x3ffe0000);
}

static void test_reserved_inside_ram_wins(void **state)
{
	const struct mem_region in[] = {
		{ 0x100000, 0x1000000, MEM_RAM }, { 0x400800, 0x400900, MEM_ACPI },
	};
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 2, out), 2);
	assert_int_equal(out[0].end, 0x400000);   /* page holding 0x400800 dropped */
	assert_int_equal(out[1].start, 0x401000);
	assert_int_equal(out[1].end, 0x1000000);
}

static void test_overlapping_ram_merges(void **state)
{
	const struct mem_region in[] = {
		{ 0x200000, 0x600000, MEM_RAM }, { 0x100000, 0x300000, MEM_RAM },
		{ 0x600000, 0x700000, MEM_RAM },
	};
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 3, out), 1);
	assert_int_equal(out[0].start, 0x100000);
	assert_int_equal(out[0].end, 0x700000);
}

static void test_unsorted_input(void **state)
{
	const struct mem_region in[] = {
		{ 0x900000, 0xa00000, MEM_RAM }, { 0x100000, 0x200000, MEM_RAM },
		{ 0x500000, 0x600000, MEM_RAM },
	};
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 3, out), 3);
	assert_int_equal(out[0].start, 0x100000);
	assert_int_equal(out[1].start, 0x500000);
	assert_int_equal(out[2].start, 0x900000);
}

static void test_unaligned_and_subpage(void **state)
{
	const struct mem_region in[] = {
		{ 0x1001, 0x2fff, MEM_RAM },     /* no whole page inside */
		{ 0x10010, 0x13010, MEM_RAM },   /* whole pages 0x11000-0x13000 */
	};
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 2, out), 1);
	assert_int_equal(out[0].start, 0x11000);
	assert_int_equal(out[0].end, 0x13000);
}

static void test_empty_and_inverted_ignored(void **state)
{
	const struct mem_region in[] = {
		{ 0x5000, 0x5000, MEM_RAM }, { 0x9000, 0x3000, MEM_RAM },
		{ 0x1000, 0x2000, MEM_RAM },
	};
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 3, out), 1);
	assert_int_equal(out[0].start, 0x1000);
}

static void test_no_ram(void **state)
{
	const struct mem_region in[] = { { 0, 0x100000, MEM_RESERVED } };
	struct mem_region out[MEMMAP_MAX];

	assert_int_equal(usable(in, 1, out), 0);
	assert_int_equal(usable(in, 0, out), 0);
}

static void test_output_full(void **state)
{
	const struct mem_region in[] = {
		{ 0x1000, 0x2000, MEM_RAM }, { 0x3000, 0x4000, MEM_RAM },
		{ 0x5000, 0x6000, MEM_RAM },
	};
	struct mem_region out[2];

	assert_int_equal(memmap_usable_ram(in, 3, out, 2), -E2BIG);
	assert_int_equal(memmap_usable_ram(in, MEMMAP_MAX + 1, out, 2), -E2BIG);
}

static void test_remove_cases(void **state)
{
	struct mem_region r[4] = { { 0x1000, 0x10000, MEM_RAM }, { 0x20000, 0x30000, MEM_RAM } };
	int n;

	n = memmap_remove(r, 2, 4, 0x4000, 0x5000);    /* split the first */
	assert_int_equal(n, 3);
	assert_int_equal(r[0].end, 0x4000);
	assert_int_equal(r[1].start, 0x5000);
	assert_int_equal(r[2].start, 0x20000);
	n = memmap_remove(r, 3, 4, 0, 0x2000);          /* trim a front */
	assert_int_equal(r[0].start, 0x2000);
	n = memmap_remove(r, 3, 4, 0x28000, ~0ULL);    /* cut everything above */
	assert_int_equal(n, 3);
	assert_int_equal(r[2].end, 0x28000);
	n = memmap_remove(r, 3, 4, 0x5000, 0x10000);   /* drop a whole range */
	assert_int_equal(n, 2);
	assert_int_equal(r[1].start, 0x20000);
	assert_int_equal(memmap_total(r, 2), 0x2000 + 0x8000);
}

static void test_remove_split_when_full(void **state)
{
	struct mem_region r[1] = { { 0x1000, 0x10000, MEM_RAM } };

	assert_int_equal(memmap_remove(r, 1, 1, 0x4000, 0x5000), -E2BIG);
	assert_int_equal(r[0].end, 0x10000);   /* unchanged on refusal */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_like_map),
		cmocka_unit_test(test_reserved_inside_ram_wins),
		cmocka_unit_test(test_overlapping_ram_merges),
		cmocka_unit_test(test_unsorted_input),
		cmocka_unit_test(test_unaligned_and_subpage),
		cmocka_unit_test(test_empty_and_inverted_ignored),
		cmocka_unit_test(test_no_ram),
		cmocka_unit_test(test_output_full),
		cmocka_unit_test(test_remove_cases),
		cmocka_unit_test(test_remove_split_when_full),
	};

	return RUN(tests);
}
