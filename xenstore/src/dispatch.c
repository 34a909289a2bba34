/* SPDX-License-Identifier: GPL-2.0-only */
/* The request table and the life of one request; see dispatch.h. */
#include <errno.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "errors.h"
#include "ops.h"
#include "path.h"
#include "txn.h"
#include "watch.h"

static const struct xs_op ops[XS_TYPE_COUNT] = {
	[XS_CONTROL]        = { "CONTROL", xs_op_control, XS_OP_PRIV },
	[XS_DIRECTORY]      = { "DIRECTORY", xs_op_directory, XS_OP_TXN },
	[XS_READ]           = { "READ", xs_op_read, XS_OP_TXN },
	[XS_GET_PERMS]      = { "GET_PERMS", xs_op_get_perms, XS_OP_TXN },
	[XS_WATCH]          = { "WATCH", xs_op_watch, 0 },
	[XS_UNWATCH]        = { "UNWATCH", xs_op_unwatch, 0 },
	[XS_TRANSACTION_START] = { "TRANSACTION_START",
				   xs_op_transaction_start, 0 },
	[XS_TRANSACTION_END] = { "TRANSACTION_END", xs_op_transaction_end,
				 XS_OP_TXN },
	[XS_INTRODUCE]      = { "INTRODUCE", xs_op_introduce, XS_OP_PRIV },
	[XS_RELEASE]        = { "RELEASE", xs_op_release, XS_OP_PRIV },
	[XS_GET_DOMAIN_PATH] = { "GET_DOMAIN_PATH", xs_op_get_domain_path, 0 },
	[XS_WRITE]          = { "WRITE", xs_op_write, XS_OP_TXN },
	[XS_MKDIR]          = { "MKDIR", xs_op_mkdir, XS_OP_TXN },
	[XS_RM]             = { "RM", xs_op_rm, XS_OP_TXN },
	[XS_SET_PERMS]      = { "SET_PERMS", xs_op_set_perms, XS_OP_TXN },
	/* dom0 only, as in Xen's C and OCaml daemons. */
	[XS_IS_DOMAIN_INTRODUCED] = { "IS_DOMAIN_INTRODUCED",
				      xs_op_is_domain_introduced, XS_OP_PRIV },
	[XS_RESUME]         = { "RESUME", xs_op_resume, XS_OP_PRIV },
	[XS_SET_TARGET]     = { "SET_TARGET", xs_op_set_target, XS_OP_PRIV },
	[XS_RESET_WATCHES]  = { "RESET_WATCHES", xs_op_reset_watches, 0 },
	[XS_DIRECTORY_PART] = { "DIRECTORY_PART", xs_op_directory_part,
				XS_OP_TXN },
};

int xs_req_strings(struct xs_req *req, unsigned int n, const char **out,
		   const char **rest, uint32_t *rest_len)
{
	uint32_t len = req->hdr->len, off = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		size_t slen = strnlen(req->payload + off, len - off);

		if (off + slen >= len)
			return -EINVAL;          /* no NUL before the end */
		out[i] = req->payload + off;
		off += (uint32_t)slen + 1;
	}
	if (rest) {
		*rest = req->payload + off;
		*rest_len = len - off;
	} else if (off != len) {
		return -EINVAL;
	}
	return 0;
}

int xs_reply_bytes(struct xs_req *req, const void *data, size_t len)
{
	if (len > sizeof(req->reply) - req->reply_len)
		return -E2BIG;
	memcpy(req->reply + req->reply_len, data, len);
	req->reply_len += (uint32_t)len;
	return 0;
}

int xs_reply_string(struct xs_req *req, const char *s)
{
	return xs_reply_bytes(req, s, strlen(s) + 1);
}

int xs_reply_ok(struct xs_req *req)
{
	return xs_reply_string(req, "OK");
}

int xs_req_path(struct xs_req *req, const char *in, enum xs_path_kind kind,
		char *out)
{
	return xs_path_canon(in, req->caller.domid, kind, out);
}

static void send_error(struct xs_conn *conn, const struct xsd_sockmsg *hdr,
		       int err)
{
	const char *name = xs_errno_name(err);

	xs_conn_queue(conn, XS_ERROR, hdr->req_id, hdr->tx_id, name,
		      (uint32_t)strlen(name) + 1);
}

/* Checks the table's conditions; on success @req is ready to run. */
static int prepare(struct xs_req *req, const struct xs_op **op)
{
	uint32_t type = req->hdr->type;

	if (type >= XS_TYPE_COUNT || !ops[type].run)
		return -ENOSYS;
	*op = &ops[type];
	if (((*op)->flags & XS_OP_PRIV) && !req->caller.privileged)
		return -EACCES;
	if (((*op)->flags & XS_OP_TXN) && req->hdr->tx_id) {
		req->txn = xs_txn_find(req->conn, req->hdr->tx_id);
		if (!req->txn)
			return -ENOENT;
	}
	req->tree.core = req->core;
	req->tree.view.store = &req->core->store;
	req->tree.view.ov = req->txn ? &req->txn->ov : NULL;
	req->tree.caller = &req->caller;
	req->tree.events = req->txn ? &req->txn->events : &req->events;
	req->tree.txn = req->txn;
	return 0;
}

void xs_dispatch(struct xs_conn *conn, const struct xsd_sockmsg *hdr,
		 char *payload)
{
	struct xs_req req;
	const struct xs_op *op = NULL;
	int rc;

	req.core = conn->core;
	req.conn = conn;
	req.caller.domid = conn->domid;
	req.caller.target = conn->dom->target;
	req.caller.privileged = conn->privileged;
	req.hdr = hdr;
	req.payload = payload;
	req.txn = NULL;
	req.new_watch = NULL;
	req.reply_len = 0;
	xs_events_init(&req.events);

	rc = prepare(&req, &op);
	if (rc == 0) {
		unsigned long refused = req.txn ? req.txn->ov.refused : 0;

		rc = op->run(&req);
		/* The transaction touched more nodes than its quota allows:
		 * this request fails, and so will the commit. (TRANSACTION_END
		 * clears req.txn.) */
		if (!rc && req.txn && req.txn->ov.refused != refused)
			rc = xs_quota_check(&conn->core->quota, conn->dom,
					    XS_QUOTA_TXN_NODES,
					    req.txn->ov.seen.count + 1);
	}
	if (rc)
		send_error(conn, hdr, -rc);
	else
		xs_conn_queue(conn, hdr->type, hdr->req_id, hdr->tx_id,
			      req.reply, req.reply_len);
	/* After the reply: the watch's first event, then everyone's. */
	if (req.new_watch)
		xs_watch_fire_one(req.new_watch, req.new_watch->path);
	xs_watch_fire(conn->core, &req.events);
}
