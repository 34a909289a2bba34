/* SPDX-License-Identifier: MIT */
/*
 * The block back end against a hostile front end, in one process: a hand-
 * made front end writes malformed requests, bad xenstore keys and garbage
 * ring indexes. Each request must get the right status with the disk and
 * the grant table untouched; a broken ring or bad keys must end in Closing
 * with an "error" key, never a crash or a hang.
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

#include "kit-pair.h"
#include "xenbus.h"

#define DISK_SECTORS 1024u

struct env {
	struct kit_pair pair;
	struct blkback be;
	struct blk_disk disk;
	int fd;
	struct ring_front ring;		/* our raw front end */
	int ring_gref;
	uint32_t data_frame[16];
	int gref_rw[16], gref_ro, gref_other;
	int indirect_frame, indirect_gref;
};

static int grant(struct env *e, uint32_t frame, domid_t to, bool ro)
{
	int g = kit_gnttab_grant(&e->pair.fe_mem, to, frame, ro);

	assert_true(g > 0);
	return g;
}

static void grant_pages(struct env *e)
{
	uint32_t i;

	for (i = 0; i < 16; i++) {
		e->data_frame[i] = (uint32_t)kit_frame_alloc(&e->pair.fe_mem);
		e->gref_rw[i] = grant(e, e->data_frame[i], KIT_BE_DOMID, false);
	}
	e->gref_ro = grant(e, e->data_frame[0], KIT_BE_DOMID, true);
	e->gref_other = grant(e, e->data_frame[0], 5, false);
	e->indirect_frame = kit_frame_alloc(&e->pair.fe_mem);
	e->indirect_gref = grant(e, (uint32_t)e->indirect_frame, KIT_BE_DOMID,
				 true);
}

/* Publish a ring the way a front end does, keys first, then the state. */
static void publish_ring(struct env *e)
{
	struct kit_xs *xs = &e->pair.xs;
	const char *d = e->pair.fe_dir;
	int frame = kit_frame_alloc(&e->pair.fe_mem);

	assert_true(frame > 0);
	assert_int_equal(blkif_front_init(&e->ring, kit_frame_addr(
		&e->pair.fe_mem, (uint32_t)frame), RING_PAGE_SIZE), 0);
	e->ring_gref = grant(e, (uint32_t)frame, KIT_BE_DOMID, false);
	kit_xs_write_uint(xs, d, "ring-ref", (uint64_t)e->ring_gref);
	kit_xs_write_uint(xs, d, "event-channel", 1);
	kit_xs_write_str(xs, d, "protocol", "x86_64-abi");
}

static void step_back(struct env *e, unsigned int n)
{
	while (n--)
		assert_true(blkback_step(&e->be) >= 0);
}

static bool setup_readonly;	/* the next env_setup's back end */

static int env_setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct blkback_conf bc;
	char tmpl[] = "/tmp/ring-io-blkback-XXXXXX";

	assert_non_null(e);
	e->fd = mkstemp(tmpl);
	assert_true(e->fd >= 0);
	unlink(tmpl);
	assert_int_equal(ftruncate(e->fd, DISK_SECTORS * BLKIF_SECTOR_SIZE), 0);
	assert_int_equal(blk_disk_open_file(&e->disk, e->fd), 0);
	assert_int_equal(kit_pair_create(&e->pair), 0);
	kit_pair_back_conf(&e->pair, &e->disk, &bc);
	bc.readonly = setup_readonly;
	assert_int_equal(blkback_init(&e->be, &bc), 0);
	grant_pages(e);
	*state = e;
	return 0;
}

/* Set up and connect: the back end must reach Connected. */
static int env_setup_connected(void **state)
{
	struct env *e;

	env_setup(state);
	e = *state;
	step_back(e, 1);
	assert_int_equal(e->be.state, XenbusStateInitWait);
	publish_ring(e);
	kit_xb_write_state(&e->pair.xs, e->pair.fe_dir, XenbusStateInitialised);
	step_back(e, 1);
	assert_int_equal(e->be.state, XenbusStateConnected);
	return 0;
}

static int env_teardown(void **state)
{
	struct env *e = *state;

	blkback_fini(&e->be);
	kit_pair_destroy(&e->pair);
	close(e->fd);
	free(e);
	return 0;
}

static uint64_t disk_sum(struct env *e)
{
	static uint8_t buf[DISK_SECTORS * BLKIF_SECTOR_SIZE];
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	assert_int_equal(pread(e->fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		h = (h ^ buf[i]) * 0x100000001b3ull;
	return h;
}

static void assert_nothing_mapped(struct env *e)
{
	uint32_t g;

	for (g = 0; g < KIT_NR_GREFS; g++)
		if ((int)g != e->ring_gref)
			assert_int_equal(e->be.gnt.map_count[g], 0);
}

/* Send one raw request, let the back end serve it, return the response. */
static struct blkif_response send(struct env *e,
				  const union blkif_sring_entry *req)
{
	struct blkif_response rsp;

	assert_int_equal(blkif_front_put(&e->ring, req), 0);
	ring_front_push(&e->ring);
	step_back(e, 1);
	assert_int_equal(blkif_front_take(&e->ring, &rsp), 1);
	return rsp;
}

static int16_t send_status(struct env *e, const union blkif_sring_entry *req)
{
	struct blkif_response rsp = send(e, req);

	assert_int_equal(rsp.id, req->req.id);
	/* An indirect request is answered with its indirect_op. */
	assert_int_equal(rsp.operation,
			 req->req.operation == BLKIF_OP_INDIRECT ?
			 req->indirect.indirect_op : req->req.operation);
	return rsp.status;
}

enum gref_kind { G_RW, G_RO, G_UNGRANTED, G_RESERVED, G_PAST_END,
		 G_ALL_ONES, G_OTHER_DOM, G_RING };

static grant_ref_t pick_gref(struct env *e, enum gref_kind k, uint32_t i)
{
	switch (k) {
	case G_RW:		return (grant_ref_t)e->gref_rw[i];
	case G_RO:		return (grant_ref_t)e->gref_ro;
	case G_UNGRANTED:	return 900;
	case G_RESERVED:	return 0;
	case G_PAST_END:	return KIT_NR_GREFS;
	case G_ALL_ONES:	return 0xffffffffu;
	case G_OTHER_DOM:	return (grant_ref_t)e->gref_other;
	default:		return (grant_ref_t)e->ring_gref;
	}
}

struct rw_case {
	const char *what;
	uint8_t op;
	uint8_t nr_segs;
	uint64_t sector;
	uint8_t first, last;		/* for every segment */
	enum gref_kind gref;		/* for the last segment; others G_RW */
	int16_t want;
};

#define MAXSEG BLKIF_MAX_SEGMENTS_PER_REQUEST
static const struct rw_case rw_cases[] = {
	{ "read, one page", BLKIF_OP_READ, 1, 0, 0, 7, G_RW, BLKIF_RSP_OKAY },
	{ "write, 11 pages", BLKIF_OP_WRITE, MAXSEG, 8, 0, 7, G_RW,
	  BLKIF_RSP_OKAY },
	{ "read, sub-page sectors", BLKIF_OP_READ, 2, 3, 2, 5, G_RW,
	  BLKIF_RSP_OKAY },
	{ "write, read-only grant", BLKIF_OP_WRITE, 1, 0, 0, 7, G_RO,
	  BLKIF_RSP_OKAY },
	{ "last sector exactly", BLKIF_OP_READ, 1, DISK_SECTORS - 1, 0, 0,
	  G_RW, BLKIF_RSP_OKAY },
	{ "no segments", BLKIF_OP_READ, 0, 0, 0, 7, G_RW, BLKIF_RSP_ERROR },
	{ "12 segments", BLKIF_OP_WRITE, MAXSEG + 1, 0, 0, 7, G_RW,
	  BLKIF_RSP_ERROR },
	{ "255 segments", BLKIF_OP_READ, 255, 0, 0, 7, G_RW, BLKIF_RSP_ERROR },
	{ "first after last", BLKIF_OP_WRITE, 1, 0, 5, 4, G_RW,
	  BLKIF_RSP_ERROR },
	{ "last sector 8", BLKIF_OP_READ, 1, 0, 0, 8, G_RW, BLKIF_RSP_ERROR },
	{ "last sector 255", BLKIF_OP_WRITE, 1, 0, 255, 255, G_RW,
	  BLKIF_RSP_ERROR },
	{ "one past the disk", BLKIF_OP_WRITE, 1, DISK_SECTORS, 0, 0, G_RW,
	  BLKIF_RSP_ERROR },
	{ "runs off the disk", BLKIF_OP_WRITE, 1, DISK_SECTORS - 1, 0, 1,
	  G_RW, BLKIF_RSP_ERROR },
	{ "sector all ones", BLKIF_OP_READ, 1, UINT64_MAX, 0, 7, G_RW,
	  BLKIF_RSP_ERROR },
	{ "sector overflows bytes", BLKIF_OP_WRITE, 1, 1ull << 55, 0, 7,
	  G_RW, BLKIF_RSP_ERROR },
	{ "read into read-only grant", BLKIF_OP_READ, 1, 0, 0, 7, G_RO,
	  BLKIF_RSP_ERROR },
	{ "ungranted page", BLKIF_OP_WRITE, 3, 0, 0, 7, G_UNGRANTED,
	  BLKIF_RSP_ERROR },
	{ "reserved grant 0", BLKIF_OP_READ, 1, 0, 0, 7, G_RESERVED,
	  BLKIF_RSP_ERROR },
	{ "grant past the table", BLKIF_OP_READ, 2, 0, 0, 7, G_PAST_END,
	  BLKIF_RSP_ERROR },
	{ "grant all ones", BLKIF_OP_WRITE, 4, 0, 0, 7, G_ALL_ONES,
	  BLKIF_RSP_ERROR },
	{ "granted to another domain", BLKIF_OP_WRITE, MAXSEG, 0, 0, 7,
	  G_OTHER_DOM, BLKIF_RSP_ERROR },
};

static void build_rw(struct env *e, const struct rw_case *c,
		     union blkif_sring_entry *req)
{
	uint32_t i;

	memset(req, 0, sizeof(*req));
	req->req.operation = c->op;
	req->req.nr_segments = c->nr_segs;
	req->req.id = 0xfeedface00000000ull | c->nr_segs;
	req->req.sector_number = c->sector;
	for (i = 0; i < c->nr_segs && i < MAXSEG; i++) {
		bool last = i + 1 == c->nr_segs || i + 1 == MAXSEG;

		req->req.seg[i].gref = pick_gref(e, last ? c->gref : G_RW, i);
		req->req.seg[i].first_sect = c->first;
		req->req.seg[i].last_sect = c->last;
	}
}

static void test_rw_requests(void **state)
{
	struct env *e = *state;
	union blkif_sring_entry req;
	size_t i;

	memset(kit_frame_addr(&e->pair.fe_mem, e->data_frame[0]), 0x3c,
	       KIT_FRAME_SIZE);
	for (i = 0; i < sizeof(rw_cases) / sizeof(rw_cases[0]); i++) {
		const struct rw_case *c = &rw_cases[i];
		uint64_t before = disk_sum(e);

		print_message("request: %s\n", c->what);
		build_rw(e, c, &req);
		assert_int_equal(send_status(e, &req), c->want);
		assert_nothing_mapped(e);
		if (c->want != BLKIF_RSP_OKAY)
			assert_int_equal(disk_sum(e), before);
	}
	assert_int_equal(e->be.state, XenbusStateConnected);
}

static void test_other_operations(void **state)
{
	struct env *e = *state;
	static const uint8_t unsupported[] = { BLKIF_OP_WRITE_BARRIER,
		BLKIF_OP_RESERVED_1, 7, 99, 255 };
	union blkif_sring_entry req;
	size_t i;

	for (i = 0; i < sizeof(unsupported); i++) {
		memset(&req, 0, sizeof(req));
		req.req.operation = unsupported[i];
		req.req.nr_segments = 1;
		req.req.seg[0].gref = (grant_ref_t)e->gref_rw[0];
		req.req.seg[0].last_sect = 7;
		assert_int_equal(send_status(e, &req), BLKIF_RSP_EOPNOTSUPP);
	}
	memset(&req, 0, sizeof(req));
	req.req.operation = BLKIF_OP_FLUSH_DISKCACHE;
	assert_int_equal(send_status(e, &req), BLKIF_RSP_OKAY);
	req.discard.operation = BLKIF_OP_DISCARD;
	req.discard.sector_number = DISK_SECTORS - 8;
	req.discard.nr_sectors = 8;
	assert_int_equal(send_status(e, &req), BLKIF_RSP_OKAY);
	req.discard.nr_sectors = 9;
	assert_int_equal(send_status(e, &req), BLKIF_RSP_ERROR);
	req.discard.sector_number = 1;
	req.discard.nr_sectors = UINT64_MAX;
	assert_int_equal(send_status(e, &req), BLKIF_RSP_ERROR);
	assert_nothing_mapped(e);
}

/* Fill the indirect page with n segments, each a whole granted page. */
static void fill_indirect(struct env *e, uint32_t n, uint8_t bad_last)
{
	struct blkif_request_segment *seg =
		kit_frame_addr(&e->pair.fe_mem, (uint32_t)e->indirect_frame);
	uint32_t i;

	for (i = 0; i < n; i++) {
		seg[i].gref = (grant_ref_t)e->gref_rw[i % 16];
		seg[i].first_sect = 0;
		seg[i].last_sect = i + 1 == n ? bad_last : 7;
	}
}

static int16_t send_indirect(struct env *e, uint8_t op, uint16_t nr,
			     grant_ref_t page)
{
	union blkif_sring_entry req;

	memset(&req, 0, sizeof(req));
	req.indirect.operation = BLKIF_OP_INDIRECT;
	req.indirect.indirect_op = op;
	req.indirect.nr_segments = nr;
	req.indirect.id = 42;
	req.indirect.sector_number = 128;
	req.indirect.indirect_grefs[0] = page;
	return send_status(e, &req);
}

static void test_indirect_requests(void **state)
{
	struct env *e = *state;
	grant_ref_t page = (grant_ref_t)e->indirect_gref;
	uint8_t *first = kit_frame_addr(&e->pair.fe_mem, e->data_frame[0]);
	uint64_t before;

	fill_indirect(e, 16, 7);
	memset(first, 0x5e, KIT_FRAME_SIZE);
	assert_int_equal(send_indirect(e, BLKIF_OP_WRITE, 16, page),
			 BLKIF_RSP_OKAY);
	memset(first, 0, KIT_FRAME_SIZE);
	assert_int_equal(send_indirect(e, BLKIF_OP_READ, 1, page),
			 BLKIF_RSP_OKAY);
	assert_int_equal(first[KIT_FRAME_SIZE - 1], 0x5e);
	before = disk_sum(e);
	assert_int_equal(send_indirect(e, BLKIF_OP_WRITE, 0, page),
			 BLKIF_RSP_ERROR);
	assert_int_equal(send_indirect(e, BLKIF_OP_WRITE,
				       BLKBACK_MAX_INDIRECT_SEGS + 1, page),
			 BLKIF_RSP_ERROR);
	assert_int_equal(send_indirect(e, BLKIF_OP_FLUSH_DISKCACHE, 1, page),
			 BLKIF_RSP_ERROR);
	assert_int_equal(send_indirect(e, BLKIF_OP_WRITE, 16, 900),
			 BLKIF_RSP_ERROR);
	fill_indirect(e, 16, 8);	/* the last descriptor is bad */
	assert_int_equal(send_indirect(e, BLKIF_OP_WRITE, 16, page),
			 BLKIF_RSP_ERROR);
	assert_int_equal(disk_sum(e), before);
	assert_nothing_mapped(e);
}

static void expect_error_close(struct env *e)
{
	char why[KIT_XS_VALUE_MAX], path[KIT_XS_PATH_MAX];

	step_back(e, 3);
	assert_int_equal(e->be.state, XenbusStateClosing);
	assert_false(e->be.connected);
	snprintf(path, sizeof(path), "%s/error", e->pair.be_dir);
	assert_true(kit_xs_read(&e->pair.xs, path, why, sizeof(why)) > 0);
	print_message("back end closed: %s (%d)\n", why, e->be.last_error);
	for (uint32_t g = 0; g < KIT_NR_GREFS; g++)
		assert_int_equal(e->be.gnt.map_count[g], 0);
}

static const ring_idx_t bad_prods[] = { 33, 1000, 0x80000000u, 0xffffffffu };

static void test_garbage_req_prod(void **state)
{
	struct env *e = *state;
	size_t i;

	for (i = 0; i < sizeof(bad_prods) / sizeof(bad_prods[0]); i++) {
		env_teardown(state);
		env_setup_connected(state);
		e = *state;
		print_message("req_prod: %#x\n", bad_prods[i]);
		e->ring.sring->req_prod = bad_prods[i];
		kit_evtchn_notify(&e->pair.ev, 1, KIT_BACK);
		expect_error_close(e);
	}
}

struct key_case {
	const char *what;
	const char *key;
	const char *value;		/* NULL: remove the key */
};

static const struct key_case key_cases[] = {
	{ "ring-ref missing", "ring-ref", NULL },
	{ "ring-ref not a number", "ring-ref", "abc" },
	{ "ring-ref negative", "ring-ref", "-1" },
	{ "ring-ref past 32 bits", "ring-ref", "4294967296" },
	{ "ring-ref not granted", "ring-ref", "900" },
	{ "ring-ref reserved", "ring-ref", "0" },
	{ "event-channel missing", "event-channel", NULL },
	{ "event-channel 0", "event-channel", "0" },
	{ "event-channel past the table", "event-channel", "8" },
	{ "event-channel huge", "event-channel", "99999999999999999999" },
	{ "unknown protocol", "protocol", "x86_32-abi" },
};

static void test_bad_frontend_keys(void **state)
{
	struct env *e = *state;
	char path[KIT_XS_PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]); i++) {
		const struct key_case *c = &key_cases[i];

		env_teardown(state);
		env_setup(state);
		e = *state;
		print_message("keys: %s\n", c->what);
		step_back(e, 1);
		publish_ring(e);
		snprintf(path, sizeof(path), "%s/%s", e->pair.fe_dir, c->key);
		if (c->value)
			kit_xs_write(&e->pair.xs, path, c->value);
		else
			kit_xs_rm(&e->pair.xs, path);
		kit_xb_write_state(&e->pair.xs, e->pair.fe_dir,
				   XenbusStateInitialised);
		expect_error_close(e);
	}
}

static int env_setup_ro_connected(void **state)
{
	setup_readonly = true;
	env_setup_connected(state);
	setup_readonly = false;
	return 0;
}

/*
 * A read-only disk: "info" says so and no write-type feature is offered;
 * every request that would change the disk (direct or indirect write,
 * flush, discard) gets BLKIF_RSP_ERROR with the disk untouched; reads
 * still work, and the connection stays up.
 */
static void test_readonly_disk(void **state)
{
	struct env *e = *state;
	char v[KIT_XS_VALUE_MAX], path[KIT_XS_PATH_MAX];
	union blkif_sring_entry req;
	uint64_t before;

	snprintf(path, sizeof(path), "%s/info", e->pair.be_dir);
	assert_true(kit_xs_read(&e->pair.xs, path, v, sizeof(v)) > 0);
	assert_string_equal(v, "4");
	snprintf(path, sizeof(path), "%s/feature-flush-cache", e->pair.be_dir);
	assert_int_equal(kit_xs_read(&e->pair.xs, path, v, sizeof(v)), -ENOENT);
	memset(kit_frame_addr(&e->pair.fe_mem, e->data_frame[0]), 0x77,
	       KIT_FRAME_SIZE);
	before = disk_sum(e);
	build_rw(e, &rw_cases[1], &req);	/* write, 11 pages */
	assert_int_equal(send_status(e, &req), BLKIF_RSP_ERROR);
	fill_indirect(e, 16, 7);
	assert_int_equal(send_indirect(e, BLKIF_OP_WRITE, 16,
				       (grant_ref_t)e->indirect_gref),
			 BLKIF_RSP_ERROR);
	memset(&req, 0, sizeof(req));
	req.req.operation = BLKIF_OP_FLUSH_DISKCACHE;
	assert_int_equal(send_status(e, &req), BLKIF_RSP_ERROR);
	req.discard.operation = BLKIF_OP_DISCARD;
	req.discard.nr_sectors = 8;
	assert_int_equal(send_status(e, &req), BLKIF_RSP_ERROR);
	assert_int_equal(disk_sum(e), before);
	build_rw(e, &rw_cases[0], &req);	/* read, one page */
	assert_int_equal(send_status(e, &req), BLKIF_RSP_OKAY);
	assert_int_equal(send_indirect(e, BLKIF_OP_READ, 16,
				       (grant_ref_t)e->indirect_gref),
			 BLKIF_RSP_OKAY);
	assert_nothing_mapped(e);
	assert_int_equal(e->be.state, XenbusStateConnected);
}

#define T(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_rw_requests, env_setup_connected),
		T(test_other_operations, env_setup_connected),
		T(test_indirect_requests, env_setup_connected),
		T(test_garbage_req_prod, env_setup_connected),
		T(test_bad_frontend_keys, env_setup),
		T(test_readonly_disk, env_setup_ro_connected),
	};

	return cmocka_run_group_tests_name("blkback", tests, NULL, NULL);
}
