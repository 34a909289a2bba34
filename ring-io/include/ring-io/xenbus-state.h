/* SPDX-License-Identifier: MIT */
/*
 * The per-device state each end publishes in xenstore ("state" key, as a
 * decimal string). Values are Xen's io/xenbus.h. A Linux module takes the
 * kernel's definition of the same enum, so the two never collide.
 */
#ifndef RING_IO_XENBUS_STATE_H
#define RING_IO_XENBUS_STATE_H

#ifdef __KERNEL__
#include <xen/interface/io/xenbus.h>
#else
enum xenbus_state {
	XenbusStateUnknown = 0,
	XenbusStateInitialising = 1,
	XenbusStateInitWait = 2,	/* back end: features written, waiting */
	XenbusStateInitialised = 3,	/* front end: ring-ref etc. written */
	XenbusStateConnected = 4,
	XenbusStateClosing = 5,
	XenbusStateClosed = 6,
	XenbusStateReconfiguring = 7,
	XenbusStateReconfigured = 8,
};
#endif

#endif /* RING_IO_XENBUS_STATE_H */
