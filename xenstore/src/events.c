/* SPDX-License-Identifier: GPL-2.0-only */
/* A singly linked FIFO of change events. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"

void xs_events_init(struct xs_events *ev)
{
	ev->head = NULL;
	ev->tail = &ev->head;
}

void xs_events_clear(struct xs_events *ev)
{
	struct xs_event *e, *next;

	for (e = ev->head; e; e = next) {
		next = e->next;
		free(e);
	}
	xs_events_init(ev);
}

static int add(struct xs_events *ev, const char *path,
	       const struct xs_node *perms_from, const struct xs_perm *old,
	       unsigned int nr_old, bool recursive)
{
	size_t plen = strlen(path) + 1;
	size_t perms_len = perms_from->nr_perms * sizeof(struct xs_perm);
	size_t old_len = nr_old * sizeof(struct xs_perm);
	struct xs_event *e;

	e = malloc(sizeof(*e) + plen + perms_len + old_len +
		   sizeof(struct xs_perm));
	if (!e)
		return -ENOMEM;
	e->next = NULL;
	e->recursive = recursive;
	e->nr_perms = perms_from->nr_perms;
	e->nr_old_perms = nr_old;
	memcpy(e->path, path, plen);
	/* Align the perms after the path. */
	e->perms = (struct xs_perm *)(((uintptr_t)(e->path + plen) +
				       sizeof(struct xs_perm) - 1) &
				      ~(uintptr_t)(sizeof(struct xs_perm) - 1));
	memcpy(e->perms, xs_node_perms(perms_from), perms_len);
	e->old_perms = e->perms + e->nr_perms;
	if (old_len)
		memcpy(e->old_perms, old, old_len);
	*ev->tail = e;
	ev->tail = &e->next;
	return 0;
}

int xs_events_add(struct xs_events *ev, const char *path,
		  const struct xs_node *perms_from, bool recursive)
{
	return add(ev, path, perms_from, NULL, 0, recursive);
}

int xs_events_add_perms_change(struct xs_events *ev, const char *path,
			       const struct xs_node *after,
			       const struct xs_perm *old, unsigned int nr_old)
{
	return add(ev, path, after, old, nr_old, false);
}

void xs_events_splice(struct xs_events *dst, struct xs_events *src)
{
	if (!src->head)
		return;
	*dst->tail = src->head;
	dst->tail = src->tail;
	xs_events_init(src);
}
