/* SPDX-License-Identifier: MIT */
/*
 * The xenbus handshake: the two decision tables case by case, the state
 * key read from hostile text, and the sample block front end and back end
 * each driven by a scripted peer through the scenarios real drivers get
 * wrong. Each scenario must settle (Connected or Closed, as stated) within
 * a virtual second, and the driver must not take forbidden shortcuts
 * (XBS_HOLD), such as connecting to a peer left Connected by its
 * predecessor.
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
#include <unistd.h>

#include "kit-pair.h"
#include "xb-kit.h"
#include "xb-script.h"
#include "xenbus.h"

/* --- decision tables ------------------------------------------------ */

/* Short names, so a table row reads as one line. */
#define Unk XenbusStateUnknown
#define Ini XenbusStateInitialising
#define Wai XenbusStateInitWait
#define Ind XenbusStateInitialised
#define Con XenbusStateConnected
#define Cng XenbusStateClosing
#define Cld XenbusStateClosed
#define Rcf XenbusStateReconfiguring

struct table_case {
	enum xenbus_state self, peer;
	bool online;
	enum xb_action want;
};

static const struct table_case front_cases[] = {
	{ Unk, Unk, true, XB_START },
	{ Ini, Unk, true, XB_GIVE_UP },	/* no back end: I/O fails */
	{ Ini, Con, true, XB_NONE },	/* stale: never connect from here */
	{ Ini, Cld, true, XB_NONE },
	{ Ini, Wai, true, XB_PUBLISH },
	{ Ind, Wai, true, XB_NONE },
	{ Ind, Con, true, XB_CONNECT },
	{ Ind, Cld, true, XB_DISCONNECT },
	{ Ind, Unk, true, XB_DISCONNECT },
	{ Con, Con, true, XB_NONE },
	{ Con, Wai, true, XB_DISCONNECT },	/* back end restarted */
	{ Con, Cng, true, XB_DISCONNECT },
	{ Con, Unk, true, XB_DISCONNECT },
	{ Con, Rcf, true, XB_DISCONNECT },
	{ Cng, Con, true, XB_NONE },
	{ Cng, Cng, true, XB_CLOSE },
	{ Cng, Cld, true, XB_CLOSE },
	{ Cld, Cld, true, XB_START },
	{ Cld, Wai, true, XB_START },
	{ Cld, Cng, true, XB_NONE },
	{ Cld, Con, true, XB_NONE },
	{ Cld, Unk, true, XB_GIVE_UP },
	{ Con, Con, false, XB_DISCONNECT },
	{ Cng, Con, false, XB_NONE },
	{ Cng, Cld, false, XB_CLOSE },
	{ Cld, Wai, false, XB_NONE },
	{ Rcf, Con, true, XB_START },
};

static const struct table_case back_cases[] = {
	{ Unk, Unk, true, XB_START },
	{ Ini, Con, true, XB_START },
	{ Wai, Ini, true, XB_NONE },
	{ Wai, Con, true, XB_NONE },	/* stale front: never map its ring */
	{ Wai, Ind, true, XB_CONNECT },
	{ Con, Con, true, XB_NONE },
	{ Con, Ind, true, XB_NONE },
	{ Con, Ini, true, XB_DISCONNECT },	/* front end restarted */
	{ Con, Cng, true, XB_DISCONNECT },
	{ Con, Unk, true, XB_DISCONNECT },
	{ Cng, Con, true, XB_NONE },
	{ Cng, Cng, true, XB_CLOSE },
	{ Cng, Unk, true, XB_CLOSE },
	{ Cld, Ini, true, XB_START },
	{ Cld, Cld, true, XB_START },
	{ Cld, Unk, true, XB_NONE },	/* front end gone: stay closed */
	{ Cld, Con, true, XB_NONE },
	{ Con, Con, false, XB_DISCONNECT },
	{ Wai, Ind, false, XB_CLOSE },
	{ Cld, Ini, false, XB_NONE },
};

static void check_table(const struct table_case *c, size_t n, bool front)
{
	size_t i;

	for (i = 0; i < n; i++) {
		enum xb_action got = front ?
			xb_front_next(c[i].self, c[i].peer, c[i].online) :
			xb_back_next(c[i].self, c[i].peer, c[i].online);

		if (got != c[i].want)
			print_error("%s %s/%s%s: got %s, want %s\n",
				    front ? "front" : "back",
				    xb_state_name(c[i].self),
				    xb_state_name(c[i].peer),
				    c[i].online ? "" : " offline",
				    xb_action_name(got),
				    xb_action_name(c[i].want));
		assert_int_equal(got, c[i].want);
	}
}

static void test_front_table(void **state)
{
	(void)state;
	check_table(front_cases, sizeof(front_cases) / sizeof(front_cases[0]),
		    true);
}

static void test_back_table(void **state)
{
	(void)state;
	check_table(back_cases, sizeof(back_cases) / sizeof(back_cases[0]),
		    false);
}

static void test_state_from_hostile_text(void **state)
{
	static const struct { const char *text; enum xenbus_state want; } c[] = {
		{ "4", Con }, { "1", Ini }, { "8", XenbusStateReconfigured },
		{ "9", Unk }, { "99999999999999999999", Unk }, { "", Unk },
		{ "-1", Unk }, { "4 ", Unk }, { "four", Unk }, { "04", Con },
	};
	struct kit_xs xs;
	size_t i;

	(void)state;
	assert_int_equal(kit_xs_create(&xs), 0);
	assert_int_equal(kit_xb_read_state(&xs, "dev"), Unk);	/* missing */
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		kit_xs_write_str(&xs, "dev", "state", c[i].text);
		assert_int_equal(kit_xb_read_state(&xs, "dev"), c[i].want);
	}
	kit_xs_destroy(&xs);
}

/* --- scripted scenarios --------------------------------------------- */

struct env {
	struct kit_pair pair;
	struct blkfront fe;
	struct blkback be;
	struct blk_disk disk;
	int fd;
};

static int env_setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	char tmpl[] = "/tmp/ring-io-xenbus-XXXXXX";

	assert_non_null(e);
	e->fd = mkstemp(tmpl);
	assert_true(e->fd >= 0);
	unlink(tmpl);
	assert_int_equal(ftruncate(e->fd, 1 << 20), 0);
	assert_int_equal(blk_disk_open_file(&e->disk, e->fd), 0);
	assert_int_equal(kit_pair_create(&e->pair), 0);
	*state = e;
	return 0;
}

static int env_teardown(void **state)
{
	struct env *e = *state;

	kit_pair_destroy(&e->pair);
	close(e->fd);
	free(e);
	return 0;
}

static int fe_step(void *d) { return blkfront_step(d); }
static enum xenbus_state fe_state(void *d)
{
	return ((struct blkfront *)d)->state;
}
static int be_step(void *d) { return blkback_step(d); }
static enum xenbus_state be_state(void *d)
{
	return ((struct blkback *)d)->state;
}

#define S(st)		{ .op = XBS_STATE, .state = (st) }
#define RAW(text)	{ .op = XBS_STATE_RAW, .value = (text) }
#define KEY(k, v)	{ .op = XBS_KEY, .key = (k), .value = (v) }
#define WAIT(st)	{ .op = XBS_WAIT, .state = (st) }
#define HOLD(st, n)	{ .op = XBS_HOLD, .state = (st), .ticks = (n) }
#define REMOVE		{ .op = XBS_REMOVE }
#define PUBLISH		{ .op = XBS_PUBLISH_RING }
#define END		{ .op = XBS_END }

/* A scripted back end brings the real front end up to Connected. */
#define BACK_CONNECTS \
	KEY("sectors", "2048"), S(Wai), WAIT(Ind), S(Con), WAIT(Con)

struct scenario {
	const char *name;
	const struct xbs_step *script;
	enum xenbus_state end;
};

static const struct xbs_step front_stale_back[] = {
	KEY("sectors", "2048"), S(Con), WAIT(Ini), HOLD(Ini, 50),
	S(Cng), S(Cld), HOLD(Ini, 5), S(Wai), WAIT(Ind), S(Con), WAIT(Con),
	END };
static const struct xbs_step front_back_recycles[] = {
	BACK_CONNECTS, S(Cng), WAIT(Cng), S(Cld), WAIT(Ini), S(Wai),
	WAIT(Ind), S(Con), WAIT(Con), END };
static const struct xbs_step front_back_jumps_closed[] = {
	BACK_CONNECTS, S(Cld), WAIT(Ini), S(Wai), WAIT(Ind), S(Con),
	WAIT(Con), END };
static const struct xbs_step front_back_vanishes[] = {
	BACK_CONNECTS, REMOVE, WAIT(Cld), END };
static const struct xbs_step front_back_restarts[] = {
	BACK_CONNECTS, S(Wai), WAIT(Cng), WAIT(Ind), S(Con), WAIT(Con), END };
static const struct xbs_step front_back_garbage[] = {
	BACK_CONNECTS, RAW("banana"), WAIT(Cld), END };
static const struct xbs_step front_no_sectors[] = {
	S(Wai), WAIT(Ind), S(Con), WAIT(Cng), S(Cld), WAIT(Ini), REMOVE,
	WAIT(Ini), END };

static const struct scenario front_scenarios[] = {
	{ "back end left Connected by its predecessor", front_stale_back, Con },
	{ "back end closes and comes back", front_back_recycles, Con },
	{ "back end jumps straight to Closed", front_back_jumps_closed, Con },
	{ "back end vanishes", front_back_vanishes, Cld },
	{ "back end restarts while we are connected", front_back_restarts,
	  Con },
	{ "back end writes a garbage state", front_back_garbage, Cld },
};

/* Run one scenario with a fresh front end. */
static void run_front(struct env *e, const struct scenario *sc)
{
	struct blkfront_conf fc;
	struct xbs_kit kc = { .xs = &e->pair.xs };
	struct xbs_peer peer = {
		.store = &xbs_kit_store, .ctx = &kc, .dir = e->pair.be_dir,
		.script = sc->script,
	};
	struct xbs_driver d = { fe_step, fe_state, &e->fe };
	struct xbs_result res;
	int rc;

	kit_xs_rm(&e->pair.xs, e->pair.be_dir);
	kit_xs_rm(&e->pair.xs, e->pair.fe_dir);
	kit_pair_front_conf(&e->pair, &fc);
	assert_int_equal(blkfront_init(&e->fe, &fc), 0);
	rc = xbs_run(&peer, &d, XBS_TICKS_PER_SECOND, &res);
	print_message("front, %s: %s after %u ms%s%s\n", sc->name,
		      xb_state_name(res.end), res.ticks, peer.why ? ": " : "",
		      peer.why ? peer.why : "");
	assert_int_equal(rc, 0);
	assert_int_equal(res.end, sc->end);
	blkfront_fini(&e->fe);
	kit_gnttab_release_domain(&e->pair.fe_mem, KIT_BE_DOMID);
}

static void test_front_scenarios(void **state)
{
	struct env *e = *state;
	size_t i;

	for (i = 0; i < sizeof(front_scenarios) / sizeof(front_scenarios[0]);
	     i++)
		run_front(e, &front_scenarios[i]);
}

/* A back end that connects without "sectors" is refused, not believed. */
static void test_front_refuses_incomplete_back(void **state)
{
	struct env *e = *state;
	const struct scenario sc = { "back end without sectors",
				     front_no_sectors, Ini };
	struct blkfront_conf fc;
	struct xbs_kit kc = { .xs = &e->pair.xs };
	struct xbs_peer peer = {
		.store = &xbs_kit_store, .ctx = &kc, .dir = e->pair.be_dir,
		.script = sc.script,
	};
	struct xbs_driver d = { fe_step, fe_state, &e->fe };
	struct xbs_result res;

	kit_pair_front_conf(&e->pair, &fc);
	assert_int_equal(blkfront_init(&e->fe, &fc), 0);
	/* Ends waiting in Initialising for a back end: not settled. */
	assert_int_equal(xbs_run(&peer, &d, 200, &res), -ETIMEDOUT);
	assert_int_equal(res.end, Ini);
	assert_int_equal(e->fe.last_error, -ENOENT);
	blkfront_fini(&e->fe);
}

/* A scripted front end brings the real back end up to Connected. */
#define FRONT_CONNECTS WAIT(Wai), PUBLISH, S(Ind), WAIT(Con), S(Con)

static const struct xbs_step back_stale_front[] = {
	S(Con), HOLD(Wai, 50), S(Cng), S(Cld), S(Ini), PUBLISH, S(Ind),
	WAIT(Con), S(Con), END };
static const struct xbs_step back_front_recycles[] = {
	FRONT_CONNECTS, S(Cng), WAIT(Cng), S(Cld), WAIT(Wai), S(Ini),
	PUBLISH, S(Ind), WAIT(Con), S(Con), END };
static const struct xbs_step back_front_vanishes[] = {
	FRONT_CONNECTS, REMOVE, WAIT(Cld), END };
static const struct xbs_step back_front_restarts[] = {
	FRONT_CONNECTS, S(Ini), WAIT(Wai), PUBLISH, S(Ind), WAIT(Con),
	S(Con), END };
static const struct xbs_step back_front_garbage[] = {
	FRONT_CONNECTS, RAW("4x"), WAIT(Cld), END };
static const struct xbs_step back_front_bad_ring[] = {
	WAIT(Wai), PUBLISH, KEY("ring-ref", "77777"), S(Ind), WAIT(Cng),
	S(Cld), WAIT(Wai), S(Ini), PUBLISH, S(Ind), WAIT(Con), S(Con), END };

static const struct scenario back_scenarios[] = {
	{ "front end left Connected by its predecessor", back_stale_front,
	  Con },
	{ "front end closes and comes back", back_front_recycles, Con },
	{ "front end vanishes", back_front_vanishes, Cld },
	{ "front end restarts while we are connected", back_front_restarts,
	  Con },
	{ "front end writes a garbage state", back_front_garbage, Cld },
	{ "front end offers a bad ring, then a good one", back_front_bad_ring,
	  Con },
};

static void run_back(struct env *e, const struct scenario *sc)
{
	struct blkback_conf bc;
	struct xbs_kit kc = {
		.xs = &e->pair.xs, .mem = &e->pair.fe_mem,
		.evtchns = &e->pair.ev, .driver_id = KIT_BE_DOMID,
	};
	struct xbs_peer peer = {
		.store = &xbs_kit_store, .ctx = &kc, .dir = e->pair.fe_dir,
		.script = sc->script,
	};
	struct xbs_driver d = { be_step, be_state, &e->be };
	struct xbs_result res;
	int rc;

	kit_xs_rm(&e->pair.xs, e->pair.be_dir);
	kit_xs_rm(&e->pair.xs, e->pair.fe_dir);
	kit_pair_back_conf(&e->pair, &e->disk, &bc);
	assert_int_equal(blkback_init(&e->be, &bc), 0);
	rc = xbs_run(&peer, &d, XBS_TICKS_PER_SECOND, &res);
	print_message("back, %s: %s after %u ms%s%s\n", sc->name,
		      xb_state_name(res.end), res.ticks, peer.why ? ": " : "",
		      peer.why ? peer.why : "");
	assert_int_equal(rc, 0);
	assert_int_equal(res.end, sc->end);
	blkback_fini(&e->be);
}

static void test_back_scenarios(void **state)
{
	struct env *e = *state;
	size_t i;

	for (i = 0; i < sizeof(back_scenarios) / sizeof(back_scenarios[0]);
	     i++)
		run_back(e, &back_scenarios[i]);
}

/*
 * The scripts can fail: a naive front end that trusts a Connected back end
 * on sight must fail the stale-back-end scenario.
 */
struct naive_front {
	struct kit_xs *xs;
	const char *dir, *be_dir;
	enum xenbus_state state;
};

static int naive_step(void *d)
{
	struct naive_front *n = d;
	enum xenbus_state peer = kit_xb_read_state(n->xs, n->be_dir);
	enum xenbus_state old = n->state;

	if (n->state == XenbusStateUnknown)
		n->state = XenbusStateInitialising;
	else if (n->state == XenbusStateInitialising && peer == Con)
		n->state = XenbusStateConnected;	/* the bug */
	kit_xb_write_state(n->xs, n->dir, n->state);
	return n->state != old;
}

static enum xenbus_state naive_state(void *d)
{
	return ((struct naive_front *)d)->state;
}

static void test_script_catches_shortcut(void **state)
{
	struct env *e = *state;
	struct naive_front n = { &e->pair.xs, e->pair.fe_dir, e->pair.be_dir,
				 XenbusStateUnknown };
	struct xbs_kit kc = { .xs = &e->pair.xs };
	struct xbs_peer peer = {
		.store = &xbs_kit_store, .ctx = &kc, .dir = e->pair.be_dir,
		.script = front_stale_back,
	};
	struct xbs_driver d = { naive_step, naive_state, &n };
	struct xbs_result res;

	assert_int_equal(xbs_run(&peer, &d, XBS_TICKS_PER_SECOND, &res),
			 -EPROTO);
	assert_non_null(peer.why);
	print_message("naive front end: %s\n", peer.why);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup, env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front_table),
		cmocka_unit_test(test_back_table),
		cmocka_unit_test(test_state_from_hostile_text),
		T(test_front_scenarios),
		T(test_front_refuses_incomplete_back),
		T(test_back_scenarios),
		T(test_script_catches_shortcut),
	};

	return cmocka_run_group_tests_name("xenbus", tests, NULL, NULL);
}
