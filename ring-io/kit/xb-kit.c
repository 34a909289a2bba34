/* SPDX-License-Identifier: MIT */
/* The scripted peer's writes into the kit's xenstore stand-in. */
#include <errno.h>

#include <ring-io/blkif.h>

#include "gnttab.h"
#include "xb-kit.h"

static int kit_write(void *ctx, const char *dir, const char *key,
		     const char *value)
{
	struct xbs_kit *k = ctx;

	return kit_xs_write_str(k->xs, dir, key, value);
}

static int kit_remove(void *ctx, const char *dir)
{
	struct xbs_kit *k = ctx;

	return kit_xs_rm(k->xs, dir);
}

static int kit_publish_ring(void *ctx, const char *dir)
{
	struct xbs_kit *k = ctx;
	int frame = kit_frame_alloc(k->mem), gref, port;

	if (frame < 0)
		return frame;
	blkif_front_init(&k->ring, kit_frame_addr(k->mem, (uint32_t)frame),
			 RING_PAGE_SIZE);
	gref = kit_gnttab_grant(k->mem, k->driver_id, (uint32_t)frame, false);
	if (gref < 0)
		return gref;
	port = kit_evtchn_alloc(k->evtchns);
	if (kit_xs_write_uint(k->xs, dir, "ring-ref", (uint64_t)gref) ||
	    kit_xs_write_uint(k->xs, dir, "event-channel", (uint64_t)port) ||
	    kit_xs_write_str(k->xs, dir, "protocol", "x86_64-abi"))
		return -EIO;
	return 0;
}

const struct xbs_store xbs_kit_store = {
	.write = kit_write,
	.remove = kit_remove,
	.publish_ring = kit_publish_ring,
};
