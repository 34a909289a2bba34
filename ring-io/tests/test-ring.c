/* SPDX-License-Identifier: MIT */
/*
 * The ring core, single-threaded: geometry, empty and full rings, index
 * wrap-around, event suppression, and a hostile peer writing garbage
 * indexes, which must get -RING_EIO with our state unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ring-io/blkif.h>
#include <ring-io/netif.h>
#include <ring-io/ring.h>

/* A request and a response small enough to make rings of many slots. */
struct t_req { uint32_t seq; uint32_t payload; };
struct t_rsp { uint32_t seq; int32_t status; };
#define T_ENTRY ((uint32_t)sizeof(struct t_req))

struct pair {
	void *page;
	struct ring_front f;
	struct ring_back b;
};

static int pair_setup(void **state)
{
	struct pair *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->page = aligned_alloc(RING_PAGE_SIZE, RING_PAGE_SIZE);
	assert_non_null(p->page);
	memset(p->page, 0xa5, RING_PAGE_SIZE);	/* garbage before init */
	assert_int_equal(ring_front_init(&p->f, p->page, RING_PAGE_SIZE,
					 T_ENTRY), 0);
	assert_int_equal(ring_back_attach(&p->b, p->page, RING_PAGE_SIZE,
					  T_ENTRY), 0);
	*state = p;
	return 0;
}

static int pair_teardown(void **state)
{
	struct pair *p = *state;

	free(p->page);
	free(p);
	return 0;
}

/* (4096 - 64) / 8 = 504 slots, rounded down to 256. */
#define T_NR 256u

static int put_req(struct pair *p, uint32_t seq)
{
	struct t_req r = { .seq = seq, .payload = ~seq };

	return ring_front_put(&p->f, &r, sizeof(r));
}

static int put_rsp(struct pair *p, uint32_t seq)
{
	struct t_rsp r = { .seq = seq, .status = 0 };

	return ring_back_put(&p->b, &r, sizeof(r));
}

/* Back end takes one request and checks it is seq. */
static void expect_req(struct pair *p, uint32_t seq)
{
	struct t_req r;

	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), 1);
	assert_int_equal(r.seq, seq);
	assert_int_equal(r.payload, ~seq);
}

static void expect_rsp(struct pair *p, uint32_t seq)
{
	struct t_rsp r;

	assert_int_equal(ring_front_take(&p->f, &r, sizeof(r)), 1);
	assert_int_equal(r.seq, seq);
}

/* Put both ends at index start, as if the ring had run a long time. */
static void pair_rewind(struct pair *p, ring_idx_t start)
{
	p->f.req_prod_pvt = p->f.req_pushed = start;
	p->f.rsp_cons = p->f.rsp_seen = start;
	p->b.rsp_prod_pvt = p->b.rsp_pushed = start;
	p->b.req_cons = p->b.req_seen = start;
	p->f.sring->req_prod = p->f.sring->rsp_prod = start;
	p->f.sring->req_event = p->f.sring->rsp_event = start + 1;
}

/* --- geometry ------------------------------------------------------- */

struct geom_case {
	size_t ring_size;
	uint32_t entry_size;
	uint32_t nr_ents;	/* 0: init must fail with -RING_EINVAL */
};

static const struct geom_case geom_cases[] = {
	{ 4096, BLKIF_RING_ENTRY_SIZE, 32 },	/* Linux blkfront: 32 */
	{ 8192, BLKIF_RING_ENTRY_SIZE, 64 },	/* ring-page-order 1 */
	{ 4096, NETIF_TX_RING_ENTRY_SIZE, 256 },
	{ 4096, NETIF_RX_RING_ENTRY_SIZE, 256 },
	{ 4096, 4032, 1 },			/* exactly one slot */
	{ 4096, 4033, 0 },			/* not even one */
	{ 4096, 0, 0 },
	{ 4096, 0xffffffffu, 0 },
	{ 0, 8, 0 },
	{ 4095, 8, 0 },				/* not whole pages */
	{ 4097, 8, 0 },
	{ 12288, 8, 0 },			/* pages, but not 2^order */
};

static void test_geometry(void **state)
{
	void *ring = aligned_alloc(RING_PAGE_SIZE, 4 * RING_PAGE_SIZE);
	struct ring_front f;
	struct ring_back b;
	size_t i;

	(void)state;
	assert_non_null(ring);
	for (i = 0; i < sizeof(geom_cases) / sizeof(geom_cases[0]); i++) {
		const struct geom_case *c = &geom_cases[i];
		int want = c->nr_ents ? 0 : -RING_EINVAL;

		assert_int_equal(ring_front_init(&f, ring, c->ring_size,
						 c->entry_size), want);
		assert_int_equal(ring_back_attach(&b, ring, c->ring_size,
						  c->entry_size), want);
		if (c->nr_ents) {
			assert_int_equal(f.nr_ents, c->nr_ents);
			assert_int_equal(b.nr_ents, c->nr_ents);
		}
	}
	free(ring);
	assert_int_equal(ring_front_init(&f, NULL, 4096, 8), -RING_EINVAL);
	assert_int_equal(ring_back_attach(&b, NULL, 4096, 8), -RING_EINVAL);
}

static void test_init_clears_shared_header(void **state)
{
	struct pair *p = *state;
	const struct ring_sring *s = p->page;
	size_t i;

	assert_int_equal(s->req_prod, 0);
	assert_int_equal(s->rsp_prod, 0);
	assert_int_equal(s->req_event, 1);
	assert_int_equal(s->rsp_event, 1);
	for (i = 0; i < sizeof(s->pvt); i++)
		assert_int_equal(s->pvt[i], 0);
	for (i = 0; i < sizeof(s->pad); i++)
		assert_int_equal(s->pad[i], 0);
	assert_int_equal(p->f.nr_ents, T_NR);
}

/* --- empty and full ------------------------------------------------- */

static void test_empty_ring(void **state)
{
	struct pair *p = *state;
	struct t_req rq;
	struct t_rsp rs;

	assert_int_equal(ring_back_take(&p->b, &rq, sizeof(rq)), 0);
	assert_int_equal(ring_front_take(&p->f, &rs, sizeof(rs)), 0);
	assert_null(ring_back_claim(&p->b));	/* nothing to answer */
	assert_int_equal(put_rsp(p, 1), -RING_ENOSPC);
	assert_int_equal(ring_back_final_check(&p->b), 0);
	assert_int_equal(ring_front_final_check(&p->f), 0);
	assert_int_equal(ring_front_free(&p->f), T_NR);
	/* Unpushed requests are invisible to the back end. */
	assert_int_equal(put_req(p, 7), 0);
	assert_int_equal(ring_back_take(&p->b, &rq, sizeof(rq)), 0);
}

static void test_full_ring(void **state)
{
	struct pair *p = *state;
	uint32_t i;

	for (i = 0; i < T_NR; i++)
		assert_int_equal(put_req(p, i), 0);
	assert_int_equal(ring_front_free(&p->f), 0);
	assert_int_equal(put_req(p, T_NR), -RING_ENOSPC);
	assert_null(ring_front_claim(&p->f));
	ring_front_push(&p->f);
	for (i = 0; i < T_NR; i++)
		expect_req(p, i);
	/* Consuming requests frees nothing: only responses do. */
	assert_int_equal(put_req(p, T_NR), -RING_ENOSPC);
	assert_int_equal(put_rsp(p, 0), 0);
	ring_back_push(&p->b);
	expect_rsp(p, 0);
	assert_int_equal(ring_front_free(&p->f), 1);
	assert_int_equal(put_req(p, T_NR), 0);
}

static void test_oversized_copy_refused(void **state)
{
	struct pair *p = *state;
	uint8_t big[T_ENTRY + 1];

	memset(big, 0, sizeof(big));
	assert_int_equal(ring_front_put(&p->f, big, sizeof(big)), -RING_EINVAL);
	assert_int_equal(ring_front_take(&p->f, big, sizeof(big)), -RING_EINVAL);
	assert_int_equal(ring_back_take(&p->b, big, sizeof(big)), -RING_EINVAL);
	assert_int_equal(ring_back_put(&p->b, big, sizeof(big)), -RING_EINVAL);
	assert_int_equal(ring_front_free(&p->f), T_NR);
}

/* --- wrap-around ---------------------------------------------------- */

/* Run n request/response round trips in batches of batch. */
static void run_batches(struct pair *p, uint32_t first, uint32_t n,
			uint32_t batch)
{
	uint32_t done = 0, i;

	while (done < n) {
		uint32_t k = n - done < batch ? n - done : batch;

		for (i = 0; i < k; i++)
			assert_int_equal(put_req(p, first + done + i), 0);
		ring_front_push(&p->f);
		for (i = 0; i < k; i++) {
			expect_req(p, first + done + i);
			assert_int_equal(put_rsp(p, first + done + i), 0);
		}
		ring_back_push(&p->b);
		for (i = 0; i < k; i++)
			expect_rsp(p, first + done + i);
		done += k;
	}
}

static const ring_idx_t wrap_starts[] = {
	0xffffffffu - T_NR / 2,		/* wraps mid-batch */
	0xffffffffu,			/* wraps on the first slot */
	0u - T_NR,			/* a full ring ends exactly at 0 */
	0x7fffffffu,			/* crosses the sign bit */
};

static void test_wrap_around(void **state)
{
	struct pair *p = *state;
	size_t i;

	for (i = 0; i < sizeof(wrap_starts) / sizeof(wrap_starts[0]); i++) {
		pair_rewind(p, wrap_starts[i]);
		run_batches(p, 1000, 3 * T_NR, T_NR);	/* full batches */
		run_batches(p, 5000, 3 * T_NR, 7);	/* odd batches */
		assert_int_equal(ring_front_outstanding(&p->f), 0);
		assert_int_equal(ring_back_unanswered(&p->b), 0);
	}
}

/* --- notification suppression -------------------------------------- */

static void test_notify_requests(void **state)
{
	struct pair *p = *state;
	struct t_req r;

	/* req_event starts at 1: the first request notifies. */
	assert_int_equal(put_req(p, 0), 0);
	assert_true(ring_front_push(&p->f));
	/* The back end has not slept again: no further notifications. */
	assert_int_equal(put_req(p, 1), 0);
	assert_false(ring_front_push(&p->f));
	assert_int_equal(put_req(p, 2), 0);
	assert_false(ring_front_push(&p->f));
	/* A push with nothing new never notifies. */
	assert_false(ring_front_push(&p->f));
	/* Back end drains, then final check arms req_event. */
	while (ring_back_take(&p->b, &r, sizeof(r)) == 1)
		;
	assert_int_equal(ring_back_final_check(&p->b), 0);
	assert_int_equal(p->f.sring->req_event, 4);
	/* A batch of 5 after that: exactly one notification. */
	for (uint32_t i = 3; i < 8; i++)
		assert_int_equal(put_req(p, i), 0);
	assert_true(ring_front_push(&p->f));
	/* Final check that finds work does not re-arm. */
	assert_int_equal(ring_back_final_check(&p->b), 5);
	assert_int_equal(p->f.sring->req_event, 4);
}

static void test_notify_responses(void **state)
{
	struct pair *p = *state;
	struct t_rsp r;
	uint32_t i;

	for (i = 0; i < 4; i++)
		assert_int_equal(put_req(p, i), 0);
	ring_front_push(&p->f);
	for (i = 0; i < 4; i++)
		expect_req(p, i);
	assert_int_equal(put_rsp(p, 0), 0);
	assert_true(ring_back_push(&p->b));	/* rsp_event starts at 1 */
	assert_int_equal(put_rsp(p, 1), 0);
	assert_false(ring_back_push(&p->b));
	while (ring_front_take(&p->f, &r, sizeof(r)) == 1)
		;
	assert_int_equal(ring_front_final_check(&p->f), 0);
	assert_int_equal(put_rsp(p, 2), 0);
	assert_int_equal(put_rsp(p, 3), 0);
	assert_true(ring_back_push(&p->b));
}

/* The race the final check exists for: work arriving as we arm. */
static void test_final_check_sees_late_work(void **state)
{
	struct pair *p = *state;

	assert_int_equal(ring_back_final_check(&p->b), 0);
	assert_int_equal(put_req(p, 0), 0);
	assert_true(ring_front_push(&p->f));
	assert_int_equal(ring_back_final_check(&p->b), 1);
}

/* A batched back end's verdict after its takes: again, sleep or broken. */
static void test_batch_end(void **state)
{
	struct pair *p = *state;
	struct t_req r;

	/* A full batch comes back at once, without arming req_event. */
	assert_int_equal(put_req(p, 0), 0);
	assert_int_equal(put_req(p, 1), 0);
	ring_front_push(&p->f);
	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), 1);
	assert_int_equal(ring_back_batch_end(&p->b, 1, true), 1);
	assert_int_equal(p->f.sring->req_event, 1);
	/* Work left after a short batch (a request the batch did not see). */
	assert_int_equal(ring_back_batch_end(&p->b, 0, false), 1);
	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), 1);
	/* Drained: sleep, with req_event armed for the next request. */
	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), 0);
	assert_int_equal(ring_back_batch_end(&p->b, 0, false), 0);
	assert_int_equal(p->f.sring->req_event, 3);
	/* A broken take is passed on, whatever the batch. */
	assert_int_equal(ring_back_batch_end(&p->b, -RING_EIO, true), -RING_EIO);
	/* A broken ring found by the final check too. */
	p->f.sring->req_prod = p->b.req_cons + p->b.nr_ents + 1;
	assert_int_equal(ring_back_batch_end(&p->b, 0, false), -RING_EIO);
}

/* --- hostile peers -------------------------------------------------- */

/* Back end: n requests taken and answered k; then req_prod := bad. */
struct hostile_req_case {
	const char *what;
	uint32_t taken;		/* requests the back end has taken */
	uint32_t answered;	/* of which it has answered */
	ring_idx_t bad_prod;	/* relative to the start index */
};

static const struct hostile_req_case hostile_req_cases[] = {
	{ "one past a full ring", 0, 0, T_NR + 1 },
	{ "far beyond the ring", 0, 0, 0x40000000u },
	{ "all ones", 0, 0, 0xffffffffu },
	{ "backwards by one", 5, 5, 4 },
	{ "backwards behind responses", 5, 0, 0xfffffff0u },
	{ "fills slots still unanswered", 4, 0, T_NR + 1 },
	{ "fills slots still unanswered, just", 4, 2, T_NR + 3 },
};

static void check_hostile_req(struct pair *p, const struct hostile_req_case *c,
			      ring_idx_t start)
{
	struct ring_back saved;
	struct t_req r;
	uint32_t i;

	pair_rewind(p, start);
	for (i = 0; i < c->taken; i++)
		assert_int_equal(put_req(p, i), 0);
	ring_front_push(&p->f);
	for (i = 0; i < c->taken; i++)
		expect_req(p, i);
	for (i = 0; i < c->answered; i++)
		assert_int_equal(put_rsp(p, i), 0);
	ring_back_push(&p->b);
	p->f.sring->req_prod = start + c->bad_prod;
	saved = p->b;
	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), -RING_EIO);
	assert_int_equal(ring_back_poll(&p->b), -RING_EIO);
	assert_int_equal(ring_back_final_check(&p->b), -RING_EIO);
	assert_memory_equal(&saved, &p->b, sizeof(saved));
}

static void test_hostile_request_indexes(void **state)
{
	struct pair *p = *state;
	size_t i;

	for (i = 0; i < sizeof(hostile_req_cases) /
		    sizeof(hostile_req_cases[0]); i++) {
		print_message("hostile req_prod: %s\n",
			      hostile_req_cases[i].what);
		check_hostile_req(p, &hostile_req_cases[i], 0);
		check_hostile_req(p, &hostile_req_cases[i], 0xfffffff8u);
	}
}

/* Front end: pushed requests, taken k responses; then rsp_prod := bad. */
struct hostile_rsp_case {
	const char *what;
	uint32_t pushed;
	uint32_t unpushed;	/* claimed but not pushed: not answerable */
	uint32_t taken;
	ring_idx_t bad_prod;
};

static const struct hostile_rsp_case hostile_rsp_cases[] = {
	{ "response with no request", 0, 0, 0, 1 },
	{ "one more than pushed", 3, 0, 0, 4 },
	{ "answers an unpushed request", 3, 2, 0, 4 },
	{ "far beyond the ring", 3, 0, 0, 0x40000000u },
	{ "all ones", 3, 0, 0, 0xffffffffu },
	{ "backwards", 3, 0, 2, 1 },
};

static void check_hostile_rsp(struct pair *p, const struct hostile_rsp_case *c)
{
	struct ring_front saved;
	struct t_rsp r;
	uint32_t i;

	pair_rewind(p, 0xfffffffeu);
	for (i = 0; i < c->pushed; i++)
		assert_int_equal(put_req(p, i), 0);
	ring_front_push(&p->f);
	for (i = 0; i < c->pushed; i++)
		expect_req(p, i);
	for (i = 0; i < c->taken; i++)
		assert_int_equal(put_rsp(p, i), 0);
	ring_back_push(&p->b);
	for (i = 0; i < c->taken; i++)
		expect_rsp(p, i);
	for (i = 0; i < c->unpushed; i++)
		assert_int_equal(put_req(p, 100 + i), 0);
	p->f.sring->rsp_prod = 0xfffffffeu + c->bad_prod;
	saved = p->f;
	assert_int_equal(ring_front_take(&p->f, &r, sizeof(r)), -RING_EIO);
	assert_int_equal(ring_front_final_check(&p->f), -RING_EIO);
	assert_memory_equal(&saved, &p->f, sizeof(saved));
}

static void test_hostile_response_indexes(void **state)
{
	struct pair *p = *state;
	size_t i;

	for (i = 0; i < sizeof(hostile_rsp_cases) /
		    sizeof(hostile_rsp_cases[0]); i++) {
		print_message("hostile rsp_prod: %s\n",
			      hostile_rsp_cases[i].what);
		check_hostile_rsp(p, &hostile_rsp_cases[i]);
	}
}

/*
 * A front end that keeps producing while the back end never answers: the
 * back end's take loop stops after nr_ents, so a consumer loop cannot be
 * kept spinning by the peer.
 */
static void test_take_loop_is_bounded(void **state)
{
	struct pair *p = *state;
	struct t_req r;
	uint32_t n = 0;

	p->f.sring->req_prod = T_NR;	/* the peer claims a full ring */
	while (ring_back_take(&p->b, &r, sizeof(r)) == 1) {
		p->f.sring->req_prod += 1;	/* and keeps adding */
		assert_true(++n <= T_NR);
	}
	assert_int_equal(n, T_NR);
	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), -RING_EIO);
}

/* Garbage event indexes only change whether we notify. */
static void test_garbage_event_indexes(void **state)
{
	struct pair *p = *state;
	static const ring_idx_t events[] = { 0, 1, 0x80000000u, 0xffffffffu };
	size_t i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		p->f.sring->req_event = events[i];
		p->f.sring->rsp_event = events[i];
		run_batches(p, (uint32_t)i * 10, 10, 3);
	}
	assert_int_equal(ring_front_free(&p->f), T_NR);
}

/* Slot addresses stay in the page for every index the peer might name. */
static void test_slot_always_in_ring(void **state)
{
	struct pair *p = *state;
	static const ring_idx_t idx[] = { 0, T_NR - 1, T_NR, 0x7fffffffu,
					  0x80000000u, 0xffffffffu };
	uint8_t *base = p->page;
	size_t i;

	for (i = 0; i < sizeof(idx) / sizeof(idx[0]); i++) {
		uint8_t *s = ring_slot(p->f.sring, T_NR, T_ENTRY, idx[i]);

		assert_true(s >= base + RING_SRING_HDR_SIZE);
		assert_true(s + T_ENTRY <= base + RING_PAGE_SIZE);
	}
}

/* --- a protocol on the generic ring: netif tx with an extra-info slot - */

static void test_netif_tx_with_extra_info(void **state)
{
	struct pair *p = *state;
	union netif_tx_sring_entry in, out;
	struct ring_front f;
	struct ring_back b;

	assert_int_equal(netif_tx_front_init(&f, p->page, RING_PAGE_SIZE), 0);
	assert_int_equal(netif_tx_back_attach(&b, p->page, RING_PAGE_SIZE), 0);
	assert_int_equal(f.nr_ents, 256);
	memset(&in, 0, sizeof(in));
	in.req = (struct netif_tx_request){ .gref = 77, .offset = 128,
		.flags = NETTXF_extra_info | NETTXF_csum_blank, .id = 5,
		.size = 1514 };
	assert_int_equal(ring_front_put(&f, &in, sizeof(in)), 0);
	memset(&in, 0, sizeof(in));
	in.extra.type = XEN_NETIF_EXTRA_TYPE_GSO;
	in.extra.u.gso.size = 1448;
	in.extra.u.gso.type = XEN_NETIF_GSO_TYPE_TCPV4;
	assert_int_equal(ring_front_put(&f, &in, sizeof(in)), 0);
	assert_true(ring_front_push(&f));

	assert_int_equal(ring_back_take(&b, &out, sizeof(out)), 1);
	assert_int_equal(out.req.gref, 77);
	assert_int_equal(out.req.size, 1514);
	assert_true(out.req.flags & NETTXF_extra_info);
	assert_int_equal(ring_back_take(&b, &out, sizeof(out)), 1);
	assert_int_equal(out.extra.type, XEN_NETIF_EXTRA_TYPE_GSO);
	assert_int_equal(out.extra.u.gso.size, 1448);
	/* One response per slot: the packet's, then a null for the extra. */
	out.rsp = (struct netif_tx_response){ .id = 5, .status = NETIF_RSP_OKAY };
	assert_int_equal(ring_back_put(&b, &out, sizeof(out.rsp)), 0);
	out.rsp.status = NETIF_RSP_NULL;
	assert_int_equal(ring_back_put(&b, &out, sizeof(out.rsp)), 0);
	assert_true(ring_back_push(&b));
	assert_int_equal(ring_front_take(&f, &in, sizeof(in.rsp)), 1);
	assert_int_equal(in.rsp.id, 5);
	assert_int_equal(in.rsp.status, NETIF_RSP_OKAY);
	assert_int_equal(ring_front_take(&f, &in, sizeof(in.rsp)), 1);
	assert_int_equal(in.rsp.status, NETIF_RSP_NULL);
	assert_int_equal(ring_front_take(&f, &in, sizeof(in.rsp)), 0);
}

/* --- a new back end taking over ------------------------------------ */

/*
 * A back end takes 3 of 5 requests, publishes answers to 2 and dies.
 * Its successor must start at the 2 published answers and take the 3
 * requests after them again; the front end sees each answer once. (An
 * answer written but not published overwrites its request's slot: the
 * dom0 back end keeps a journal of taken requests for that.)
 */
static void test_reattach_replays_unanswered(void **state)
{
	struct pair *p = *state;
	struct ring_back nb;
	struct t_req r;
	uint32_t i;

	pair_rewind(p, 0xfffffffeu);	/* across the wrap, too */
	for (i = 0; i < 5; i++)
		assert_int_equal(put_req(p, i), 0);
	ring_front_push(&p->f);
	for (i = 0; i < 3; i++)
		expect_req(p, i);
	put_rsp(p, 0);
	put_rsp(p, 1);
	ring_back_push(&p->b);
	assert_int_equal(ring_back_reattach(&nb, p->page, RING_PAGE_SIZE,
					    T_ENTRY), 3);
	p->b = nb;
	expect_req(p, 2);
	expect_req(p, 3);
	expect_req(p, 4);
	assert_int_equal(ring_back_take(&p->b, &r, sizeof(r)), 0);
	for (i = 2; i < 5; i++)
		put_rsp(p, i);
	ring_back_push(&p->b);
	for (i = 0; i < 5; i++)
		expect_rsp(p, i);
}

/* Indexes more than a ring apart, either way: refused, nothing taken. */
static void test_reattach_refuses_garbage(void **state)
{
	static const ring_idx_t bad[][2] = {	/* rsp_prod, req_prod */
		{ 0, T_NR + 1 }, { 10, 9 }, { 0, 0x80000000u },
		{ 0xffffffffu, T_NR }, { 5, 0xffffffffu },
	};
	struct pair *p = *state;
	struct ring_back nb;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p->f.sring->rsp_prod = bad[i][0];
		p->f.sring->req_prod = bad[i][1];
		assert_int_equal(ring_back_reattach(&nb, p->page,
						    RING_PAGE_SIZE, T_ENTRY),
				 -RING_EIO);
	}
	p->f.sring->rsp_prod = 7;
	p->f.sring->req_prod = 7 + T_NR;	/* exactly full */
	assert_int_equal(ring_back_reattach(&nb, p->page, RING_PAGE_SIZE,
					    T_ENTRY), (int)T_NR);
	assert_int_equal(ring_back_reattach(&nb, NULL, RING_PAGE_SIZE,
					    T_ENTRY), -RING_EINVAL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, pair_setup, pair_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_geometry),
		T(test_init_clears_shared_header),
		T(test_empty_ring),
		T(test_full_ring),
		T(test_oversized_copy_refused),
		T(test_wrap_around),
		T(test_notify_requests),
		T(test_notify_responses),
		T(test_final_check_sees_late_work),
	T(test_batch_end),
		T(test_hostile_request_indexes),
		T(test_hostile_response_indexes),
		T(test_take_loop_is_bounded),
		T(test_garbage_event_indexes),
		T(test_slot_always_in_ring),
		T(test_netif_tx_with_extra_info),
		T(test_reattach_replays_unanswered),
		T(test_reattach_refuses_garbage),
	};

	return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
