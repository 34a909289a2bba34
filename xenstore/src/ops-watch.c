/* SPDX-License-Identifier: GPL-2.0-only */
/* WATCH, UNWATCH, RESET_WATCHES. */
#include <errno.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "ops.h"
#include "path.h"
#include "txn.h"
#include "watch.h"

/* Canonical watch path, and how much of it the client left implicit. */
static int watch_args(struct xs_req *req, char *path, const char **token,
		      size_t *strip)
{
	const char *args[2], *rest;
	uint32_t rest_len;
	int rc;

	/* A reserved trailing field is allowed and ignored. */
	rc = xs_req_strings(req, 2, args, &rest, &rest_len);
	if (!rc)
		rc = xs_req_path(req, args[0], XS_PATH_WATCH, path);
	if (rc)
		return rc;
	*token = args[1];
	*strip = (args[0][0] == '/' || args[0][0] == '@') ? 0 :
		 strlen(path) - strlen(args[0]);
	return 0;
}

int xs_op_watch(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	const char *token;
	size_t strip;
	int rc = watch_args(req, path, &token, &strip);

	if (!rc)
		rc = xs_watch_add(req->core, req->conn, path, strip, token);
	if (rc)
		return rc;
	req->new_watch = req->core->watches;     /* just added at the head */
	return xs_reply_ok(req);
}

int xs_op_unwatch(struct xs_req *req)
{
	char path[XS_PATH_BUF];
	const char *token;
	size_t strip;
	int rc = watch_args(req, path, &token, &strip);

	if (!rc)
		rc = xs_watch_remove(req->core, req->conn, path, token);
	return rc ? rc : xs_reply_ok(req);
}

int xs_op_reset_watches(struct xs_req *req)
{
	xs_watch_remove_all(req->core, req->conn);
	xs_txn_abort_all(req->core, req->conn);
	return xs_reply_ok(req);
}
