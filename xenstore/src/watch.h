/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Watches: registration and the delivery of change events. An event on
 * path P fires every watch on P or an ancestor of P; removing a subtree
 * also fires the watches inside it, each with its own path. A watch set
 * with a relative path gets relative event paths. A watcher hears of a
 * change if it may read the node, could read it before a permission
 * change, or may read its parent, as with Xen's daemons.
 */
#ifndef XS_WATCH_H
#define XS_WATCH_H

#include "events.h"
#include "perms.h"

struct xs_conn;
struct xs_core;

struct xs_watch {
	struct xs_watch *next;
	struct xs_conn *conn;
	size_t strip;            /* bytes of "/local/domain/N/" to hide */
	char *token;
	char path[];
};

/* @path is canonical, @rel_prefix the bytes the client left implicit.
 * 0, -EEXIST (same path and token), a quota errno or -ENOMEM. */
int xs_watch_add(struct xs_core *core, struct xs_conn *conn,
		 const char *path, size_t rel_prefix, const char *token);
int xs_watch_remove(struct xs_core *core, struct xs_conn *conn,
		    const char *path, const char *token);
void xs_watch_remove_all(struct xs_core *core, struct xs_conn *conn);
/* Delivers and frees every event of @ev. */
void xs_watch_fire(struct xs_core *core, struct xs_events *ev);
/* Queues the initial event a new watch gets. */
void xs_watch_fire_one(struct xs_watch *w, const char *path);

#endif
