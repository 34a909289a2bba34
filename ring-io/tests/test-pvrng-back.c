/* SPDX-License-Identifier: MIT */
/*
 * The entropy example's back end (pvdrv/examples/pvrng) through pvback's
 * request path and a stand-in grant map: READ fills exactly len bytes of
 * the page with bytes that differ from read to read, a bad request is
 * refused before anything is mapped, a grant that does not map is
 * answered -EFAULT.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pvback.h"
#include "pvrng-ring.h"

#define BAD_GREF	7u

struct fake_gnt {
	uint8_t page[PVBACK_PAGE_SIZE];
	unsigned int maps, unmaps;
	bool writable;
};

static void *fake_map(void *ctx, uint32_t gref, bool writable)
{
	struct fake_gnt *g = ctx;

	if (gref == BAD_GREF)
		return NULL;
	g->maps++;
	g->writable = writable;
	return g->page;
}

static void fake_unmap(void *ctx, void *page)
{
	struct fake_gnt *g = ctx;

	(void)page;
	g->unmaps++;
}

static const struct pvback_map_ops fake_ops = { fake_map, fake_unmap };

static int read_req(struct fake_gnt *g, uint32_t op, uint32_t len,
		    uint32_t gref, uint32_t flags, struct pvrng_response *rsp)
{
	struct pvrng_request req = { 9, op, len, gref, flags };

	return pvback_handle(pvback_driver, &fake_ops, g, &req, rsp);
}

static void test_read_fills_len(void **state)
{
	static const uint32_t lens[] = { 0, 1, 64, 257, 4095, 4096 };
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct pvrng_response rsp;
	uint8_t before[PVBACK_PAGE_SIZE];
	size_t i;
	uint32_t b, changed;

	(void)state;
	assert_non_null(g);
	assert_int_equal(pvback_class_check(pvback_driver), 0);
	assert_string_equal(pvback_driver->kind, "pvrng");
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		memset(g->page, 0x5a, sizeof(g->page));
		memcpy(before, g->page, sizeof(before));
		assert_int_equal(read_req(g, PVRNG_OP_READ, lens[i], 1, 0, &rsp),
				 0);
		assert_int_equal(rsp.status, 0);
		assert_int_equal(rsp.id, 9);
		assert_int_equal(rsp.len, lens[i]);
		assert_true(g->writable);
		/* Nothing past len is written. */
		assert_memory_equal(g->page + lens[i], before + lens[i],
				    PVBACK_PAGE_SIZE - lens[i]);
		/* Random bytes: 1 in 256 may keep the old value by chance. */
		for (b = 0, changed = 0; b < lens[i]; b++)
			changed += g->page[b] != 0x5a;
		if (lens[i] >= 64 && changed < lens[i] * 9 / 10)
			fail_msg("len %u: only %u bytes changed", lens[i],
				 changed);
	}
	assert_int_equal(g->maps, g->unmaps);
	free(g);
}

static void test_reads_differ(void **state)
{
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct pvrng_response rsp;
	uint8_t first[PVBACK_PAGE_SIZE];

	(void)state;
	assert_non_null(g);
	assert_int_equal(read_req(g, PVRNG_OP_READ, 4096, 1, 0, &rsp), 0);
	memcpy(first, g->page, sizeof(first));
	assert_int_equal(read_req(g, PVRNG_OP_READ, 4096, 1, 0, &rsp), 0);
	assert_memory_not_equal(first, g->page, sizeof(first));
	free(g);
}

static void test_refused(void **state)
{
	static const struct { uint32_t op, len, gref, flags; int want; }
	cases[] = {
		{ 0, 16, 1, 0, -EOPNOTSUPP },
		{ 2, 16, 1, 0, -EOPNOTSUPP },
		{ PVRNG_OP_READ, PVRNG_DATA_MAX + 1, 1, 0, -EINVAL },
		{ PVRNG_OP_READ, UINT32_MAX, 1, 0, -EINVAL },
		{ PVRNG_OP_READ, 16, 1, 1, -EINVAL },
		{ PVRNG_OP_READ, 16, BAD_GREF, 0, -EFAULT },
	};
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct pvrng_response rsp;
	size_t i;

	(void)state;
	assert_non_null(g);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(read_req(g, cases[i].op, cases[i].len,
					  cases[i].gref, cases[i].flags, &rsp),
				 cases[i].want);
		assert_int_equal(rsp.status, cases[i].want);
		assert_int_equal(rsp.len, 0);
	}
	assert_int_equal(g->maps, 0);
	for (i = 0; i < PVBACK_PAGE_SIZE; i++)
		assert_int_equal(g->page[i], 0);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_fills_len),
		cmocka_unit_test(test_reads_differ),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
