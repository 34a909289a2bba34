/* SPDX-License-Identifier: GPL-2.0-only */
/* Connection framing and limits: messages split anywhere, the payload
 * limit exactly and one past, a peer gone mid-message, a client that
 * never reads (throttled, then dropped), and everyone else unaffected. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

static size_t frame(char *out, uint32_t type, uint32_t id, const char *p,
		    uint32_t len)
{
	struct xsd_sockmsg h = { type, id, 0, len };

	memcpy(out, &h, sizeof(h));
	memcpy(out + sizeof(h), p, len);
	return sizeof(h) + len;
}

/* Feeds @len bytes in chunks of @step through recv, processing each. */
static int feed(struct xs_conn *c, const char *buf, size_t len, size_t step)
{
	struct t_fake *f = t_fake_of(c);
	size_t off;
	int rc;

	for (off = 0; off < len; off += step) {
		f->in = buf + off;
		f->in_len = len - off < step ? len - off : step;
		rc = xs_conn_read(c);
		if (!rc)
			rc = xs_conn_process(c);
		if (rc)
			return rc;
	}
	return 0;
}

static unsigned int count_replies(struct xs_conn *c, uint32_t type)
{
	struct t_fake *f = t_fake_of(c);
	struct xsd_sockmsg h;
	unsigned int n = 0;
	size_t off = 0;

	xs_conn_flush(c);
	while (off + sizeof(h) <= f->out_len) {
		memcpy(&h, f->out + off, sizeof(h));
		n += h.type == type;
		off += sizeof(h) + h.len;
	}
	f->out_len = 0;
	return n;
}

static void test_byte_by_byte(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *c = t_conn(core, 0, true);
	char buf[256];
	size_t len;

	len = frame(buf, XS_WRITE, 1, "/a\0v", 4);
	len += frame(buf + len, XS_READ, 2, "/a", 3);
	assert_int_equal(feed(c, buf, len, 1), 0);
	assert_int_equal(count_replies(c, XS_WRITE), 1);
	assert_int_equal(c->in_len, 0);
	assert_int_equal(feed(c, buf, len, 7), 0);
	assert_int_equal(count_replies(c, XS_WRITE), 1);
	t_core_free(core);
}

static void test_payload_limit(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *c = t_conn(core, 0, true);
	static char buf[2 * (XENSTORE_PAYLOAD_MAX + 32)];
	static char payload[XENSTORE_PAYLOAD_MAX + 1];
	size_t len;

	memcpy(payload, "/big", 5);
	memset(payload + 5, 'x', XENSTORE_PAYLOAD_MAX - 5);
	len = frame(buf, XS_WRITE, 1, payload, XENSTORE_PAYLOAD_MAX);
	assert_int_equal(feed(c, buf, len, len), 0);
	assert_int_equal(count_replies(c, XS_WRITE), 1);
	len = frame(buf, XS_WRITE, 2, payload, XENSTORE_PAYLOAD_MAX + 1);
	/* The header alone condemns it: no need to wait for the payload. */
	assert_int_equal(feed(c, buf, sizeof(struct xsd_sockmsg), 16), -E2BIG);
	t_core_free(core);
}

static void test_peer_gone_mid_message(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *c = t_conn(core, 0, true), *other = t_conn(core, 0, true);
	char buf[64];
	size_t len = frame(buf, XS_WRITE, 1, "/half\0v", 7);

	assert_int_equal(feed(c, buf, len - 3, len - 3), 0);
	t_fake_of(c)->closed = true;
	assert_int_equal(xs_conn_read(c), -EPIPE);
	xs_conn_destroy(c);
	assert_int_equal(t_read(other, 0, "/half", NULL), -ENOENT);
	assert_int_equal(t_write(other, 0, "/after", "ok"), 0);
	assert_int_equal(xs_core_check(core), 0);
	t_core_free(core);
}

static void test_unread_replies_throttle_guest(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *g = t_conn(core, 3, false);
	static char buf[64 * 32];
	size_t len = 0;
	unsigned int i;

	core->quota.limit[XS_QUOTA_OUTSTANDING] = 4;
	for (i = 0; i < 10; i++)
		len += frame(buf + len, XS_GET_DOMAIN_PATH, i, "3", 2);
	t_fake_of(g)->hold_output = true;
	assert_int_equal(feed(g, buf, len, len), 0);
	assert_int_equal(g->nr_replies, 4);
	assert_true(g->in_len > 0);          /* the rest waits, unread */
	assert_false(xs_conn_wants_input(g));
	assert_true(g->dom->quota_logged & (1u << XS_QUOTA_OUTSTANDING));
	t_fake_of(g)->hold_output = false;
	assert_int_equal(count_replies(g, XS_GET_DOMAIN_PATH), 4);
	assert_int_equal(xs_conn_process(g), 0);
	assert_int_equal(count_replies(g, XS_GET_DOMAIN_PATH), 4);
	assert_int_equal(xs_conn_process(g), 0);
	assert_int_equal(count_replies(g, XS_GET_DOMAIN_PATH), 2);
	assert_int_equal(g->in_len, 0);
	t_core_free(core);
}

static void test_never_reading_is_dropped(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *lazy = t_conn(core, 0, true);
	struct xs_conn *dom0 = t_conn(core, 0, true);
	static char token[1000];
	char args[1100];
	unsigned int i;

	memset(token, 't', sizeof(token) - 1);
	snprintf(args, sizeof(args), "/f %s", token);
	assert_int_equal(t_strings(lazy, XS_WATCH, 0, args, NULL), 0);
	t_fake_of(lazy)->hold_output = true;
	for (i = 0; i < 1100 && !lazy->dead; i++)
		assert_int_equal(t_write(dom0, 0, "/f", "x"), 0);
	assert_true(lazy->dead);
	assert_true(i > 1000);
	xs_core_reap(core);
	assert_ptr_equal(core->conns, dom0);
	assert_int_equal(core->domains.by_id[0]->nr_watches, 0);
	assert_int_equal(t_write(dom0, 0, "/f", "still"), 0);
	t_core_free(core);
}

/* The loop skips its sleep only for whole requests: half of one must not
 * make it spin. */
static void test_has_request_only_when_whole(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *c = t_conn(core, 0, true);
	struct t_fake *f = t_fake_of(c);
	char buf[64];
	size_t len = frame(buf, XS_READ, 1, "/abc", 5);

	assert_false(xs_conn_has_request(c));
	f->in = buf;
	f->in_len = len - 1;
	assert_int_equal(xs_conn_read(c), 0);
	assert_false(xs_conn_has_request(c));
	f->in_len = 1;
	f->in = buf + len - 1;
	assert_int_equal(xs_conn_read(c), 0);
	assert_true(xs_conn_has_request(c));
	assert_int_equal(xs_conn_process(c), 0);
	assert_false(xs_conn_has_request(c));
	/* An oversized header is ready too: to be refused at once. */
	len = frame(buf, XS_READ, 2, "", 0);
	((struct xsd_sockmsg *)buf)->len = XENSTORE_PAYLOAD_MAX + 1;
	f->in = buf;
	f->in_len = len;
	assert_int_equal(xs_conn_read(c), 0);
	assert_true(xs_conn_has_request(c));
	t_core_free(core);
}

static void test_send_failure_reported(void **state)
{
	struct xs_core *core = t_core_new();
	struct xs_conn *c = t_conn(core, 0, true);

	assert_int_equal(xs_conn_queue(c, XS_READ, 1, 0, "x", 1), 0);
	t_fake_of(c)->fail_send = true;
	assert_int_equal(xs_conn_flush(c), -EPIPE);
	t_core_free(core);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byte_by_byte),
		cmocka_unit_test(test_payload_limit),
		cmocka_unit_test(test_peer_gone_mid_message),
		cmocka_unit_test(test_unread_replies_throttle_guest),
		cmocka_unit_test(test_never_reading_is_dropped),
		cmocka_unit_test(test_has_request_only_when_whole),
		cmocka_unit_test(test_send_failure_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
