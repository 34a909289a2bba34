/* SPDX-License-Identifier: MIT */
/*
 * The sample block pair through the handshake scenarios with I/O in
 * flight, both ends real and in one process on a virtual clock (a tick is
 * a step of each end, standing for a millisecond). Every scenario must
 * settle, Connected or Closed, within 1000 ticks; I/O in flight when the
 * back end went away completes after the reconnect with the right data,
 * or fails with -ENODEV if the back end is gone for good. Never a hang.
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
#include "xb-script.h"
#include "xenbus.h"

#define NR_IOS		40u		/* more than the ring holds */
#define IO_SECTORS	8u

struct env {
	struct kit_pair pair;
	struct blkfront fe;
	struct blkback be;
	bool be_alive;
	struct blk_disk disk;
	int fd;
	struct blkfront_io io[NR_IOS];
	uint8_t data[NR_IOS][IO_SECTORS * BLKIF_SECTOR_SIZE];
};

static void start_back(struct env *e)
{
	struct blkback_conf bc;

	kit_pair_back_conf(&e->pair, &e->disk, &bc);
	assert_int_equal(blkback_init(&e->be, &bc), 0);
	e->be_alive = true;
}

/* The back end process dies: no goodbye in xenstore. */
static void kill_back(struct env *e)
{
	blkback_fini(&e->be);
	kit_gnttab_release_domain(&e->pair.fe_mem, KIT_BE_DOMID);
	e->be_alive = false;
}

static void start_front(struct env *e)
{
	struct blkfront_conf fc;

	kit_pair_front_conf(&e->pair, &fc);
	assert_int_equal(blkfront_init(&e->fe, &fc), 0);
}

static bool both(struct env *e, enum xenbus_state st)
{
	return e->fe.state == st && e->be_alive && e->be.state == st;
}

static bool all_done(struct env *e)
{
	uint32_t i;

	for (i = 0; i < NR_IOS; i++)
		if (e->io[i].op && !e->io[i].done)
			return false;
	return true;
}

/* Tick both ends until cond holds; the tick count, or -ETIMEDOUT. */
static int run_until(struct env *e, bool (*cond)(struct env *))
{
	unsigned int t;

	for (t = 1; t <= XBS_TICKS_PER_SECOND; t++) {
		assert_true(blkfront_step(&e->fe) >= 0);
		if (e->be_alive)
			assert_true(blkback_step(&e->be) >= 0);
		if (cond(e))
			return (int)t;
	}
	return -ETIMEDOUT;
}

static bool connected_and_done(struct env *e)
{
	return both(e, XenbusStateConnected) && all_done(e);
}

static bool front_closed_and_done(struct env *e)
{
	return e->fe.state == XenbusStateClosed && all_done(e);
}

static bool connected(struct env *e)
{
	return both(e, XenbusStateConnected);
}

static int env_setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	char tmpl[] = "/tmp/ring-io-scen-XXXXXX";

	assert_non_null(e);
	e->fd = mkstemp(tmpl);
	assert_true(e->fd >= 0);
	unlink(tmpl);
	assert_int_equal(ftruncate(e->fd, 1 << 20), 0);
	assert_int_equal(blk_disk_open_file(&e->disk, e->fd), 0);
	assert_int_equal(kit_pair_create(&e->pair), 0);
	start_back(e);
	start_front(e);
	assert_true(run_until(e, connected) > 0);
	*state = e;
	return 0;
}

static int env_teardown(void **state)
{
	struct env *e = *state;

	blkfront_fini(&e->fe);
	if (e->be_alive)
		blkback_fini(&e->be);
	kit_pair_destroy(&e->pair);
	close(e->fd);
	free(e);
	return 0;
}

/* Queue NR_IOS writes of recognisable data. */
static void queue_writes(struct env *e, uint8_t tag)
{
	uint32_t i;

	for (i = 0; i < NR_IOS; i++) {
		memset(e->data[i], tag ^ (uint8_t)i, sizeof(e->data[i]));
		e->io[i] = (struct blkfront_io){
			.op = BLKIF_OP_WRITE, .sector = i * IO_SECTORS,
			.nr_sectors = IO_SECTORS, .buf = e->data[i],
		};
		assert_int_equal(blkfront_submit(&e->fe, &e->io[i]), 0);
	}
}

/* Queue them and put them on the ring, unanswered. */
static void start_writes(struct env *e, uint8_t tag)
{
	queue_writes(e, tag);
	assert_true(blkfront_step(&e->fe) > 0);
	assert_true(e->fe.nr_issued > 0);
}

static void expect_status(struct env *e, int status)
{
	uint32_t i;

	for (i = 0; i < NR_IOS; i++)
		assert_int_equal(e->io[i].status, status);
}

/* Read each block back through the (reconnected) pair. */
static void expect_data(struct env *e, uint8_t tag)
{
	uint8_t buf[IO_SECTORS * BLKIF_SECTOR_SIZE], want[sizeof(buf)];
	struct blkfront_io io;
	uint32_t i;

	for (i = 0; i < NR_IOS; i++) {
		io = (struct blkfront_io){ .op = BLKIF_OP_READ,
			.sector = i * IO_SECTORS, .nr_sectors = IO_SECTORS,
			.buf = buf };
		assert_int_equal(blkfront_submit(&e->fe, &io), 0);
		while (!io.done)
			assert_true(run_until(e, connected) > 0);
		assert_int_equal(io.status, 0);
		memset(want, tag ^ (uint8_t)i, sizeof(want));
		assert_memory_equal(buf, want, sizeof(buf));
	}
}

static void report(const char *what, int ticks, struct env *e)
{
	print_message("%s: front %s, back %s, after %d ms; %lu re-issued\n",
		      what, xb_state_name(e->fe.state),
		      e->be_alive ? xb_state_name(e->be.state) : "gone", ticks,
		      (unsigned long)e->fe.nr_reissued);
	assert_true(ticks > 0);
}

static void test_back_restarts_mid_io(void **state)
{
	struct env *e = *state;
	int t;

	start_writes(e, 0x10);
	kill_back(e);		/* its state key still says Connected */
	start_back(e);
	t = run_until(e, connected_and_done);
	report("back end restarts mid-I/O", t, e);
	assert_true(e->fe.nr_reissued > 0);
	expect_status(e, 0);
	expect_data(e, 0x10);
}

static void test_back_vanishes_mid_io(void **state)
{
	struct env *e = *state;
	int t;

	start_writes(e, 0x20);
	kill_back(e);
	kit_xs_rm(&e->pair.xs, e->pair.be_dir);
	t = run_until(e, front_closed_and_done);
	report("back end vanishes mid-I/O", t, e);
	expect_status(e, -ENODEV);
	/* I/O submitted afterwards fails too, rather than wait for ever. */
	queue_writes(e, 0x21);
	assert_true(run_until(e, front_closed_and_done) > 0);
	expect_status(e, -ENODEV);
}

static void test_back_closes_and_reconnects(void **state)
{
	struct env *e = *state;
	int t;

	start_writes(e, 0x30);
	blkback_set_online(&e->be, false);
	t = run_until(e, front_closed_and_done);
	assert_int_equal(t, -ETIMEDOUT);	/* I/O waits for a back end */
	assert_int_equal(e->be.state, XenbusStateClosed);
	blkback_set_online(&e->be, true);
	t = run_until(e, connected_and_done);
	report("back end closes and reconnects mid-I/O", t, e);
	expect_status(e, 0);
	expect_data(e, 0x30);
}

static void test_front_restarts(void **state)
{
	struct env *e = *state;
	int t;

	start_writes(e, 0x40);
	assert_true(run_until(e, connected_and_done) > 0);
	/* A new front-end instance finds the back end still Connected. */
	blkfront_fini(&e->fe);
	start_front(e);
	t = run_until(e, connected);
	report("front end restarts, back end left Connected", t, e);
	expect_data(e, 0x40);
}

static void test_front_vanishes(void **state)
{
	struct env *e = *state;
	unsigned int t;

	start_writes(e, 0x50);
	kit_xs_rm(&e->pair.xs, e->pair.fe_dir);
	for (t = 1; t <= XBS_TICKS_PER_SECOND; t++) {
		assert_true(blkback_step(&e->be) >= 0);
		if (e->be.state == XenbusStateClosed)
			break;
	}
	report("front end vanishes mid-I/O", (int)t, e);
	assert_int_equal(e->be.state, XenbusStateClosed);
	assert_false(e->be.connected);
	/* Stays Closed: nobody to talk to. */
	assert_int_equal(blkback_step(&e->be), 0);
	assert_int_equal(e->be.state, XenbusStateClosed);
	/* Let the old front end go without touching xenstore again. */
	blkfront_requeue_inflight(&e->fe);
	blkfront_fail_queued(&e->fe, -ENODEV);
}

static bool done_io(struct env *e)
{
	return all_done(e);
}

/* A front end with no back end at all fails its I/O instead of holding it. */
static void test_no_back_end(void **state)
{
	struct env *e = *state;
	int t;

	kill_back(e);
	kit_xs_rm(&e->pair.xs, e->pair.be_dir);
	blkfront_fini(&e->fe);
	kit_xs_rm(&e->pair.xs, e->pair.fe_dir);
	start_front(e);
	queue_writes(e, 0x70);
	t = run_until(e, done_io);
	report("no back end at all", t, e);
	expect_status(e, -ENODEV);
	assert_int_equal(e->fe.state, XenbusStateInitialising);
}

/* A back end answering a request never made is dropped, then recovered. */
static void test_back_answers_nothing(void **state)
{
	struct env *e = *state;
	struct blkif_response bogus = { .id = 7, .status = BLKIF_RSP_OKAY };
	struct ring_sring *s = e->fe.ring.sring;
	int t;

	/* Write a response into the ring as a broken back end would. */
	memcpy((uint8_t *)s + RING_SRING_HDR_SIZE, &bogus, sizeof(bogus));
	s->rsp_prod = 1;
	assert_true(blkfront_step(&e->fe) >= 0);
	assert_int_equal(e->fe.state, XenbusStateClosing);
	assert_int_equal(e->fe.last_error, -EIO);
	t = run_until(e, connected);
	report("back end answers a request never made", t, e);
	start_writes(e, 0x60);
	assert_true(run_until(e, connected_and_done) > 0);
	expect_status(e, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup, env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_back_restarts_mid_io),
		T(test_back_vanishes_mid_io),
		T(test_back_closes_and_reconnects),
		T(test_front_restarts),
		T(test_front_vanishes),
		T(test_back_answers_nothing),
		T(test_no_back_end),
	};

	return cmocka_run_group_tests_name("blk-scenarios", tests, NULL, NULL);
}
