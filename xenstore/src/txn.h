/* SPDX-License-Identifier: GPL-2.0-only */
/* Transactions: an overlay view of the tree owned by one connection. */
#ifndef XS_TXN_H
#define XS_TXN_H

#include <stdint.h>

#include "events.h"
#include "store.h"

struct xs_conn;
struct xs_core;

struct xs_txn {
	struct xs_txn *next;
	uint32_t id;
	struct xs_overlay ov;
	struct xs_events events;     /* fired only if the commit succeeds */
	unsigned long nr_created;    /* nodes created, for the nodes quota */
};

/* 0 and *id, a quota errno or -ENOMEM. */
int xs_txn_start(struct xs_core *core, struct xs_conn *conn, uint32_t *id);
struct xs_txn *xs_txn_find(struct xs_conn *conn, uint32_t id);
/* Ends @txn (freed either way): 0, -EAGAIN on conflict, -ENOMEM. */
int xs_txn_end(struct xs_core *core, struct xs_conn *conn, struct xs_txn *txn,
	       bool commit);
void xs_txn_abort_all(struct xs_core *core, struct xs_conn *conn);

#endif
