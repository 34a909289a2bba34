/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains as xenstored knows them: introduced or not, their target, and the
 * counters the quotas read. A record exists for every domain that owns a
 * node or has a connection; it outlives RELEASE while it still owns nodes.
 */
#ifndef XS_DOMAIN_H
#define XS_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#define XS_NR_DOMIDS 0x10000u

struct xs_conn;

struct xs_domain {
	unsigned int domid;
	unsigned int target;         /* DOMID_INVALID when none */
	bool introduced;
	bool shutdown_seen;          /* @releaseDomain fired for its shutdown */
	unsigned long mfn;
	unsigned int evtchn;
	unsigned long nr_nodes;
	unsigned long memory;
	unsigned int nr_watches;
	unsigned int nr_txns;
	uint32_t quota_logged;       /* bit per quota: refusal already logged */
	struct xs_conn *ring_conn;   /* its ring connection, if attached */
};

struct xs_domains {
	struct xs_domain **by_id;    /* XS_NR_DOMIDS slots, filled on demand */
	unsigned int nr_introduced;
};

int xs_domains_init(struct xs_domains *ds);
void xs_domains_destroy(struct xs_domains *ds);
struct xs_domain *xs_domain_find(struct xs_domains *ds, unsigned int domid);
/* NULL only when out of memory. */
struct xs_domain *xs_domain_get(struct xs_domains *ds, unsigned int domid);

#endif
