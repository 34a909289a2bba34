/* SPDX-License-Identifier: MIT */
/*
 * One block request, already copied out of the ring: check every field,
 * map every granted page, and only then touch the disk. The answer is a
 * BLKIF_RSP_* status; nothing a front end sends is fatal here.
 */
#include <errno.h>
#include <string.h>

#include "blk-engine.h"

/* A segment as we will use it: from the ring or an indirect page. */
struct seg {
	uint8_t first_sect, last_sect;
};

struct rw_plan {
	bool write;			/* to the disk: pages are only read */
	uint64_t sector;
	uint32_t nr_segs;
	uint32_t nr_sectors;
	grant_ref_t gref[BLK_ENGINE_MAX_SEGS];
	struct seg seg[BLK_ENGINE_MAX_SEGS];
	void *page[BLK_ENGINE_MAX_SEGS];	/* once mapped */
};

static int16_t fail(struct blk_engine *eng, int err)
{
	eng->last_error = err;
	return BLKIF_RSP_ERROR;
}

static int check_segments(struct rw_plan *p)
{
	uint32_t i;

	p->nr_sectors = 0;
	for (i = 0; i < p->nr_segs; i++) {
		const struct seg *s = &p->seg[i];

		if (s->first_sect > s->last_sect ||
		    s->last_sect >= BLKIF_SECTORS_PER_PAGE)
			return -EINVAL;
		p->nr_sectors += s->last_sect - s->first_sect + 1u;
	}
	return 0;
}

/* Is [sector, sector + n) on the disk? Written so nothing can overflow. */
static bool range_ok(const struct blk_engine *eng, uint64_t sector,
		     uint64_t n)
{
	uint64_t size = eng->disk->nr_sectors;

	return sector <= size && n <= size - sector;
}

static int move_data(struct blk_engine *eng, struct rw_plan *p)
{
	struct blk_disk *disk = eng->disk;
	uint64_t off = p->sector << BLKIF_SECTOR_SHIFT;
	uint32_t i;
	int rc = 0;

	for (i = 0; i < p->nr_segs && rc == 0; i++) {
		const struct seg *s = &p->seg[i];
		uint8_t *buf = (uint8_t *)p->page[i] +
			       (s->first_sect << BLKIF_SECTOR_SHIFT);
		size_t len = (size_t)(s->last_sect - s->first_sect + 1)
			     << BLKIF_SECTOR_SHIFT;

		rc = p->write ? disk->ops->write(disk, buf, len, off) :
				disk->ops->read(disk, buf, len, off);
		off += len;
	}
	return rc;
}

static int16_t do_rw(struct blk_engine *eng, struct rw_plan *p)
{
	int rc;

	if (p->write && eng->readonly)
		return fail(eng, -EROFS);
	if (check_segments(p) || !range_ok(eng, p->sector, p->nr_sectors))
		return fail(eng, -EINVAL);
	/* A read from the disk writes the front end's pages. */
	rc = eng->gops->map(eng->gctx, p->gref, p->nr_segs, !p->write, p->page);
	if (rc)
		return fail(eng, rc);
	rc = move_data(eng, p);
	eng->gops->unmap(eng->gctx, p->gref, p->nr_segs, p->page);
	return rc ? fail(eng, rc) : BLKIF_RSP_OKAY;
}

static int16_t do_direct(struct blk_engine *eng,
			 const struct blkif_request *r)
{
	struct rw_plan p;
	uint32_t i;

	if (r->nr_segments == 0 ||
	    r->nr_segments > BLKIF_MAX_SEGMENTS_PER_REQUEST)
		return fail(eng, -EINVAL);
	p.write = r->operation == BLKIF_OP_WRITE;
	p.sector = r->sector_number;
	p.nr_segs = r->nr_segments;
	for (i = 0; i < p.nr_segs; i++) {
		p.gref[i] = r->seg[i].gref;
		p.seg[i].first_sect = r->seg[i].first_sect;
		p.seg[i].last_sect = r->seg[i].last_sect;
	}
	return do_rw(eng, &p);
}

/* Copy segment descriptors out of the indirect pages: they stay writable
 * by the front end, so they are read once, here, and never again. */
static int load_indirect(struct blk_engine *eng,
			 const struct blkif_request_indirect *r,
			 struct rw_plan *p)
{
	uint32_t i, nr_pages = (p->nr_segs + BLKIF_SEGS_PER_INDIRECT_FRAME - 1)
			       / BLKIF_SEGS_PER_INDIRECT_FRAME;
	struct blkif_request_segment segs[BLK_ENGINE_MAX_SEGS];
	grant_ref_t grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
	void *pages[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];

	int rc;

	memcpy(grefs, r->indirect_grefs, nr_pages * sizeof(grefs[0]));
	rc = eng->gops->map(eng->gctx, grefs, nr_pages, false, pages);
	if (rc)
		return rc;
	for (i = 0; i < nr_pages; i++) {
		uint32_t first = i * BLKIF_SEGS_PER_INDIRECT_FRAME;
		uint32_t n = p->nr_segs - first;

		if (n > BLKIF_SEGS_PER_INDIRECT_FRAME)
			n = BLKIF_SEGS_PER_INDIRECT_FRAME;
		memcpy(&segs[first], pages[i], n * sizeof(segs[0]));
	}
	eng->gops->unmap(eng->gctx, grefs, nr_pages, pages);
	for (i = 0; i < p->nr_segs; i++) {
		p->gref[i] = segs[i].gref;
		p->seg[i].first_sect = segs[i].first_sect;
		p->seg[i].last_sect = segs[i].last_sect;
	}
	return 0;
}

static int16_t do_indirect(struct blk_engine *eng,
			   const struct blkif_request_indirect *r)
{
	struct rw_plan p;

	int rc;

	if (r->indirect_op != BLKIF_OP_READ && r->indirect_op != BLKIF_OP_WRITE)
		return fail(eng, -EINVAL);
	if (r->nr_segments == 0 ||
	    r->nr_segments > BLK_ENGINE_MAX_INDIRECT_SEGS)
		return fail(eng, -EINVAL);
	p.write = r->indirect_op == BLKIF_OP_WRITE;
	if (p.write && eng->readonly)
		return fail(eng, -EROFS);
	p.sector = r->sector_number;
	p.nr_segs = r->nr_segments;
	rc = load_indirect(eng, r, &p);
	if (rc)
		return fail(eng, rc);
	return do_rw(eng, &p);
}

static int16_t do_discard(struct blk_engine *eng,
			  const struct blkif_request_discard *r)
{
	struct blk_disk *disk = eng->disk;

	int rc;

	if (eng->readonly)
		return fail(eng, -EROFS);
	if (!range_ok(eng, r->sector_number, r->nr_sectors))
		return fail(eng, -EINVAL);
	rc = disk->ops->discard(disk, r->sector_number << BLKIF_SECTOR_SHIFT,
				r->nr_sectors << BLKIF_SECTOR_SHIFT);
	return rc ? fail(eng, rc) : BLKIF_RSP_OKAY;
}

static int16_t do_flush(struct blk_engine *eng)
{
	/* As Linux's blkback: a flush is a write, refused on a read-only
	 * disk (which does not offer feature-flush-cache either). */
	int rc;

	if (eng->readonly)
		return fail(eng, -EROFS);
	rc = eng->disk->ops->flush(eng->disk);
	return rc ? fail(eng, rc) : BLKIF_RSP_OKAY;
}

int16_t blk_engine_do(struct blk_engine *eng,
		      const union blkif_sring_entry *req)
{
	switch (req->req.operation) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		return do_direct(eng, &req->req);
	case BLKIF_OP_FLUSH_DISKCACHE:
		return do_flush(eng);
	case BLKIF_OP_DISCARD:
		return do_discard(eng, &req->discard);
	case BLKIF_OP_INDIRECT:
		return do_indirect(eng, &req->indirect);
	default:	/* barrier (not offered), reserved, unknown */
		return BLKIF_RSP_EOPNOTSUPP;
	}
}
