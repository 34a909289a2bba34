/* SPDX-License-Identifier: GPL-2.0-only */
/* Permission strings and the access decision. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "perms.h"

static int perm_from_letter(char c)
{
	switch (c) {
	case 'n': return XS_PERM_NONE;
	case 'r': return XS_PERM_READ;
	case 'w': return XS_PERM_WRITE;
	case 'b': return XS_PERM_BOTH;
	default:  return -1;
	}
}

int xs_parse_domid(const char *s, unsigned int *domid)
{
	unsigned long v = 0;
	const char *p;

	if (!*s || strlen(s) > 5)
		return -EINVAL;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > 0xffff)
		return -EINVAL;
	*domid = (unsigned int)v;
	return 0;
}

int xs_perms_parse(const char *buf, size_t len, struct xs_perm *out,
		   unsigned int *nr)
{
	size_t off = 0;
	unsigned int n = 0, domid;
	int perm;

	while (off < len) {
		const char *s = buf + off;
		size_t slen = strnlen(s, len - off);

		if (slen == len - off)
			return -EINVAL;          /* missing NUL */
		if (n == XS_PERMS_MAX)
			return -EINVAL;
		perm = perm_from_letter(s[0]);
		if (perm < 0 || xs_parse_domid(s + 1, &domid))
			return -EINVAL;
		out[n].domid = (uint16_t)domid;
		out[n].perm = (uint8_t)perm;
		out[n].pad = 0;
		n++;
		off += slen + 1;
	}
	if (n == 0)
		return -EINVAL;
	*nr = n;
	return 0;
}

int xs_perms_format(const struct xs_perm *perms, unsigned int nr, char *out,
		    size_t outsz)
{
	static const char letters[] = "nrwb";
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		int w = snprintf(out + off, outsz - off, "%c%u",
				 letters[perms[i].perm & 3], perms[i].domid);

		if (w < 0 || (size_t)w + 1 > outsz - off)
			return -E2BIG;
		off += (size_t)w + 1;      /* keep the NUL as separator */
	}
	return (int)off;
}

/* The first entry after the owner's that names @domid or, when it is not
 * DOMID_INVALID, @target: -1 if none. List order decides, as in Xen, so
 * a caller's own entry does not beat an earlier one for its target. */
static int listed_perm(const struct xs_perm *perms, unsigned int nr,
		       unsigned int domid, unsigned int target)
{
	unsigned int i;

	for (i = 1; i < nr; i++)
		if (perms[i].domid == domid ||
		    (target != DOMID_INVALID && perms[i].domid == target))
			return perms[i].perm;
	return -1;
}

unsigned int xs_perm_for(const struct xs_caller *c,
			 const struct xs_perm *perms, unsigned int nr)
{
	unsigned int owner = perms[0].domid;
	int p;

	if (c->privileged || owner == c->domid)
		return XS_PERM_BOTH;
	if (c->target != DOMID_INVALID && owner == c->target)
		return XS_PERM_BOTH;
	p = listed_perm(perms, nr, c->domid, c->target);
	return p < 0 ? perms[0].perm : (unsigned int)p;
}

bool xs_perm_allows(const struct xs_caller *c, const struct xs_node *n,
		    unsigned int want)
{
	return (xs_perm_for(c, xs_node_perms(n), n->nr_perms) & want) == want;
}
