/* SPDX-License-Identifier: GPL-2.0-only */
/* Live tree and transaction overlays; see store.h for the rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int xs_store_init(struct xs_store *s)
{
	static const struct xs_perm root_perm = { 0, XS_PERM_NONE, 0 };
	struct xs_node_spec spec = {
		.path = "/", .path_len = 1, .perms = &root_perm, .nr_perms = 1,
	};
	struct xs_node *root;

	memset(s, 0, sizeof(*s));
	xs_map_init(&s->nodes);
	root = xs_node_build(&spec);
	if (!root)
		return -ENOMEM;
	root->gen = ++s->gen;
	if (xs_map_put(&s->nodes, root) == root) {
		free(root);
		return -ENOMEM;
	}
	return 0;
}

void xs_store_destroy(struct xs_store *s)
{
	xs_map_destroy(&s->nodes, 1);
}

void xs_overlay_init(struct xs_overlay *ov)
{
	xs_map_init(&ov->nodes);
	xs_map_init(&ov->seen);
	ov->lost_track = false;
	ov->max_seen = 0;
	ov->refused = 0;
}

void xs_overlay_destroy(struct xs_overlay *ov)
{
	xs_map_destroy(&ov->nodes, 1);
	xs_map_destroy(&ov->seen, 1);
}

/* Keeps a copy of what the live tree holds at @path the first time a view
 * uses it, and returns what the view is to see there from now on. */
static const struct xs_node *remember(struct xs_view *v, const char *path,
				      size_t len)
{
	const struct xs_node *live = xs_map_get(&v->store->nodes, path, len);
	struct xs_node *rec = xs_map_get(&v->ov->seen, path, len);

	if (rec)
		return (rec->flags & XS_NODE_TOMBSTONE) ? NULL : rec;
	/* Copies cost memory: a bounded view refuses more (the request
	 * fails, see dispatch.c, and so does the commit). */
	if (v->ov->max_seen && v->ov->seen.count >= v->ov->max_seen) {
		v->ov->refused++;
		return live;
	}
	rec = live ? xs_node_dup(live) : xs_node_tombstone(path, len);
	if (!rec) {
		v->ov->lost_track = true;     /* not repeatable: commit fails */
		return live;
	}
	if (xs_map_put(&v->ov->seen, rec) == rec) {
		free(rec);
		v->ov->lost_track = true;
		return live;
	}
	return live ? rec : NULL;
}

const struct xs_node *xs_view_get(struct xs_view *v, const char *path)
{
	size_t len = strlen(path);
	const struct xs_node *n;

	if (!v->ov)
		return xs_map_get(&v->store->nodes, path, len);
	n = xs_map_get(&v->ov->nodes, path, len);
	if (n)
		return (n->flags & XS_NODE_TOMBSTONE) ? NULL : n;
	return remember(v, path, len);
}

static int live_put(struct xs_store *s, struct xs_node *n)
{
	struct xs_node *old;

	n->gen = ++s->gen;
	old = xs_map_put(&s->nodes, n);
	if (old == n) {
		free(n);
		return -ENOMEM;
	}
	if (s->changed)
		s->changed(s->changed_ctx, old, n);
	free(old);
	return 0;
}

static int live_del(struct xs_store *s, const char *path, size_t len)
{
	struct xs_node *old = xs_map_del(&s->nodes, path, len);

	if (old && s->changed)
		s->changed(s->changed_ctx, old, NULL);
	free(old);
	return 0;
}

static int overlay_put(struct xs_view *v, struct xs_node *n)
{
	const char *path = xs_node_path(n);
	struct xs_node *old;

	remember(v, path, n->path_len);
	/* A fresh generation, so DIRECTORY_PART inside the transaction sees
	 * its own changes; commit gives the node a live one. */
	n->gen = ++v->store->gen;
	old = xs_map_put(&v->ov->nodes, n);
	if (old == n) {
		free(n);
		return -ENOMEM;
	}
	free(old);
	return 0;
}

int xs_view_put(struct xs_view *v, struct xs_node *n)
{
	if (!n)
		return -ENOMEM;
	return v->ov ? overlay_put(v, n) : live_put(v->store, n);
}

int xs_view_del(struct xs_view *v, const char *path)
{
	size_t len = strlen(path);

	if (!v->ov)
		return live_del(v->store, path, len);
	return overlay_put(v, xs_node_tombstone(path, len));
}

static bool overlay_conflicts(struct xs_store *s, struct xs_overlay *ov)
{
	const struct xs_node *rec, *live;
	size_t idx = 0;

	if (ov->lost_track)
		return true;
	while ((rec = xs_map_next(&ov->seen, &idx))) {
		live = xs_map_get(&s->nodes, xs_node_path(rec), rec->path_len);
		if ((live ? live->gen : 0) != rec->gen)   /* tombstones: 0 */
			return true;
	}
	return false;
}

int xs_store_commit(struct xs_store *s, struct xs_overlay *ov)
{
	struct xs_node *n;
	size_t idx = 0;
	int rc = 0;

	if (ov->refused)
		return -ENOMEM;         /* as Xen's C daemon after a refusal */
	if (overlay_conflicts(s, ov))
		return -EAGAIN;
	/* With room reserved no insertion can fail: all or nothing. */
	if (xs_map_reserve(&s->nodes, ov->nodes.count))
		return -ENOMEM;
	/* Nodes move from the overlay to the live map: empty the overlay's
	 * slots as we go so destroying it later frees nothing twice. */
	while ((n = xs_map_next(&ov->nodes, &idx))) {
		ov->nodes.slots[idx - 1] = NULL;
		if (n->flags & XS_NODE_TOMBSTONE) {
			live_del(s, xs_node_path(n), n->path_len);
			free(n);
		} else if (live_put(s, n)) {
			rc = -ENOMEM;
		}
	}
	ov->nodes.count = 0;
	return rc;
}
