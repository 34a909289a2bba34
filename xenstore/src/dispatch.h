/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One request from arrival to reply. The dispatcher checks the type, the
 * caller's privilege and the transaction once, from a table; handlers see
 * a parsed request, fill req->reply, and return 0 or a negative errno that
 * becomes an ERROR reply. Events a request produced are delivered after
 * its reply, so a watcher never learns of a change before its author.
 */
#ifndef XS_DISPATCH_H
#define XS_DISPATCH_H

#include <stdint.h>

#include "events.h"
#include "path.h"
#include "perms.h"
#include "tree.h"
#include "wire.h"

struct xs_conn;
struct xs_core;
struct xs_txn;
struct xs_watch;

#define XS_OP_PRIV 1u   /* privileged callers only: -EACCES otherwise */
#define XS_OP_TXN  2u   /* acts inside the transaction named by tx_id */

struct xs_req {
	struct xs_core *core;
	struct xs_conn *conn;
	struct xs_caller caller;
	const struct xsd_sockmsg *hdr;
	char *payload;              /* NUL-terminated copy, hdr->len bytes */
	struct xs_txn *txn;
	struct xs_tree_ctx tree;
	struct xs_events events;    /* changes outside transactions */
	struct xs_watch *new_watch; /* gets its first event after the reply */
	uint32_t reply_len;
	char reply[XENSTORE_PAYLOAD_MAX];
};

struct xs_op {
	const char *name;
	int (*run)(struct xs_req *req);
	unsigned int flags;
};

void xs_dispatch(struct xs_conn *conn, const struct xsd_sockmsg *hdr,
		 char *payload);

/* Splits the payload into @n NUL-terminated strings; what follows is
 * returned in @rest/@rest_len when asked for, and must be empty when not.
 * 0, or -EINVAL. */
int xs_req_strings(struct xs_req *req, unsigned int n, const char **out,
		   const char **rest, uint32_t *rest_len);
int xs_reply_bytes(struct xs_req *req, const void *data, size_t len);
int xs_reply_string(struct xs_req *req, const char *s);  /* with its NUL */
int xs_reply_ok(struct xs_req *req);
/* Canonical form of the caller's path argument: 0 or -EINVAL. */
int xs_req_path(struct xs_req *req, const char *in, enum xs_path_kind kind,
		char *out);

#endif
