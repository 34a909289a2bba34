/* SPDX-License-Identifier: MIT */
/*
 * One virtual disk: the xenbus handshake with a front end (decided in
 * xbk-state.c, done here), its ring and event channel, and the serving
 * loop that feeds the engine. Everything read from the front end's
 * directory or ring is checked first; a broken front end loses its own
 * connection (Closing, with an "error" key) and nothing else.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenevtchn.h>

#include "xbk.h"

#define XBK_MAX_PORT	((1u << 17) - 1)	/* FIFO ABI's last port */

void xbk_log(struct xbk_dev *dev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pvback_vlog(&dev->log, "xeno-blkback", dev->fe_domid, dev->devid,
		    fmt, ap);
	va_end(ap);
}

struct xbk_dev *xbk_dev_new(struct xbk *d, uint32_t fe_domid, uint32_t devid)
{
	struct xbk_dev *dev = calloc(1, sizeof(*dev));

	if (!dev)
		return NULL;
	dev->d = d;
	dev->fe_domid = fe_domid;
	dev->devid = devid;
	snprintf(dev->be_path, sizeof(dev->be_path), "%s/%u/%u", d->base,
		 fe_domid, devid);
	dev->u.local_port = -1;
	dev->disk.fd = -1;
	dev->gnt.xgt = d->xgt;
	dev->gnt.domid = fe_domid;
	return dev;
}

static void journal_path(const struct xbk_dev *dev, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%u-%u.journal", dev->d->journal_dir,
		 dev->fe_domid, dev->devid);
}

/* The image named by params, opened as mode says. */
static int open_image(struct xbk_dev *dev)
{
	char params[XBK_PATH_MAX], mode[8];
	const char *path;
	int fd, rc;

	if (dev->opened)
		return 0;
	if (pvback_xs_read(dev->d->xs, dev->be_path, "params", params,
			sizeof(params)) < 0 ||
	    pvback_xs_read(dev->d->xs, dev->be_path, "mode", mode, sizeof(mode)) < 0)
		return -ENOENT;
	path = xbk_params_path(params);
	if (!path) {
		xbk_log(dev, "params '%s': only raw images", params);
		return -EINVAL;
	}
	dev->engine.readonly = strcmp(mode, "w") != 0;
	fd = open(path, (dev->engine.readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		xbk_log(dev, "open %s: %s", path, strerror(errno));
		return rc;
	}
	rc = blk_disk_open_file(&dev->disk, fd);
	if (rc) {
		close(fd);
		return rc;
	}
	dev->engine.disk = &dev->disk;
	dev->engine.gops = &xbk_grant_ops;
	dev->engine.gctx = &dev->gnt;
	dev->opened = true;
	xbk_log(dev, "serving %s (%" PRIu64 " sectors, %s)", path,
		dev->disk.nr_sectors, dev->engine.readonly ? "ro" : "rw");
	return 0;
}

static void close_image(struct xbk_dev *dev)
{
	if (dev->opened)
		close(dev->disk.fd);
	dev->disk.fd = -1;
	dev->opened = false;
}

/* Every key first, then InitWait: blkfront reads them on Connected. */
static int advertise(struct xbk_dev *dev)
{
	struct xbk *d = dev->d;
	const char *be = dev->be_path;
	bool rw = !dev->engine.readonly;
	uint64_t discard = 1;
	int rc = 0;

	pvback_xs_read_uint(d->xs, be, "discard-enable", 1, &discard);
	rc |= pvback_xs_write(d->xs, be, "sectors", "%" PRIu64, dev->disk.nr_sectors);
	rc |= pvback_xs_write(d->xs, be, "sector-size", "%u", BLKIF_SECTOR_SIZE);
	rc |= pvback_xs_write(d->xs, be, "physical-sector-size", "%u",
			   BLKIF_SECTOR_SIZE);
	rc |= pvback_xs_write(d->xs, be, "info", "%u", rw ? 0 : VDISK_READONLY);
	rc |= pvback_xs_write(d->xs, be, "feature-flush-cache", "%u", rw);
	rc |= pvback_xs_write(d->xs, be, "feature-discard", "%u", rw && discard);
	rc |= pvback_xs_write(d->xs, be, "feature-persistent", "1");
	rc |= pvback_xs_write(d->xs, be, "feature-max-indirect-segments", "%u",
			   BLK_ENGINE_MAX_INDIRECT_SEGS);
	rc |= pvback_xs_write(d->xs, be, "max-ring-page-order", "%u",
			   XBK_MAX_RING_ORDER);
	if (rc)
		return -EIO;
	return pvback_xs_write(d->xs, be, "state", "%u", XenbusStateInitWait);
}

/* ring-ref, or ring-page-order and ring-ref0..N: each checked. */
static int read_ring_refs(struct xbk_dev *dev)
{
	char key[24];
	uint64_t order, v;
	uint32_t i;
	int rc;

	rc = pvback_xs_read_uint(dev->d->xs, dev->fe_path, "ring-page-order",
			      XBK_MAX_RING_ORDER, &order);
	if (rc == -ENOENT) {		/* one page, as blkfront's default */
		dev->nr_ring_pages = 1;
		if (pvback_xs_read_uint(dev->d->xs, dev->fe_path, "ring-ref",
				     UINT32_MAX, &v))
			return -EINVAL;
		dev->ring_ref[0] = (grant_ref_t)v;
		return 0;
	}
	if (rc)
		return -EINVAL;
	dev->nr_ring_pages = 1u << order;
	for (i = 0; i < dev->nr_ring_pages; i++) {
		snprintf(key, sizeof(key), "ring-ref%u", i);
		if (pvback_xs_read_uint(dev->d->xs, dev->fe_path, key, UINT32_MAX, &v))
			return -EINVAL;
		dev->ring_ref[i] = (grant_ref_t)v;
	}
	return 0;
}

static int read_front_keys(struct xbk_dev *dev)
{
	char proto[32];
	uint64_t v;
	int rc;

	rc = read_ring_refs(dev);
	if (rc)
		return rc;
	/* Persistent grants if the front end asked for them too. */
	if (pvback_xs_read_uint(dev->d->xs, dev->fe_path, "feature-persistent", 1,
			     &v) == 0 && v == 1) {
		rc = xbk_gnt_persistent_start(&dev->gnt);
		if (rc)
			return rc;
	}
	if (pvback_xs_read_uint(dev->d->xs, dev->fe_path, "event-channel",
			     XBK_MAX_PORT, &v))
		return -EINVAL;
	dev->remote_port = (uint32_t)v;
	/* No protocol key means the native one; we speak only x86_64. */
	rc = pvback_xs_read(dev->d->xs, dev->fe_path, "protocol", proto,
			 sizeof(proto));
	if (rc == -E2BIG || (rc >= 0 && strcmp(proto, "x86_64-abi")))
		return -EINVAL;
	return 0;
}

static void disconnect(struct xbk_dev *dev)
{
	xbk_gnt_persistent_stop(&dev->gnt);
	if (dev->u.local_port >= 0)
		xenevtchn_unbind(dev->d->xce, (evtchn_port_t)dev->u.local_port);
	dev->u.local_port = -1;
	if (dev->ring_mem)
		xbk_unmap(&dev->gnt, dev->ring_mem, dev->nr_ring_pages);
	dev->ring_mem = NULL;
	xbk_journal_close(&dev->jr);
	dev->connected = false;
	dev->replay_left = 0;
	dev->u.kick = false;
	dev->must_notify = false;
}

/* The journal: fresh for a new ring; a predecessor's when taking over. */
static int open_journal(struct xbk_dev *dev, bool reattach, ring_idx_t req_prod)
{
	char path[XBK_PATH_MAX];
	ring_idx_t rsp = dev->ring.rsp_prod_pvt;
	uint32_t n;
	int rc;

	journal_path(dev, path, sizeof(path));
	rc = xbk_journal_open(&dev->jr, path, !reattach);
	if (rc)
		return rc;
	n = reattach ? xbk_journal_unanswered(&dev->jr, dev->ring.nr_ents,
					      dev->ring_ref[0],
					      dev->remote_port, rsp, req_prod)
		     : 0;
	if (reattach)
		xbk_log(dev, "taking over the ring at %u: %u unanswered, %u "
			"from the journal", rsp, req_prod - rsp, n);
	dev->replay_left = n;
	xbk_journal_reset(&dev->jr, dev->ring.nr_ents, dev->ring_ref[0],
			  dev->remote_port, rsp + n);
	return 0;
}

static int connect_ring(struct xbk_dev *dev, bool reattach)
{
	size_t size;
	int rc, port;

	rc = read_front_keys(dev);
	if (rc)
		return rc;
	dev->ring_mem = xbk_map_ring(&dev->gnt, dev->ring_ref,
				     dev->nr_ring_pages);
	if (!dev->ring_mem)
		return -EINVAL;
	size = (size_t)dev->nr_ring_pages * RING_PAGE_SIZE;
	rc = reattach ? blkif_back_reattach(&dev->ring, dev->ring_mem, size)
		      : blkif_back_attach(&dev->ring, dev->ring_mem, size);
	if (rc < 0)
		return -EINVAL;
	rc = open_journal(dev, reattach, dev->ring.req_cons + (uint32_t)rc);
	if (rc)
		return rc;
	/* A dead predecessor's close left the front end's port unbound,
	 * still offered to us: bind it again. */
	port = xenevtchn_bind_interdomain(dev->d->xce, dev->fe_domid,
					  dev->remote_port);
	if (port < 0)
		return -errno;
	dev->u.local_port = port;
	dev->connected = true;
	dev->u.kick = true;
	/* A predecessor killed between publishing answers and notifying
	 * leaves the front end asleep on answers already in the ring, with
	 * rsp_event behind them: our own pushes would not pass it. */
	dev->must_notify = reattach;
	return 0;
}

static int fail_connection(struct xbk_dev *dev, int err, const char *why)
{
	xbk_log(dev, "%s (%d): closing", why, err);
	disconnect(dev);
	pvback_xs_write(dev->d->xs, dev->be_path, "error", "%s", why);
	return pvback_xs_write(dev->d->xs, dev->be_path, "state", "%u",
			    XenbusStateClosing);
}

/* The front end's directory must be in the front end's own domain. */
static int read_frontend(struct xbk_dev *dev)
{
	char prefix[40];
	int n = snprintf(prefix, sizeof(prefix), "/local/domain/%u/",
			 dev->fe_domid);

	if (pvback_xs_read(dev->d->xs, dev->be_path, "frontend", dev->fe_path,
			sizeof(dev->fe_path)) < 0)
		return -ENOENT;
	if (strncmp(dev->fe_path, prefix, (size_t)n))
		return -EINVAL;
	return 0;
}

static int act(struct xbk_dev *dev, enum xbk_action a,
	       enum xenbus_state self)
{
	char path[XBK_PATH_MAX];
	int rc;

	switch (a) {
	case XBK_ADVERTISE:
		rc = open_image(dev);
		if (rc)
			return fail_connection(dev, rc, "cannot open the image");
		return advertise(dev);
	case XBK_CONNECT:
	case XBK_REATTACH:
		rc = open_image(dev);
		if (!rc)
			rc = connect_ring(dev, a == XBK_REATTACH);
		if (rc)
			return fail_connection(dev, rc,
					       "cannot connect to the ring");
		if (a == XBK_CONNECT)
			return pvback_xs_write(dev->d->xs, dev->be_path, "state",
					    "%u", XenbusStateConnected);
		return 0;
	case XBK_CLOSING:
		disconnect(dev);
		if (self == XenbusStateClosing)
			return 0;
		return pvback_xs_write(dev->d->xs, dev->be_path, "state", "%u",
				    XenbusStateClosing);
	case XBK_CLOSED:
		disconnect(dev);
		close_image(dev);
		journal_path(dev, path, sizeof(path));
		unlink(path);		/* this ring is over */
		if (self == XenbusStateClosed)
			return 0;
		return pvback_xs_write(dev->d->xs, dev->be_path, "state", "%u",
				    XenbusStateClosed);
	default:
		return 0;
	}
}

int xbk_dev_update(struct xbk_dev *dev)
{
	enum xenbus_state self, peer;
	enum xbk_action a;
	uint64_t online = 1;
	int rc;

	rc = read_frontend(dev);
	if (rc == -ENOENT)
		return -ENOENT;		/* the toolstack removed us */
	self = pvback_xs_state(dev->d->xs, dev->be_path);
	peer = rc ? XenbusStateUnknown : pvback_xs_state(dev->d->xs, dev->fe_path);
	if (pvback_xs_read_uint(dev->d->xs, dev->be_path, "online", 1, &online) ==
	    -EINVAL)
		online = 0;
	a = xbk_next(self, peer, online != 0, dev->connected);
	if (a != XBK_NONE)
		xbk_log(dev, "state %d, front end %d: %s", self, peer,
			xbk_action_name(a));
	return act(dev, a, self);
}

static void answer(struct xbk_dev *dev, const union blkif_sring_entry *req)
{
	struct blkif_response rsp;

	memset(&rsp, 0, sizeof(rsp));
	rsp.id = req->req.id;
	rsp.operation = blk_engine_rsp_op(req);
	rsp.status = blk_engine_do(&dev->engine, req);
	dev->nr_requests++;
	if (rsp.status != BLKIF_RSP_OKAY) {
		dev->nr_errors++;
		xbk_log(dev, "request op %u sector %" PRIu64 ": status %d (%s)",
			req->req.operation, req->req.sector_number,
			rsp.status, rsp.status == BLKIF_RSP_ERROR ?
			strerror(-dev->engine.last_error) : "not supported");
	}
	/* Cannot fail: we took the request, so its slot is ours to answer. */
	blkif_back_put(&dev->ring, &rsp);
}

int xbk_dev_serve(struct xbk_dev *dev)
{
	union blkif_sring_entry req;
	unsigned int done = 0;
	int rc = 0;

	if (!dev->connected)
		return 0;
	dev->u.kick = false;
	while (done < XBK_BATCH && (rc = xbk_ring_take(&dev->ring, &dev->jr,
						   &dev->replay_left, &req)) == 1) {
		answer(dev, &req);
		done++;
	}
	if (ring_back_push(&dev->ring) || dev->must_notify) {
		if (dev->must_notify)
			xbk_log(dev, "answered %u after taking over, rsp_prod "
				"%u, req_prod %u", done, dev->ring.rsp_prod_pvt,
				dev->ring.sring->req_prod);
		xenevtchn_notify(dev->d->xce, (evtchn_port_t)dev->u.local_port);
		dev->must_notify = false;
	}
	rc = ring_back_batch_end(&dev->ring, rc, done == XBK_BATCH);
	if (rc < 0) {
		fail_connection(dev, rc, "ring protocol error");
		return 0;
	}
	return rc;
}

void xbk_dev_free(struct xbk_dev *dev)
{
	disconnect(dev);
	close_image(dev);
	free(dev);
}
