/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Path -> node hash map (open addressing, linear probing, backward-shift
 * deletion). The key is the node's own path, so an entry costs one pointer
 * and one cached hash.
 */
#ifndef XS_MAP_H
#define XS_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "node.h"

struct xs_map {
	struct xs_node **slots;
	uint32_t *hashes;
	size_t cap;      /* power of two, or 0 before the first insert */
	size_t count;
};

void xs_map_init(struct xs_map *m);
/* Frees the table and, with @free_nodes, every node in it. */
void xs_map_destroy(struct xs_map *m, int free_nodes);
struct xs_node *xs_map_get(const struct xs_map *m, const char *path,
			   size_t path_len);
/* Inserts or replaces; returns the replaced node (the caller frees it),
 * NULL if new. Returns @n itself when the table could not grow: -ENOMEM. */
struct xs_node *xs_map_put(struct xs_map *m, struct xs_node *n);
/* Makes room for @extra more entries without growing: 0 or -ENOMEM. */
int xs_map_reserve(struct xs_map *m, size_t extra);
/* Unlinks and returns the node at @path, or NULL. */
struct xs_node *xs_map_del(struct xs_map *m, const char *path, size_t path_len);
/* Iteration: start with *idx = 0; NULL at the end. Do not modify meanwhile. */
struct xs_node *xs_map_next(const struct xs_map *m, size_t *idx);

#endif
