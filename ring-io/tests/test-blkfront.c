/* SPDX-License-Identifier: MIT */
/*
 * The block front end against a hand-made back end in one process: good
 * answers complete I/O with the data the back end wrote; answers naming a
 * request never made, the wrong operation, or a page the back end still
 * holds are protocol errors: the front end disconnects (Closing, -EIO) and
 * keeps the I/O queued for the next connection, never completing it wrongly.
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

#include "kit-pair.h"
#include "xenbus.h"

#define NR_IOS 3u

struct env {
	struct kit_pair pair;
	struct blkfront fe;
	struct kit_gnttab_view gnt;	/* the raw back end's */
	struct ring_back ring;
	struct blkfront_io io[NR_IOS];
	uint8_t buf[NR_IOS][BLKIF_SECTOR_SIZE * 8];
	union blkif_sring_entry req[NR_IOS];	/* as the back end took them */
};

static void step_front(struct env *e, unsigned int n)
{
	while (n--)
		assert_true(blkfront_step(&e->fe) >= 0);
}

/* Play the back end's half of the handshake by hand. */
static void connect_raw_back(struct env *e)
{
	struct kit_xs *xs = &e->pair.xs;
	const char *bd = e->pair.be_dir;
	uint64_t gref;
	void *page;

	kit_xs_write_uint(xs, bd, "sectors", 64);
	kit_xb_write_state(xs, bd, XenbusStateInitWait);
	step_front(e, 3);
	assert_int_equal(e->fe.state, XenbusStateInitialised);
	assert_int_equal(kit_xs_read_uint(xs, e->pair.fe_dir, "ring-ref",
					  UINT32_MAX, &gref), 0);
	assert_int_equal(kit_gnttab_map(&e->gnt, (grant_ref_t)gref, true,
					&page), 0);
	assert_int_equal(blkif_back_attach(&e->ring, page, RING_PAGE_SIZE), 0);
	kit_xb_write_state(xs, bd, XenbusStateConnected);
	step_front(e, 1);
	assert_int_equal(e->fe.state, XenbusStateConnected);
}

/* Queue NR_IOS one-page reads and take them off the ring as a back end. */
static void issue_reads(struct env *e)
{
	uint32_t i;

	for (i = 0; i < NR_IOS; i++) {
		e->io[i] = (struct blkfront_io){ .op = BLKIF_OP_READ,
			.sector = i * 8, .nr_sectors = 8, .buf = e->buf[i] };
		assert_int_equal(blkfront_submit(&e->fe, &e->io[i]), 0);
	}
	step_front(e, 1);
	for (i = 0; i < NR_IOS; i++)
		assert_int_equal(blkif_back_take(&e->ring, &e->req[i]), 1);
}

static int env_setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct blkfront_conf fc;

	assert_non_null(e);
	assert_int_equal(kit_pair_create(&e->pair), 0);
	kit_gnttab_view_init(&e->gnt, &e->pair.fe_mem, KIT_BE_DOMID);
	kit_pair_front_conf(&e->pair, &fc);
	assert_int_equal(blkfront_init(&e->fe, &fc), 0);
	connect_raw_back(e);
	issue_reads(e);
	*state = e;
	return 0;
}

static int env_teardown(void **state)
{
	struct env *e = *state;

	kit_gnttab_view_fini(&e->gnt);
	blkfront_fini(&e->fe);
	kit_pair_destroy(&e->pair);
	free(e);
	return 0;
}

/* Answer request i: fill its page with fill, then respond. */
static void answer(struct env *e, uint32_t i, uint8_t fill, int16_t status)
{
	struct blkif_response rsp = { .id = e->req[i].req.id,
		.operation = e->req[i].req.operation, .status = status };
	grant_ref_t gref = e->req[i].req.seg[0].gref;
	void *page;

	assert_int_equal(kit_gnttab_map(&e->gnt, gref, true, &page), 0);
	memset(page, fill, KIT_FRAME_SIZE);
	assert_int_equal(kit_gnttab_unmap(&e->gnt, gref), 0);
	assert_int_equal(blkif_back_put(&e->ring, &rsp), 0);
}

static void push(struct env *e)
{
	ring_back_push(&e->ring);
	step_front(e, 1);
}

static void test_good_answers(void **state)
{
	struct env *e = *state;
	uint32_t i;

	answer(e, 1, 0x11, BLKIF_RSP_OKAY);	/* out of order is fine */
	answer(e, 0, 0x22, BLKIF_RSP_ERROR);
	answer(e, 2, 0x33, BLKIF_RSP_EOPNOTSUPP);
	push(e);
	for (i = 0; i < NR_IOS; i++)
		assert_true(e->io[i].done);
	assert_int_equal(e->io[1].status, 0);
	assert_int_equal(e->buf[1][0], 0x11);
	assert_int_equal(e->buf[1][sizeof(e->buf[1]) - 1], 0x11);
	assert_int_equal(e->io[0].status, -EIO);
	assert_int_equal(e->buf[0][0], 0);	/* failed: not copied */
	assert_int_equal(e->io[2].status, -EOPNOTSUPP);
	assert_int_equal(e->fe.state, XenbusStateConnected);
	assert_int_equal(blkfront_pending(&e->fe), 0);
}

/* After a bad answer: Closing, -EIO, nothing completed, all still queued. */
static void expect_protocol_error(struct env *e)
{
	uint32_t i;

	assert_int_equal(e->fe.state, XenbusStateClosing);
	assert_int_equal(e->fe.last_error, -EIO);
	assert_false(e->fe.connected);
	for (i = 0; i < NR_IOS; i++)
		assert_false(e->io[i].done);
	assert_int_equal(blkfront_pending(&e->fe), NR_IOS);
}

static void put_raw(struct env *e, uint64_t id, uint8_t op)
{
	struct blkif_response rsp = { .id = id, .operation = op };

	assert_int_equal(blkif_back_put(&e->ring, &rsp), 0);
	push(e);
}

static void test_unknown_id(void **state)
{
	struct env *e = *state;

	put_raw(e, BLKFRONT_NR_SHADOW, BLKIF_OP_READ);
	expect_protocol_error(e);
}

static void test_id_all_ones(void **state)
{
	struct env *e = *state;

	put_raw(e, UINT64_MAX, BLKIF_OP_READ);
	expect_protocol_error(e);
}

static void test_id_of_idle_slot(void **state)
{
	struct env *e = *state;

	put_raw(e, BLKFRONT_NR_SHADOW - 1, BLKIF_OP_READ);
	expect_protocol_error(e);
}

static void test_wrong_operation(void **state)
{
	struct env *e = *state;

	put_raw(e, e->req[0].req.id, BLKIF_OP_WRITE);
	expect_protocol_error(e);
}

/* An answer for a page the back end still has mapped. */
static void test_answer_while_mapped(void **state)
{
	struct env *e = *state;
	void *page;

	assert_int_equal(kit_gnttab_map(&e->gnt, e->req[0].req.seg[0].gref,
					true, &page), 0);
	put_raw(e, e->req[0].req.id, BLKIF_OP_READ);
	expect_protocol_error(e);
	assert_true(e->fe.nr_leaked_grants > 0);
}

/* The same answer twice: the second names a request no longer made. */
static void test_duplicate_answer(void **state)
{
	struct env *e = *state;
	struct blkif_response rsp = { .id = e->req[0].req.id,
		.operation = BLKIF_OP_READ };

	answer(e, 0, 0x44, BLKIF_RSP_OKAY);
	assert_int_equal(blkif_back_put(&e->ring, &rsp), 0);
	push(e);
	assert_true(e->io[0].done);
	assert_int_equal(e->fe.state, XenbusStateClosing);
	assert_int_equal(e->fe.last_error, -EIO);
	assert_int_equal(blkfront_pending(&e->fe), NR_IOS - 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup, env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_good_answers),
		T(test_unknown_id),
		T(test_id_all_ones),
		T(test_id_of_idle_slot),
		T(test_wrong_operation),
		T(test_answer_while_mapped),
		T(test_duplicate_answer),
	};

	return cmocka_run_group_tests_name("blkfront", tests, NULL, NULL);
}
