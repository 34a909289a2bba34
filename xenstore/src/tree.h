/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tree operations with Xen's semantics: permission checks, implicit parent
 * creation with inherited permissions (owned by an unprivileged creator),
 * recursive removal, quotas, and the change events each success produces.
 * Paths are canonical (path.h). Every check runs before the first change.
 */
#ifndef XS_TREE_H
#define XS_TREE_H

#include "events.h"
#include "perms.h"
#include "store.h"

struct xs_core;
struct xs_txn;

struct xs_tree_ctx {
	struct xs_core *core;
	struct xs_view view;
	const struct xs_caller *caller;
	struct xs_events *events;
	struct xs_txn *txn;          /* NULL outside a transaction */
};

/* The node if the caller may read it: 0, -ENOENT or -EACCES. */
int xs_tree_read(struct xs_tree_ctx *t, const char *path,
		 const struct xs_node **out);
int xs_tree_write(struct xs_tree_ctx *t, const char *path,
		  const void *value, size_t len);
int xs_tree_mkdir(struct xs_tree_ctx *t, const char *path);
int xs_tree_rm(struct xs_tree_ctx *t, const char *path);
int xs_tree_set_perms(struct xs_tree_ctx *t, const char *path,
		      const struct xs_perm *perms, unsigned int nr);

#endif
