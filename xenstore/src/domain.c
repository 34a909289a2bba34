/* SPDX-License-Identifier: GPL-2.0-only */
/* The domain table: one lazily allocated record per domid. */
#include <stdlib.h>

#include "domain.h"
#include "perms.h"

int xs_domains_init(struct xs_domains *ds)
{
	/* calloc'd pages stay untouched, so the table costs little RSS. */
	ds->by_id = calloc(XS_NR_DOMIDS, sizeof(*ds->by_id));
	ds->nr_introduced = 0;
	return ds->by_id ? 0 : -1;
}

void xs_domains_destroy(struct xs_domains *ds)
{
	unsigned int i;

	if (!ds->by_id)
		return;
	for (i = 0; i < XS_NR_DOMIDS; i++)
		free(ds->by_id[i]);
	free(ds->by_id);
	ds->by_id = NULL;
}

struct xs_domain *xs_domain_find(struct xs_domains *ds, unsigned int domid)
{
	return domid < XS_NR_DOMIDS ? ds->by_id[domid] : NULL;
}

struct xs_domain *xs_domain_get(struct xs_domains *ds, unsigned int domid)
{
	struct xs_domain *d;

	if (domid >= XS_NR_DOMIDS)
		return NULL;
	d = ds->by_id[domid];
	if (d)
		return d;
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->domid = domid;
	d->target = DOMID_INVALID;
	ds->by_id[domid] = d;
	return d;
}
