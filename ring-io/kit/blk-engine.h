/* SPDX-License-Identifier: MIT */
/*
 * The block request engine: one blkif request, already copied out of the
 * ring, checked field by field and served from a blk_disk. It reaches the
 * front end's pages only through blk_grant_ops, so the same engine serves
 * the kit's memfd grants (kit/blkback.c) and dom0's gntdev (dom0/).
 */
#ifndef KIT_BLK_ENGINE_H
#define KIT_BLK_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include <ring-io/blkif.h>

#include "blk-disk.h"

/* feature-max-indirect-segments we offer; Linux's blkfront asks for 32. */
#define BLK_ENGINE_MAX_INDIRECT_SEGS	64u
#define BLK_ENGINE_MAX_SEGS		BLK_ENGINE_MAX_INDIRECT_SEGS

/*
 * How the engine reaches granted pages. map() maps n references of the
 * front end at once, writable if write (a read from the disk writes the
 * front end's page), and fills pages[]; 0 or -errno, and on failure
 * nothing stays mapped. unmap() undoes one successful map() given the
 * same arguments.
 */
struct blk_grant_ops {
	int (*map)(void *ctx, const grant_ref_t *grefs, uint32_t n, bool write,
		   void **pages);
	void (*unmap)(void *ctx, const grant_ref_t *grefs, uint32_t n,
		      void **pages);
};

struct blk_engine {
	struct blk_disk *disk;
	const struct blk_grant_ops *gops;
	void *gctx;
	bool readonly;			/* writes, flushes, discards: error */
	int last_error;			/* why the last request failed (-errno) */
};

/*
 * A BLKIF_RSP_* status; nothing a front end sends is fatal here. On an
 * error, last_error says why: -EINVAL a malformed request, -EROFS a
 * write to a read-only disk, else the grant map's or the disk's -errno.
 */
int16_t blk_engine_do(struct blk_engine *eng,
		      const union blkif_sring_entry *req);

/*
 * The operation a response carries: the request's, except that an
 * indirect request is answered with its indirect_op (Linux's blkfront
 * checks it and disables the disk on a mismatch).
 */
static inline uint8_t blk_engine_rsp_op(const union blkif_sring_entry *req)
{
	return req->req.operation == BLKIF_OP_INDIRECT ?
	       req->indirect.indirect_op : req->req.operation;
}

#endif /* KIT_BLK_ENGINE_H */
