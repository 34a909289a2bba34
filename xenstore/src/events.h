/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Change events waiting to be matched against watches: fired right after a
 * plain request, or kept in a transaction until it commits. Each carries
 * the permissions of the changed node and, for a permission change, the
 * ones it had before, so delivery honours read access as Xen does (see
 * watch.h).
 */
#ifndef XS_EVENTS_H
#define XS_EVENTS_H

#include <stdbool.h>

#include "node.h"

struct xs_event {
	struct xs_event *next;
	bool recursive;            /* removal of a subtree */
	unsigned int nr_perms;
	unsigned int nr_old_perms; /* 0: not a permission change */
	struct xs_perm *perms;     /* both point into the same allocation */
	struct xs_perm *old_perms;
	char path[];
};

struct xs_events {
	struct xs_event *head;
	struct xs_event **tail;
};

void xs_events_init(struct xs_events *ev);
void xs_events_clear(struct xs_events *ev);
/* 0 or -ENOMEM. */
int xs_events_add(struct xs_events *ev, const char *path,
		  const struct xs_node *perms_from, bool recursive);
/* A permission change of @path to @after's list from @old. */
int xs_events_add_perms_change(struct xs_events *ev, const char *path,
			       const struct xs_node *after,
			       const struct xs_perm *old, unsigned int nr_old);
/* Moves every event of @src to the end of @dst. */
void xs_events_splice(struct xs_events *dst, struct xs_events *src);

#endif
