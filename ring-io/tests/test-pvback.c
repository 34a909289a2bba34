/* SPDX-License-Identifier: MIT */
/*
 * pvback's logic that needs no Xen, with the skel template's back end as
 * the driver: the xenbus decision table (handshake, restart, reload,
 * detach, a vanished guest), request checks before anything is mapped,
 * the ECHO op through a stand-in grant map (every map undone, a failed
 * map answered -EFAULT), a round trip over a ring in memory, the garbage
 * answers, and the names and numbers the toolstack part parses.
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

#include <ring-io/ring.h>

#include "pvback.h"
#include "skel-ring.h"

/* --- the decision table --------------------------------------------- */

struct next_case {
	enum xenbus_state self, peer;
	bool online, fe_present, connected;
	enum pvback_action want;
	bool reconnect;		/* our mark; false unless given */
};

#define S(x) XenbusState##x
static const struct next_case next_cases[] = {
	/* attach wrote Initialising on both sides */
	{ S(Initialising), S(Initialising), true, true, false, PVB_INITWAIT, false },
	{ S(Unknown), S(Initialising), true, true, false, PVB_INITWAIT, false },
	{ S(InitWait), S(Initialising), true, true, false, PVB_NONE, false },
	{ S(InitWait), S(Initialised), true, true, false, PVB_CONNECT, false },
	{ S(InitWait), S(Connected), true, true, false, PVB_CONNECT, false },
	{ S(Connected), S(Initialised), true, true, true, PVB_NONE, false },
	{ S(Connected), S(Connected), true, true, true, PVB_NONE, false },
	/* a new daemon finds a predecessor's ring: mark, Closing ... */
	{ S(Connected), S(Connected), true, true, false, PVB_RECONNECT, false },
	{ S(Connected), S(Initialised), true, true, false, PVB_RECONNECT, false },
	{ S(Closing), S(Connected), true, true, false, PVB_NONE, true },
	{ S(Closing), S(Closing), true, true, false, PVB_NONE, true },
	/* ... and marked, the front end's Closed brings InitWait */
	{ S(Closing), S(Closed), true, true, false, PVB_INITWAIT, true },
	{ S(Closing), S(Initialising), true, true, false, PVB_INITWAIT, true },
	/* the front end closes (Linux at shutdown): Closing, then Closed */
	{ S(Connected), S(Closing), true, true, true, PVB_DROP_CLOSING, false },
	{ S(Closing), S(Closing), true, true, false, PVB_NONE, false },
	{ S(Closing), S(Closed), true, true, false, PVB_CLOSED, false },
	{ S(Closed), S(Closed), true, true, false, PVB_NONE, false },
	{ S(Connected), S(Closing), true, true, false, PVB_DROP_CLOSING, false },
	/* the front end closes at once (module unload): InitWait, ready */
	{ S(Connected), S(Closed), true, true, true, PVB_INITWAIT, false },
	{ S(Connected), S(Closed), true, true, false, PVB_INITWAIT, false },
	/* ... and starts again (module load): InitWait */
	{ S(Closed), S(Initialising), true, true, false, PVB_INITWAIT, false },
	{ S(Closed), S(Initialised), true, true, false, PVB_INITWAIT, false },
	/* restarted without closing, or broken, while served */
	{ S(Connected), S(Initialising), true, true, true, PVB_INITWAIT, false },
	{ S(Connected), S(Unknown), true, true, true, PVB_CLOSED, false },
	{ S(Connected), S(InitWait), true, true, true, PVB_CLOSED, false },
	{ S(InitWait), S(Closed), true, true, false, PVB_NONE, false },
	/* a mark alone changes nothing else */
	{ S(InitWait), S(Initialised), true, true, false, PVB_CONNECT, true },
	{ S(Closed), S(Closed), true, true, false, PVB_NONE, true },
	/* the guest's directory vanished */
	{ S(Connected), S(Connected), true, false, true, PVB_CLOSED, false },
	{ S(InitWait), S(Unknown), true, false, false, PVB_CLOSED, false },
	{ S(Closed), S(Unknown), true, false, false, PVB_NONE, false },
	/* fe_present false overrides whatever peer state was read */
	{ S(InitWait), S(Initialised), true, false, false, PVB_CLOSED, false },
	/* detach: online 0 and Closing; serve until the front end lets go */
	{ S(Closing), S(Connected), false, true, true, PVB_NONE, false },
	{ S(Connected), S(Connected), false, true, true, PVB_CLOSING, false },
	{ S(Connected), S(Connected), false, true, false, PVB_CLOSING, false },
	{ S(Closing), S(Connected), false, true, false, PVB_NONE, false },
	{ S(Closing), S(Closed), false, true, true, PVB_CLOSED, false },
	{ S(Closing), S(Closing), false, true, true, PVB_CLOSED, false },
	{ S(Closing), S(Closed), false, true, false, PVB_CLOSED, false },
	{ S(Closing), S(Closed), false, true, false, PVB_CLOSED, true },
	{ S(Closed), S(Closed), false, true, false, PVB_NONE, false },
	{ S(Initialising), S(Initialising), false, true, false, PVB_CLOSED, false },
	{ S(InitWait), S(Initialised), false, true, false, PVB_CLOSED, false },
	{ S(Closing), S(Unknown), false, false, true, PVB_CLOSED, false },
	/* Closed and a front end still Connected: make it let go */
	{ S(Closed), S(Connected), true, true, false, PVB_CLOSING, false },
	{ S(Closed), S(Closing), true, true, false, PVB_NONE, false },
	{ S(Closed), S(Unknown), true, true, false, PVB_NONE, false },
	/* states we never act on */
	{ S(Reconfiguring), S(Connected), true, true, false, PVB_NONE, false },
	{ S(Reconfigured), S(Initialised), true, true, false, PVB_NONE, false },
};

static void test_next_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(next_cases) / sizeof(next_cases[0]); i++) {
		const struct next_case *c = &next_cases[i];
		const struct pvback_view v = {
			c->self, c->peer, c->online, c->fe_present,
			c->connected, c->reconnect,
		};
		enum pvback_action got = pvback_next(&v);

		if (got != c->want)
			fail_msg("case %zu: self %d peer %d online %d fe %d "
				 "conn %d mark %d: got %s, want %s", i, c->self,
				 c->peer, c->online, c->fe_present,
				 c->connected, c->reconnect,
				 pvback_action_name(got),
				 pvback_action_name(c->want));
	}
	assert_string_equal(pvback_action_name((enum pvback_action)99), "?");
}

static enum pvback_action next(enum xenbus_state self,
			       enum xenbus_state peer, bool connected,
			       bool mark)
{
	const struct pvback_view v = { self, peer, true, true, connected,
				       mark };

	return pvback_next(&v);
}

/* Follow the table as xenstore would: restart, then reconnect. */
static void test_next_restart_walk(void **state)
{
	(void)state;
	assert_int_equal(next(S(Connected), S(Connected), false, false),
			 PVB_RECONNECT);
	/* marked, Closing; the front end dropped its ring */
	assert_int_equal(next(S(Closing), S(Closed), false, true),
			 PVB_INITWAIT);
	/* unmarked, InitWait: a fresh ring */
	assert_int_equal(next(S(InitWait), S(Closed), false, false), PVB_NONE);
	assert_int_equal(next(S(InitWait), S(Initialised), false, false),
			 PVB_CONNECT);
	assert_int_equal(next(S(Connected), S(Initialised), true, false),
			 PVB_NONE);
}

/* And the shutdown: the front end's Closing ends in Closed, for good. */
static void test_next_shutdown_walk(void **state)
{
	(void)state;
	assert_int_equal(next(S(Connected), S(Closing), true, false),
			 PVB_DROP_CLOSING);
	assert_int_equal(next(S(Closing), S(Closing), false, false), PVB_NONE);
	assert_int_equal(next(S(Closing), S(Closed), false, false),
			 PVB_CLOSED);
	assert_int_equal(next(S(Closed), S(Closed), false, false), PVB_NONE);
	/* a reloaded module starts again */
	assert_int_equal(next(S(Closed), S(Initialising), false, false),
			 PVB_INITWAIT);
}

/* --- a grant map stand-in --------------------------------------------- */

#define NR_PAGES	4
#define BAD_GREF	3u	/* never maps */

struct fake_gnt {
	uint8_t page[NR_PAGES][PVBACK_PAGE_SIZE];
	unsigned int maps, unmaps;
	bool last_writable;
};

static void *fake_map(void *ctx, uint32_t gref, bool writable)
{
	struct fake_gnt *g = ctx;

	if (gref >= NR_PAGES || gref == BAD_GREF)
		return NULL;
	g->maps++;
	g->last_writable = writable;
	return g->page[gref];
}

static void fake_unmap(void *ctx, void *page)
{
	struct fake_gnt *g = ctx;

	(void)page;
	g->unmaps++;
}

static const struct pvback_map_ops fake_ops = { fake_map, fake_unmap };

static struct skel_response run_one(struct fake_gnt *g, uint64_t id,
				    uint32_t op, uint32_t len, uint32_t gref,
				    uint32_t flags, int *status)
{
	struct skel_request req = { id, op, len, gref, flags };
	struct skel_response rsp;

	memset(&rsp, 0xa5, sizeof(rsp));
	*status = pvback_handle(pvback_driver, &fake_ops, g, &req, &rsp);
	return rsp;
}

static void test_echo(void **state)
{
	static const uint32_t lens[] = { 0, 1, 100, 4095, 4096 };
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct skel_response rsp;
	size_t i;
	uint32_t b;
	int st;

	(void)state;
	assert_non_null(g);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		for (b = 0; b < PVBACK_PAGE_SIZE; b++)
			g->page[1][b] = (uint8_t)(b * 7 + 250);
		rsp = run_one(g, 1000 + i, SKEL_OP_ECHO, lens[i], 1, 0, &st);
		assert_int_equal(st, 0);
		assert_int_equal(rsp.status, 0);
		assert_int_equal(rsp.id, 1000 + i);
		assert_int_equal(rsp.len, lens[i]);
		assert_true(g->last_writable);
		for (b = 0; b < PVBACK_PAGE_SIZE; b++)
			if (g->page[1][b] != (uint8_t)(b * 7 + 250 +
						       (b < lens[i])))
				fail_msg("len %u: byte %u is %u", lens[i], b,
					 g->page[1][b]);
	}
	assert_int_equal(g->maps, 5);
	assert_int_equal(g->unmaps, 5);
	free(g);
}

/* Refused before mapping: the page must not be touched, nor mapped. */
struct bad_case {
	uint32_t op, len, gref, flags;
	int want;
	bool mapped;
};

static const struct bad_case bad_cases[] = {
	{ 0, 10, 1, 0, -EOPNOTSUPP, false },
	{ 2, 10, 1, 0, -EOPNOTSUPP, false },
	{ UINT32_MAX, 10, 1, 0, -EOPNOTSUPP, false },
	{ SKEL_OP_ECHO, SKEL_DATA_MAX + 1, 1, 0, -EINVAL, false },
	{ SKEL_OP_ECHO, UINT32_MAX, 1, 0, -EINVAL, false },
	{ SKEL_OP_ECHO, 10, 1, 1, -EINVAL, false },
	{ SKEL_OP_ECHO, 10, 1, 0x80000000u, -EINVAL, false },
	{ SKEL_OP_ECHO, 10, BAD_GREF, 0, -EFAULT, false },
	{ SKEL_OP_ECHO, 10, UINT32_MAX, 0, -EFAULT, false },
	/* op is checked first: both wrong gives EOPNOTSUPP */
	{ 7, UINT32_MAX, BAD_GREF, 1, -EOPNOTSUPP, false },
};

static void test_bad_requests(void **state)
{
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct skel_response rsp;
	size_t i;
	int st;

	(void)state;
	assert_non_null(g);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];

		rsp = run_one(g, 77 + i, c->op, c->len, c->gref, c->flags, &st);
		if (st != c->want || rsp.status != c->want ||
		    rsp.id != 77 + i || rsp.len != 0)
			fail_msg("case %zu: status %d/%d id %llu len %u, want "
				 "%d", i, st, rsp.status,
				 (unsigned long long)rsp.id, rsp.len, c->want);
	}
	assert_int_equal(g->maps, 0);
	assert_int_equal(g->unmaps, 0);
	for (i = 0; i < PVBACK_PAGE_SIZE; i++)
		assert_int_equal(g->page[1][i], 0);
	free(g);
}

/* An op that breaks the protocol itself is answered -EIO, still unmapped. */
static int op_positive(struct pvback_io *io) { (void)io; return 1; }
static int op_too_low(struct pvback_io *io) { (void)io; return -5000; }
static int op_too_long(struct pvback_io *io)
{
	io->rsp_len = io->len + 1;
	return 0;
}
static int op_error(struct pvback_io *io)
{
	io->rsp_len = io->len;	/* ignored: an error answers no bytes */
	return -ENOSPC;
}

static const struct pvback_op rogue_ops[] = {
	{ 1, false, op_positive }, { 2, false, op_too_low },
	{ 3, false, op_too_long }, { 4, true, op_error },
};

static const struct pvback_class rogue = {
	.kind = "rogue", .prog = "rogue-back", .req_size = 24,
	.rsp_size = 16, .entry_size = 24, .data_max = 4096,
	.ops = rogue_ops, .nr_ops = 4,
};

static void test_rogue_ops(void **state)
{
	static const int want[] = { -EIO, -EIO, -EIO, -ENOSPC };
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct skel_request req = { 5, 0, 10, 0, 0 };
	struct skel_response rsp;
	uint32_t op;

	(void)state;
	assert_non_null(g);
	assert_int_equal(pvback_class_check(&rogue), 0);
	for (op = 1; op <= 4; op++) {
		req.op = op;
		assert_int_equal(pvback_handle(&rogue, &fake_ops, g, &req,
					       &rsp), want[op - 1]);
		assert_int_equal(rsp.status, want[op - 1]);
		assert_int_equal(rsp.len, 0);
	}
	assert_false(g->last_writable == false);	/* op 4 asked rw */
	assert_int_equal(g->maps, 4);
	assert_int_equal(g->unmaps, 4);
	free(g);
}

static void test_class_check(void **state)
{
	struct pvback_class c;
	size_t i;
	static const struct pvback_op no_run[] = { { 1, false, NULL } };
	/* Each mutation alone makes the class unusable. */
	for (i = 0; i < 12; i++) {
		c = *pvback_driver;
		switch (i) {
		case 0: c.kind = "Skel"; break;
		case 1: c.kind = NULL; break;
		case 2: c.prog = NULL; break;
		case 3: c.req_size = 19; break;
		case 4: c.rsp_size = 15; break;
		case 5: c.entry_size = 16; break;
		case 6: c.req_size = c.entry_size = PVBACK_REQ_MAX + 1; break;
		case 7: c.data_max = 0; break;
		case 8: c.data_max = PVBACK_PAGE_SIZE + 1; break;
		case 9: c.nr_ops = 0; break;
		case 10: c.ops = NULL; break;
		case 11: c.ops = no_run; c.nr_ops = 1; break;
		}
		if (pvback_class_check(&c) != -EINVAL)
			fail_msg("mutation %zu accepted", i);
	}
	(void)state;
	assert_int_equal(pvback_class_check(pvback_driver), 0);
	assert_string_equal(pvback_driver->kind, "skel");
}

/* --- a round trip over a ring in memory ------------------------------- */

static void test_ring_round_trip(void **state)
{
	static uint8_t ring_page[RING_PAGE_SIZE] __attribute__((aligned(4096)));
	struct fake_gnt *g = calloc(1, sizeof(*g));
	struct ring_front f;
	struct ring_back b;
	struct skel_request req;
	struct skel_response rsp;
	_Alignas(8) uint8_t buf[PVBACK_REQ_MAX], out[PVBACK_REQ_MAX];
	uint32_t i, round, answered = 0;

	(void)state;
	assert_non_null(g);
	assert_int_equal(ring_front_init(&f, ring_page, SKEL_RING_SIZE,
					 SKEL_ENTRY_SIZE), 0);
	assert_int_equal(ring_back_attach(&b, ring_page, SKEL_RING_SIZE,
					  pvback_driver->entry_size), 0);
	assert_int_equal(f.nr_ents, SKEL_NR_ENTS);
	assert_int_equal(b.nr_ents, SKEL_NR_ENTS);
	for (round = 0; round < 3; round++) {
		/* A full ring of requests, every fourth one bad. */
		for (i = 0; i < SKEL_NR_ENTS; i++) {
			req = (struct skel_request){ round * 1000 + i,
				i % 4 == 3 ? 9 : SKEL_OP_ECHO, i + 1, 1, 0 };
			assert_int_equal(ring_front_put(&f, &req, sizeof(req)),
					 0);
		}
		assert_int_equal(ring_front_put(&f, &req, sizeof(req)),
				 -RING_ENOSPC);
		ring_front_push(&f);
		while (ring_back_take(&b, buf, pvback_driver->req_size) == 1) {
			pvback_handle(pvback_driver, &fake_ops, g, buf, out);
			assert_int_equal(ring_back_put(&b, out,
					 pvback_driver->rsp_size), 0);
		}
		ring_back_push(&b);
		for (i = 0; ring_front_take(&f, &rsp, sizeof(rsp)) == 1; i++) {
			assert_int_equal(rsp.id, round * 1000 + i);
			assert_int_equal(rsp.status,
					 i % 4 == 3 ? -EOPNOTSUPP : 0);
			assert_int_equal(rsp.len, i % 4 == 3 ? 0 : i + 1);
			answered++;
		}
		assert_int_equal(i, SKEL_NR_ENTS);
	}
	assert_int_equal(answered, 3 * SKEL_NR_ENTS);
	assert_int_equal(g->maps, g->unmaps);
	free(g);
}

/* --- garbage ---------------------------------------------------------- */

static void test_garbage_parse(void **state)
{
	static const char *const bad[] = { "", "none", "IDS", "mixed2", "id",
					   "prod_ahead", " len" };
	enum pvback_garbage m = PVB_GARBAGE_NONE;
	size_t i;

	(void)state;
	assert_int_equal(pvback_garbage_parse("ids", &m), 0);
	assert_int_equal(m, PVB_GARBAGE_IDS);
	assert_int_equal(pvback_garbage_parse("prod-ahead", &m), 0);
	assert_int_equal(m, PVB_GARBAGE_PROD_AHEAD);
	assert_int_equal(pvback_garbage_parse("len", &m), 0);
	assert_int_equal(m, PVB_GARBAGE_LEN);
	assert_int_equal(pvback_garbage_parse("status", &m), 0);
	assert_int_equal(m, PVB_GARBAGE_STATUS);
	assert_int_equal(pvback_garbage_parse("mixed", &m), 0);
	assert_int_equal(m, PVB_GARBAGE_MIXED);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = PVB_GARBAGE_LEN;
		assert_int_equal(pvback_garbage_parse(bad[i], &m), -EINVAL);
		assert_int_equal(m, PVB_GARBAGE_LEN);	/* unchanged */
	}
}

/* What a front end checking responses must see as broken. */
static int broken_how(const struct skel_response *r, uint64_t id,
		      uint32_t asked)
{
	if (r->id != id)
		return 1;
	if (r->len > asked)
		return 2;
	if (r->status > 0 || r->status < SKEL_STATUS_MIN)
		return 3;
	return 0;
}

static void test_garble(void **state)
{
	static const struct { enum pvback_garbage m; int how; bool prod; }
	cases[] = {
		{ PVB_GARBAGE_NONE, 0, false },
		{ PVB_GARBAGE_IDS, 1, false },
		{ PVB_GARBAGE_LEN, 2, false },
		{ PVB_GARBAGE_STATUS, 3, false },
		{ PVB_GARBAGE_PROD_AHEAD, 0, true },
	};
	static const int mixed_how[] = { 1, 2, 3, 0 };
	struct skel_response r;
	uint32_t asked;
	size_t i;
	uint64_t seq;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (asked = 0; asked <= 4096; asked += 4096) {
			r = (struct skel_response){ 42, 0, asked };
			assert_int_equal(pvback_garble(cases[i].m, 0, &r),
					 cases[i].prod);
			assert_int_equal(broken_how(&r, 42, asked),
					 cases[i].how);
		}
	for (seq = 0; seq < 8; seq++) {
		r = (struct skel_response){ 42, -EINVAL, 0 };
		assert_int_equal(pvback_garble(PVB_GARBAGE_MIXED, seq, &r),
				 seq % 4 == 3);
		assert_int_equal(broken_how(&r, 42, 0), mixed_how[seq % 4]);
	}
	/* rsp_prod beyond anything a front end pushed, across the wrap. */
	assert_true(pvback_garbage_prod(10, 128) - 10 > 128);
	assert_true(pvback_garbage_prod(UINT32_MAX - 3, 128) -
		    (UINT32_MAX - 3) > 128);
}

/* --- names and numbers ------------------------------------------------ */

static void test_kind_valid(void **state)
{
	static const char *const good[] = { "skel", "a", "pvrng", "pv_rng2",
					    "abcdefghijklmno", "z9_" };
	static const char *const bad[] = { "", "A", "Skel", "1a", "_a",
					   "a-b", "a b", "a/b", "a.b",
					   "abcdefghijklmnop", "sk\xc3\xa9l" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!pvback_kind_valid(good[i]))
			fail_msg("'%s' refused", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pvback_kind_valid(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
}

static void test_parse_uint(void **state)
{
	static const struct { const char *s; uint64_t max; int rc;
			      uint64_t v; } cases[] = {
		{ "0", 5, 0, 0 }, { "5", 5, 0, 5 }, { "6", 5, -EINVAL, 0 },
		{ "", 5, -EINVAL, 0 }, { "00", 5, -EINVAL, 0 },
		{ "01", 5, -EINVAL, 0 }, { "-1", 5, -EINVAL, 0 },
		{ "+1", 5, -EINVAL, 0 }, { " 1", 5, -EINVAL, 0 },
		{ "1 ", 5, -EINVAL, 0 }, { "1x", 5, -EINVAL, 0 },
		{ "0x1", 5, -EINVAL, 0 },
		{ "18446744073709551615", UINT64_MAX, 0, UINT64_MAX },
		{ "18446744073709551616", UINT64_MAX, -EINVAL, 0 },
		{ "99999999999999999999", UINT64_MAX, -EINVAL, 0 },
		{ "123456789012345678901", UINT64_MAX, -EINVAL, 0 },
		{ "32751", PVBACK_DOMID_MAX, 0, 32751 },
		{ "32752", PVBACK_DOMID_MAX, -EINVAL, 0 },
	};
	uint64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 12345;
		if (pvback_parse_uint(cases[i].s, cases[i].max, &v) !=
		    cases[i].rc)
			fail_msg("'%s': wrong code", cases[i].s);
		if (v != (cases[i].rc ? 12345 : cases[i].v))
			fail_msg("'%s': got %llu", cases[i].s,
				 (unsigned long long)v);
	}
}

static void test_paths(void **state)
{
	char buf[PVBACK_PATH_MAX];

	(void)state;
	assert_int_equal(pvback_be_path(buf, sizeof(buf), "skel", 3, 0), 0);
	assert_string_equal(buf, "/local/domain/0/backend/skel/3/0");
	assert_int_equal(pvback_fe_path(buf, sizeof(buf), "skel", 3, 65535),
			 0);
	assert_string_equal(buf, "/local/domain/3/device/skel/65535");
	/* exactly the size needed fits; one less does not */
	assert_int_equal(pvback_be_path(buf, 33, "skel", 3, 0), 0);
	assert_int_equal(pvback_be_path(buf, 32, "skel", 3, 0), -E2BIG);
	assert_int_equal(pvback_fe_path(buf, 1, "skel", 3, 0), -E2BIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_table),
		cmocka_unit_test(test_next_restart_walk),
		cmocka_unit_test(test_next_shutdown_walk),
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_bad_requests),
		cmocka_unit_test(test_rogue_ops),
		cmocka_unit_test(test_class_check),
		cmocka_unit_test(test_ring_round_trip),
		cmocka_unit_test(test_garbage_parse),
		cmocka_unit_test(test_garble),
		cmocka_unit_test(test_kind_valid),
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
