/* SPDX-License-Identifier: GPL-2.0-only */
/* Watch registry and event delivery; see watch.h for the matching rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "path.h"
#include "watch.h"

static struct xs_caller conn_caller(const struct xs_conn *c)
{
	struct xs_caller caller = {
		.domid = c->domid,
		.target = c->dom ? c->dom->target : DOMID_INVALID,
		.privileged = c->privileged,
	};
	return caller;
}

/* What a watch costs its domain's memory quota. */
static size_t watch_size(size_t path_len, size_t token_len)
{
	return sizeof(struct xs_watch) + path_len + token_len;
}

int xs_watch_add(struct xs_core *core, struct xs_conn *conn,
		 const char *path, size_t rel_prefix, const char *token)
{
	size_t plen = strlen(path) + 1, tlen = strlen(token) + 1;
	struct xs_watch *w;
	int rc;

	for (w = core->watches; w; w = w->next)
		if (w->conn == conn && !strcmp(w->path, path) &&
		    !strcmp(w->token, token))
			return -EEXIST;
	if (!conn->privileged) {
		rc = xs_quota_check(&core->quota, conn->dom, XS_QUOTA_WATCHES,
				    conn->dom->nr_watches + 1ul);
		if (!rc)
			rc = xs_quota_check(&core->quota, conn->dom,
					    XS_QUOTA_MEMORY,
					    conn->dom->memory + watch_size(plen, tlen));
		if (rc)
			return rc;
	}
	w = malloc(watch_size(plen, tlen));
	if (!w)
		return -ENOMEM;
	w->conn = conn;
	w->strip = rel_prefix;
	memcpy(w->path, path, plen);
	w->token = w->path + plen;
	memcpy(w->token, token, tlen);
	w->next = core->watches;
	core->watches = w;
	conn->dom->nr_watches++;
	conn->dom->memory += watch_size(plen, tlen);
	return 0;
}

static void watch_free(struct xs_watch *w)
{
	w->conn->dom->nr_watches--;
	w->conn->dom->memory -= watch_size(strlen(w->path) + 1,
					   strlen(w->token) + 1);
	free(w);
}

int xs_watch_remove(struct xs_core *core, struct xs_conn *conn,
		    const char *path, const char *token)
{
	struct xs_watch **pw, *w;

	for (pw = &core->watches; (w = *pw); pw = &w->next) {
		if (w->conn == conn && !strcmp(w->path, path) &&
		    !strcmp(w->token, token)) {
			*pw = w->next;
			watch_free(w);
			return 0;
		}
	}
	return -ENOENT;
}

void xs_watch_remove_all(struct xs_core *core, struct xs_conn *conn)
{
	struct xs_watch **pw = &core->watches, *w;

	while ((w = *pw)) {
		if (w->conn == conn) {
			*pw = w->next;
			watch_free(w);
		} else {
			pw = &w->next;
		}
	}
}

void xs_watch_fire_one(struct xs_watch *w, const char *path)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	size_t plen, tlen = strlen(w->token) + 1;

	/* Relative watches see relative paths; the root of a relative watch
	 * cannot be an event path shorter than the prefix. */
	if (w->strip && strlen(path) > w->strip)
		path += w->strip;
	plen = strlen(path) + 1;
	if (plen + tlen > sizeof(buf))
		return;     /* cannot happen with bounded paths and tokens */
	memcpy(buf, path, plen);
	memcpy(buf + plen, w->token, tlen);
	xs_conn_queue(w->conn, XS_WATCH_EVENT, 0, 0, buf, plen + tlen);
}

static bool can_read(const struct xs_caller *c, const struct xs_perm *perms,
		     unsigned int nr)
{
	return nr && (xs_perm_for(c, perms, nr) & XS_PERM_READ);
}

/* As in Xen's daemons: the watcher may read the changed node now, or could
 * before a permission change, or may read the node's parent (so a
 * directory's reader hears of children it cannot read, but not what they
 * hold). @parent is the live parent, NULL for special paths and "/". */
static bool may_see(const struct xs_watch *w, const struct xs_event *e,
		    const struct xs_node *parent)
{
	struct xs_caller c = conn_caller(w->conn);

	return can_read(&c, e->perms, e->nr_perms) ||
	       can_read(&c, e->old_perms, e->nr_old_perms) ||
	       (parent && can_read(&c, xs_node_perms(parent),
				   parent->nr_perms));
}

static const struct xs_node *live_parent(struct xs_core *core,
					 const char *path)
{
	size_t len = strlen(path);

	if (path[0] != '/' || len == 1)
		return NULL;
	return xs_map_get(&core->store.nodes, path,
			  xs_path_parent_len(path, len));
}

static void fire_event(struct xs_core *core, const struct xs_event *e)
{
	const struct xs_node *parent = live_parent(core, e->path);
	struct xs_watch *w;

	for (w = core->watches; w; w = w->next) {
		if (w->conn->dead || !may_see(w, e, parent))
			continue;
		if (xs_path_is_child(e->path, w->path))
			xs_watch_fire_one(w, e->path);
		else if (e->recursive && xs_path_is_child(w->path, e->path))
			xs_watch_fire_one(w, w->path);
	}
}

void xs_watch_fire(struct xs_core *core, struct xs_events *ev)
{
	struct xs_event *e;

	for (e = ev->head; e; e = e->next)
		fire_event(core, e);
	xs_events_clear(ev);
}
