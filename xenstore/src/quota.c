/* SPDX-License-Identifier: GPL-2.0-only */
/* Quota table, parsing and the log-once refusal. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "log.h"
#include "quota.h"

struct quota_desc {
	const char *name;
	unsigned long def;
	int err;            /* what Xen's C xenstored answers past the limit */
};

static const struct quota_desc quotas[XS_QUOTA_COUNT] = {
	[XS_QUOTA_NODES]        = { "nodes",        1000,        ENOSPC },
	[XS_QUOTA_NODE_SIZE]    = { "node-size",    2048,        ENOSPC },
	[XS_QUOTA_PERMS]        = { "perms",        5,           ENOSPC },
	[XS_QUOTA_WATCHES]      = { "watches",      128,         E2BIG },
	[XS_QUOTA_TRANSACTIONS] = { "transactions", 10,          ENOSPC },
	[XS_QUOTA_OUTSTANDING]  = { "outstanding",  20,          EBUSY },
	[XS_QUOTA_MEMORY]       = { "memory",       2 << 20,     ENOMEM },
	[XS_QUOTA_TXN_NODES]    = { "transaction-nodes", 1024,   ENOSPC },
};

void xs_quota_defaults(struct xs_quota *q)
{
	int i;

	for (i = 0; i < XS_QUOTA_COUNT; i++)
		q->limit[i] = quotas[i].def;
}

const char *xs_quota_name(enum xs_quota_id id)
{
	return quotas[id].name;
}

int xs_quota_parse(struct xs_quota *q, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	unsigned long v;
	char *end;
	int i;

	if (!eq || eq[1] < '0' || eq[1] > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(eq + 1, &end, 10);
	if (errno || *end)
		return -EINVAL;
	for (i = 0; i < XS_QUOTA_COUNT; i++) {
		if (strlen(quotas[i].name) == (size_t)(eq - assignment) &&
		    strncmp(quotas[i].name, assignment, eq - assignment) == 0) {
			q->limit[i] = v;
			return 0;
		}
	}
	return -EINVAL;
}

int xs_quota_check(const struct xs_quota *q, struct xs_domain *d,
		   enum xs_quota_id id, unsigned long value)
{
	if (value <= q->limit[id])
		return 0;
	if (!(d->quota_logged & (1u << id))) {
		d->quota_logged |= 1u << id;
		xs_log("domain %u: quota %s=%lu reached (wanted %lu): refusing",
		       d->domid, quotas[id].name, q->limit[id], value);
	}
	return -quotas[id].err;
}
