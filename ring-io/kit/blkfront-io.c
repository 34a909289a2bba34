/* SPDX-License-Identifier: MIT */
/*
 * The block front end's ring side: turn queued I/O into requests (data
 * copied through frames granted for just that request), and responses back
 * into completed I/O. A response naming a request we did not make is a
 * protocol error: the caller disconnects.
 */
#include <errno.h>
#include <string.h>

#include "blkfront.h"

int blkfront_submit(struct blkfront *fe, struct blkfront_io *io)
{
	switch (io->op) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		if (!io->buf || io->nr_sectors == 0)
			return -EINVAL;
		if (io->nr_sectors > BLKFRONT_MAX_SECTORS)
			return -E2BIG;
		break;
	case BLKIF_OP_DISCARD:
		if (io->nr_sectors == 0)
			return -EINVAL;
		break;
	case BLKIF_OP_FLUSH_DISKCACHE:
		break;
	default:
		return -EINVAL;
	}
	io->done = false;
	io->status = 0;
	io->next = NULL;
	if (fe->queue_tail)
		fe->queue_tail->next = io;
	else
		fe->queue = io;
	fe->queue_tail = io;
	return 0;
}

static struct blkfront_io *queue_pop(struct blkfront *fe)
{
	struct blkfront_io *io = fe->queue;

	fe->queue = io->next;
	if (!fe->queue)
		fe->queue_tail = NULL;
	return io;
}

static void queue_push_head(struct blkfront *fe, struct blkfront_io *io)
{
	io->next = fe->queue;
	fe->queue = io;
	if (!fe->queue_tail)
		fe->queue_tail = io;
}

static int free_shadow(const struct blkfront *fe)
{
	uint32_t i;

	for (i = 0; i < BLKFRONT_NR_SHADOW; i++)
		if (!fe->shadow[i].io)
			return (int)i;
	return -1;
}

/* End the grants of a shadow slot; a still-mapped one is leaked, counted. */
static int end_grants(struct blkfront *fe, struct blkfront_shadow *sh)
{
	int rc = 0;

	while (sh->nr_grefs) {
		if (kit_gnttab_end(fe->conf.mem, sh->gref[--sh->nr_grefs])) {
			fe->nr_leaked_grants++;
			rc = -EBUSY;
		}
	}
	return rc;
}

/* One segment per page: grant it, and fill it first if we are writing. */
static int fill_segments(struct blkfront *fe, uint32_t idx,
			 struct blkfront_io *io, struct blkif_request *r)
{
	struct blkfront_shadow *sh = &fe->shadow[idx];
	uint32_t left = io->nr_sectors, i;
	int gref;

	for (i = 0; left; i++) {
		uint32_t n = left < BLKIF_SECTORS_PER_PAGE ?
			     left : BLKIF_SECTORS_PER_PAGE;
		uint32_t frame = fe->data_frame[idx][i];

		if (io->op == BLKIF_OP_WRITE)
			memcpy(kit_frame_addr(fe->conf.mem, frame),
			       (uint8_t *)io->buf + (size_t)i * RING_PAGE_SIZE,
			       n << BLKIF_SECTOR_SHIFT);
		/* A write only lets the back end read our page. */
		gref = kit_gnttab_grant(fe->conf.mem, fe->conf.backend_id,
					frame, io->op == BLKIF_OP_WRITE);
		if (gref < 0) {
			end_grants(fe, sh);
			return gref;
		}
		sh->gref[sh->nr_grefs++] = (grant_ref_t)gref;
		r->seg[i].gref = (grant_ref_t)gref;
		r->seg[i].first_sect = 0;
		r->seg[i].last_sect = (uint8_t)(n - 1);
		left -= n;
	}
	r->nr_segments = (uint8_t)i;
	return 0;
}

static int build_request(struct blkfront *fe, uint32_t idx,
			 struct blkfront_io *io, union blkif_sring_entry *req)
{
	memset(req, 0, sizeof(*req));
	req->req.operation = io->op;
	req->req.id = idx;
	req->req.sector_number = io->sector;
	if (io->op == BLKIF_OP_DISCARD) {
		req->discard.nr_sectors = io->nr_sectors;
		return 0;
	}
	if (io->op == BLKIF_OP_FLUSH_DISKCACHE)
		return 0;
	return fill_segments(fe, idx, io, &req->req);
}

/* Move queued I/O onto the ring; one push, one notification at most. */
int blkfront_issue(struct blkfront *fe)
{
	union blkif_sring_entry req;
	int idx, n = 0;

	while (fe->queue && ring_front_free(&fe->ring)) {
		idx = free_shadow(fe);
		if (idx < 0)
			break;
		if (build_request(fe, (uint32_t)idx, fe->queue, &req))
			break;	/* grant table full: retry after completions */
		fe->shadow[idx].io = queue_pop(fe);
		blkif_front_put(&fe->ring, &req);
		fe->nr_issued++;
		n++;
	}
	if (n && ring_front_push(&fe->ring)) {
		kit_evtchn_notify(fe->conf.evtchns, fe->port, KIT_BACK);
		fe->nr_notify++;
	}
	return n;
}

static int status_to_errno(int16_t status)
{
	if (status == BLKIF_RSP_OKAY)
		return 0;
	return status == BLKIF_RSP_EOPNOTSUPP ? -EOPNOTSUPP : -EIO;
}

/* The pages were ours again once the grants ended: copy the data out. */
static void copy_read_data(struct blkfront *fe, uint32_t idx,
			   struct blkfront_io *io)
{
	uint32_t left = io->nr_sectors, i;

	for (i = 0; left; i++) {
		uint32_t n = left < BLKIF_SECTORS_PER_PAGE ?
			     left : BLKIF_SECTORS_PER_PAGE;

		memcpy((uint8_t *)io->buf + (size_t)i * RING_PAGE_SIZE,
		       kit_frame_addr(fe->conf.mem, fe->data_frame[idx][i]),
		       n << BLKIF_SECTOR_SHIFT);
		left -= n;
	}
}

static int complete(struct blkfront *fe, const struct blkif_response *rsp)
{
	struct blkfront_shadow *sh;
	struct blkfront_io *io;

	if (rsp->id >= BLKFRONT_NR_SHADOW || !fe->shadow[rsp->id].io)
		return -EIO;	/* an answer to nothing we asked */
	sh = &fe->shadow[rsp->id];
	io = sh->io;
	if (rsp->operation != io->op)
		return -EIO;
	if (end_grants(fe, sh))
		return -EIO;	/* the back end answered but kept the page */
	io->status = status_to_errno(rsp->status);
	if (io->op == BLKIF_OP_READ && io->status == 0)
		copy_read_data(fe, (uint32_t)rsp->id, io);
	io->done = true;
	sh->io = NULL;
	fe->nr_completed++;
	return 0;
}

/*
 * Complete every answered request. Returns how many, or -EIO. Bounded:
 * the ring lets through only answers to requests in flight. The response
 * event is armed by blkfront_prepare_sleep(), not here.
 */
int blkfront_collect(struct blkfront *fe)
{
	struct blkif_response rsp;
	int n = 0, rc;

	while ((rc = blkif_front_take(&fe->ring, &rsp)) == 1) {
		if (complete(fe, &rsp))
			return -EIO;
		n++;
	}
	return rc < 0 ? rc : n;
}

void blkfront_requeue_inflight(struct blkfront *fe)
{
	uint32_t i;

	for (i = 0; i < BLKFRONT_NR_SHADOW; i++) {
		struct blkfront_shadow *sh = &fe->shadow[i];

		if (!sh->io)
			continue;
		end_grants(fe, sh);
		queue_push_head(fe, sh->io);
		sh->io = NULL;
		fe->nr_reissued++;
	}
}

void blkfront_fail_queued(struct blkfront *fe, int status)
{
	while (fe->queue) {
		struct blkfront_io *io = queue_pop(fe);

		io->status = status;
		io->done = true;
	}
}
