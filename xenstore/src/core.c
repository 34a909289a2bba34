/* SPDX-License-Identifier: GPL-2.0-only */
/* Core set-up, node accounting and connection reaping. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "journal.h"
#include "path.h"
#include "tree.h"

static void account(struct xs_core *core, const struct xs_node *n, int sign)
{
	struct xs_domain *d = xs_domain_get(&core->domains, xs_node_owner(n));

	/* Without a record (out of memory) the node goes uncounted: quotas
	 * err towards allowing rather than corrupting the counters. */
	if (!d)
		return;
	if (sign > 0) {
		d->nr_nodes++;
		d->memory += xs_node_alloc_size(n);
	} else {
		d->nr_nodes--;
		d->memory -= xs_node_alloc_size(n);
	}
}

static void node_changed(void *ctx, const struct xs_node *old,
			 const struct xs_node *new)
{
	struct xs_core *core = ctx;

	if (old)
		account(core, old, -1);
	if (new)
		account(core, new, +1);
	if (core->journal)
		xs_journal_record(core->journal, old, new);
}

/* The special nodes carry the permissions that decide who sees the
 * @introduceDomain and @releaseDomain events; they hang off no parent. */
static int add_special(struct xs_core *core, const char *path)
{
	static const struct xs_perm perm = { 0, XS_PERM_NONE, 0 };
	struct xs_node_spec s = {
		.path = path, .path_len = strlen(path), .perms = &perm,
		.nr_perms = 1,
	};
	struct xs_view v = { .store = &core->store };

	if (xs_view_get(&v, path))
		return 0;
	return xs_view_put(&v, xs_node_build(&s));
}

int xs_core_init(struct xs_core *core)
{
	memset(core, 0, sizeof(*core));
	xs_quota_defaults(&core->quota);
	if (xs_domains_init(&core->domains))
		return -ENOMEM;
	if (xs_store_init(&core->store)) {
		xs_domains_destroy(&core->domains);
		return -ENOMEM;
	}
	core->store.changed = node_changed;
	core->store.changed_ctx = core;
	/* The root predates the hook: count it for dom0 by hand. */
	account(core, xs_map_get(&core->store.nodes, "/", 1), +1);
	if (add_special(core, XS_SPECIAL_INTRODUCE) ||
	    add_special(core, XS_SPECIAL_RELEASE)) {
		xs_core_destroy(core);
		return -ENOMEM;
	}
	return 0;
}

int xs_core_populate(struct xs_core *core)
{
	static const struct xs_caller dom0 = { 0, DOMID_INVALID, true };
	struct xs_events ev;
	struct xs_tree_ctx t = {
		.core = core, .view = { .store = &core->store },
		.caller = &dom0, .events = &ev,
	};
	int rc;

	xs_events_init(&ev);
	rc = xs_tree_mkdir(&t, "/tool/xenstored");
	xs_events_clear(&ev);       /* nobody is connected yet */
	return rc;
}

void xs_core_destroy(struct xs_core *core)
{
	while (core->conns)
		xs_conn_destroy(core->conns);
	xs_store_destroy(&core->store);
	xs_domains_destroy(&core->domains);
}

void xs_core_reap(struct xs_core *core)
{
	struct xs_conn **pc = &core->conns, *c;

	while ((c = *pc)) {
		if (c->dead)
			xs_conn_destroy(c);   /* unlinks itself */
		else
			pc = &c->next;
	}
}
