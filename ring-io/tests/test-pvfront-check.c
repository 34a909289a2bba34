/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvfront's response check (pvdrv/front/pvfront-check.h), the header the
 * Linux front end compiles: a table of responses against the request in
 * the slot they name. A broken check lets a hostile back end complete the
 * wrong request, write past a buffer, or hand user space a positive
 * "error"; each row pins one such case.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../pvdrv/front/pvfront-check.h"

#define REQ_ID	0x1234000000000007ull	/* seq 0x123400000000, slot 7 */
#define REQ_LEN	1496u

struct rsp_case {
	const char *what;
	bool busy;		/* the named slot holds a request */
	uint64_t id;
	int32_t status;
	uint32_t len;
	enum pvfront_rsp_fault want;
};

static const struct rsp_case rsp_cases[] = {
	{ "answer, full length", true, REQ_ID, 0, REQ_LEN, PVFRONT_RSP_OK },
	{ "answer, no bytes", true, REQ_ID, 0, 0, PVFRONT_RSP_OK },
	{ "answer, short", true, REQ_ID, 0, REQ_LEN - 1, PVFRONT_RSP_OK },
	{ "errno -1", true, REQ_ID, -1, 0, PVFRONT_RSP_OK },
	{ "errno at the limit", true, REQ_ID, -PVFRONT_ERRNO_MAX, 0,
	  PVFRONT_RSP_OK },
	{ "errno with a len in range", true, REQ_ID, -5, REQ_LEN,
	  PVFRONT_RSP_OK },
	{ "slot is free", false, REQ_ID, 0, 1, PVFRONT_RSP_BAD_ID },
	{ "stale sequence number", true, REQ_ID - (1ull << 16), 0, 1,
	  PVFRONT_RSP_BAD_ID },
	{ "all-ones id", true, UINT64_MAX, 0, 1, PVFRONT_RSP_BAD_ID },
	{ "zero id", true, 0, 0, 1, PVFRONT_RSP_BAD_ID },
	{ "len one past", true, REQ_ID, 0, REQ_LEN + 1, PVFRONT_RSP_BAD_LEN },
	{ "len all ones", true, REQ_ID, 0, UINT32_MAX, PVFRONT_RSP_BAD_LEN },
	{ "len past, with an errno", true, REQ_ID, -5, REQ_LEN + 1,
	  PVFRONT_RSP_BAD_LEN },
	{ "status 1", true, REQ_ID, 1, 0, PVFRONT_RSP_BAD_STATUS },
	{ "status one below the limit", true, REQ_ID, -PVFRONT_ERRNO_MAX - 1, 0,
	  PVFRONT_RSP_BAD_STATUS },
	{ "status INT_MIN", true, REQ_ID, INT32_MIN, 0,
	  PVFRONT_RSP_BAD_STATUS },
	{ "status INT_MAX", true, REQ_ID, INT32_MAX, 0,
	  PVFRONT_RSP_BAD_STATUS },
};

static void test_rsp_table(void **state)
{
	unsigned int i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(rsp_cases) / sizeof(rsp_cases[0]); i++) {
		const struct rsp_case *c = &rsp_cases[i];
		struct pvfront_rsp_head rsp = {
			.id = c->id, .status = c->status, .len = c->len,
		};
		enum pvfront_rsp_fault got;

		got = pvfront_check_rsp(&rsp, c->busy, REQ_ID, REQ_LEN);
		if (got != c->want) {
			print_error("%s: got %d, want %d\n", c->what, got, c->want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* An id names its slot whatever the sequence number, and only that slot. */
static void test_id_slot(void **state)
{
	static const uint32_t slots[] = { 0, 1, 127, 128, PVFRONT_MAX_SLOTS - 1 };
	static const uint64_t seqs[] = { 0, 1, 0xffffffffull,
					 UINT64_MAX >> PVFRONT_SLOT_BITS };
	unsigned int i, j;

	(void)state;
	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		for (j = 0; j < sizeof(seqs) / sizeof(seqs[0]); j++) {
			uint64_t id = pvfront_make_id(seqs[j], slots[i]);

			assert_int_equal(pvfront_id_slot(id), slots[i]);
			assert_true(id >> PVFRONT_SLOT_BITS == seqs[j]);
		}
	}
	/* A slot number too big cannot spill into the sequence number. */
	assert_int_equal(pvfront_make_id(5, PVFRONT_MAX_SLOTS + 3),
			 pvfront_make_id(5, 3));
	/* Consecutive requests in one slot get different ids. */
	assert_true(pvfront_make_id(1, 9) != pvfront_make_id(2, 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsp_table),
		cmocka_unit_test(test_id_slot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
