/* SPDX-License-Identifier: GPL-2.0-only */
/* Building and copying store nodes; see node.h for the layout. */
#include <stdlib.h>
#include <string.h>

#include "node.h"

size_t xs_node_alloc_size(const struct xs_node *n)
{
	return sizeof(*n) + n->nr_perms * sizeof(struct xs_perm) +
	       n->path_len + 1 + n->value_len + n->children_len;
}

size_t xs_node_data_size(const struct xs_node *n)
{
	return n->value_len + n->nr_perms * sizeof(struct xs_perm) +
	       n->children_len;
}

struct xs_node *xs_node_build(const struct xs_node_spec *s)
{
	size_t perms_len = s->nr_perms * sizeof(struct xs_perm);
	struct xs_node *n;
	char *p;

	/* Callers bound these long before; the check keeps the casts honest. */
	if (s->nr_perms == 0 || s->nr_perms > UINT8_MAX ||
	    s->path_len > UINT16_MAX || s->value_len > UINT32_MAX ||
	    s->children_len > UINT32_MAX)
		return NULL;
	n = malloc(sizeof(*n) + perms_len + s->path_len + 1 + s->value_len +
		   s->children_len);
	if (!n)
		return NULL;
	n->gen = 0;
	n->flags = 0;
	n->nr_perms = s->nr_perms;
	n->path_len = s->path_len;
	n->value_len = s->value_len;
	n->children_len = s->children_len;
	memcpy(n->data, s->perms, perms_len);
	p = (char *)n->data + perms_len;
	memcpy(p, s->path, s->path_len);
	p[s->path_len] = '\0';
	p += s->path_len + 1;
	if (s->value_len)
		memcpy(p, s->value, s->value_len);
	if (s->children_len)
		memcpy(p + s->value_len, s->children, s->children_len);
	return n;
}

void xs_node_spec_from(struct xs_node_spec *s, const struct xs_node *n)
{
	s->path = xs_node_path(n);
	s->path_len = n->path_len;
	s->perms = xs_node_perms(n);
	s->nr_perms = n->nr_perms;
	s->value = xs_node_value(n);
	s->value_len = n->value_len;
	s->children = xs_node_children(n);
	s->children_len = n->children_len;
}

struct xs_node *xs_node_with_value(const struct xs_node *n,
				   const void *value, size_t len)
{
	struct xs_node_spec s;

	xs_node_spec_from(&s, n);
	s.value = value;
	s.value_len = len;
	return xs_node_build(&s);
}

struct xs_node *xs_node_with_perms(const struct xs_node *n,
				   const struct xs_perm *perms, unsigned int nr)
{
	struct xs_node_spec s;

	xs_node_spec_from(&s, n);
	s.perms = perms;
	s.nr_perms = nr;
	return xs_node_build(&s);
}

/* Offset of @name in the packed child list, or -1. */
static long child_offset(const struct xs_node *n, const char *name)
{
	const char *c = xs_node_children(n);
	size_t off = 0;

	while (off < n->children_len) {
		size_t len = strlen(c + off);

		if (strcmp(c + off, name) == 0)
			return (long)off;
		off += len + 1;
	}
	return -1;
}

bool xs_node_has_child(const struct xs_node *n, const char *name)
{
	return child_offset(n, name) >= 0;
}

struct xs_node *xs_node_with_child(const struct xs_node *n, const char *name)
{
	size_t name_len = strlen(name) + 1;
	struct xs_node_spec s;
	struct xs_node *out;
	char *buf;

	xs_node_spec_from(&s, n);
	buf = malloc(n->children_len + name_len);
	if (!buf)
		return NULL;
	memcpy(buf, s.children, n->children_len);
	memcpy(buf + n->children_len, name, name_len);
	s.children = buf;
	s.children_len = n->children_len + name_len;
	out = xs_node_build(&s);
	free(buf);
	return out;
}

struct xs_node *xs_node_without_child(const struct xs_node *n, const char *name)
{
	long off = child_offset(n, name);
	size_t name_len = strlen(name) + 1;
	struct xs_node_spec s;
	struct xs_node *out;
	char *buf;

	xs_node_spec_from(&s, n);
	if (off < 0)
		return xs_node_build(&s);
	buf = malloc(n->children_len);
	if (!buf)
		return NULL;
	memcpy(buf, s.children, off);
	memcpy(buf + off, s.children + off + name_len,
	       n->children_len - off - name_len);
	s.children = buf;
	s.children_len = n->children_len - name_len;
	out = xs_node_build(&s);
	free(buf);
	return out;
}

struct xs_node *xs_node_dup(const struct xs_node *n)
{
	size_t size = xs_node_alloc_size(n);
	struct xs_node *copy = malloc(size);

	if (copy)
		memcpy(copy, n, size);
	return copy;
}

struct xs_node *xs_node_tombstone(const char *path, size_t path_len)
{
	static const struct xs_perm none = { 0, XS_PERM_NONE, 0 };
	struct xs_node_spec s = {
		.path = path, .path_len = path_len, .perms = &none, .nr_perms = 1,
	};
	struct xs_node *n = xs_node_build(&s);

	if (n)
		n->flags = XS_NODE_TOMBSTONE;
	return n;
}
