/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A client connection: framing of incoming messages, the queue of outgoing
 * ones, and the limits that keep one client from hurting the others. A
 * header announcing more than XENSTORE_PAYLOAD_MAX bytes drops the client,
 * as in Xen; a client with too many unread replies is not read from until
 * it catches up; one whose queue passes XS_OUT_BYTES_MAX is dropped.
 */
#ifndef XS_CONN_H
#define XS_CONN_H

#include <stdbool.h>
#include <stdint.h>

#include "transport.h"
#include "wire.h"

#define XS_IN_BUF_SIZE      (2 * (XS_HEADER_SIZE + XENSTORE_PAYLOAD_MAX))
#define XS_OUT_BYTES_MAX    (1u << 20)
#define XS_PRIV_OUTSTANDING 1024   /* dom0 tools pipeline more */

struct xs_core;
struct xs_domain;
struct xs_txn;

struct xs_outmsg {
	struct xs_outmsg *next;
	uint32_t len;
	bool is_reply;
	char data[];
};

struct xs_conn {
	struct xs_conn *next;
	struct xs_core *core;
	const struct xs_transport_ops *ops;
	void *tp;
	unsigned int domid;
	bool privileged;
	bool dead;
	struct xs_domain *dom;
	uint32_t in_len;
	char in_buf[XS_IN_BUF_SIZE];
	struct xs_outmsg *out_head, **out_tail;
	uint32_t out_off;              /* bytes of out_head already sent */
	unsigned int nr_replies;       /* queued replies not yet sent */
	size_t out_bytes;
	struct xs_txn *txns;
	uint32_t next_txid;            /* ids count from 1 per connection */
};

/* Takes ownership of @tp; NULL (and @tp destroyed) when out of memory. */
struct xs_conn *xs_conn_new(struct xs_core *core,
			    const struct xs_transport_ops *ops, void *tp,
			    unsigned int domid, bool privileged);
void xs_conn_destroy(struct xs_conn *conn);
/* Queues a message; marks the connection dead past XS_OUT_BYTES_MAX. */
int xs_conn_queue(struct xs_conn *conn, uint32_t type, uint32_t req_id,
		  uint32_t tx_id, const void *payload, uint32_t len);
/* Sends what the transport takes now. 0, or -errno: drop the client. */
int xs_conn_flush(struct xs_conn *conn);
bool xs_conn_has_output(const struct xs_conn *conn);
/* Reads what the transport has. 0, or -errno: drop the client. */
int xs_conn_read(struct xs_conn *conn);
/* Handles buffered complete messages while the client may have more.
 * 0, or -errno: drop the client. */
int xs_conn_process(struct xs_conn *conn);
bool xs_conn_wants_input(const struct xs_conn *conn);
/* A whole request (or a header to refuse) is buffered and may be handled. */
bool xs_conn_has_request(const struct xs_conn *conn);

#endif
