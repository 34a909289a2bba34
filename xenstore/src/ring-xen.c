/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant-mapped and dom0 rings with libxenevtchn channels; see ring-xen.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xen/grant_table.h>
#include <xen/xen.h>

#include "conn.h"
#include "core.h"
#include "log.h"
#include "ring-xen.h"
#include "ring.h"
#include "xen-libs.h"

#define PAGE_BYTES 4096
#define DRAIN_MAX  64            /* pending ports taken per wake-up */
#define PORT_LIMIT (1u << 17)    /* the FIFO ABI's: no port reaches it */

struct xs_ring_xen {
	struct xs_ring_provider provider;
	const struct xs_xen_libs *libs;
	struct xs_core *core;
	xengnttab_handle *gnttab;    /* NULL: guest rings cannot be mapped */
	xenevtchn_handle *virq;      /* VIRQ_DOM_EXC's, or NULL */
	bool state_logged;
};

struct xen_ring {
	struct xs_ring ring;
	struct xs_ring_xen *x;
	xenevtchn_handle *evtchn;
	evtchn_port_t port;          /* our end of the channel */
	unsigned int domid;
	bool is_dom0;                /* page mmap'd from xsd_kva, not granted */
};

static void xen_notify(void *ctx)
{
	struct xen_ring *r = ctx;

	if (r->x->libs->evtchn_notify(r->evtchn, r->port) < 0)
		xs_log_guest("domain %u: notify on port %u failed: %s",
			     r->domid, r->port, strerror(errno));
}

/* Takes the pending ports off the handle and unmasks them, so that the
 * next kick wakes us again. The descriptor is non-blocking. */
static void drain_handle(const struct xs_xen_libs *libs, xenevtchn_handle *h)
{
	xenevtchn_port_or_error_t port;
	unsigned int i;

	for (i = 0; i < DRAIN_MAX; i++) {
		port = libs->evtchn_pending(h);
		if (port < 0)
			return;
		libs->evtchn_unmask(h, (evtchn_port_t)port);
	}
}

static void xen_drain(void *ctx)
{
	struct xen_ring *r = ctx;

	drain_handle(r->x->libs, r->evtchn);
}

static void close_channel(struct xen_ring *r)
{
	const struct xs_xen_libs *libs = r->x->libs;

	if (libs->evtchn_unbind(r->evtchn, r->port) < 0)
		xs_log("port %u: unbind failed: %s", r->port, strerror(errno));
	libs->evtchn_close(r->evtchn);
}

static void unmap_page(struct xen_ring *r)
{
	if (r->is_dom0)
		munmap(r->ring.intf, PAGE_BYTES);
	else
		r->x->libs->gnttab_unmap(r->x->gnttab, r->ring.intf, 1);
}

static void xen_release(struct xs_ring *ring)
{
	struct xen_ring *r = (struct xen_ring *)ring;

	close_channel(r);
	unmap_page(r);
	free(r);
}

/* A fresh handle, non-blocking, bound to @remote of domain @domid. */
static int open_channel(struct xen_ring *r, unsigned int domid,
			unsigned int remote)
{
	const struct xs_xen_libs *libs = r->x->libs;
	xenevtchn_port_or_error_t port;
	int fd, rc;

	r->evtchn = libs->evtchn_open(NULL, 0);
	if (!r->evtchn)
		return errno ? -errno : -EIO;
	fd = libs->evtchn_fd(r->evtchn);
	if (fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		rc = -EIO;
		goto out_close;
	}
	port = libs->evtchn_bind_interdomain(r->evtchn, domid, remote);
	if (port < 0) {
		rc = errno ? -errno : -EIO;
		goto out_close;
	}
	r->port = (evtchn_port_t)port;
	r->ring.evtchn = (struct xs_evtchn){ xen_notify, xen_drain, fd, r };
	return 0;
out_close:
	libs->evtchn_close(r->evtchn);
	return rc;
}

/* Hands the ring to a new connection of domain @d and tells the other
 * end the store is there (Linux's dom0 starts probing xenbus on it). */
static int connect_ring(struct xs_ring_xen *x, struct xen_ring *r,
			struct xs_domain *d, bool privileged)
{
	struct xs_conn *conn;

	r->ring.release = xen_release;
	xs_ring_init(&r->ring);
	conn = xs_conn_new(x->core, &xs_ring_ops, &r->ring, d->domid,
			   privileged);
	if (!conn)
		return -ENOMEM;          /* xs_conn_new released the ring */
	d->ring_conn = conn;
	xen_notify(r);
	return 0;
}

static int guest_attach(void *ctx, struct xs_core *core, struct xs_domain *d)
{
	struct xs_ring_xen *x = ctx;
	struct xen_ring *r;
	int rc;

	if (!x->gnttab)
		return -ENOSYS;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->x = x;
	r->domid = d->domid;
	errno = 0;
	r->ring.intf = x->libs->gnttab_map_grant_ref(x->gnttab, d->domid,
				GNTTAB_RESERVED_XENSTORE, PROT_READ | PROT_WRITE);
	if (!r->ring.intf) {
		rc = errno ? -errno : -EINVAL;
		xs_log_guest("domain %u: mapping its ring grant: %s", d->domid,
			     strerror(-rc));
		free(r);
		return rc;
	}
	rc = open_channel(r, d->domid, d->evtchn);
	if (rc) {
		xs_log_guest("domain %u: binding its port %u: %s", d->domid,
			     d->evtchn, strerror(-rc));
		unmap_page(r);
		free(r);
		return rc;
	}
	/* As Xen's daemon at INTRODUCE: a fresh start, nothing half-sent. */
	r->ring.intf->req_cons = r->ring.intf->req_prod = 0;
	r->ring.intf->rsp_cons = r->ring.intf->rsp_prod = 0;
	return connect_ring(x, r, d, false);
}

static void guest_detach(void *ctx, struct xs_core *core, struct xs_domain *d)
{
	/* The connection dies at the end of the round; its release unbinds
	 * and unmaps. */
}

/* Linux writes the port in decimal; anything else is refused. */
static int read_port(const char *proc, unsigned int *port)
{
	char path[4096], buf[16], *end;
	unsigned long v;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/xsd_port", proc);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EINVAL;
	buf[n] = '\0';
	if (buf[0] < '0' || buf[0] > '9')
		return -EINVAL;      /* strtoul would take a sign or blanks */
	errno = 0;
	v = strtoul(buf, &end, 10);
	if ((*end && *end != '\n') || errno || v == 0 || v >= PORT_LIMIT)
		return -EINVAL;
	*port = (unsigned int)v;
	return 0;
}

static void *map_kva(const char *proc)
{
	char path[4096];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "%s/xsd_kva", proc);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	p = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

int xs_ring_xen_dom0(struct xs_ring_xen *x, const char *proc)
{
	struct xs_domain *d = xs_domain_get(&x->core->domains, 0);
	struct xen_ring *r;
	unsigned int port;
	int rc = read_port(proc, &port);

	if (rc)
		return rc;
	if (!d)
		return -ENOMEM;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->x = x;
	r->is_dom0 = true;
	r->ring.intf = map_kva(proc);
	if (!r->ring.intf) {
		rc = errno ? -errno : -EIO;
		free(r);
		return rc;
	}
	/* Domain 0 to domain 0: Xen makes it a loopback channel. */
	rc = open_channel(r, 0, port);
	if (rc) {
		unmap_page(r);
		free(r);
		return rc;
	}
	rc = connect_ring(x, r, d, true);
	if (!rc)
		xs_log("serving dom0's ring (port %u, ours %u)", port, r->port);
	return rc;
}

static void open_virq(struct xs_ring_xen *x)
{
	const struct xs_xen_libs *libs = x->libs;
	int fd;

	x->virq = libs->evtchn_open(NULL, 0);
	if (!x->virq) {
		xs_log("VIRQ_DOM_EXC: no event channel handle (%s): domain "
		       "deaths go unnoticed", strerror(errno));
		return;
	}
	fd = libs->evtchn_fd(x->virq);
	if (fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0 ||
	    libs->evtchn_bind_virq(x->virq, VIRQ_DOM_EXC) < 0) {
		xs_log("VIRQ_DOM_EXC: cannot bind (%s): domain deaths go "
		       "unnoticed", strerror(errno));
		libs->evtchn_close(x->virq);
		x->virq = NULL;
	}
}

struct xs_ring_xen *xs_ring_xen_new(struct xs_core *core,
				    const struct xs_xen_libs *libs)
{
	struct xs_ring_xen *x = calloc(1, sizeof(*x));

	if (!x)
		return NULL;
	x->libs = libs;
	x->core = core;
	if (libs->gnttab_open) {
		x->gnttab = libs->gnttab_open(NULL, 0);
		if (!x->gnttab)
			xs_log("libxengnttab: %s: guest rings cannot be mapped",
			       strerror(errno));
	}
	open_virq(x);
	x->provider = (struct xs_ring_provider){ guest_attach, guest_detach,
						 x };
	core->rings = &x->provider;
	return x;
}

void xs_ring_xen_free(struct xs_ring_xen *x)
{
	if (!x)
		return;
	if (x->virq)
		x->libs->evtchn_close(x->virq);
	if (x->gnttab)
		x->libs->gnttab_close(x->gnttab);
	free(x);
}

int xs_ring_xen_virq_fd(struct xs_ring_xen *x)
{
	return x->virq ? x->libs->evtchn_fd(x->virq) : -1;
}

void xs_ring_xen_virq(void *ctx)
{
	struct xs_ring_xen *x = ctx;
	const struct xs_xen_libs *libs = x->libs;
	int rc;

	drain_handle(libs, x->virq);
	if (!libs->domain_state) {
		if (!x->state_logged)
			xs_log("VIRQ_DOM_EXC, but no libxenctrl to ask which "
			       "domain: nothing released");
		x->state_logged = true;
		return;
	}
	rc = xs_domains_check(x->core, libs->domain_state, libs->state_ctx);
	if (rc && !x->state_logged) {
		xs_log("cannot ask Xen about domains (%s): none released",
		       strerror(-rc));
		x->state_logged = true;
	}
}
