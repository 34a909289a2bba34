/* SPDX-License-Identifier: GPL-2.0-only */
/* Tree operations; see tree.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "path.h"
#include "tree.h"
#include "txn.h"

/* Nearest existing ancestor of @path (the root always exists), and how
 * many levels below it are missing. @buf receives the ancestor's path. */
static const struct xs_node *nearest_ancestor(struct xs_tree_ctx *t,
					      const char *path, char *buf,
					      unsigned int *missing)
{
	size_t len = strlen(path);
	const struct xs_node *n;

	memcpy(buf, path, len + 1);
	*missing = 0;
	for (;;) {
		len = xs_path_parent_len(buf, len);
		buf[len] = '\0';
		(*missing)++;
		n = xs_view_get(&t->view, buf);
		if (n || len == 1)
			return n;
	}
}

/* Why @path cannot be had: ENOENT, unless the caller could not even read
 * the nearest ancestor, in which case the node's absence is no business
 * of theirs: EACCES. */
static int missing_errno(struct xs_tree_ctx *t, const char *path)
{
	char buf[XS_PATH_BUF];
	unsigned int missing;
	const struct xs_node *a;

	if (path[0] != '/')
		return -ENOENT;
	a = nearest_ancestor(t, path, buf, &missing);
	if (a && !xs_perm_allows(t->caller, a, XS_PERM_READ))
		return -EACCES;
	return -ENOENT;
}

int xs_tree_read(struct xs_tree_ctx *t, const char *path,
		 const struct xs_node **out)
{
	const struct xs_node *n = xs_view_get(&t->view, path);

	if (!n)
		return missing_errno(t, path);
	if (!xs_perm_allows(t->caller, n, XS_PERM_READ))
		return -EACCES;
	*out = n;
	return 0;
}

static unsigned long pending_nodes(const struct xs_tree_ctx *t)
{
	return t->txn ? t->txn->nr_created : 0;
}

/* Quotas for giving domain @owner @new_nodes more nodes, @mem_delta more
 * bytes, and a node of @node_size data bytes. Only unprivileged callers
 * are bound, as in Xen. */
static int check_quotas(struct xs_tree_ctx *t, unsigned int owner,
			unsigned long new_nodes, long mem_delta,
			size_t node_size)
{
	const struct xs_quota *q = &t->core->quota;
	struct xs_domain *d;
	int rc;

	if (t->caller->privileged)
		return 0;
	d = xs_domain_get(&t->core->domains, owner);
	if (!d)
		return -ENOMEM;
	rc = xs_quota_check(q, d, XS_QUOTA_NODE_SIZE, node_size);
	if (!rc && new_nodes)
		rc = xs_quota_check(q, d, XS_QUOTA_NODES,
				    d->nr_nodes + pending_nodes(t) + new_nodes);
	if (!rc && mem_delta > 0)
		rc = xs_quota_check(q, d, XS_QUOTA_MEMORY,
				    d->memory + (unsigned long)mem_delta);
	return rc;
}

/* Adds the last component of @path to its parent's child list. */
static int link_into_parent(struct xs_tree_ctx *t, const char *path,
			    size_t len)
{
	size_t par = xs_path_parent_len(path, len);
	char parent[XS_PATH_BUF];
	const struct xs_node *p;

	memcpy(parent, path, par);
	parent[par] = '\0';
	p = xs_view_get(&t->view, parent);
	if (!p)
		return -ENOENT;
	path += par == 1 ? 1 : par + 1;
	if (xs_node_has_child(p, path))
		return 0;
	return xs_view_put(&t->view, xs_node_with_child(p, path));
}

/* Creates @path and its missing ancestors below the first @anc_len bytes,
 * top down, so a parent always exists before its child is linked. */
static int create_levels(struct xs_tree_ctx *t, const char *path,
			 size_t anc_len, const struct xs_perm *perms,
			 unsigned int nr, const void *value, size_t len)
{
	size_t plen = strlen(path), end = anc_len;
	char buf[XS_PATH_BUF];
	int rc;

	while (end < plen) {
		struct xs_node_spec s = { .path = buf, .perms = perms,
					  .nr_perms = nr };

		end = end == 1 ? 1 : end + 1;       /* step over the '/' */
		while (end < plen && path[end] != '/')
			end++;
		memcpy(buf, path, end);
		buf[end] = '\0';
		s.path_len = end;
		if (end == plen) {
			s.value = value;
			s.value_len = len;
		}
		rc = xs_view_put(&t->view, xs_node_build(&s));
		if (!rc)
			rc = link_into_parent(t, buf, end);
		if (rc)
			return rc;
	}
	return 0;
}

/* The ancestor gains a child name: its node-size quota binds too, as the
 * child list is part of the node's size. */
static int check_parent_growth(struct xs_tree_ctx *t,
			       const struct xs_node *anc, const char *path,
			       size_t anc_len)
{
	const char *name = path + (anc_len == 1 ? 1 : anc_len + 1);
	const char *end = strchr(name, '/');
	size_t grow = (end ? (size_t)(end - name) : strlen(name)) + 1;

	return check_quotas(t, xs_node_owner(anc), 0, (long)grow,
			    xs_node_data_size(anc) + grow);
}

static int create_node(struct xs_tree_ctx *t, const char *path,
		       const void *value, size_t len)
{
	struct xs_perm perms[XS_PERMS_MAX];
	char anc_path[XS_PATH_BUF];
	const struct xs_node *anc;
	unsigned int missing, nr;
	long mem;
	int rc;

	anc = nearest_ancestor(t, path, anc_path, &missing);
	if (!anc)
		return -ENOENT;
	if (!xs_perm_allows(t->caller, anc, XS_PERM_WRITE))
		return -EACCES;
	nr = anc->nr_perms;
	memcpy(perms, xs_node_perms(anc), nr * sizeof(perms[0]));
	if (!t->caller->privileged)
		perms[0].domid = (uint16_t)t->caller->domid;
	mem = (long)(missing * (sizeof(struct xs_node) + nr * sizeof(perms[0]) +
				strlen(path) + 1) + len);
	rc = check_quotas(t, perms[0].domid, missing, mem,
			  len + nr * sizeof(perms[0]));
	if (!rc)
		rc = check_parent_growth(t, anc, path, strlen(anc_path));
	if (rc)
		return rc;
	rc = create_levels(t, path, strlen(anc_path), perms, nr, value, len);
	if (rc)
		return rc;
	if (t->txn)
		t->txn->nr_created += missing;
	return 0;
}

static int add_event(struct xs_tree_ctx *t, const char *path, bool recursive)
{
	const struct xs_node *n = xs_view_get(&t->view, path);

	return n ? xs_events_add(t->events, path, n, recursive) : 0;
}

int xs_tree_write(struct xs_tree_ctx *t, const char *path,
		  const void *value, size_t len)
{
	const struct xs_node *n = xs_view_get(&t->view, path);
	struct xs_node *fresh;
	int rc;

	if (!n) {
		rc = create_node(t, path, value, len);
		return rc ? rc : add_event(t, path, false);
	}
	if (!xs_perm_allows(t->caller, n, XS_PERM_WRITE))
		return -EACCES;
	fresh = xs_node_with_value(n, value, len);
	if (!fresh)
		return -ENOMEM;
	rc = check_quotas(t, xs_node_owner(n), 0,
			  (long)len - (long)n->value_len,
			  xs_node_data_size(fresh));
	if (rc) {
		free(fresh);
		return rc;
	}
	rc = xs_view_put(&t->view, fresh);
	return rc ? rc : add_event(t, path, false);
}

int xs_tree_mkdir(struct xs_tree_ctx *t, const char *path)
{
	int rc;

	/* An existing node, even an unreadable one, is left as it is. */
	if (xs_view_get(&t->view, path))
		return 0;
	rc = create_node(t, path, "", 0);
	return rc ? rc : add_event(t, path, false);
}

/* Removes the subtree at @buf (of length @len, room for XS_PATH_BUF). */
static int remove_subtree(struct xs_tree_ctx *t, char *buf, size_t len)
{
	const struct xs_node *n = xs_view_get(&t->view, buf);
	const char *c;
	size_t off = 0, clen;
	int rc;

	if (!n)
		return 0;
	/* Child removals never replace @n itself, so its list stays valid. */
	c = xs_node_children(n);
	while (off < n->children_len) {
		clen = strlen(c + off);
		if (len + 1 + clen < XS_PATH_BUF) {
			buf[len] = '/';
			memcpy(buf + len + 1, c + off, clen + 1);
			rc = remove_subtree(t, buf, len + 1 + clen);
			buf[len] = '\0';
			if (rc)
				return rc;
		}
		off += clen + 1;
	}
	return xs_view_del(&t->view, buf);
}

int xs_tree_rm(struct xs_tree_ctx *t, const char *path)
{
	size_t len = strlen(path), plen;
	char buf[XS_PATH_BUF];
	const struct xs_node *n, *parent;
	int rc;

	if (len == 1)
		return -EINVAL;          /* the root stays */
	plen = xs_path_parent_len(path, len);
	memcpy(buf, path, plen);
	buf[plen] = '\0';
	n = xs_view_get(&t->view, path);
	if (!n)
		return xs_view_get(&t->view, buf) ? 0 : missing_errno(t, path);
	if (!xs_perm_allows(t->caller, n, XS_PERM_WRITE))
		return -EACCES;
	rc = xs_events_add(t->events, path, n, true);
	if (rc)
		return rc;
	parent = xs_view_get(&t->view, buf);
	if (!parent)
		return -ENOENT;          /* broken invariant: refuse */
	rc = xs_view_put(&t->view,
			 xs_node_without_child(parent, xs_path_basename(path)));
	if (rc)
		return rc;
	memcpy(buf, path, len + 1);
	return remove_subtree(t, buf, len);
}

static bool may_set_perms(const struct xs_caller *c, const struct xs_node *n)
{
	unsigned int owner = xs_node_owner(n);

	return c->privileged || owner == c->domid ||
	       (c->target != DOMID_INVALID && owner == c->target);
}

int xs_tree_set_perms(struct xs_tree_ctx *t, const char *path,
		      const struct xs_perm *perms, unsigned int nr)
{
	const struct xs_node *n = xs_view_get(&t->view, path);
	struct xs_perm old[XS_PERMS_MAX];
	unsigned int nr_old;
	struct xs_node *fresh;
	int rc;

	if (!n)
		return missing_errno(t, path);
	if (!may_set_perms(t->caller, n))
		return -EACCES;
	/* A guest may share its nodes but not give them away. */
	if (!t->caller->privileged && perms[0].domid != xs_node_owner(n))
		return -EPERM;
	if (!t->caller->privileged) {
		struct xs_domain *d = xs_domain_get(&t->core->domains,
						    xs_node_owner(n));

		if (!d)
			return -ENOMEM;
		rc = xs_quota_check(&t->core->quota, d, XS_QUOTA_PERMS, nr);
		if (rc)
			return rc;
	}
	fresh = xs_node_with_perms(n, perms, nr);
	if (!fresh)
		return -ENOMEM;
	/* Signed before subtracting: a shorter list is a negative delta. */
	rc = check_quotas(t, xs_node_owner(n), 0,
			  ((long)nr - (long)n->nr_perms) * (long)sizeof(*perms),
			  xs_node_data_size(fresh));
	if (rc) {
		free(fresh);
		return rc;
	}
	/* Publishing frees @n: keep its list, so a watcher who could read
	 * the node before the change hears of it (as in Xen). */
	nr_old = n->nr_perms;
	memcpy(old, xs_node_perms(n), nr_old * sizeof(old[0]));
	rc = xs_view_put(&t->view, fresh);
	if (rc)
		return rc;
	n = xs_view_get(&t->view, path);
	return n ? xs_events_add_perms_change(t->events, path, n, old, nr_old)
		 : 0;
}
