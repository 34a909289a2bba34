/* SPDX-License-Identifier: GPL-2.0 */
/* Frame allocator: allocation, alignment, exhaustion (-ENOMEM, no crash),
 * double free and bad ranges refused with the counts unchanged. */
#include "helpers.h"
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>

#define NR 1000

static uint64_t bitmap[(NR + 63) / 64];
static struct frame_pool pool;

static int setup(void **state)
{
	frame_pool_init(&pool, bitmap, NR);
	return 0;
}

static void test_starts_empty(void **state)
{
	uint64_t pfn;

	assert_int_equal(pool.nr_free, 0);
	assert_int_equal(frame_alloc(&pool, 0, &pfn), -ENOMEM);
}

static void test_add_alloc_free(void **state)
{
	uint64_t a, b;

	assert_int_equal(frame_pool_add(&pool, 100, 10), 0);
	assert_int_equal(pool.nr_free, 10);
	assert_int_equal(frame_alloc(&pool, 0, &a), 0);
	assert_int_equal(frame_alloc(&pool, 0, &b), 0);
	assert_true(a >= 100 && a < 110 && b >= 100 && b < 110 && a != b);
	assert_false(frame_is_free(&pool, a));
	assert_int_equal(pool.nr_free, 8);
	assert_int_equal(frame_free(&pool, a, 0), 0);
	assert_true(frame_is_free(&pool, a));
	assert_int_equal(pool.nr_free, 9);
}

static void test_exhaustion(void **state)
{
	uint64_t pfn, seen = 0;

	assert_int_equal(frame_pool_add(&pool, 0, NR), 0);
	for (int i = 0; i < NR; i++) {
		assert_int_equal(frame_alloc(&pool, 0, &pfn), 0);
		seen++;
	}
	assert_int_equal(seen, NR);
	assert_int_equal(pool.nr_free, 0);
	assert_int_equal(frame_alloc(&pool, 0, &pfn), -ENOMEM);
	assert_int_equal(frame_alloc(&pool, 3, &pfn), -ENOMEM);
	assert_int_equal(pool.nr_free, 0);
}

static void test_orders_are_aligned(void **state)
{
	uint64_t pfn;

	assert_int_equal(frame_pool_add(&pool, 3, 500), 0);
	for (unsigned int order = 0; order <= 6; order++) {
		assert_int_equal(frame_alloc(&pool, order, &pfn), 0);
		assert_int_equal(pfn % (1ULL << order), 0);
		for (uint64_t i = 0; i < (1ULL << order); i++)
			assert_false(frame_is_free(&pool, pfn + i));
	}
	/* 500 frames from 3: no aligned run of 512 can exist. */
	assert_int_equal(frame_alloc(&pool, 9, &pfn), -ENOMEM);
	assert_int_equal(frame_alloc(&pool, FRAME_MAX_ORDER + 1, &pfn), -EINVAL);
}

static void test_fragmented_order(void **state)
{
	uint64_t pfn;

	assert_int_equal(frame_pool_add(&pool, 0, 64), 0);
	/* Punch a hole every 8 frames: no order-3 run survives. */
	for (uint64_t f = 4; f < 64; f += 8)
		assert_int_equal(frame_pool_reserve(&pool, f, 1), 0);
	assert_int_equal(pool.nr_free, 56);
	assert_int_equal(frame_alloc(&pool, 3, &pfn), -ENOMEM);
	assert_int_equal(frame_alloc(&pool, 2, &pfn), 0);
	assert_int_equal(pfn % 4, 0);
}

static void test_double_free_refused(void **state)
{
	uint64_t pfn;

	assert_int_equal(frame_pool_add(&pool, 0, 16), 0);
	assert_int_equal(frame_alloc(&pool, 1, &pfn), 0);
	assert_int_equal(frame_free(&pool, pfn, 1), 0);
	assert_int_equal(pool.nr_free, 16);
	assert_int_equal(frame_free(&pool, pfn, 1), -EINVAL);
	assert_int_equal(frame_free(&pool, pfn, 0), -EINVAL);
	assert_int_equal(pool.nr_free, 16);
}

static void test_partial_double_free_refused(void **state)
{
	uint64_t a, b;

	assert_int_equal(frame_pool_add(&pool, 0, 4), 0);
	assert_int_equal(frame_alloc(&pool, 0, &a), 0);
	assert_int_equal(frame_alloc(&pool, 0, &b), 0);
	assert_int_equal(frame_free(&pool, a, 0), 0);
	/* An order-1 free covering one free frame must not touch either. */
	assert_int_equal(frame_free(&pool, a & ~1ULL, 1), -EINVAL);
	assert_false(frame_is_free(&pool, b));
	assert_int_equal(pool.nr_free, 3);
}

static void test_bad_ranges(void **state)
{
	assert_int_equal(frame_pool_add(&pool, NR, 1), -EINVAL);
	assert_int_equal(frame_pool_add(&pool, NR - 1, 2), -EINVAL);
	assert_int_equal(frame_pool_add(&pool, 5, 0), -EINVAL);
	assert_int_equal(frame_pool_add(&pool, ~0ULL, 2), -EINVAL);
	assert_int_equal(frame_pool_add(&pool, 10, 5), 0);
	assert_int_equal(frame_pool_add(&pool, 12, 5), -EINVAL);   /* overlaps: already free */
	assert_int_equal(pool.nr_free, 5);
	assert_int_equal(frame_free(&pool, NR, 0), -EINVAL);
	assert_int_equal(frame_free(&pool, 3, 1), -EINVAL);        /* misaligned */
	assert_int_equal(frame_free(&pool, 0, FRAME_MAX_ORDER + 1), -EINVAL);
	assert_int_equal(frame_pool_reserve(&pool, NR, 1), -EINVAL);
	assert_int_equal(pool.nr_free, 5);
}

static void test_alloc_below(void **state)
{
	uint64_t pfn;

	assert_int_equal(frame_pool_add(&pool, 500, 100), 0);
	assert_int_equal(frame_alloc_below(&pool, 0, 500, &pfn), -ENOMEM);
	assert_int_equal(frame_alloc_below(&pool, 0, 501, &pfn), 0);
	assert_int_equal(pfn, 500);
}

static void test_reuse_after_free(void **state)
{
	uint64_t pfn[8], again;

	assert_int_equal(frame_pool_add(&pool, 0, 8), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(frame_alloc(&pool, 0, &pfn[i]), 0);
	assert_int_equal(frame_free(&pool, pfn[5], 0), 0);
	assert_int_equal(frame_alloc(&pool, 0, &again), 0);
	assert_int_equal(again, pfn[5]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_starts_empty, setup),
		cmocka_unit_test_setup(test_add_alloc_free, setup),
		cmocka_unit_test_setup(test_exhaustion, setup),
		cmocka_unit_test_setup(test_orders_are_aligned, setup),
		cmocka_unit_test_setup(test_fragmented_order, setup),
		cmocka_unit_test_setup(test_double_free_refused, setup),
		cmocka_unit_test_setup(test_partial_double_free_refused, setup),
		cmocka_unit_test_setup(test_bad_ranges, setup),
		cmocka_unit_test_setup(test_alloc_below, setup),
		cmocka_unit_test_setup(test_reuse_after_free, setup),
	};

	return RUN(tests);
}
