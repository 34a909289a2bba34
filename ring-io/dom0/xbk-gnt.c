/* SPDX-License-Identifier: MIT */
/*
 * The engine's door to a front end's pages in dom0: libxengnttab (gntdev).
 * Without persistent grants a request's segments are mapped in one call,
 * as one contiguous range, and unmapped in one; Xen checks every
 * reference (granted to us, the access asked for) and the map fails as a
 * whole if one is bad. With them, each page is mapped once, read-write
 * (blkfront grants its pool read-write), and kept (xbk-pgnt.c); a page
 * that cannot be kept is mapped for its request alone.
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

static int batch_map(struct xbk_gnt *g, const grant_ref_t *grefs,
		     uint32_t n, bool write, void **pages)
{
	uint8_t *base;
	uint32_t i;

	base = map_refs(g, grefs, n, PROT_READ | (write ? PROT_WRITE : 0));
	if (!base)
		return errno ? -errno : -EIO;
	for (i = 0; i < n; i++)
		pages[i] = base + (size_t)i * XBK_PAGE_SIZE;
	return 0;
}

/* One page: kept if the table has room and the grant is read-write,
 * else mapped for this request only. */
static void *persistent_map_one(struct xbk_gnt *g, grant_ref_t gref,
				bool write)
{
	void *page = xbk_pgnt_find(&g->cache, gref);

	if (page)
		return page;
	if (g->cache.nr < XBK_PGNT_MAX) {
		page = xengnttab_map_grant_ref(g->xgt, g->domid, gref,
					       PROT_READ | PROT_WRITE);
		if (page && xbk_pgnt_add(&g->cache, gref, page) == 0)
			return page;
		if (page)
			xengnttab_unmap(g->xgt, page, 1);
	}
	return xengnttab_map_grant_ref(g->xgt, g->domid, gref,
				       PROT_READ | (write ? PROT_WRITE : 0));
}

static void persistent_unmap(struct xbk_gnt *g, const grant_ref_t *grefs,
			     uint32_t n, void **pages)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (xbk_pgnt_find(&g->cache, grefs[i]) != pages[i])
			xengnttab_unmap(g->xgt, pages[i], 1);
}

static int gnt_map(void *ctx, const grant_ref_t *grefs, uint32_t n,
		   bool write, void **pages)
{
	struct xbk_gnt *g = ctx;
	uint32_t i;
	int rc;

	if (n == 0)
		return -EINVAL;
	if (!g->persistent)
		return batch_map(g, grefs, n, write, pages);
	for (i = 0; i < n; i++) {
		pages[i] = persistent_map_one(g, grefs[i], write);
		if (!pages[i]) {
			rc = errno ? -errno : -EIO;
			persistent_unmap(g, grefs, i, pages);
			return rc;
		}
	}
	return 0;
}

static void gnt_unmap(void *ctx, const grant_ref_t *grefs, uint32_t n,
		      void **pages)
{
	struct xbk_gnt *g = ctx;

	if (g->persistent)
		persistent_unmap(g, grefs, n, pages);
	else
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

static void drop_page(void *ctx, void *page)
{
	struct xbk_gnt *g = ctx;

	xengnttab_unmap(g->xgt, page, 1);
}

int xbk_gnt_persistent_start(struct xbk_gnt *g)
{
	int rc;

	xbk_gnt_persistent_stop(g);
	rc = xbk_pgnt_init(&g->cache);

	g->persistent = rc == 0;
	return rc;
}

void xbk_gnt_persistent_stop(struct xbk_gnt *g)
{
	xbk_pgnt_fini(&g->cache, drop_page, g);
	g->persistent = false;
}
