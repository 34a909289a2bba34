/* SPDX-License-Identifier: GPL-2.0-only */
/* TRANSACTION_START and TRANSACTION_END. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "txn.h"

int xs_op_transaction_start(struct xs_req *req)
{
	char id[16];
	uint32_t txid;
	int rc;

	/* Nested transactions do not exist on the wire. */
	if (req->hdr->tx_id)
		return -EBUSY;
	rc = xs_txn_start(req->core, req->conn, &txid);
	if (rc)
		return rc;
	snprintf(id, sizeof(id), "%u", txid);
	return xs_reply_string(req, id);
}

int xs_op_transaction_end(struct xs_req *req)
{
	const char *arg;
	bool commit;
	int rc;

	if (!req->txn)
		return -ENOENT;
	rc = xs_req_strings(req, 1, &arg, NULL, NULL);
	if (rc)
		return rc;
	if (strcmp(arg, "T") == 0)
		commit = true;
	else if (strcmp(arg, "F") == 0)
		commit = false;
	else
		return -EINVAL;
	rc = xs_txn_end(req->core, req->conn, req->txn, commit);
	req->txn = NULL;
	return rc ? rc : xs_reply_ok(req);
}
