/* SPDX-License-Identifier: MIT */
/*
 * The persistent-grant table: grant reference -> our mapping of it, by
 * open addressing with linear probing. Entries are never removed one by
 * one (a persistent grant stays mapped until the connection ends), so a
 * probe stops at the first free slot. Grant references come from the
 * front end: any value, hence a hash that spreads them and a bound.
 */
#include <errno.h>
#include <stdlib.h>

#include "xbk.h"

static uint32_t slot_of(grant_ref_t gref)
{
	return (uint32_t)((gref * 2654435761u) >> 20) & (XBK_PGNT_SLOTS - 1);
}

int xbk_pgnt_init(struct xbk_pgnt *t)
{
	t->nr = 0;
	t->slot = calloc(XBK_PGNT_SLOTS, sizeof(*t->slot));
	return t->slot ? 0 : -ENOMEM;
}

void *xbk_pgnt_find(const struct xbk_pgnt *t, grant_ref_t gref)
{
	uint32_t i, s;

	if (!t->slot)
		return NULL;
	/* Never full (XBK_PGNT_MAX < XBK_PGNT_SLOTS): a free slot ends it. */
	for (i = 0, s = slot_of(gref); i < XBK_PGNT_SLOTS;
	     i++, s = (s + 1) & (XBK_PGNT_SLOTS - 1)) {
		if (!t->slot[s].page)
			return NULL;
		if (t->slot[s].gref == gref)
			return t->slot[s].page;
	}
	return NULL;
}

int xbk_pgnt_add(struct xbk_pgnt *t, grant_ref_t gref, void *page)
{
	uint32_t s;

	if (!t->slot || !page || t->nr >= XBK_PGNT_MAX)
		return -ENOSPC;
	for (s = slot_of(gref); t->slot[s].page;
	     s = (s + 1) & (XBK_PGNT_SLOTS - 1))
		if (t->slot[s].gref == gref)
			return -EEXIST;
	t->slot[s].gref = gref;
	t->slot[s].page = page;
	t->nr++;
	return 0;
}

void xbk_pgnt_fini(struct xbk_pgnt *t, void (*drop)(void *ctx, void *page),
		   void *ctx)
{
	uint32_t s;

	if (!t->slot)
		return;
	for (s = 0; s < XBK_PGNT_SLOTS; s++)
		if (t->slot[s].page)
			drop(ctx, t->slot[s].page);
	free(t->slot);
	t->slot = NULL;
	t->nr = 0;
}
