/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Change events waiting to be matched against watches: fired right after a
 * plain request, or kept in a transaction until it commits. Each carries
 * the permissions of the changed node, so delivery honours read access.
 */
#ifndef XS_EVENTS_H
#define XS_EVENTS_H

#include <stdbool.h>

#include "node.h"

struct xs_event {
	struct xs_event *next;
	bool recursive;            /* removal of a subtree */
	unsigned int nr_perms;
	struct xs_perm *perms;     /* points into the same allocation */
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
/* Moves every event of @src to the end of @dst. */
void xs_events_splice(struct xs_events *dst, struct xs_events *src);

#endif
