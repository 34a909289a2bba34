/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-domain quotas. They bind unprivileged domains only, as in Xen; a
 * refusal returns the quota's errno and is logged once per domain and
 * quota, naming both and the limit, so an operator can see why.
 */
#ifndef XS_QUOTA_H
#define XS_QUOTA_H

enum xs_quota_id {
	XS_QUOTA_NODES,          /* nodes a domain owns */
	XS_QUOTA_NODE_SIZE,      /* value + perms + child names of one node */
	XS_QUOTA_PERMS,          /* entries in one node's permission list */
	XS_QUOTA_WATCHES,        /* watches of a domain */
	XS_QUOTA_TRANSACTIONS,   /* open transactions of a domain */
	XS_QUOTA_OUTSTANDING,    /* replies queued but not yet read */
	XS_QUOTA_MEMORY,         /* bytes of a domain's nodes and watches */
	XS_QUOTA_TXN_NODES,      /* nodes one transaction may touch (copy) */
	XS_QUOTA_COUNT,
};

struct xs_quota {
	unsigned long limit[XS_QUOTA_COUNT];
};

struct xs_domain;

void xs_quota_defaults(struct xs_quota *q);
const char *xs_quota_name(enum xs_quota_id id);
/* "name=value": 0, or -EINVAL for an unknown name or a bad number. */
int xs_quota_parse(struct xs_quota *q, const char *assignment);
/* 0 if @value fits the quota, else its -errno, logged once for @d. */
int xs_quota_check(const struct xs_quota *q, struct xs_domain *d,
		   enum xs_quota_id id, unsigned long value);

#endif
