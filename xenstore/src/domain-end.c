/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The end of a domain's life in the store: on RELEASE or when Xen reports
 * it dying or gone. As Xen 4.17's C daemon does, every node the domain
 * owns is removed with its subtree (the watches inside fire), the domain
 * leaves the permission lists of @introduceDomain and @releaseDomain, its
 * ring is dropped and @releaseDomain fires.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "log.h"
#include "path.h"
#include "tree.h"
#include "watch.h"

struct path_list {
	char **paths;
	size_t nr, cap;
};

static int list_add(struct path_list *l, const char *path)
{
	char **p;

	if (l->nr == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		p = realloc(l->paths, l->cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		l->paths = p;
	}
	l->paths[l->nr] = strdup(path);
	if (!l->paths[l->nr])
		return -ENOMEM;
	l->nr++;
	return 0;
}

static void list_free(struct path_list *l)
{
	while (l->nr)
		free(l->paths[--l->nr]);
	free(l->paths);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tree's nodes owned by @domid, parents before children (a prefix
 * sorts first), special nodes left out. */
static int owned_paths(struct xs_core *core, unsigned int domid,
		       struct path_list *l)
{
	const struct xs_node *n;
	size_t idx = 0;
	int rc;

	while ((n = xs_map_next(&core->store.nodes, &idx))) {
		if (xs_node_owner(n) != domid || xs_node_path(n)[0] != '/')
			continue;
		rc = list_add(l, xs_node_path(n));
		if (rc)
			return rc;
	}
	if (l->nr)
		qsort(l->paths, l->nr, sizeof(*l->paths), by_path);
	return 0;
}

static void remove_owned(struct xs_core *core, unsigned int domid,
			 struct xs_events *ev)
{
	static const struct xs_caller dom0 = { 0, DOMID_INVALID, true };
	struct xs_tree_ctx t = {
		.core = core, .view = { .store = &core->store },
		.caller = &dom0, .events = ev,
	};
	struct path_list l = { 0 };
	const struct xs_node *n;
	size_t i;
	int rc = owned_paths(core, domid, &l);

	for (i = 0; !rc && i < l.nr; i++) {
		/* Gone with an ancestor removed earlier, or changed hands. */
		n = xs_view_get(&t.view, l.paths[i]);
		if (!n || xs_node_owner(n) != domid)
			continue;
		rc = xs_tree_rm(&t, l.paths[i]);
	}
	if (rc)
		xs_log("domain %u: removing its nodes: %s", domid,
		       strerror(-rc));
	list_free(&l);
}

/* Drops @domid from a special node's list; an owner entry becomes dom0's,
 * as the C daemon does. */
static void unlist_special(struct xs_core *core, const char *path,
			   unsigned int domid)
{
	struct xs_view v = { .store = &core->store };
	const struct xs_node *n = xs_view_get(&v, path);
	struct xs_perm perms[XS_PERMS_MAX];
	unsigned int i, nr = 1;

	if (!n)
		return;
	perms[0] = xs_node_perms(n)[0];
	if (perms[0].domid == domid)
		perms[0].domid = 0;
	for (i = 1; i < n->nr_perms; i++)
		if (xs_node_perms(n)[i].domid != domid)
			perms[nr++] = xs_node_perms(n)[i];
	if (nr == n->nr_perms && perms[0].domid == xs_node_owner(n))
		return;
	if (xs_view_put(&v, xs_node_with_perms(n, perms, nr)))
		xs_log("domain %u: cannot update %s", domid, path);
}

int xs_domain_end(struct xs_core *core, struct xs_domain *d,
		  struct xs_events *ev)
{
	struct xs_view v = { .store = &core->store };
	const struct xs_node *rel;

	if (d->introduced) {
		if (core->rings)
			core->rings->detach(core->rings->ctx, core, d);
		if (d->ring_conn)
			d->ring_conn->dead = true;
		d->introduced = false;
		core->domains.nr_introduced--;
	}
	d->shutdown_seen = false;
	remove_owned(core, d->domid, ev);
	unlist_special(core, XS_SPECIAL_INTRODUCE, d->domid);
	unlist_special(core, XS_SPECIAL_RELEASE, d->domid);
	rel = xs_view_get(&v, XS_SPECIAL_RELEASE);
	return rel ? xs_events_add(ev, XS_SPECIAL_RELEASE, rel, false) : 0;
}

int xs_domains_check(struct xs_core *core, xs_dom_state_fn *state, void *ctx)
{
	struct xs_events ev;
	struct xs_domain *d;
	bool notify = false, ended = false;
	unsigned int id;
	int rc = 0, st;

	xs_events_init(&ev);
	for (id = 1; id <= XS_DOMID_MAX; id++) {
		d = xs_domain_find(&core->domains, id);
		if (!d || !d->introduced)
			continue;
		st = state(ctx, id);
		if (st < 0) {
			rc = st;         /* cannot tell: leave it be */
			continue;
		}
		if (st == XS_DOM_RUNNING)
			continue;
		if (st == XS_DOM_SHUTDOWN) {
			/* Once per shutdown: RESUME arms it again. */
			notify |= !d->shutdown_seen;
			d->shutdown_seen = true;
			continue;
		}
		/* Dying or gone: the C daemon drops it now. */
		xs_log("domain %u is %s: releasing it", id,
		       st == XS_DOM_DYING ? "dying" : "gone");
		if (xs_domain_end(core, d, &ev))
			rc = -ENOMEM;
		ended = true;
	}
	/* One @releaseDomain per check: an ended domain's already says it. */
	if (notify && !ended) {
		struct xs_view v = { .store = &core->store };
		const struct xs_node *rel = xs_view_get(&v, XS_SPECIAL_RELEASE);

		if (rel && xs_events_add(&ev, XS_SPECIAL_RELEASE, rel, false))
			rc = -ENOMEM;
	}
	xs_watch_fire(core, &ev);
	return rc;
}
