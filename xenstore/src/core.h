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

/* What Xen says of a domain (xs_domains_check's question). */
enum xs_dom_state {
	XS_DOM_RUNNING,
	XS_DOM_SHUTDOWN,      /* shut down or crashed, not yet dying */
	XS_DOM_DYING,
	XS_DOM_GONE,
};
/* An xs_dom_state, or -errno when it cannot be told. */
typedef int xs_dom_state_fn(void *ctx, unsigned int domid);

int xs_core_init(struct xs_core *core);
/* Creates what Xen's C daemon starts with and the store lacks: /tool and
 * /tool/xenstored, empty, dom0's. 0 or -ENOMEM. */
int xs_core_populate(struct xs_core *core);
void xs_core_destroy(struct xs_core *core);
/* domain-end.c: RELEASE or death. Drops @d's ring and every node it owns,
 * takes it off the special nodes' lists and queues the watch events
 * (@releaseDomain last) on @ev. 0 or -ENOMEM (an event was lost). */
struct xs_events;
int xs_domain_end(struct xs_core *core, struct xs_domain *d,
		  struct xs_events *ev);
/* After VIRQ_DOM_EXC: asks @state about every introduced domain, fires
 * @releaseDomain once for new shutdowns and ends the dying and the gone,
 * as the C daemon's check does. 0, or the last -errno of @state. */
int xs_domains_check(struct xs_core *core, xs_dom_state_fn *state,
		     void *ctx);
/* Drops dead connections; the event loop calls it between rounds. */
void xs_core_reap(struct xs_core *core);

#endif
