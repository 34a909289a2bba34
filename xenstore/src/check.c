/* SPDX-License-Identifier: GPL-2.0-only */
/* Walks the live tree and the domain table checking core.h's invariants. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core.h"
#include "log.h"
#include "path.h"

static int check_parent(struct xs_core *core, const struct xs_node *n)
{
	const char *path = xs_node_path(n);
	size_t plen;
	const struct xs_node *p;

	if (path[0] == '@' || n->path_len == 1)
		return 0;
	plen = xs_path_parent_len(path, n->path_len);
	p = xs_map_get(&core->store.nodes, path, plen);
	if (p && xs_node_has_child(p, xs_path_basename(path)))
		return 0;
	xs_log("check: %s is not linked from its parent", path);
	return 1;
}

static int check_children(struct xs_core *core, const struct xs_node *n)
{
	char buf[XS_PATH_BUF];
	const char *c = xs_node_children(n);
	size_t off = 0, base = n->path_len == 1 ? 0 : n->path_len;
	int bad = 0;

	memcpy(buf, xs_node_path(n), base);
	while (off < n->children_len) {
		size_t len = strlen(c + off);

		if (base + 1 + len < sizeof(buf)) {
			buf[base] = '/';
			memcpy(buf + base + 1, c + off, len + 1);
			if (!xs_map_get(&core->store.nodes, buf, base + 1 + len)) {
				xs_log("check: %s lists missing child %s",
				       xs_node_path(n), c + off);
				bad++;
			}
		}
		off += len + 1;
	}
	return bad;
}

int xs_core_check(struct xs_core *core)
{
	unsigned long *nodes = calloc(XS_NR_DOMIDS, sizeof(*nodes));
	const struct xs_node *n;
	size_t idx = 0;
	unsigned int i;
	int bad = 0;

	if (!nodes)
		return 1;
	while ((n = xs_map_next(&core->store.nodes, &idx))) {
		bad += check_parent(core, n) + check_children(core, n);
		nodes[xs_node_owner(n)]++;
	}
	for (i = 0; i < XS_NR_DOMIDS; i++) {
		struct xs_domain *d = core->domains.by_id[i];
		unsigned long have = d ? d->nr_nodes : 0;

		if (have != nodes[i]) {
			xs_log("check: domain %u counts %lu nodes, owns %lu",
			       i, have, nodes[i]);
			bad++;
		}
	}
	free(nodes);
	return bad;
}
