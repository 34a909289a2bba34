/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the unit tests; see helpers.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dispatch.h"
#include "errors.h"
#include "helpers.h"
#include "log.h"

struct t_conn_state {
	struct t_fake fake;
	struct t_msg events[T_MAX_EVENTS];
	unsigned int nr_events;
};

static long fake_recv(void *tp, void *buf, size_t len)
{
	struct t_fake *f = tp;
	size_t n = f->in_len < len ? f->in_len : len;

	if (!n)
		return f->closed ? -EPIPE : 0;
	memcpy(buf, f->in, n);
	f->in += n;
	f->in_len -= n;
	return (long)n;
}

static long fake_send(void *tp, const void *buf, size_t len)
{
	struct t_fake *f = tp;

	if (f->fail_send)
		return -EPIPE;
	if (f->hold_output)
		return 0;
	if (len > sizeof(f->out) - f->out_len)
		len = sizeof(f->out) - f->out_len;
	memcpy(f->out + f->out_len, buf, len);
	f->out_len += len;
	return (long)len;
}

static void fake_destroy(void *tp)
{
	free(tp);
}

static int fake_fd(void *tp)
{
	return -1;
}

static short fake_events(void *tp, int in, int out)
{
	return 0;
}

const struct xs_transport_ops t_fake_ops = {
	.name = "fake", .recv = fake_recv, .send = fake_send,
	.destroy = fake_destroy, .poll_fd = fake_fd, .poll_events = fake_events,
};

struct xs_core *t_core_new(void)
{
	struct xs_core *core = malloc(sizeof(*core));

	xs_log_quiet = 1;
	assert_non_null(core);
	assert_int_equal(xs_core_init(core), 0);
	return core;
}

void t_core_free(struct xs_core *core)
{
	xs_core_destroy(core);
	free(core);
}

struct xs_conn *t_conn(struct xs_core *core, unsigned int domid, bool priv)
{
	struct t_conn_state *st = calloc(1, sizeof(*st));
	struct xs_conn *c;

	assert_non_null(st);
	c = xs_conn_new(core, &t_fake_ops, st, domid, priv);
	assert_non_null(c);
	return c;
}

struct t_fake *t_fake_of(struct xs_conn *c)
{
	return c->tp;
}

static int decode_error(const struct t_msg *m)
{
	unsigned int i;

	for (i = 0; i < xs_nr_errnames; i++)
		if (strcmp(m->body, xs_errnames[i].name) == 0)
			return -xs_errnames[i].err;
	return -EPROTO;
}

/* Splits flushed output into the reply and the watch events. */
static int collect(struct xs_conn *c, struct t_msg *reply)
{
	struct t_conn_state *st = c->tp;
	struct t_fake *f = &st->fake;
	size_t off = 0;
	int found = 0;
	struct t_msg m;

	xs_conn_flush(c);
	while (f->out_len - off >= XS_HEADER_SIZE) {
		memcpy(&m.hdr, f->out + off, XS_HEADER_SIZE);
		assert_true(m.hdr.len <= XENSTORE_PAYLOAD_MAX);
		assert_true(f->out_len - off >= XS_HEADER_SIZE + m.hdr.len);
		memcpy(m.body, f->out + off + XS_HEADER_SIZE, m.hdr.len);
		m.body[m.hdr.len] = '\0';
		off += XS_HEADER_SIZE + m.hdr.len;
		if (m.hdr.type == XS_WATCH_EVENT) {
			if (st->nr_events < T_MAX_EVENTS)
				st->events[st->nr_events++] = m;
		} else {
			if (reply)
				*reply = m;
			found++;
		}
	}
	f->out_len = 0;
	return found;
}

int t_req(struct xs_conn *c, uint32_t type, uint32_t tx, const void *payload,
	  size_t len, struct t_msg *reply)
{
	struct xsd_sockmsg hdr = { type, 77, tx, (uint32_t)len };
	char buf[XENSTORE_PAYLOAD_MAX + 1];
	struct t_msg local;

	assert_true(len <= XENSTORE_PAYLOAD_MAX);
	memcpy(buf, payload, len);
	buf[len] = '\0';
	xs_dispatch(c, &hdr, buf);
	if (!reply)
		reply = &local;
	assert_int_equal(collect(c, reply), 1);
	assert_int_equal(reply->hdr.req_id, 77);
	if (reply->hdr.type == XS_ERROR)
		return decode_error(reply);
	assert_int_equal(reply->hdr.type, type);
	return 0;
}

bool t_event(struct xs_conn *c, struct t_msg *ev)
{
	struct t_conn_state *st = c->tp;

	collect(c, NULL);
	if (!st->nr_events)
		return false;
	*ev = st->events[0];
	memmove(st->events, st->events + 1,
		--st->nr_events * sizeof(st->events[0]));
	return true;
}

void t_drop_events(struct xs_conn *c)
{
	struct t_conn_state *st = c->tp;

	collect(c, NULL);
	st->nr_events = 0;
}

void t_expect_event(struct xs_conn *c, const char *path, const char *tok)
{
	struct t_msg ev;

	if (!t_event(c, &ev))
		fail_msg("no event, want %s", path);
	assert_string_equal(ev.body, path);
	assert_string_equal(ev.body + strlen(path) + 1, tok);
	assert_int_equal(ev.hdr.len, strlen(path) + strlen(tok) + 2);
	assert_int_equal(ev.hdr.req_id, 0);
	assert_int_equal(ev.hdr.tx_id, 0);
}

void t_expect_none(struct xs_conn *c)
{
	struct t_msg ev;

	if (t_event(c, &ev))
		fail_msg("unexpected event %s", ev.body);
}

void t_fix_init(struct t_fix *f, bool peer, unsigned int guest_id,
		bool guest_home)
{
	char home[32], perms[16];

	memset(f, 0, sizeof(*f));
	f->core = t_core_new();
	f->dom0 = t_conn(f->core, 0, true);
	if (peer)
		f->peer = t_conn(f->core, 0, true);
	if (!guest_id)
		return;
	f->guest = t_conn(f->core, guest_id, false);
	if (!guest_home)
		return;
	snprintf(home, sizeof(home), "/local/domain/%u", guest_id);
	snprintf(perms, sizeof(perms), "n%u", guest_id);
	assert_int_equal(t_write(f->dom0, 0, home, ""), 0);
	assert_int_equal(t_setperms(f->dom0, 0, home, perms), 0);
}

int t_fix_teardown(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(xs_core_check(f->core), 0);
	t_core_free(f->core);
	return 0;
}

/* "a b c" -> "a\0b\0c\0" */
static size_t pack(const char *spaced, char *out)
{
	size_t n = strlen(spaced), i;

	memcpy(out, spaced, n + 1);
	for (i = 0; i < n; i++)
		if (out[i] == ' ')
			out[i] = '\0';
	return n + 1;
}

int t_strings(struct xs_conn *c, uint32_t type, uint32_t tx,
	      const char *args, struct t_msg *reply)
{
	char buf[XENSTORE_PAYLOAD_MAX];

	return t_req(c, type, tx, buf, pack(args, buf), reply);
}

int t_write(struct xs_conn *c, uint32_t tx, const char *path, const char *v)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	size_t plen = strlen(path) + 1, vlen = strlen(v);

	memcpy(buf, path, plen);
	memcpy(buf + plen, v, vlen);
	return t_req(c, XS_WRITE, tx, buf, plen + vlen, NULL);
}

int t_read(struct xs_conn *c, uint32_t tx, const char *path, char *out)
{
	struct t_msg m;
	int rc = t_req(c, XS_READ, tx, path, strlen(path) + 1, &m);

	if (!rc && out)
		memcpy(out, m.body, m.hdr.len + 1);
	return rc;
}

int t_rm(struct xs_conn *c, uint32_t tx, const char *path)
{
	return t_req(c, XS_RM, tx, path, strlen(path) + 1, NULL);
}

int t_mkdir(struct xs_conn *c, uint32_t tx, const char *path)
{
	return t_req(c, XS_MKDIR, tx, path, strlen(path) + 1, NULL);
}

int t_setperms(struct xs_conn *c, uint32_t tx, const char *path,
	       const char *perms)
{
	char args[XENSTORE_PAYLOAD_MAX];

	snprintf(args, sizeof(args), "%s %s", path, perms);
	return t_strings(c, XS_SET_PERMS, tx, args, NULL);
}

int t_watch(struct xs_conn *c, const char *path, const char *token)
{
	char args[XENSTORE_PAYLOAD_MAX];

	snprintf(args, sizeof(args), "%s %s", path, token);
	return t_strings(c, XS_WATCH, 0, args, NULL);
}

int t_txn_start(struct xs_conn *c, uint32_t *tx)
{
	struct t_msg m;
	int rc = t_req(c, XS_TRANSACTION_START, 0, "", 1, &m);

	if (!rc)
		*tx = (uint32_t)strtoul(m.body, NULL, 10);
	return rc;
}

int t_txn_end(struct xs_conn *c, uint32_t tx, bool commit)
{
	return t_req(c, XS_TRANSACTION_END, tx, commit ? "T" : "F", 2, NULL);
}
