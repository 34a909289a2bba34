/* SPDX-License-Identifier: GPL-2.0-only */
/* The ring transport on a shared page, with a counter standing in for the
 * event channel: round trips, index wrap-around at 2^32 and at the ring's
 * end, a full response ring, and a guest publishing impossible indexes. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"
#include "helpers.h"
#include "ring.h"

struct fixture {
	struct xenstore_domain_interface *intf;
	struct xs_ring ring;
	unsigned int kicks;
	struct xs_core *core;
	struct xs_conn *conn;
};

static void count_kick(void *ctx)
{
	((struct fixture *)ctx)->kicks++;
}

static void keep_page(struct xs_ring *r)
{
	/* The test owns the page; the connection only borrowed it. */
}

static int setup(void **state)
{
	static struct fixture f;
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	assert_true(page != MAP_FAILED);
	memset(&f, 0, sizeof(f));
	f.intf = page;
	f.ring.intf = page;
	f.ring.evtchn = (struct xs_evtchn){ count_kick, NULL, -1, &f };
	f.ring.release = keep_page;
	xs_ring_init(&f.ring);
	f.core = t_core_new();
	f.conn = xs_conn_new(f.core, &xs_ring_ops, &f.ring, 5, false);
	assert_non_null(f.conn);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(xs_core_check(f->core), 0);
	t_core_free(f->core);
	munmap(f->intf, 4096);
	return 0;
}

static void set_indexes(struct fixture *f, uint32_t v)
{
	f->intf->req_cons = f->intf->req_prod = v;
	f->intf->rsp_cons = f->intf->rsp_prod = v;
}

/* The guest side: put bytes in the request ring if they fit. */
static size_t guest_put(struct fixture *f, const void *buf, size_t len)
{
	struct xenstore_domain_interface *in = f->intf;
	size_t i, room = XENSTORE_RING_SIZE - (in->req_prod - in->req_cons);

	if (len > room)
		len = room;
	for (i = 0; i < len; i++)
		in->req[(in->req_prod + i) & (XENSTORE_RING_SIZE - 1)] =
			((const char *)buf)[i];
	__atomic_thread_fence(__ATOMIC_RELEASE);
	in->req_prod += (uint32_t)len;
	return len;
}

static size_t guest_take(struct fixture *f, void *buf, size_t len)
{
	struct xenstore_domain_interface *in = f->intf;
	size_t i, avail = in->rsp_prod - in->rsp_cons;

	if (len > avail)
		len = avail;
	for (i = 0; i < len; i++)
		((char *)buf)[i] =
			in->rsp[(in->rsp_cons + i) & (XENSTORE_RING_SIZE - 1)];
	in->rsp_cons += (uint32_t)len;
	return len;
}

static void server_round(struct fixture *f)
{
	assert_int_equal(xs_conn_read(f->conn), 0);
	assert_int_equal(xs_conn_process(f->conn), 0);
	assert_int_equal(xs_conn_flush(f->conn), 0);
}

/* Sends one request through the rings, returns the reply's payload. */
static uint32_t round_trip(struct fixture *f, uint32_t type, const char *p,
			   uint32_t len, char *reply)
{
	static char msg[XS_HEADER_SIZE + XENSTORE_PAYLOAD_MAX];
	struct xsd_sockmsg h = { type, 9, 0, len };
	size_t total = XS_HEADER_SIZE + len, sent = 0, got = 0, want = 0;
	int rounds = 0;

	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), p, len);
	while (sent < total || got < want || want == 0) {
		sent += guest_put(f, msg + sent, total - sent);
		server_round(f);
		got += guest_take(f, msg + got, sizeof(msg) - got);
		if (!want && got >= XS_HEADER_SIZE) {
			memcpy(&h, msg, sizeof(h));
			want = XS_HEADER_SIZE + h.len;
		}
		assert_true(++rounds < 100);
	}
	assert_int_equal(h.req_id, 9);
	memcpy(reply, msg + XS_HEADER_SIZE, h.len);
	return h.type;
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	char reply[XENSTORE_PAYLOAD_MAX];

	assert_int_equal(f->intf->connection, XENSTORE_CONNECTED);
	assert_int_equal(f->intf->server_features &
			 XENSTORE_SERVER_FEATURE_ERROR,
			 XENSTORE_SERVER_FEATURE_ERROR);
	assert_int_equal(round_trip(f, XS_GET_DOMAIN_PATH, "5", 2, reply),
			 XS_GET_DOMAIN_PATH);
	assert_string_equal(reply, "/local/domain/5");
	assert_true(f->kicks >= 2);      /* request consumed, reply produced */
	/* The ring connection is an unprivileged domain. */
	assert_int_equal(round_trip(f, XS_WRITE, "/x\0v", 4, reply), XS_ERROR);
	assert_string_equal(reply, "EACCES");
}

/* A request trickling in: a split header, then the payload in pieces.
 * Nothing is answered until the whole message is there. */
static void test_partial_message(void **state)
{
	struct fixture *f = *state;
	struct xsd_sockmsg h = { XS_GET_DOMAIN_PATH, 4, 0, 2 };
	char msg[XS_HEADER_SIZE + 2], out[64];

	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), "5", 2);
	assert_int_equal(guest_put(f, msg, 7), 7);
	server_round(f);
	assert_int_equal(f->intf->rsp_prod, 0);
	assert_int_equal(guest_put(f, msg + 7, XS_HEADER_SIZE - 7),
			 XS_HEADER_SIZE - 7);
	server_round(f);
	assert_int_equal(f->intf->rsp_prod, 0);
	assert_int_equal(guest_put(f, msg + XS_HEADER_SIZE, 1), 1);
	server_round(f);
	assert_int_equal(f->intf->rsp_prod, 0);
	assert_int_equal(f->intf->req_cons, f->intf->req_prod); /* all taken */
	assert_int_equal(guest_put(f, msg + XS_HEADER_SIZE + 1, 1), 1);
	server_round(f);
	assert_int_equal(guest_take(f, out, sizeof(out)),
			 XS_HEADER_SIZE + sizeof("/local/domain/5"));
	memcpy(&h, out, sizeof(h));
	assert_int_equal(h.type, XS_GET_DOMAIN_PATH);
	assert_int_equal(h.req_id, 4);
	assert_string_equal(out + XS_HEADER_SIZE, "/local/domain/5");
}

/* A full request ring is drained in one read and the guest may refill. */
static void test_full_request_ring(void **state)
{
	struct fixture *f = *state;
	static char buf[XENSTORE_RING_SIZE + 1], out[XENSTORE_RING_SIZE + 1];

	memset(buf, 'r', sizeof(buf));
	assert_int_equal(guest_put(f, buf, sizeof(buf)), XENSTORE_RING_SIZE);
	assert_int_equal(guest_put(f, buf, 1), 0);
	assert_int_equal(xs_ring_read(&f->ring, out, sizeof(out)),
			 XENSTORE_RING_SIZE);
	assert_int_equal(xs_ring_read(&f->ring, out, sizeof(out)), 0);
	assert_int_equal(guest_put(f, buf, 1), 1);
}

static void test_wraparound(void **state)
{
	struct fixture *f = *state;
	static char big[XENSTORE_PAYLOAD_MAX], reply[XENSTORE_PAYLOAD_MAX];
	unsigned int i;

	/* Indexes near 2^32, and not at a ring boundary. */
	set_indexes(f, 0xffffffffu - 700);
	assert_int_equal(round_trip(f, XS_WRITE, "/local\0", 7, reply),
			 XS_ERROR);
	t_write(t_conn(f->core, 0, true), 0, "/local/domain/5", "");
	t_setperms(t_conn(f->core, 0, true), 0, "/local/domain/5", "n5");
	f->core->quota.limit[XS_QUOTA_NODE_SIZE] = 2 * XENSTORE_PAYLOAD_MAX;
	memcpy(big, "data", 5);
	for (i = 5; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	for (i = 0; i < 3; i++) {
		assert_int_equal(round_trip(f, XS_WRITE, big, sizeof(big),
					    reply), XS_WRITE);
		assert_int_equal(round_trip(f, XS_READ, "data", 5, reply),
				 XS_READ);
		assert_memory_equal(reply, big + 5, sizeof(big) - 5);
	}
	assert_true(f->intf->req_prod < 0x10000);   /* it did wrap */
}

static void test_bad_request_indexes(void **state)
{
	struct fixture *f = *state;
	char buf[16];

	f->intf->req_cons = 100;
	f->intf->req_prod = 100 + XENSTORE_RING_SIZE + 1;
	assert_int_equal(xs_ring_read(&f->ring, buf, sizeof(buf)), -EIO);
	assert_int_equal(f->intf->error, XENSTORE_ERROR_RINGIDX);
	assert_int_equal(xs_conn_read(f->conn), -EIO);
	/* Behind the consumer is just as impossible. */
	f->ring.broken = false;
	f->intf->req_prod = 99;
	assert_int_equal(xs_ring_read(&f->ring, buf, sizeof(buf)), -EIO);
}

static void test_exactly_full_ring_is_valid(void **state)
{
	struct fixture *f = *state;
	static char buf[XENSTORE_RING_SIZE];

	f->intf->req_cons = 5;
	f->intf->req_prod = 5 + XENSTORE_RING_SIZE;
	assert_int_equal(xs_ring_read(&f->ring, buf, sizeof(buf)),
			 XENSTORE_RING_SIZE);
	assert_int_equal(f->intf->req_cons, 5 + XENSTORE_RING_SIZE);
	assert_int_equal(f->intf->error, XENSTORE_ERROR_NONE);
}

static void test_bad_response_indexes(void **state)
{
	struct fixture *f = *state;

	f->intf->rsp_cons = 0;
	f->intf->rsp_prod = 0x80000000u;
	assert_int_equal(xs_ring_write(&f->ring, "x", 1), -EIO);
	assert_int_equal(f->intf->error, XENSTORE_ERROR_RINGIDX);
}

static void test_full_response_ring(void **state)
{
	struct fixture *f = *state;
	static char buf[XENSTORE_RING_SIZE + 100], out[200];

	assert_int_equal(xs_ring_write(&f->ring, buf, sizeof(buf)),
			 XENSTORE_RING_SIZE);
	assert_int_equal(xs_ring_write(&f->ring, buf, 1), 0);
	assert_int_equal(guest_take(f, out, 100), 100);
	assert_int_equal(xs_ring_write(&f->ring, buf, sizeof(buf)), 100);
}

static void test_one_kick_per_flush(void **state)
{
	struct fixture *f = *state;
	unsigned int before = f->kicks;

	assert_int_equal(xs_conn_queue(f->conn, XS_READ, 1, 0, "a", 1), 0);
	assert_int_equal(xs_conn_queue(f->conn, XS_READ, 2, 0, "b", 1), 0);
	assert_int_equal(xs_conn_queue(f->conn, XS_READ, 3, 0, "c", 1), 0);
	assert_int_equal(xs_conn_flush(f->conn), 0);
	assert_int_equal(f->kicks, before + 1);
	assert_int_equal(f->intf->rsp_prod, 3 * (XS_HEADER_SIZE + 1));
	assert_int_equal(xs_conn_flush(f->conn), 0);      /* nothing to say */
	assert_int_equal(f->kicks, before + 1);
}

static void test_poll_only_when_useful(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(xs_ring_ops.poll_events(&f->ring, 0, 0), 0);
	assert_true(xs_ring_ops.poll_events(&f->ring, 1, 0) != 0);
	assert_true(xs_ring_ops.poll_events(&f->ring, 0, 1) != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_request_ring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wraparound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_request_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exactly_full_ring_is_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_response_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_response_ring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_kick_per_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_only_when_useful, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
