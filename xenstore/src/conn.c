/* SPDX-License-Identifier: GPL-2.0-only */
/* Connection framing, output queue and per-client limits; see conn.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "dispatch.h"
#include "log.h"
#include "txn.h"
#include "watch.h"

struct xs_conn *xs_conn_new(struct xs_core *core,
			    const struct xs_transport_ops *ops, void *tp,
			    unsigned int domid, bool privileged)
{
	struct xs_conn *c = calloc(1, sizeof(*c));

	if (c)
		c->dom = xs_domain_get(&core->domains, domid);
	if (!c || !c->dom) {
		free(c);
		ops->destroy(tp);
		return NULL;
	}
	c->core = core;
	c->ops = ops;
	c->tp = tp;
	c->domid = domid;
	c->privileged = privileged;
	c->out_tail = &c->out_head;
	c->next = core->conns;
	core->conns = c;
	return c;
}

static void unlink_conn(struct xs_conn *conn)
{
	struct xs_conn **pc;

	for (pc = &conn->core->conns; *pc; pc = &(*pc)->next) {
		if (*pc == conn) {
			*pc = conn->next;
			return;
		}
	}
}

void xs_conn_destroy(struct xs_conn *conn)
{
	struct xs_outmsg *m, *next;

	unlink_conn(conn);
	xs_watch_remove_all(conn->core, conn);
	xs_txn_abort_all(conn->core, conn);
	for (m = conn->out_head; m; m = next) {
		next = m->next;
		free(m);
	}
	if (conn->dom->ring_conn == conn)
		conn->dom->ring_conn = NULL;
	conn->ops->destroy(conn->tp);
	free(conn);
}

int xs_conn_queue(struct xs_conn *conn, uint32_t type, uint32_t req_id,
		  uint32_t tx_id, const void *payload, uint32_t len)
{
	struct xsd_sockmsg hdr = { type, req_id, tx_id, len };
	struct xs_outmsg *m;

	if (conn->dead)
		return -EPIPE;
	m = malloc(sizeof(*m) + XS_HEADER_SIZE + len);
	if (!m)
		return -ENOMEM;
	m->next = NULL;
	m->len = XS_HEADER_SIZE + len;
	m->is_reply = type != XS_WATCH_EVENT;
	memcpy(m->data, &hdr, XS_HEADER_SIZE);
	if (len)
		memcpy(m->data + XS_HEADER_SIZE, payload, len);
	*conn->out_tail = m;
	conn->out_tail = &m->next;
	conn->out_bytes += m->len;
	conn->nr_replies += m->is_reply;
	if (conn->out_bytes > XS_OUT_BYTES_MAX) {
		xs_log_guest("domain %u: client does not read its replies "
		       "(%zu bytes queued): dropped", conn->domid,
		       conn->out_bytes);
		conn->dead = true;
	}
	return 0;
}

bool xs_conn_has_output(const struct xs_conn *conn)
{
	return conn->out_head != NULL;
}

/* Sends from the head message: bytes sent, 0 if the transport is full,
 * or -errno. */
static long send_some(struct xs_conn *conn)
{
	struct xs_outmsg *m = conn->out_head;
	long n = conn->ops->send(conn->tp, m->data + conn->out_off,
				 m->len - conn->out_off);

	if (n <= 0)
		return n;
	conn->out_off += (uint32_t)n;
	if (conn->out_off < m->len)
		return n;
	conn->out_head = m->next;
	if (!conn->out_head)
		conn->out_tail = &conn->out_head;
	conn->out_off = 0;
	conn->out_bytes -= m->len;
	conn->nr_replies -= m->is_reply;
	free(m);
	return n;
}

int xs_conn_flush(struct xs_conn *conn)
{
	bool sent = false;
	long rc = 0;

	while (conn->out_head) {
		rc = send_some(conn);
		if (rc <= 0)
			break;
		sent = true;
	}
	if (sent && conn->ops->kick)
		conn->ops->kick(conn->tp);
	return rc < 0 ? (int)rc : 0;
}

static unsigned long outstanding_limit(const struct xs_conn *conn)
{
	return conn->privileged ? XS_PRIV_OUTSTANDING
				: conn->core->quota.limit[XS_QUOTA_OUTSTANDING];
}

bool xs_conn_wants_input(const struct xs_conn *conn)
{
	return !conn->dead && conn->nr_replies < outstanding_limit(conn);
}

bool xs_conn_has_request(const struct xs_conn *conn)
{
	struct xsd_sockmsg hdr;

	if (!xs_conn_wants_input(conn) || conn->in_len < XS_HEADER_SIZE)
		return false;
	memcpy(&hdr, conn->in_buf, XS_HEADER_SIZE);
	return hdr.len > XENSTORE_PAYLOAD_MAX ||
	       conn->in_len >= XS_HEADER_SIZE + hdr.len;
}

int xs_conn_read(struct xs_conn *conn)
{
	long n;

	if (conn->in_len == XS_IN_BUF_SIZE)
		return 0;        /* full: wait until processing drains it */
	n = conn->ops->recv(conn->tp, conn->in_buf + conn->in_len,
			    XS_IN_BUF_SIZE - conn->in_len);
	if (n < 0)
		return (int)n;
	conn->in_len += (uint32_t)n;
	return 0;
}

int xs_conn_process(struct xs_conn *conn)
{
	char payload[XENSTORE_PAYLOAD_MAX + 1];
	struct xsd_sockmsg hdr;
	uint32_t off = 0;
	int rc = 0;

	while (xs_conn_wants_input(conn) &&
	       conn->in_len - off >= XS_HEADER_SIZE) {
		memcpy(&hdr, conn->in_buf + off, XS_HEADER_SIZE);
		if (hdr.len > XENSTORE_PAYLOAD_MAX) {
			xs_log_guest("domain %u: message of %u bytes, over the %u "
			       "limit: dropped", conn->domid, hdr.len,
			       XENSTORE_PAYLOAD_MAX);
			rc = -E2BIG;
			break;
		}
		if (conn->in_len - off < XS_HEADER_SIZE + hdr.len)
			break;
		/* Our own NUL-terminated copy: parsing never runs off it. */
		memcpy(payload, conn->in_buf + off + XS_HEADER_SIZE, hdr.len);
		payload[hdr.len] = '\0';
		off += XS_HEADER_SIZE + hdr.len;
		xs_dispatch(conn, &hdr, payload);
	}
	if (off) {
		memmove(conn->in_buf, conn->in_buf + off, conn->in_len - off);
		conn->in_len -= off;
	}
	/* Throttled, not refused: say so once, like any other quota. */
	if (!conn->privileged && !conn->dead && conn->in_len &&
	    conn->nr_replies >= outstanding_limit(conn))
		xs_quota_check(&conn->core->quota, conn->dom,
			       XS_QUOTA_OUTSTANDING, conn->nr_replies + 1ul);
	return rc;
}
