/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A store node is one allocation: header, permissions, path, value and the
 * packed child names ("a\0b\0"). Nodes are immutable once published: a
 * change builds a new node and swaps it in, so a transaction's overlay and
 * the live tree can never share a half-updated node.
 */
#ifndef XS_NODE_H
#define XS_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XS_PERM_NONE  0
#define XS_PERM_READ  1
#define XS_PERM_WRITE 2
#define XS_PERM_BOTH  3

#define XS_NODE_TOMBSTONE 1   /* transaction overlay: deleted here */

struct xs_perm {
	uint16_t domid;
	uint8_t perm;
	uint8_t pad;
};

struct xs_node {
	uint64_t gen;            /* store generation of the last change */
	uint32_t value_len;
	uint32_t children_len;
	uint16_t path_len;
	uint8_t nr_perms;        /* >= 1: [0] is the owner and everyone's default */
	uint8_t flags;
	unsigned char data[];
};

struct xs_node_spec {
	const char *path;
	size_t path_len;
	const struct xs_perm *perms;
	unsigned int nr_perms;
	const void *value;
	size_t value_len;
	const char *children;
	size_t children_len;
};

static inline struct xs_perm *xs_node_perms(const struct xs_node *n)
{
	return (struct xs_perm *)n->data;
}

static inline const char *xs_node_path(const struct xs_node *n)
{
	return (const char *)n->data + n->nr_perms * sizeof(struct xs_perm);
}

static inline const char *xs_node_value(const struct xs_node *n)
{
	return xs_node_path(n) + n->path_len + 1;
}

static inline const char *xs_node_children(const struct xs_node *n)
{
	return xs_node_value(n) + n->value_len;
}

static inline unsigned int xs_node_owner(const struct xs_node *n)
{
	return xs_node_perms(n)[0].domid;
}

/* Bytes of the allocation: what the memory quota charges the owner. */
size_t xs_node_alloc_size(const struct xs_node *n);
/* Bytes a domain chose to store: the node-size quota (value, perms, names). */
size_t xs_node_data_size(const struct xs_node *n);

struct xs_node *xs_node_build(const struct xs_node_spec *spec);
void xs_node_spec_from(struct xs_node_spec *spec, const struct xs_node *n);
struct xs_node *xs_node_with_value(const struct xs_node *n,
				   const void *value, size_t len);
struct xs_node *xs_node_with_perms(const struct xs_node *n,
				   const struct xs_perm *perms, unsigned int nr);
struct xs_node *xs_node_with_child(const struct xs_node *n, const char *name);
struct xs_node *xs_node_without_child(const struct xs_node *n, const char *name);
/* An exact copy, generation and flags included. */
struct xs_node *xs_node_dup(const struct xs_node *n);
struct xs_node *xs_node_tombstone(const char *path, size_t path_len);
bool xs_node_has_child(const struct xs_node *n, const char *name);

#endif
