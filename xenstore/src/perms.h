/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Node permissions: entry 0 names the owner and the access of every domain
 * not listed; later entries grant listed domains their own access. The
 * owner and privileged callers always have full access; a domain with a
 * target (SET_TARGET) owns what its target owns, and otherwise the first
 * entry naming it or its target decides (list order, as in Xen).
 */
#ifndef XS_PERMS_H
#define XS_PERMS_H

#include <stdbool.h>
#include <stddef.h>

#include "node.h"

#define DOMID_INVALID 0x7ff4u
#define XS_DOMID_MAX  0x7fefu     /* highest id a real domain can have */
#define XS_PERMS_MAX  255         /* what a node can hold at all */

struct xs_caller {
	unsigned int domid;
	unsigned int target;      /* DOMID_INVALID when none */
	bool privileged;
};

/* Parses "<r|w|b|n><domid>\0"+ from @buf. 0, or -EINVAL. */
int xs_perms_parse(const char *buf, size_t len, struct xs_perm *out,
		   unsigned int *nr);
/* Formats as GET_PERMS replies: returns bytes written, or -E2BIG. */
int xs_perms_format(const struct xs_perm *perms, unsigned int nr, char *out,
		    size_t outsz);
unsigned int xs_perm_for(const struct xs_caller *c,
			 const struct xs_perm *perms, unsigned int nr);
bool xs_perm_allows(const struct xs_caller *c, const struct xs_node *n,
		    unsigned int want);
/* Parses a decimal domid; 0, or -EINVAL when not a number up to 65535. */
int xs_parse_domid(const char *s, unsigned int *domid);

#endif
