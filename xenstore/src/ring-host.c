/* SPDX-License-Identifier: GPL-2.0-only */
/* File-and-FIFO stand-in for grant mapping and event channels. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "conn.h"
#include "core.h"
#include "log.h"
#include "ring-host.h"
#include "ring.h"

#define PAGE_BYTES 4096

struct xs_ring_host {
	struct xs_ring_provider provider;
	char *dir;
};

struct host_ring {
	struct xs_ring ring;
	int kick_in;         /* guest -> us */
	int kick_out;        /* us -> guest */
};

static void host_notify(void *ctx)
{
	struct host_ring *hr = ctx;
	char b = 1;

	/* A full FIFO already holds a pending kick: nothing is lost. */
	if (write(hr->kick_out, &b, 1) < 0 && errno != EAGAIN)
		hr->ring.broken = true;
}

static void host_drain(void *ctx)
{
	struct host_ring *hr = ctx;
	char buf[64];

	while (read(hr->kick_in, buf, sizeof(buf)) > 0)
		;
}

static void host_release(struct xs_ring *r)
{
	struct host_ring *hr = (struct host_ring *)r;

	munmap(r->intf, PAGE_BYTES);
	close(hr->kick_in);
	close(hr->kick_out);
	free(hr);
}

static int open_fifo(const char *dir, unsigned int domid, const char *what)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%u.%s", dir, domid, what);
	/* O_RDWR: never blocks and never fails for want of a peer. */
	return open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

static void *map_page(const char *dir, unsigned int domid)
{
	char path[4096];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "%s/%u.page", dir, domid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	p = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static int host_attach(void *ctx, struct xs_core *core, struct xs_domain *d)
{
	struct xs_ring_host *rh = ctx;
	struct host_ring *hr = calloc(1, sizeof(*hr));
	struct xs_conn *conn;

	if (!hr)
		return -ENOMEM;
	hr->ring.intf = map_page(rh->dir, d->domid);
	hr->kick_in = open_fifo(rh->dir, d->domid, "kick-xs");
	hr->kick_out = open_fifo(rh->dir, d->domid, "kick-guest");
	if (!hr->ring.intf || hr->kick_in < 0 || hr->kick_out < 0) {
		xs_log_guest("domain %u: no ring page or event channel in %s",
		       d->domid, rh->dir);
		if (hr->ring.intf)
			munmap(hr->ring.intf, PAGE_BYTES);
		if (hr->kick_in >= 0)
			close(hr->kick_in);
		if (hr->kick_out >= 0)
			close(hr->kick_out);
		free(hr);
		return -EINVAL;
	}
	hr->ring.evtchn = (struct xs_evtchn){ host_notify, host_drain,
					      hr->kick_in, hr };
	hr->ring.release = host_release;
	xs_ring_init(&hr->ring);
	conn = xs_conn_new(core, &xs_ring_ops, &hr->ring, d->domid, false);
	if (!conn)
		return -ENOMEM;          /* xs_conn_new released the ring */
	d->ring_conn = conn;
	return 0;
}

static void host_detach(void *ctx, struct xs_core *core, struct xs_domain *d)
{
	/* The connection dies with the round; its release unmaps. */
}

struct xs_ring_host *xs_ring_host_new(struct xs_core *core, const char *dir)
{
	struct xs_ring_host *rh = calloc(1, sizeof(*rh));

	if (!rh)
		return NULL;
	rh->dir = strdup(dir);
	if (!rh->dir) {
		free(rh);
		return NULL;
	}
	rh->provider = (struct xs_ring_provider){ host_attach, host_detach, rh };
	core->rings = &rh->provider;
	return rh;
}

void xs_ring_host_free(struct xs_ring_host *rh)
{
	if (!rh)
		return;
	free(rh->dir);
	free(rh);
}
