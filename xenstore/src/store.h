/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live tree and transaction views of it. A view with an overlay keeps
 * a copy of every node the first time it reads or writes it (a tombstone,
 * generation 0, for a node that was absent) and serves later reads from
 * that copy, so a transaction reads the same value every time. Its own
 * writes go to the overlay. Commit fails with -EAGAIN when any node the
 * view copied has a different generation in the live tree by then, and
 * otherwise swaps the overlay's nodes in all at once.
 */
#ifndef XS_STORE_H
#define XS_STORE_H

#include <stdbool.h>

#include "map.h"

struct xs_store;

/* Called for every change of the live tree, after it happened. */
typedef void xs_store_changed_fn(void *ctx, const struct xs_node *old,
				 const struct xs_node *new);

struct xs_store {
	struct xs_map nodes;
	uint64_t gen;
	xs_store_changed_fn *changed;
	void *changed_ctx;
};

struct xs_overlay {
	struct xs_map nodes;     /* written here; tombstones for removals */
	struct xs_map seen;      /* first-access copies, tombstones if absent */
	bool lost_track;         /* a copy could not be made: fail commit */
	size_t max_seen;         /* copies allowed; 0: no limit */
	unsigned long refused;   /* accesses past max_seen: fail commit */
};

struct xs_view {
	struct xs_store *store;
	struct xs_overlay *ov;   /* NULL: act on the live tree */
};

int xs_store_init(struct xs_store *s);
void xs_store_destroy(struct xs_store *s);
void xs_overlay_init(struct xs_overlay *ov);
void xs_overlay_destroy(struct xs_overlay *ov);

const struct xs_node *xs_view_get(struct xs_view *v, const char *path);
/* Publishes @n (taking ownership even on failure). 0 or -ENOMEM. */
int xs_view_put(struct xs_view *v, struct xs_node *n);
/* Removes the single node at @path (children are the caller's business). */
int xs_view_del(struct xs_view *v, const char *path);
/* Applies @ov to the live tree, all of it or (-EAGAIN on conflict,
 * -ENOMEM, also after a refused access) none of it. */
int xs_store_commit(struct xs_store *s, struct xs_overlay *ov);

#endif
