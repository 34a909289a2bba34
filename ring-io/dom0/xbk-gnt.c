/* SPDX-License-Identifier: MIT */
/*
 * The engine's door to a front end's pages in dom0: libxengnttab (gntdev).
 * A request's segments are mapped in one call, as one contiguous range,
 * and unmapped in one; Xen checks every reference (granted to us, the
 * access asked for) and the map fails as a whole if one is bad.
 */
#include <errno.h>
#include <sys/mman.h>

#include <xengnttab.h>

#include "xbk.h"

#define XBK_PAGE_SIZE 4096u

static void *map_refs(struct xbk_gnt *g, const grant_ref_t *refs, uint32_t n,
		      int prot)
{
	return xengnttab_map_domain_grant_refs(g->xgt, n, g->domid,
					       (uint32_t *)refs, prot);
}

static int gnt_map(void *ctx, const grant_ref_t *grefs, uint32_t n,
		   bool write, void **pages)
{
	uint8_t *base;
	uint32_t i;

	if (n == 0)
		return -EINVAL;
	base = map_refs(ctx, grefs, n, PROT_READ | (write ? PROT_WRITE : 0));
	if (!base)
		return errno ? -errno : -EIO;
	for (i = 0; i < n; i++)
		pages[i] = base + (size_t)i * XBK_PAGE_SIZE;
	return 0;
}

static void gnt_unmap(void *ctx, const grant_ref_t *grefs, uint32_t n,
		      void **pages)
{
	struct xbk_gnt *g = ctx;

	(void)grefs;
	xengnttab_unmap(g->xgt, pages[0], n);
}

const struct blk_grant_ops xbk_grant_ops = {
	.map = gnt_map,
	.unmap = gnt_unmap,
};

void *xbk_map_ring(struct xbk_gnt *g, const grant_ref_t *refs, uint32_t n)
{
	return map_refs(g, refs, n, PROT_READ | PROT_WRITE);
}

void xbk_unmap(struct xbk_gnt *g, void *addr, uint32_t n)
{
	xengnttab_unmap(g->xgt, addr, n);
}
