// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile blkif cases. Each connects to its own vbd as a front end would,
 * then sends what the case names. A refusal is a response with an error
 * status (or, for a ring the back end must stop trusting, no responses
 * beyond the ring's size); where the ring should still serve, a valid read
 * after the bad requests must succeed. The dom0 side judges the rest (its
 * log, no oops, a healthy domU still doing I/O).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <ring-io/blkif.h>
#include <ring-io/xenbus-state.h>

#include "front.h"
#include "hostile.h"

#define NO_RSP		1000	/* collect(): nothing came back */
#define DATA_PAGES	BLKIF_MAX_SEGMENTS_PER_REQUEST

struct blk {
	struct front f;
	struct shared_page ring;
	volatile struct ring_sring *s;
	uint32_t nr_ents;
	ring_idx_t req_prod, rsp_cons;
	unsigned long sectors, max_indirect;
	struct shared_page data[DATA_PAGES];
	uint64_t next_id;
};

static volatile void *slot(struct blk *b, ring_idx_t i)
{
	return ring_slot((struct ring_sring *)b->s, b->nr_ents,
			 BLKIF_RING_ENTRY_SIZE, i);
}

/* Shares a fresh ring and port and goes to Connected with the back end. */
static int blk_ring_up(struct blk *b)
{
	if (wait_back_state(&b->f, XenbusStateInitWait, 60))
		return -1;
	if (share_page(&b->f, &b->ring, 0) || alloc_port(&b->f))
		return -1;
	b->s = b->ring.va;
	b->s->req_event = 1;
	b->s->rsp_event = 1;
	b->nr_ents = ring_nr_ents(RING_PAGE_SIZE, BLKIF_RING_ENTRY_SIZE);
	b->req_prod = b->rsp_cons = 0;
	if (front_write(&b->f, "ring-ref", "%u", b->ring.ref) ||
	    front_write(&b->f, "event-channel", "%u", b->f.port) ||
	    front_write(&b->f, "protocol", "x86_64-abi") ||
	    front_set_state(&b->f, XenbusStateInitialised))
		return -1;
	if (wait_back_state(&b->f, XenbusStateConnected, 30))
		return -1;
	if (front_set_state(&b->f, XenbusStateConnected))
		return -1;
	if (back_read_uint(&b->f, "sectors", &b->sectors))
		b->sectors = 0;
	if (back_read_uint(&b->f, "feature-max-indirect-segments",
			   &b->max_indirect))
		b->max_indirect = 0;
	printf("hostile: %s connected: ring-ref %u port %u, %lu sectors, "
	       "max indirect %lu\n", b->f.back, b->ring.ref, b->f.port,
	       b->sectors, b->max_indirect);
	return 0;
}

static int blk_connect(struct blk *b, const char *devid)
{
	int i;

	memset(b, 0, sizeof(*b));
	if (front_open(&b->f, "vbd", devid))
		return -1;
	if (blk_ring_up(b))
		return -1;
	for (i = 0; i < DATA_PAGES; i++)
		if (share_page(&b->f, &b->data[i], 0))
			return -1;
	return 0;
}

/* Puts a copy of r in the next slot and publishes it. */
static uint64_t submit(struct blk *b, const struct blkif_request *r)
{
	struct blkif_request req = *r;

	req.id = ++b->next_id;
	memcpy((void *)slot(b, b->req_prod), &req, sizeof(req));
	b->req_prod++;
	__sync_synchronize();
	b->s->req_prod = b->req_prod;
	notify(&b->f);
	return req.id;
}

/* The status of response id, or NO_RSP after ms. Others are dropped. */
static int collect(struct blk *b, uint64_t id, int ms)
{
	ring_idx_t prod;

	for (;;) {
		prod = wait_rsp(&b->f, b->s, b->rsp_cons, ms);
		if (prod == b->rsp_cons)
			return NO_RSP;
		while (b->rsp_cons != prod) {
			struct blkif_response rsp;

			memcpy(&rsp, (void *)slot(b, b->rsp_cons), sizeof(rsp));
			b->rsp_cons++;
			if (rsp.id == id)
				return rsp.status;
		}
	}
}

/* A well-formed one-page read or write of sector. */
static struct blkif_request rw(struct blk *b, int op, uint64_t sector)
{
	struct blkif_request r = { .operation = (uint8_t)op, .nr_segments = 1,
				   .sector_number = sector };

	r.seg[0].gref = b->data[0].ref;
	r.seg[0].first_sect = 0;
	r.seg[0].last_sect = 7;
	return r;
}

/* Sends r, expects a refusal; says what came back. */
static int expect_refused(struct blk *b, const char *what,
			  const struct blkif_request *r)
{
	int st = collect(b, submit(b, r), 5000);

	printf("hostile: %s: %s %d\n", what,
	       st == NO_RSP ? "no response in 5 s" : "status", st);
	return st == BLKIF_RSP_ERROR || st == BLKIF_RSP_EOPNOTSUPP;
}

/* After the bad requests, the ring still serves a valid read. */
static int still_serves(struct blk *b)
{
	struct blkif_request r = rw(b, BLKIF_OP_READ, 0);
	int st = collect(b, submit(b, &r), 10000);

	printf("hostile: valid read afterwards: status %d\n", st);
	return st == BLKIF_RSP_OKAY;
}

static int case_bad_gref(struct blk *b)
{
	struct blkif_request r = rw(b, BLKIF_OP_READ, 0);
	struct shared_page other = { 0 }, ro = { 0 }, gone = { 0 };
	int ok = 1;

	r.seg[0].gref = 0xfffffff0u;	/* far beyond any grant table */
	ok &= expect_refused(b, "gref beyond the table", &r);
	r.seg[0].gref = 8191;		/* inside a grown table, never granted */
	ok &= expect_refused(b, "gref never granted", &r);
	/* Granted, but to a domain that is not the back end's. */
	b->f.back_id += 0x7000;
	if (share_page(&b->f, &other, 0) == 0) {
		r.seg[0].gref = other.ref;
		ok &= expect_refused(b, "gref granted to another domain", &r);
	}
	b->f.back_id -= 0x7000;
	/* Read-only grant as the target of a read (the back end writes). */
	if (share_page(&b->f, &ro, 1) == 0) {
		r.seg[0].gref = ro.ref;
		ok &= expect_refused(b, "read-only gref for a read", &r);
	}
	/* A grant ended before the request. */
	if (share_page(&b->f, &gone, 0) == 0) {
		r.seg[0].gref = gone.ref;
		unshare_page(&b->f, &gone);
		ok &= expect_refused(b, "gref already ended", &r);
	}
	/* One good segment, one bad: the whole request fails. */
	r = rw(b, BLKIF_OP_READ, 0);
	r.nr_segments = 2;
	r.seg[1] = r.seg[0];
	r.seg[1].gref = 0xfffffff0u;
	ok &= expect_refused(b, "second segment's gref bad", &r);
	unshare_page(&b->f, &other);
	unshare_page(&b->f, &ro);
	return ok & still_serves(b);
}

static int case_seg_count(struct blk *b)
{
	struct blkif_request r = rw(b, BLKIF_OP_READ, 0);
	struct blkif_request_indirect *ind = (void *)&r;
	int ok = 1;

	r.nr_segments = 0;
	ok &= expect_refused(b, "read with 0 segments", &r);
	r.nr_segments = BLKIF_MAX_SEGMENTS_PER_REQUEST + 1;
	ok &= expect_refused(b, "read with 12 segments (no indirect)", &r);
	r.nr_segments = 255;
	ok &= expect_refused(b, "write with 255 segments", &r);
	/* Indirect: too many segments for the advertised maximum. */
	memset(&r, 0, sizeof(r));
	ind->operation = BLKIF_OP_INDIRECT;
	ind->indirect_op = BLKIF_OP_READ;
	ind->indirect_grefs[0] = b->data[1].ref;
	ind->nr_segments = 0;
	ok &= expect_refused(b, "indirect with 0 segments", &r);
	ind->nr_segments = (uint16_t)(b->max_indirect + 1);
	ok &= expect_refused(b, "indirect with max+1 segments", &r);
	ind->nr_segments = 0xffff;
	ok &= expect_refused(b, "indirect with 65535 segments", &r);
	ind->indirect_op = 0x7f;
	ind->nr_segments = 1;
	ok &= expect_refused(b, "indirect of an unknown operation", &r);
	return ok & still_serves(b);
}

static int case_bad_sector(struct blk *b)
{
	struct blkif_request r;
	int ok = 1;

	if (!b->sectors) {
		printf("hostile: the back end published no sectors\n");
		return 0;
	}
	r = rw(b, BLKIF_OP_READ, b->sectors);
	ok &= expect_refused(b, "read just past the end", &r);
	r = rw(b, BLKIF_OP_WRITE, b->sectors - 4);
	ok &= expect_refused(b, "write straddling the end", &r);
	r = rw(b, BLKIF_OP_READ, ~0ull - 3);
	ok &= expect_refused(b, "read whose range wraps", &r);
	r = rw(b, BLKIF_OP_READ, 0);
	r.seg[0].first_sect = 5;
	r.seg[0].last_sect = 2;
	ok &= expect_refused(b, "segment first_sect > last_sect", &r);
	r.seg[0].first_sect = 0;
	r.seg[0].last_sect = 8;
	ok &= expect_refused(b, "segment last_sect beyond the page", &r);
	r = rw(b, 0x7f, 0);
	ok &= expect_refused(b, "unknown operation 0x7f", &r);
	return ok & still_serves(b);
}

/* req_prod more than a ring ahead: the back end must not run past it. */
static int case_ring_overflow(struct blk *b)
{
	ring_idx_t prod;

	b->s->req_prod = b->req_prod + b->nr_ents + 5;
	notify(&b->f);
	prod = wait_rsp(&b->f, b->s, 0, 5000);
	printf("hostile: req_prod %u ahead of a %u-slot ring: %u responses\n",
	       b->nr_ents + 5, b->nr_ents, prod);
	if (prod > b->nr_ents)
		return 0;
	b->s->req_prod = 0x80000000u;
	notify(&b->f);
	prod = wait_rsp(&b->f, b->s, prod, 3000);
	printf("hostile: req_prod 0x80000000: %u responses\n", prod);
	return prod <= b->nr_ents;
}

/*
 * Requests after Closing are the back end's to serve or drop; after Closed
 * none may be answered. Then the front end starts over (Initialising) and
 * the back end must serve a new ring.
 */
static int case_closing(struct blk *b)
{
	struct blkif_request r = rw(b, BLKIF_OP_READ, 0);
	int st, ok = 1;

	if (!still_serves(b))
		return 0;
	front_set_state(&b->f, XenbusStateClosing);
	if (wait_back_state(&b->f, XenbusStateClosing, 10))
		ok = 0;
	st = collect(b, submit(b, &r), 3000);
	printf("hostile: read after Closing: status %d (either is fine)\n", st);
	front_set_state(&b->f, XenbusStateClosed);
	if (wait_back_state(&b->f, XenbusStateClosed, 10))
		return 0;
	st = collect(b, submit(b, &r), 3000);
	printf("hostile: read after Closed: %s %d\n",
	       st == NO_RSP ? "no response, status" : "ANSWERED, status", st);
	ok &= st == NO_RSP;
	unshare_page(&b->f, &b->ring);
	free_port(&b->f);
	front_set_state(&b->f, XenbusStateInitialising);
	if (blk_ring_up(b))
		return 0;
	return ok & still_serves(b);
}

/* Keeps the ring full of valid writes and reads until the domain dies. */
static int case_busy(struct blk *b)
{
	struct blkif_request r = rw(b, BLKIF_OP_WRITE, 0);
	unsigned long n = 0;
	int i;

	if (b->sectors < 2 * 88) {
		printf("hostile: a disk of %lu sectors is too small\n", b->sectors);
		return 0;
	}
	r.nr_segments = DATA_PAGES;
	for (i = 0; i < DATA_PAGES; i++)
		r.seg[i] = (struct blkif_request_segment){
			.gref = b->data[i].ref, .last_sect = 7 };
	printf("HOSTILE-BUSY\n");
	fflush(stdout);
	for (;;) {
		while (b->req_prod - b->rsp_cons < b->nr_ents) {
			r.operation = n & 1 ? BLKIF_OP_READ : BLKIF_OP_WRITE;
			r.sector_number = (n * 88) % (b->sectors - 88);
			submit(b, &r);
			n++;
		}
		b->rsp_cons = wait_rsp(&b->f, b->s, b->rsp_cons, 1000);
	}
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct blk *b);
} blk_cases[] = {
	{ "bad-gref", case_bad_gref },
	{ "seg-count", case_seg_count },
	{ "bad-sector", case_bad_sector },
	{ "ring-overflow", case_ring_overflow },
	{ "closing", case_closing },
	{ "busy", case_busy },
	{ NULL, NULL },
};

int blk_main(const char *name, const char *devid)
{
	struct blk b;
	char tag[64];
	int ok = 0;

	int i;

	for (i = 0; blk_cases[i].name; i++)
		if (!strcmp(blk_cases[i].name, name))
			break;
	if (!blk_cases[i].name)
		return usage();
	snprintf(tag, sizeof(tag), "blk/%s", name);
	if (blk_connect(&b, devid) == 0)
		ok = blk_cases[i].run(&b);
	front_close(&b.f);
	return verdict(tag, ok, ok ? "" : "see the lines above");
}
