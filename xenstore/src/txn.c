/* SPDX-License-Identifier: GPL-2.0-only */
/* Transaction lifecycle: start, look up, commit or discard. */
#include <errno.h>
#include <stdlib.h>

#include "conn.h"
#include "core.h"
#include "txn.h"
#include "watch.h"

int xs_txn_start(struct xs_core *core, struct xs_conn *conn, uint32_t *id)
{
	struct xs_txn *txn;
	int rc;

	if (!conn->privileged) {
		rc = xs_quota_check(&core->quota, conn->dom,
				    XS_QUOTA_TRANSACTIONS,
				    conn->dom->nr_txns + 1ul);
		if (rc)
			return rc;
	}
	txn = calloc(1, sizeof(*txn));
	if (!txn)
		return -ENOMEM;
	/* Numbered per connection from 1, as by Xen's C daemon; 0 means "no
	 * transaction" on the wire, and an id still open is skipped. */
	do
		txn->id = ++conn->next_txid;
	while (txn->id == 0 || xs_txn_find(conn, txn->id));
	xs_overlay_init(&txn->ov);
	if (!conn->privileged)
		txn->ov.max_seen = core->quota.limit[XS_QUOTA_TXN_NODES];
	xs_events_init(&txn->events);
	txn->next = conn->txns;
	conn->txns = txn;
	conn->dom->nr_txns++;
	*id = txn->id;
	return 0;
}

struct xs_txn *xs_txn_find(struct xs_conn *conn, uint32_t id)
{
	struct xs_txn *txn;

	for (txn = conn->txns; txn; txn = txn->next)
		if (txn->id == id)
			return txn;
	return NULL;
}

static void txn_unlink_free(struct xs_conn *conn, struct xs_txn *txn)
{
	struct xs_txn **pt;

	for (pt = &conn->txns; *pt; pt = &(*pt)->next) {
		if (*pt == txn) {
			*pt = txn->next;
			break;
		}
	}
	conn->dom->nr_txns--;
	xs_overlay_destroy(&txn->ov);
	xs_events_clear(&txn->events);
	free(txn);
}

int xs_txn_end(struct xs_core *core, struct xs_conn *conn, struct xs_txn *txn,
	       bool commit)
{
	int rc = 0;

	if (commit) {
		rc = xs_store_commit(&core->store, &txn->ov);
		if (rc == 0)
			xs_watch_fire(core, &txn->events);
	}
	txn_unlink_free(conn, txn);
	return rc;
}

void xs_txn_abort_all(struct xs_core *core, struct xs_conn *conn)
{
	while (conn->txns)
		xs_txn_end(core, conn, conn->txns, false);
}
