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

int xs_events_add(struct xs_events *ev, const char *path,
		  const struct xs_node *perms_from, bool recursive)
{
	size_t plen = strlen(path) + 1;
	size_t perms_len = perms_from->nr_perms * sizeof(struct xs_perm);
	struct xs_event *e;

	e = malloc(sizeof(*e) + plen + perms_len + sizeof(struct xs_perm));
	if (!e)
		return -ENOMEM;
	e->next = NULL;
	e->recursive = recursive;
	e->nr_perms = perms_from->nr_perms;
	memcpy(e->path, path, plen);
	/* Align the perms after the path. */
	e->perms = (struct xs_perm *)(((uintptr_t)(e->path + plen) +
				       sizeof(struct xs_perm) - 1) &
				      ~(uintptr_t)(sizeof(struct xs_perm) - 1));
	memcpy(e->perms, xs_node_perms(perms_from), perms_len);
	*ev->tail = e;
	ev->tail = &e->next;
	return 0;
}

void xs_events_splice(struct xs_events *dst, struct xs_events *src)
{
	if (!src->head)
		return;
	*dst->tail = src->head;
	dst->tail = src->tail;
	xs_events_init(src);
}
