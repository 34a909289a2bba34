/* SPDX-License-Identifier: GPL-2.0-only */
/* Path-keyed open-addressing hash map of store nodes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"

#define MAP_MIN_CAP 16

static uint32_t path_hash(const char *p, size_t len)
{
	uint32_t h = 2166136261u;   /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

void xs_map_init(struct xs_map *m)
{
	memset(m, 0, sizeof(*m));
}

void xs_map_destroy(struct xs_map *m, int free_nodes)
{
	size_t i;

	if (free_nodes)
		for (i = 0; i < m->cap; i++)
			free(m->slots[i]);
	free(m->slots);
	free(m->hashes);
	xs_map_init(m);
}

static int same_key(const struct xs_node *n, const char *path, size_t len)
{
	return n->path_len == len && memcmp(xs_node_path(n), path, len) == 0;
}

/* Slot holding @path, or the empty slot where it would go. */
static size_t find_slot(const struct xs_map *m, const char *path, size_t len,
			uint32_t h)
{
	size_t mask = m->cap - 1, i = h & mask;

	while (m->slots[i]) {
		if (m->hashes[i] == h && same_key(m->slots[i], path, len))
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

struct xs_node *xs_map_get(const struct xs_map *m, const char *path,
			   size_t path_len)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = find_slot(m, path, path_len, path_hash(path, path_len));
	return m->slots[i];
}

static int map_grow(struct xs_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : MAP_MIN_CAP, i, j;
	struct xs_node **slots = calloc(ncap, sizeof(*slots));
	uint32_t *hashes = calloc(ncap, sizeof(*hashes));

	if (!slots || !hashes) {
		free(slots);
		free(hashes);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i])
			continue;
		j = m->hashes[i] & (ncap - 1);
		while (slots[j])
			j = (j + 1) & (ncap - 1);
		slots[j] = m->slots[i];
		hashes[j] = m->hashes[i];
	}
	free(m->slots);
	free(m->hashes);
	m->slots = slots;
	m->hashes = hashes;
	m->cap = ncap;
	return 0;
}

int xs_map_reserve(struct xs_map *m, size_t extra)
{
	while ((m->count + extra + 1) * 4 > m->cap * 3)
		if (map_grow(m))
			return -ENOMEM;
	return 0;
}

struct xs_node *xs_map_put(struct xs_map *m, struct xs_node *n)
{
	const char *path = xs_node_path(n);
	uint32_t h = path_hash(path, n->path_len);
	struct xs_node *old;
	size_t i;

	/* Keep the load under 3/4 so probe chains stay short. */
	if ((m->count + 1) * 4 > m->cap * 3 && map_grow(m))
		return n;
	i = find_slot(m, path, n->path_len, h);
	old = m->slots[i];
	m->slots[i] = n;
	m->hashes[i] = h;
	if (!old)
		m->count++;
	return old;
}

struct xs_node *xs_map_del(struct xs_map *m, const char *path, size_t path_len)
{
	size_t mask, i, j, home;
	struct xs_node *old;

	if (!m->cap)
		return NULL;
	mask = m->cap - 1;
	i = find_slot(m, path, path_len, path_hash(path, path_len));
	old = m->slots[i];
	if (!old)
		return NULL;
	m->slots[i] = NULL;
	m->count--;
	/* Backward shift: pull later entries of the chain into the hole. */
	for (j = (i + 1) & mask; m->slots[j]; j = (j + 1) & mask) {
		home = m->hashes[j] & mask;
		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->slots[i] = m->slots[j];
			m->hashes[i] = m->hashes[j];
			m->slots[j] = NULL;
			i = j;
		}
	}
	return old;
}

struct xs_node *xs_map_next(const struct xs_map *m, size_t *idx)
{
	while (*idx < m->cap) {
		struct xs_node *n = m->slots[(*idx)++];

		if (n)
			return n;
	}
	return NULL;
}
