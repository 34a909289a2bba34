/* SPDX-License-Identifier: MIT */
/*
 * Sample block front end: lifecycle and the xenbus handshake. The ring
 * side (requests, responses, requeueing) is blkfront-io.c.
 */
#include <errno.h>
#include <string.h>

#include "blkfront.h"
#include "xenbus.h"

static void free_frames(struct blkfront *fe)
{
	uint32_t i, j;

	for (i = 0; i < BLKFRONT_NR_SHADOW; i++)
		for (j = 0; j < BLKIF_MAX_SEGMENTS_PER_REQUEST; j++)
			if (fe->data_frame[i][j])
				kit_frame_free(fe->conf.mem, fe->data_frame[i][j]);
}

/* Each shadow slot owns its data frames for life; grants come and go. */
static int alloc_frames(struct blkfront *fe)
{
	uint32_t i, j;
	int f;

	for (i = 0; i < BLKFRONT_NR_SHADOW; i++) {
		for (j = 0; j < BLKIF_MAX_SEGMENTS_PER_REQUEST; j++) {
			f = kit_frame_alloc(fe->conf.mem);
			if (f < 0) {
				free_frames(fe);
				return f;
			}
			fe->data_frame[i][j] = (uint32_t)f;
		}
	}
	return 0;
}

int blkfront_init(struct blkfront *fe, const struct blkfront_conf *conf)
{
	if (!conf->xs || !conf->dir || !conf->be_dir || !conf->mem ||
	    !conf->evtchns || conf->watch >= KIT_XS_WATCHERS)
		return -EINVAL;
	memset(fe, 0, sizeof(*fe));
	fe->conf = *conf;
	fe->state = XenbusStateUnknown;
	fe->xs_seen = UINT64_MAX;
	fe->ring_frame = -1;
	return alloc_frames(fe);
}

void blkfront_fini(struct blkfront *fe)
{
	blkfront_requeue_inflight(fe);
	if (fe->ring_frame >= 0 && !kit_gnttab_end(fe->conf.mem, fe->ring_gref))
		kit_frame_free(fe->conf.mem, (uint32_t)fe->ring_frame);
	free_frames(fe);
}

static int set_state(struct blkfront *fe, enum xenbus_state state)
{
	fe->state = state;
	return kit_xb_write_state(fe->conf.xs, fe->conf.dir, state);
}

/*
 * Take the ring grant back. If the back end still maps the page we cannot
 * reuse it: leave it to them and take a fresh frame next time.
 */
static void release_ring(struct blkfront *fe)
{
	if (fe->ring_frame < 0 || fe->ring_gref == 0)
		return;
	if (kit_gnttab_end(fe->conf.mem, fe->ring_gref) == 0) {
		fe->ring_gref = 0;
		return;
	}
	fe->nr_leaked_grants++;
	fe->ring_frame = -1;
	fe->ring_gref = 0;
}

static int publish(struct blkfront *fe)
{
	struct kit_xs *xs = fe->conf.xs;
	int gref, port;

	release_ring(fe);
	if (fe->ring_frame < 0)
		fe->ring_frame = kit_frame_alloc(fe->conf.mem);
	if (fe->ring_frame < 0)
		return fe->ring_frame;
	blkif_front_init(&fe->ring, kit_frame_addr(fe->conf.mem,
			 (uint32_t)fe->ring_frame), RING_PAGE_SIZE);
	gref = kit_gnttab_grant(fe->conf.mem, fe->conf.backend_id,
				(uint32_t)fe->ring_frame, false);
	if (gref < 0)
		return gref;
	fe->ring_gref = (grant_ref_t)gref;
	port = kit_evtchn_alloc(fe->conf.evtchns);
	fe->port = (uint32_t)port;
	if (kit_xs_write_uint(xs, fe->conf.dir, "ring-ref", fe->ring_gref) ||
	    kit_xs_write_uint(xs, fe->conf.dir, "event-channel", fe->port) ||
	    kit_xs_write_str(xs, fe->conf.dir, "protocol", "x86_64-abi"))
		return -EIO;
	return set_state(fe, XenbusStateInitialised);
}

/* The back end is Connected: its keys are final. Read and check them. */
static int connect(struct blkfront *fe)
{
	struct kit_xs *xs = fe->conf.xs;
	uint64_t v;
	int rc;

	rc = kit_xs_read_uint(xs, fe->conf.be_dir, "sectors", UINT64_MAX >>
			      BLKIF_SECTOR_SHIFT, &fe->nr_sectors);
	if (rc)
		return rc;
	fe->feature_flush = !kit_xs_read_uint(xs, fe->conf.be_dir,
					      "feature-flush-cache", 1, &v) && v;
	fe->feature_discard = !kit_xs_read_uint(xs, fe->conf.be_dir,
						"feature-discard", 1, &v) && v;
	fe->connected = true;
	return set_state(fe, XenbusStateConnected);
}

static int disconnect(struct blkfront *fe, int why)
{
	if (why)
		fe->last_error = why;
	fe->connected = false;
	blkfront_requeue_inflight(fe);
	release_ring(fe);
	return set_state(fe, XenbusStateClosing);
}

static int do_action(struct blkfront *fe, enum xb_action act)
{
	int rc;

	switch (act) {
	case XB_START:
		return set_state(fe, XenbusStateInitialising);
	case XB_PUBLISH:
		return publish(fe);
	case XB_CONNECT:
		rc = connect(fe);
		return rc ? disconnect(fe, rc) : 0;
	case XB_DISCONNECT:
		return disconnect(fe, 0);
	case XB_CLOSE:
		release_ring(fe);
		return set_state(fe, XenbusStateClosed);
	case XB_GIVE_UP:
		blkfront_fail_queued(fe, -ENODEV);
		return 0;
	default:
		return 0;
	}
}

/* Collect answers, then issue what is queued. -EIO: broken back end. */
static int run_ring(struct blkfront *fe)
{
	int got, sent;

	got = blkfront_collect(fe);
	if (got < 0)
		return got;
	sent = blkfront_issue(fe);
	return got + sent;
}

/* As in blkback.c: the handshake is looked at when xenstore changed. */
static enum xb_action next_action(struct blkfront *fe)
{
	uint64_t gen = kit_xs_generation(fe->conf.xs);
	enum xenbus_state peer;

	/* Not connected, I/O queued: if there is no back end, it must fail
	 * now, not when xenstore next changes. Decide again. */
	if (gen == fe->xs_seen && !(fe->queue && !fe->connected))
		return XB_NONE;
	fe->xs_seen = gen;
	peer = kit_xb_read_state(fe->conf.xs, fe->conf.be_dir);
	/* The kit's front end never goes offline by itself. */
	return xb_front_next(fe->state, peer, true);
}

int blkfront_step(struct blkfront *fe)
{
	enum xb_action act = next_action(fe);
	int rc, done = 0;

	rc = do_action(fe, act);
	if (rc)
		return rc;
	if (fe->connected) {
		done = run_ring(fe);
		if (done < 0)
			return disconnect(fe, done);
	}
	return act != XB_NONE && act != XB_GIVE_UP ? 1 : done > 0;
}

int blkfront_prepare_sleep(struct blkfront *fe)
{
	kit_xs_watch_clear(fe->conf.xs, fe->conf.watch);
	if (fe->connected) {
		kit_evtchn_clear(fe->conf.evtchns, fe->port, KIT_FRONT);
		/* Arm rsp_event; a broken ring is found by the step. */
		if (ring_front_final_check(&fe->ring) != 0)
			return 1;
	}
	return blkfront_step(fe);
}

void blkfront_fds(const struct blkfront *fe, int fds[2])
{
	fds[0] = fe->connected ?
		 kit_evtchn_fd(fe->conf.evtchns, fe->port, KIT_FRONT) : -1;
	fds[1] = kit_xs_watch_fd(fe->conf.xs, fe->conf.watch);
}

uint32_t blkfront_pending(const struct blkfront *fe)
{
	const struct blkfront_io *io;
	uint32_t n = 0, i;

	for (io = fe->queue; io; io = io->next)
		n++;
	for (i = 0; i < BLKFRONT_NR_SHADOW; i++)
		n += fe->shadow[i].io != NULL;
	return n;
}
