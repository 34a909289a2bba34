/* SPDX-License-Identifier: MIT */
/*
 * Sample block back end: the xenbus handshake and the ring loop. Requests
 * are served by the engine (blk-engine.c) through the kit's grant view. A ring protocol error from the front end
 * disconnects (Closing, with an "error" key), never crashes or spins.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "blkback.h"
#include "xenbus.h"

/* The engine's door to the front end's pages: the kit's grant view. */
static int kit_map(void *ctx, const grant_ref_t *grefs, uint32_t n,
		   bool write, void **pages)
{
	struct kit_gnttab_view *v = ctx;
	uint32_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = kit_gnttab_map(v, grefs[i], write, &pages[i]);
		if (rc) {
			while (i--)
				kit_gnttab_unmap(v, grefs[i]);
			return rc;
		}
	}
	return 0;
}

static void kit_unmap(void *ctx, const grant_ref_t *grefs, uint32_t n,
		      void **pages)
{
	(void)pages;
	while (n--)
		kit_gnttab_unmap(ctx, grefs[n]);
}

static const struct blk_grant_ops kit_grant_ops = {
	.map = kit_map,
	.unmap = kit_unmap,
};

int blkback_init(struct blkback *be, const struct blkback_conf *conf)
{
	if (!conf->xs || !conf->dir || !conf->fe_dir || !conf->fe_mem ||
	    !conf->evtchns || !conf->disk || conf->watch >= KIT_XS_WATCHERS)
		return -EINVAL;
	memset(be, 0, sizeof(*be));
	be->conf = *conf;
	be->state = XenbusStateUnknown;
	be->online = true;
	be->xs_seen = UINT64_MAX;
	kit_gnttab_view_init(&be->gnt, conf->fe_mem, conf->self);
	be->engine.disk = conf->disk;
	be->engine.gops = &kit_grant_ops;
	be->engine.gctx = &be->gnt;
	be->engine.readonly = conf->readonly;
	return 0;
}

void blkback_set_online(struct blkback *be, bool online)
{
	be->online = online;
	be->xs_seen = UINT64_MAX;	/* decide again at the next step */
}

static int set_state(struct blkback *be, enum xenbus_state state)
{
	be->state = state;
	return kit_xb_write_state(be->conf.xs, be->conf.dir, state);
}

/* Features first, then InitWait: a front end that sees InitWait may rely
 * on every key being there. */
static int advertise(struct blkback *be)
{
	struct kit_xs *xs = be->conf.xs;
	const char *d = be->conf.dir;
	int rc = 0;

	rc |= kit_xs_write_uint(xs, d, "sectors", be->conf.disk->nr_sectors);
	rc |= kit_xs_write_uint(xs, d, "sector-size", BLKIF_SECTOR_SIZE);
	rc |= kit_xs_write_uint(xs, d, "info",
				be->conf.readonly ? VDISK_READONLY : 0);
	if (!be->conf.readonly) {
		rc |= kit_xs_write_uint(xs, d, "feature-flush-cache", 1);
		rc |= kit_xs_write_uint(xs, d, "feature-discard", 1);
	}
	rc |= kit_xs_write_uint(xs, d, "feature-max-indirect-segments",
				BLKBACK_MAX_INDIRECT_SEGS);
	if (rc)
		return -EIO;
	return set_state(be, XenbusStateInitWait);
}

static void drop_ring(struct blkback *be)
{
	kit_gnttab_unmap_all(&be->gnt);
	be->connected = false;
}

/* Read the front end's keys; each is checked before anything is mapped. */
static int read_ring_keys(struct blkback *be, grant_ref_t *gref,
			  uint32_t *port)
{
	struct kit_xs *xs = be->conf.xs;
	char proto[KIT_XS_VALUE_MAX], path[KIT_XS_PATH_MAX];
	uint64_t v;
	int rc;

	rc = kit_xs_read_uint(xs, be->conf.fe_dir, "ring-ref", UINT32_MAX, &v);
	if (rc)
		return rc;
	*gref = (grant_ref_t)v;
	rc = kit_xs_read_uint(xs, be->conf.fe_dir, "event-channel",
			      KIT_EVTCHN_PORTS - 1, &v);
	if (rc)
		return rc;
	*port = (uint32_t)v;
	/* No protocol key means the native one, as in Xen. */
	snprintf(path, sizeof(path), "%s/protocol", be->conf.fe_dir);
	if (kit_xs_read(xs, path, proto, sizeof(proto)) >= 0 &&
	    strcmp(proto, "x86_64-abi"))
		return -EINVAL;
	return 0;
}

static int connect_ring(struct blkback *be)
{
	grant_ref_t gref;
	uint32_t port;
	void *page;
	int rc;

	rc = read_ring_keys(be, &gref, &port);
	if (rc)
		return rc;
	rc = kit_evtchn_bind(be->conf.evtchns, port);
	if (rc)
		return rc;
	rc = kit_gnttab_map(&be->gnt, gref, true, &page);
	if (rc)
		return rc;
	rc = blkif_back_attach(&be->ring, page, RING_PAGE_SIZE);
	if (rc) {
		kit_gnttab_unmap(&be->gnt, gref);
		return rc;
	}
	be->ring_gref = gref;
	be->port = port;
	be->connected = true;
	return set_state(be, XenbusStateConnected);
}

/* Give up on the connection, saying why in our "error" key. */
static int fail_connection(struct blkback *be, int err, const char *why)
{
	be->last_error = err;
	kit_xs_write_str(be->conf.xs, be->conf.dir, "error", why);
	drop_ring(be);
	return set_state(be, XenbusStateClosing);
}

static int do_action(struct blkback *be, enum xb_action act)
{
	int rc;

	switch (act) {
	case XB_START:
		return advertise(be);
	case XB_CONNECT:
		rc = connect_ring(be);
		return rc ? fail_connection(be, rc, "cannot connect to the ring") : 0;
	case XB_DISCONNECT:
		drop_ring(be);
		return set_state(be, XenbusStateClosing);
	case XB_CLOSE:
		drop_ring(be);
		return set_state(be, XenbusStateClosed);
	default:
		return 0;
	}
}

static void answer(struct blkback *be, const union blkif_sring_entry *req)
{
	struct blkif_response rsp;

	memset(&rsp, 0, sizeof(rsp));
	rsp.id = req->req.id;
	rsp.operation = blk_engine_rsp_op(req);
	rsp.status = blk_engine_do(&be->engine, req);
	be->nr_requests++;
	if (rsp.status != BLKIF_RSP_OKAY)
		be->nr_errors++;
	/* Cannot fail: we took the request, so its slot is ours to answer. */
	blkif_back_put(&be->ring, &rsp);
}

/*
 * Serve up to BLKBACK_BATCH requests (fairness: the caller comes back for
 * more). Returns how many, or -EIO. The request event is not armed here:
 * while we keep stepping, the front end need not wake us. It is armed in
 * blkback_prepare_sleep(), just before we sleep.
 */
static int serve_ring(struct blkback *be)
{
	union blkif_sring_entry req;
	int done = 0, rc = 0;

	while (done < (int)BLKBACK_BATCH &&
	       (rc = blkif_back_take(&be->ring, &req)) == 1) {
		answer(be, &req);
		done++;
	}
	if (ring_back_push(&be->ring)) {
		kit_evtchn_notify(be->conf.evtchns, be->port, KIT_FRONT);
		be->nr_notify++;
	}
	return rc < 0 ? rc : done;
}

/*
 * The handshake step, skipped while xenstore has not changed since we last
 * looked: our own writes change it too, so a transition is never missed.
 */
static enum xb_action next_action(struct blkback *be)
{
	uint64_t gen = kit_xs_generation(be->conf.xs);
	enum xenbus_state peer;

	if (gen == be->xs_seen)
		return XB_NONE;
	be->xs_seen = gen;
	peer = kit_xb_read_state(be->conf.xs, be->conf.fe_dir);
	return xb_back_next(be->state, peer, be->online);
}

int blkback_step(struct blkback *be)
{
	enum xb_action act = next_action(be);
	int rc, done = 0;

	rc = do_action(be, act);
	if (rc)
		return rc;
	if (be->connected && be->state == XenbusStateConnected) {
		done = serve_ring(be);
		if (done < 0)
			return fail_connection(be, done, "ring protocol error");
		if (done)
			be->nr_wakeups++;
	}
	return act != XB_NONE || done > 0;
}

int blkback_prepare_sleep(struct blkback *be)
{
	kit_xs_watch_clear(be->conf.xs, be->conf.watch);
	if (be->connected) {
		kit_evtchn_clear(be->conf.evtchns, be->port, KIT_BACK);
		/* Arm req_event; a broken ring is found by the step. */
		if (be->state == XenbusStateConnected &&
		    ring_back_final_check(&be->ring) != 0)
			return 1;
	}
	return blkback_step(be);
}

void blkback_fini(struct blkback *be)
{
	drop_ring(be);
	kit_gnttab_view_fini(&be->gnt);
}

void blkback_fds(const struct blkback *be, int fds[2])
{
	fds[0] = be->connected ?
		 kit_evtchn_fd(be->conf.evtchns, be->port, KIT_BACK) : -1;
	fds[1] = kit_xs_watch_fd(be->conf.xs, be->conf.watch);
}
