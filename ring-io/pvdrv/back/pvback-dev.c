/* SPDX-License-Identifier: MIT */
/*
 * One device: the xenbus handshake with a front end (decided in
 * pvback-state.c, done here), its ring and event channel, and the serving
 * loop (each request answered by pvback-req.c). Everything read from the
 * front end's directory or ring is checked first; a broken front end
 * loses its own connection and nothing else.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>

#include "pvback-int.h"

void pvback_log(struct pvback_dev *dev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pvback_vlog(&dev->log, dev->pb->cls->prog, dev->domid, dev->devid,
		    fmt, ap);
	va_end(ap);
}

struct pvback_dev *pvback_dev_new(struct pvback *pb, uint32_t domid,
				  uint32_t devid)
{
	struct pvback_dev *dev = calloc(1, sizeof(*dev));

	if (!dev)
		return NULL;
	dev->pb = pb;
	dev->domid = domid;
	dev->devid = devid;
	if (pvback_be_path(dev->be_path, sizeof(dev->be_path), pb->cls->kind,
			   domid, devid)) {
		free(dev);
		return NULL;
	}
	dev->u.local_port = -1;
	return dev;
}

/* --- data pages through gntdev: one map per request ----------------- */

static void *gnt_map(void *ctx, uint32_t gref, bool writable)
{
	struct pvback_dev *dev = ctx;

	return xengnttab_map_grant_ref(dev->pb->xgt, dev->domid, gref,
				       PROT_READ | (writable ? PROT_WRITE : 0));
}

static void gnt_unmap(void *ctx, void *page)
{
	struct pvback_dev *dev = ctx;

	xengnttab_unmap(dev->pb->xgt, page, 1);
}

static const struct pvback_map_ops gnt_ops = {
	.map = gnt_map,
	.unmap = gnt_unmap,
};

/* --- connection ------------------------------------------------------ */

static void notify(struct pvback_dev *dev)
{
	xenevtchn_notify(dev->pb->xce, (evtchn_port_t)dev->u.local_port);
}

/*
 * Requests are answered as they are taken (pvback_dev_serve), so none is
 * ever left taken but unanswered here; what is answered but unpublished
 * is pushed, and the front end told, before the ring goes away.
 */
static void disconnect(struct pvback_dev *dev)
{
	if (dev->connected) {
		ring_back_push(&dev->ring);
		notify(dev);
	}
	if (dev->u.local_port >= 0)
		xenevtchn_unbind(dev->pb->xce, (evtchn_port_t)dev->u.local_port);
	dev->u.local_port = -1;
	if (dev->ring_mem)
		xengnttab_unmap(dev->pb->xgt, dev->ring_mem, 1);
	dev->ring_mem = NULL;
	dev->connected = false;
	dev->u.kick = false;
}

static int read_front_keys(struct pvback_dev *dev)
{
	struct xs_handle *xs = dev->pb->xs;
	uint64_t v;

	if (pvback_xs_read_uint(xs, dev->fe_path, "ring-ref", UINT32_MAX, &v))
		return -EINVAL;
	dev->ring_ref = (uint32_t)v;
	if (pvback_xs_read_uint(xs, dev->fe_path, "event-channel",
				PVBACK_MAX_PORT, &v))
		return -EINVAL;
	dev->remote_port = (uint32_t)v;
	return 0;
}

static int connect_ring(struct pvback_dev *dev)
{
	const struct pvback_class *cls = dev->pb->cls;
	int rc, port;

	if (!dev->pb->xgt || !dev->pb->xce)
		return -ENODEV;		/* serve --no-xen: xenstore only */
	rc = read_front_keys(dev);
	if (rc)
		return rc;
	dev->ring_mem = xengnttab_map_grant_ref(dev->pb->xgt, dev->domid,
						dev->ring_ref,
						PROT_READ | PROT_WRITE);
	if (!dev->ring_mem)
		return -EFAULT;
	/* The front end initialised the page; we check as we read it. */
	rc = ring_back_attach(&dev->ring, dev->ring_mem, RING_PAGE_SIZE,
			      cls->entry_size);
	if (rc)
		return -EINVAL;
	port = xenevtchn_bind_interdomain(dev->pb->xce, dev->domid,
					  dev->remote_port);
	if (port < 0)
		return -errno;
	dev->u.local_port = port;
	dev->connected = true;
	dev->u.kick = true;	/* requests may be waiting already */
	return 0;
}

static int write_state(struct pvback_dev *dev, enum xenbus_state s)
{
	return pvback_xs_write(dev->pb->xs, dev->be_path, "state", "%u", s);
}

/* A broken front end: drop it, Closing; it may reconnect from Closed. */
static int fail_connection(struct pvback_dev *dev, int err, const char *why)
{
	pvback_log(dev, "%s (%d): closing", why, err);
	disconnect(dev);
	pvback_xs_write(dev->pb->xs, dev->be_path, "error", "%s", why);
	return write_state(dev, XenbusStateClosing);
}

/* The front end's directory must be in the front end's own domain. */
static int read_frontend(struct pvback_dev *dev)
{
	char prefix[40];
	int n = snprintf(prefix, sizeof(prefix), "/local/domain/%u/",
			 dev->domid);

	if (pvback_xs_read(dev->pb->xs, dev->be_path, "frontend", dev->fe_path,
			   sizeof(dev->fe_path)) < 0)
		return -ENOENT;
	if (strncmp(dev->fe_path, prefix, (size_t)n) ||
	    strstr(dev->fe_path, "/.."))
		return -EINVAL;
	return 0;
}

/* Our mark: we made the front end close so that it connects again. */
#define RECONNECT_KEY	"pvback-reconnect"

static void unmark(struct pvback_dev *dev)
{
	char path[PVBACK_PATH_MAX + sizeof(RECONNECT_KEY) + 1];

	snprintf(path, sizeof(path), "%s/%s", dev->be_path, RECONNECT_KEY);
	xs_rm(dev->pb->xs, XBT_NULL, path);
}

static int act(struct pvback_dev *dev, enum pvback_action a,
	       enum xenbus_state self)
{
	int rc;

	switch (a) {
	case PVB_INITWAIT:
		disconnect(dev);
		unmark(dev);
		return write_state(dev, XenbusStateInitWait);
	case PVB_CONNECT:
		rc = connect_ring(dev);
		if (rc)
			return fail_connection(dev, rc,
					       "cannot connect to the ring");
		pvback_log(dev, "connected: ring-ref %u, port %u -> %d, "
			   "%u slots", dev->ring_ref, dev->remote_port,
			   dev->u.local_port, dev->ring.nr_ents);
		return write_state(dev, XenbusStateConnected);
	case PVB_RECONNECT:
		if (pvback_xs_write(dev->pb->xs, dev->be_path, RECONNECT_KEY,
				    "1"))
			return -EIO;
		return write_state(dev, XenbusStateClosing);
	case PVB_DROP_CLOSING:
		disconnect(dev);
		/* fall through */
	case PVB_CLOSING:
		/* Closing alone keeps serving a held ring: the front end
		 * drains it (detach waits for Closed). */
		return self == XenbusStateClosing ? 0 :
		       write_state(dev, XenbusStateClosing);
	case PVB_CLOSED:
		disconnect(dev);
		unmark(dev);
		return self == XenbusStateClosed ? 0 :
		       write_state(dev, XenbusStateClosed);
	default:
		return 0;
	}
}

int pvback_dev_update(struct pvback_dev *dev)
{
	struct xs_handle *xs = dev->pb->xs;
	struct pvback_view v = {
		.peer = XenbusStateUnknown, .connected = dev->connected,
	};
	enum pvback_action a;
	uint64_t online = 1, mark = 0;
	int rc;

	if (!pvback_xs_exists(xs, dev->be_path))
		return -ENOENT;		/* the toolstack removed us */
	rc = read_frontend(dev);
	if (rc == -ENOENT)
		return -ENOENT;		/* no frontend key: not a device */
	if (rc == 0) {
		v.fe_present = pvback_xs_exists(xs, dev->fe_path);
		v.peer = pvback_xs_state(xs, dev->fe_path);
	} else {
		dev->fe_path[0] = '\0';
	}
	v.self = pvback_xs_state(xs, dev->be_path);
	if (pvback_xs_read_uint(xs, dev->be_path, "online", 1, &online) ==
	    -EINVAL)
		online = 0;
	v.online = online != 0;
	pvback_xs_read_uint(xs, dev->be_path, RECONNECT_KEY, 1, &mark);
	v.reconnect = mark == 1;
	a = pvback_next(&v);
	if (a != PVB_NONE && (dev->pb->verbose || a == PVB_RECONNECT))
		pvback_log(dev, "state %d, front end %d%s, online %u: %s",
			   v.self, v.peer, v.fe_present ? "" : " (gone)",
			   (unsigned int)online, pvback_action_name(a));
	return act(dev, a, v.self);
}

/*
 * Answer one request we have copied out of the ring. Returns true if
 * --garbage wants rsp_prod broken once this batch is pushed.
 */
static bool answer(struct pvback_dev *dev, const void *req)
{
	struct pvback *pb = dev->pb;
	_Alignas(8) uint8_t rsp[PVBACK_REQ_MAX];
	bool bad_prod = false;
	int status;

	status = pvback_handle(pb->cls, &gnt_ops, dev, req, rsp);
	dev->nr_requests++;
	if (status) {
		dev->nr_errors++;
		if (pb->verbose)
			pvback_log(dev, "request: status %d", status);
	}
	if (pb->garbage != PVB_GARBAGE_NONE)
		bad_prod = pvback_garble(pb->garbage, pb->seq++, rsp);
	/* Cannot fail: we took the request, so its slot is ours to answer. */
	ring_back_put(&dev->ring, rsp, pb->cls->rsp_size);
	return bad_prod;
}

/* --garbage prod-ahead: publish an rsp_prod no real back end could. */
static void break_prod(struct pvback_dev *dev)
{
	uint32_t bad = pvback_garbage_prod(dev->ring.rsp_prod_pvt,
					   dev->ring.nr_ents);

	ring_wmb();	/* the answers before the index, as a push does */
	ring_store_idx(&dev->ring.sring->rsp_prod, bad);
	pvback_log(dev, "garbage: rsp_prod %u (real %u)", bad,
		   dev->ring.rsp_prod_pvt);
}

int pvback_dev_serve(struct pvback_dev *dev)
{
	_Alignas(8) uint8_t req[PVBACK_REQ_MAX];
	bool bad_prod = false, must_notify;
	unsigned int done = 0;
	int rc = 0;

	if (!dev->connected)
		return 0;
	dev->u.kick = false;
	while (done < PVBACK_BATCH &&
	       (rc = ring_back_take(&dev->ring, req,
				    dev->pb->cls->req_size)) == 1) {
		bad_prod |= answer(dev, req);
		done++;
	}
	must_notify = ring_back_push(&dev->ring);
	if (bad_prod) {
		break_prod(dev);
		must_notify = true;
	}
	if (must_notify)
		notify(dev);
	rc = ring_back_batch_end(&dev->ring, rc, done == PVBACK_BATCH);
	if (rc < 0) {
		fail_connection(dev, rc, "ring protocol error");
		return 0;
	}
	return rc;
}

void pvback_dev_free(struct pvback_dev *dev)
{
	disconnect(dev);
	free(dev);
}
