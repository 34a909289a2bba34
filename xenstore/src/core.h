/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's state, free of any transport: the tree, the domains and
 * their quotas, all watches and connections. Everything below takes a
 * struct xs_core, so unit tests run several independent instances.
 *
 * Invariants: every live node's parent exists and lists it; a domain's
 * nr_nodes equals the count of live nodes it owns and its memory their
 * size plus its watches' (kept by the store's change hook and by
 * watch.c); a transaction
 * and a watch belong to exactly one connection and die with it.
 */
#ifndef XS_CORE_H
#define XS_CORE_H

#include <stdint.h>

#include "domain.h"
#include "quota.h"
#include "store.h"

struct xs_conn;
struct xs_watch;
struct xs_journal;
struct xs_core;

/* Where INTRODUCE finds a guest's ring; absent on a plain host. */
struct xs_ring_provider {
	int (*attach)(void *ctx, struct xs_core *core, struct xs_domain *d);
	void (*detach)(void *ctx, struct xs_core *core, struct xs_domain *d);
	void *ctx;
};

struct xs_core {
	struct xs_store store;
	struct xs_domains domains;
	struct xs_quota quota;
	struct xs_watch *watches;
	struct xs_conn *conns;
	struct xs_journal *journal;
	const struct xs_ring_provider *rings;
};

int xs_core_init(struct xs_core *core);
/* Creates what Xen's C daemon starts with and the store lacks: /tool and
 * /tool/xenstored, empty, dom0's. 0 or -ENOMEM. */
int xs_core_populate(struct xs_core *core);
void xs_core_destroy(struct xs_core *core);
/* Drops dead connections; the event loop calls it between rounds. */
void xs_core_reap(struct xs_core *core);

#endif
