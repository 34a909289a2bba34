/* SPDX-License-Identifier: MIT */
/*
 * xeno-blkback's logic that needs no Xen: the xenbus decision table
 * (what Linux's blkfront needs, restart included), params parsing, the
 * engine through a transport that is neither the kit nor gntdev (the
 * split's contract: one map per request, every map undone, a failed map
 * touches nothing), and the journal that lets a restarted daemon serve
 * requests whose ring slots its predecessor had overwritten.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xbk.h"

/* --- the decision table --------------------------------------------- */

struct next_case {
	enum xenbus_state self, peer;
	bool online, connected;
	enum xbk_action want;
};

#define S(x) XenbusState##x
static const struct next_case next_cases[] = {
	/* start: libxl wrote Initialising on both sides */
	{ S(Initialising), S(Initialising), true, false, XBK_ADVERTISE },
	{ S(Unknown), S(Initialising), true, false, XBK_ADVERTISE },
	{ S(Initialising), S(Unknown), true, false, XBK_ADVERTISE },
	{ S(InitWait), S(Initialising), true, false, XBK_NONE },
	{ S(InitWait), S(Initialised), true, false, XBK_CONNECT },
	{ S(Connected), S(Initialised), true, true, XBK_NONE },
	{ S(Connected), S(Connected), true, true, XBK_NONE },
	/* a new daemon finds a live ring: take it over, never Closing */
	{ S(Connected), S(Connected), true, false, XBK_REATTACH },
	{ S(Connected), S(Initialised), true, false, XBK_REATTACH },
	/* the front end closes */
	{ S(Connected), S(Closing), true, true, XBK_CLOSING },
	{ S(Closing), S(Closing), true, false, XBK_NONE },
	{ S(Closing), S(Closed), true, false, XBK_CLOSED },
	{ S(Connected), S(Closed), true, true, XBK_CLOSED },
	{ S(Closed), S(Closed), true, false, XBK_NONE },
	{ S(Connected), S(Unknown), true, true, XBK_CLOSED },
	/* the toolstack detaches: online 0, our state Closing */
	{ S(Closing), S(Connected), false, true, XBK_CLOSING },
	{ S(Closing), S(Connected), false, false, XBK_NONE },
	{ S(Closing), S(Closed), false, false, XBK_CLOSED },
	{ S(Initialising), S(Initialising), false, false, XBK_CLOSED },
	/* a front end starting again after Closed */
	{ S(Closed), S(Initialising), true, false, XBK_ADVERTISE },
	/* states we never act on */
	{ S(Closing), S(Connected), true, false, XBK_NONE },
	{ S(InitWait), S(Reconfiguring), true, false, XBK_NONE },
};

static void test_next_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(next_cases) / sizeof(next_cases[0]); i++) {
		const struct next_case *c = &next_cases[i];
		enum xbk_action got = xbk_next(c->self, c->peer, c->online,
					       c->connected);

		if (got != c->want)
			fail_msg("case %zu: self %d peer %d online %d conn %d: "
				 "got %s, want %s", i, c->self, c->peer,
				 c->online, c->connected, xbk_action_name(got),
				 xbk_action_name(c->want));
	}
}

/* Offline (the toolstack is detaching us), nothing is ever connected. */
static void test_next_never_reattaches_offline(void **state)
{
	int self, peer;

	(void)state;
	for (self = 0; self <= 8; self++)
		for (peer = 0; peer <= 8; peer++) {
			assert_int_not_equal(xbk_next(self, peer, false, false),
					     XBK_REATTACH);
			assert_int_not_equal(xbk_next(self, peer, false, true),
					     XBK_CONNECT);
		}
}

static void test_params(void **state)
{
	(void)state;
	assert_string_equal(xbk_params_path("raw:/img/a.raw"), "/img/a.raw");
	assert_string_equal(xbk_params_path("/img/a.raw"), "/img/a.raw");
	assert_null(xbk_params_path("qcow2:/img/a.qcow2"));
	assert_null(xbk_params_path("raw:relative"));
	assert_null(xbk_params_path("raw:"));
	assert_null(xbk_params_path(""));
	assert_null(xbk_params_path("rawx:/a"));
	assert_string_equal(xbk_params_path("aio:/img/b"), "/img/b");
	assert_null(xbk_params_path("aio:"));
	assert_null(xbk_params_path("vhd:/a"));
}

/* --- the engine through a third transport ---------------------------- */

#define NR_PAGES 16u
#define DISK_SECTORS 256u

struct fake_gnt {
	uint8_t page[NR_PAGES][RING_PAGE_SIZE];
	bool granted[NR_PAGES];
	unsigned int nr_map_calls, nr_mapped;
};

static int fake_map(void *ctx, const grant_ref_t *grefs, uint32_t n,
		    bool write, void **pages)
{
	struct fake_gnt *g = ctx;
	uint32_t i;

	(void)write;
	g->nr_map_calls++;
	for (i = 0; i < n; i++)
		if (grefs[i] >= NR_PAGES || !g->granted[grefs[i]])
			return -EINVAL;
	for (i = 0; i < n; i++)
		pages[i] = g->page[grefs[i]];
	g->nr_mapped += n;
	return 0;
}

static void fake_unmap(void *ctx, const grant_ref_t *grefs, uint32_t n,
		       void **pages)
{
	struct fake_gnt *g = ctx;
	uint32_t i;

	for (i = 0; i < n; i++)
		assert_ptr_equal(pages[i], g->page[grefs[i]]);
	assert_true(g->nr_mapped >= n);
	g->nr_mapped -= n;
}

static const struct blk_grant_ops fake_ops = { fake_map, fake_unmap };

struct env {
	struct fake_gnt gnt;
	uint8_t disk_mem[DISK_SECTORS * BLKIF_SECTOR_SIZE];
	struct blk_disk disk;
	struct blk_engine eng;
	uint8_t ring_page[RING_PAGE_SIZE];
	struct ring_front front;
	struct ring_back back;
	struct xbk_journal jr;
	char jpath[64];
};

static int env_setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	uint32_t i;
	int fd;

	assert_non_null(e);
	for (i = 1; i < NR_PAGES; i++)
		e->gnt.granted[i] = true;	/* 0 stays ungranted */
	blk_disk_open_ram(&e->disk, e->disk_mem, DISK_SECTORS);
	e->eng.disk = &e->disk;
	e->eng.gops = &fake_ops;
	e->eng.gctx = &e->gnt;
	strcpy(e->jpath, "/tmp/test-xbk-journal-XXXXXX");
	fd = mkstemp(e->jpath);
	assert_true(fd >= 0);
	close(fd);
	*state = e;
	return 0;
}

static int env_teardown(void **state)
{
	struct env *e = *state;

	xbk_journal_close(&e->jr);
	unlink(e->jpath);
	free(e);
	return 0;
}

static void make_write(union blkif_sring_entry *r, uint64_t id,
		       uint64_t sector, grant_ref_t first, uint8_t nr)
{
	uint8_t i;

	memset(r, 0, sizeof(*r));
	r->req.operation = BLKIF_OP_WRITE;
	r->req.id = id;
	r->req.sector_number = sector;
	r->req.nr_segments = nr;
	for (i = 0; i < nr; i++) {
		r->req.seg[i].gref = first + i;
		r->req.seg[i].last_sect = 7;
	}
}

static void test_engine_one_map_per_request(void **state)
{
	struct env *e = *state;
	union blkif_sring_entry r;

	memset(e->gnt.page[1], 0xab, sizeof(e->gnt.page[1]) * 11);
	make_write(&r, 1, 8, 1, 11);
	assert_int_equal(blk_engine_do(&e->eng, &r), BLKIF_RSP_OKAY);
	assert_int_equal(e->gnt.nr_map_calls, 1);
	assert_int_equal(e->gnt.nr_mapped, 0);
	assert_int_equal(e->disk_mem[8 * 512], 0xab);
	assert_int_equal(e->disk_mem[(8 + 88) * 512 - 1], 0xab);
	assert_int_equal(e->disk_mem[(8 + 88) * 512], 0);
}

/* One bad reference among good ones: the whole map fails, the disk and
 * the mappings stay as they were. */
static void test_engine_failed_map_touches_nothing(void **state)
{
	struct env *e = *state;
	union blkif_sring_entry r;
	static uint8_t zero[DISK_SECTORS * BLKIF_SECTOR_SIZE];

	memset(e->gnt.page, 0xcd, sizeof(e->gnt.page));
	make_write(&r, 2, 0, 5, 4);
	e->gnt.granted[7] = false;
	assert_int_equal(blk_engine_do(&e->eng, &r), BLKIF_RSP_ERROR);
	assert_int_equal(e->eng.last_error, -EINVAL);	/* the map's code */
	assert_int_equal(e->gnt.nr_mapped, 0);
	assert_memory_equal(e->disk_mem, zero, sizeof(zero));
	e->eng.readonly = true;
	e->gnt.granted[7] = true;
	assert_int_equal(blk_engine_do(&e->eng, &r), BLKIF_RSP_ERROR);
	assert_int_equal(e->eng.last_error, -EROFS);
	assert_int_equal(e->gnt.nr_map_calls, 1);	/* refused before */
	assert_memory_equal(e->disk_mem, zero, sizeof(zero));
}

/* --- the journal and a restart ---------------------------------------- */

#define NR_ENTS 32u	/* blkif slots in one page */

static void front_put(struct env *e, uint64_t id)
{
	union blkif_sring_entry r;

	make_write(&r, id, id * 8, (grant_ref_t)(1 + id % 8), 1);
	assert_int_equal(blkif_front_put(&e->front, &r), 0);
}

static void serve_one(struct env *e, uint32_t *replay, uint64_t want_id)
{
	union blkif_sring_entry r;
	struct blkif_response rsp = { 0 };

	assert_int_equal(xbk_ring_take(&e->back, &e->jr, replay, &r), 1);
	assert_int_equal(r.req.id, want_id);
	assert_int_equal(r.req.operation, BLKIF_OP_WRITE);
	rsp.id = r.req.id;
	rsp.operation = r.req.operation;
	rsp.status = blk_engine_do(&e->eng, &r);
	assert_int_equal(rsp.status, BLKIF_RSP_OKAY);
	assert_int_equal(blkif_back_put(&e->back, &rsp), 0);
}

/*
 * Daemon A takes 3 of 4 requests, publishes 2 answers, writes the third
 * into its request's slot and dies. Daemon B finds 1 unanswered request
 * in the journal, serves it from there (the slot holds garbage now),
 * then request 4 from the ring: 4 answers, each id once, in order.
 */
static void test_restart_replays_from_journal(void **state)
{
	struct env *e = *state;
	struct blkif_response rsp;
	uint32_t replay = 0, n;
	uint64_t id;

	assert_int_equal(blkif_front_init(&e->front, e->ring_page,
					  RING_PAGE_SIZE), 0);
	assert_int_equal(blkif_back_attach(&e->back, e->ring_page,
					   RING_PAGE_SIZE), 0);
	assert_int_equal(xbk_journal_open(&e->jr, e->jpath, true), 0);
	xbk_journal_reset(&e->jr, NR_ENTS, 77, 5, 0);
	for (id = 0; id < 4; id++)
		front_put(e, id);
	ring_front_push(&e->front);
	serve_one(e, &replay, 0);
	serve_one(e, &replay, 1);
	ring_back_push(&e->back);
	serve_one(e, &replay, 2);	/* answered, never published */
	xbk_journal_close(&e->jr);	/* daemon A is gone */

	assert_int_equal(xbk_journal_open(&e->jr, e->jpath, false), 0);
	assert_int_equal(blkif_back_reattach(&e->back, e->ring_page,
					     RING_PAGE_SIZE), 2);
	/* Another ring, another port, or nonsense: not this journal's. */
	assert_int_equal(xbk_journal_unanswered(&e->jr, NR_ENTS, 78, 5, 2, 4), 0);
	assert_int_equal(xbk_journal_unanswered(&e->jr, NR_ENTS, 77, 6, 2, 4), 0);
	assert_int_equal(xbk_journal_unanswered(&e->jr, 64, 77, 5, 2, 4), 0);
	assert_int_equal(xbk_journal_unanswered(&e->jr, NR_ENTS, 77, 5, 2, 2), 0);
	assert_int_equal(xbk_journal_unanswered(&e->jr, NR_ENTS, 77, 5, 4, 4), 0);
	n = xbk_journal_unanswered(&e->jr, NR_ENTS, 77, 5, 2, 4);
	assert_int_equal(n, 1);
	replay = n;
	xbk_journal_reset(&e->jr, NR_ENTS, 77, 5, 2 + n);
	serve_one(e, &replay, 2);
	serve_one(e, &replay, 3);
	assert_int_equal(replay, 0);
	ring_back_push(&e->back);
	for (id = 0; id < 4; id++) {
		assert_int_equal(blkif_front_take(&e->front, &rsp), 1);
		assert_int_equal(rsp.id, id);
		assert_int_equal(rsp.status, BLKIF_RSP_OKAY);
	}
	assert_int_equal(blkif_front_take(&e->front, &rsp), 0);
	assert_int_equal(e->gnt.nr_mapped, 0);
}

/* A journal file that is garbage (or never written) gives nothing. */
static void test_journal_garbage(void **state)
{
	struct env *e = *state;

	assert_int_equal(xbk_journal_open(&e->jr, e->jpath, true), 0);
	assert_int_equal(xbk_journal_unanswered(&e->jr, NR_ENTS, 0, 0, 0, 4), 0);
	memset(e->jr.hdr, 0xff, sizeof(*e->jr.hdr));
	assert_int_equal(xbk_journal_unanswered(&e->jr, NR_ENTS, 0xffffffffu,
						0xffffffffu, 0, 4), 0);
	xbk_journal_close(&e->jr);
	assert_int_equal(xbk_journal_open(&e->jr, "/nonexistent/dir/j", true),
			 -ENOENT);
}

/* --- the persistent-grant table --------------------------------------- */

static unsigned int nr_dropped;

static void count_drop(void *ctx, void *page)
{
	(void)ctx;
	assert_non_null(page);
	nr_dropped++;
}

/*
 * Grant references are the front end's choice: any value, many that
 * hash alike. Found once added, never twice, refused past the bound
 * (the caller then maps for one request), and every kept page dropped
 * at the end.
 */
static void test_pgnt_table(void **state)
{
	static char pages[XBK_PGNT_MAX + 1];
	struct xbk_pgnt t = { 0 };
	grant_ref_t g;
	uint32_t i;

	(void)state;
	assert_null(xbk_pgnt_find(&t, 5));
	assert_int_equal(xbk_pgnt_add(&t, 5, pages), -ENOSPC); /* no table */
	assert_int_equal(xbk_pgnt_init(&t), 0);
	assert_null(xbk_pgnt_find(&t, 0));
	assert_int_equal(xbk_pgnt_add(&t, 0xffffffffu, &pages[0]), 0);
	assert_int_equal(xbk_pgnt_add(&t, 0xffffffffu, &pages[1]), -EEXIST);
	assert_int_equal(xbk_pgnt_add(&t, 7, NULL), -ENOSPC);
	assert_ptr_equal(xbk_pgnt_find(&t, 0xffffffffu), &pages[0]);
	/* Multiples of the table size: the same low bits, spread by the hash
	 * or probed past; all found. */
	for (i = 1; i < XBK_PGNT_MAX; i++) {
		g = i * XBK_PGNT_SLOTS;
		assert_int_equal(xbk_pgnt_add(&t, g, &pages[i]), 0);
	}
	assert_int_equal(t.nr, XBK_PGNT_MAX);
	assert_int_equal(xbk_pgnt_add(&t, 12345, &pages[XBK_PGNT_MAX]),
			 -ENOSPC);
	assert_null(xbk_pgnt_find(&t, 12345));
	for (i = 1; i < XBK_PGNT_MAX; i++)
		assert_ptr_equal(xbk_pgnt_find(&t, i * XBK_PGNT_SLOTS),
				 &pages[i]);
	assert_null(xbk_pgnt_find(&t, 3));
	nr_dropped = 0;
	xbk_pgnt_fini(&t, count_drop, NULL);
	assert_int_equal(nr_dropped, XBK_PGNT_MAX);
	assert_null(t.slot);
	assert_null(xbk_pgnt_find(&t, 0xffffffffu));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup, env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_table),
		cmocka_unit_test(test_next_never_reattaches_offline),
		cmocka_unit_test(test_params),
		T(test_engine_one_map_per_request),
		T(test_engine_failed_map_touches_nothing),
		T(test_restart_replays_from_journal),
		T(test_journal_garbage),
		cmocka_unit_test(test_pgnt_table),
	};

	return cmocka_run_group_tests_name("xbk", tests, NULL, NULL);
}
