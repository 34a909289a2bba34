/* SPDX-License-Identifier: MIT */
/*
 * One block request, already copied out of the ring: check every field,
 * map every granted page, and only then touch the disk. The answer is a
 * BLKIF_RSP_* status; nothing a front end sends is fatal here.
 */
#include <errno.h>
#include <string.h>

#include "blkback.h"

/* A segment as we will use it: from the ring or an indirect page. */
struct seg {
	grant_ref_t gref;
	uint8_t first_sect, last_sect;
	void *page;			/* once mapped */
};

struct rw_plan {
	bool write;			/* to the disk: pages are only read */
	uint64_t sector;
	uint32_t nr_segs;
	uint32_t nr_sectors;
	struct seg seg[BLKBACK_MAX_SEGS];
};

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
static bool range_ok(const struct blkback *be, uint64_t sector, uint64_t n)
{
	uint64_t size = be->conf.disk->nr_sectors;

	return sector <= size && n <= size - sector;
}

static void unmap_segments(struct blkback *be, struct rw_plan *p, uint32_t n)
{
	while (n--)
		kit_gnttab_unmap(&be->gnt, p->seg[n].gref);
}

static int map_segments(struct blkback *be, struct rw_plan *p)
{
	uint32_t i;
	int rc;

	for (i = 0; i < p->nr_segs; i++) {
		/* A read from the disk writes the front end's page. */
		rc = kit_gnttab_map(&be->gnt, p->seg[i].gref, !p->write,
				    &p->seg[i].page);
		if (rc) {
			unmap_segments(be, p, i);
			return rc;
		}
	}
	return 0;
}

static int move_data(struct blkback *be, struct rw_plan *p)
{
	struct blk_disk *disk = be->conf.disk;
	uint64_t off = p->sector << BLKIF_SECTOR_SHIFT;
	uint32_t i;
	int rc = 0;

	for (i = 0; i < p->nr_segs && rc == 0; i++) {
		const struct seg *s = &p->seg[i];
		uint8_t *buf = (uint8_t *)s->page +
			       (s->first_sect << BLKIF_SECTOR_SHIFT);
		size_t len = (size_t)(s->last_sect - s->first_sect + 1)
			     << BLKIF_SECTOR_SHIFT;

		rc = p->write ? disk->ops->write(disk, buf, len, off) :
				disk->ops->read(disk, buf, len, off);
		off += len;
	}
	return rc;
}

static int16_t do_rw(struct blkback *be, struct rw_plan *p)
{
	int rc;

	if (check_segments(p) || !range_ok(be, p->sector, p->nr_sectors))
		return BLKIF_RSP_ERROR;
	if (map_segments(be, p))
		return BLKIF_RSP_ERROR;
	rc = move_data(be, p);
	unmap_segments(be, p, p->nr_segs);
	return rc ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
}

static int16_t do_direct(struct blkback *be, const struct blkif_request *r)
{
	struct rw_plan p;
	uint32_t i;

	if (r->nr_segments == 0 ||
	    r->nr_segments > BLKIF_MAX_SEGMENTS_PER_REQUEST)
		return BLKIF_RSP_ERROR;
	p.write = r->operation == BLKIF_OP_WRITE;
	p.sector = r->sector_number;
	p.nr_segs = r->nr_segments;
	for (i = 0; i < p.nr_segs; i++) {
		p.seg[i].gref = r->seg[i].gref;
		p.seg[i].first_sect = r->seg[i].first_sect;
		p.seg[i].last_sect = r->seg[i].last_sect;
	}
	return do_rw(be, &p);
}

/* Copy segment descriptors out of the indirect pages: they stay writable
 * by the front end, so they are read once, here, and never again. */
static int load_indirect(struct blkback *be,
			 const struct blkif_request_indirect *r,
			 struct rw_plan *p)
{
	uint32_t i, nr_pages = (p->nr_segs + BLKIF_SEGS_PER_INDIRECT_FRAME - 1)
			       / BLKIF_SEGS_PER_INDIRECT_FRAME;
	struct blkif_request_segment segs[BLKBACK_MAX_SEGS];
	void *page;

	for (i = 0; i < nr_pages; i++) {
		uint32_t first = i * BLKIF_SEGS_PER_INDIRECT_FRAME;
		uint32_t n = p->nr_segs - first;

		if (n > BLKIF_SEGS_PER_INDIRECT_FRAME)
			n = BLKIF_SEGS_PER_INDIRECT_FRAME;
		if (kit_gnttab_map(&be->gnt, r->indirect_grefs[i], false, &page))
			return -EINVAL;
		memcpy(&segs[first], page, n * sizeof(segs[0]));
		kit_gnttab_unmap(&be->gnt, r->indirect_grefs[i]);
	}
	for (i = 0; i < p->nr_segs; i++) {
		p->seg[i].gref = segs[i].gref;
		p->seg[i].first_sect = segs[i].first_sect;
		p->seg[i].last_sect = segs[i].last_sect;
	}
	return 0;
}

static int16_t do_indirect(struct blkback *be,
			   const struct blkif_request_indirect *r)
{
	struct rw_plan p;

	if (r->indirect_op != BLKIF_OP_READ && r->indirect_op != BLKIF_OP_WRITE)
		return BLKIF_RSP_ERROR;
	if (r->nr_segments == 0 || r->nr_segments > BLKBACK_MAX_INDIRECT_SEGS)
		return BLKIF_RSP_ERROR;
	p.write = r->indirect_op == BLKIF_OP_WRITE;
	p.sector = r->sector_number;
	p.nr_segs = r->nr_segments;
	if (load_indirect(be, r, &p))
		return BLKIF_RSP_ERROR;
	return do_rw(be, &p);
}

static int16_t do_discard(struct blkback *be,
			  const struct blkif_request_discard *r)
{
	struct blk_disk *disk = be->conf.disk;

	if (!range_ok(be, r->sector_number, r->nr_sectors))
		return BLKIF_RSP_ERROR;
	if (disk->ops->discard(disk, r->sector_number << BLKIF_SECTOR_SHIFT,
			       r->nr_sectors << BLKIF_SECTOR_SHIFT))
		return BLKIF_RSP_ERROR;
	return BLKIF_RSP_OKAY;
}

int16_t blkback_do_request(struct blkback *be,
			   const union blkif_sring_entry *req)
{
	struct blk_disk *disk = be->conf.disk;

	switch (req->req.operation) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		return do_direct(be, &req->req);
	case BLKIF_OP_FLUSH_DISKCACHE:
		return disk->ops->flush(disk) ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
	case BLKIF_OP_DISCARD:
		return do_discard(be, &req->discard);
	case BLKIF_OP_INDIRECT:
		return do_indirect(be, &req->indirect);
	default:	/* barrier (not offered), reserved, unknown */
		return BLKIF_RSP_EOPNOTSUPP;
	}
}
