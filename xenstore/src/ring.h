/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest ring transport: struct xenstore_domain_interface, shared with
 * a guest that may write anything to it at any moment, and an event
 * channel. The event channel is behind struct xs_evtchn so the host tests
 * and the test ring provider can stand in for Xen's.
 */
#ifndef XS_RING_H
#define XS_RING_H

#include <stdbool.h>
#include <stddef.h>

#include "transport.h"
#include "wire.h"

struct xs_evtchn {
	void (*notify)(void *ctx);     /* kick the guest */
	void (*drain)(void *ctx);      /* consume the guest's kicks */
	int fd;                        /* readable after a kick, or -1 */
	void *ctx;
};

struct xs_ring {
	struct xenstore_domain_interface *intf;
	struct xs_evtchn evtchn;
	bool broken;
	void (*release)(struct xs_ring *r);   /* unmap, close, free */
};

extern const struct xs_transport_ops xs_ring_ops;

/* Announces our features on a fresh page. */
void xs_ring_init(struct xs_ring *r);
/* Bytes copied out of the request ring (0 if empty), or -EIO once the
 * guest published impossible indexes; the page's error field says so. */
long xs_ring_read(struct xs_ring *r, void *buf, size_t len);
/* Bytes copied into the response ring (0 if full), or -EIO likewise. The
 * guest is not notified: the transport's kick does that once per flush. */
long xs_ring_write(struct xs_ring *r, const void *buf, size_t len);

#endif
