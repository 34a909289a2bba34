/* SPDX-License-Identifier: MIT */
/*
 * The back end's xenbus decisions, level-triggered: from our state as
 * xenstore holds it (the toolstack writes it too), the front end's, the
 * toolstack's "online" and whether this process holds the ring, what to
 * do next. Two facts about Linux 6.1's xen-blkfront shape it:
 *  - a back end that goes Closing makes blkfront kill the disk for good
 *    (blkfront_closing marks it dead); it never reconnects from there.
 *    So a restarted daemon must not leave Connected: it takes the live
 *    ring over (REATTACH) and the front end never sees a state change.
 *  - blkfront answers InitWait only from Initialising, and Connected only
 *    from Initialised or Connected.
 */
#include <string.h>

#include "xbk.h"

static bool front_live(enum xenbus_state peer)
{
	return peer == XenbusStateInitialised || peer == XenbusStateConnected;
}

static enum xbk_action going_away(enum xenbus_state self,
				  enum xenbus_state peer, bool connected)
{
	/* The front end has closed or is gone: we may close too. */
	if (peer == XenbusStateClosed || peer == XenbusStateUnknown)
		return self == XenbusStateClosed && !connected ? XBK_NONE :
								 XBK_CLOSED;
	/* It still holds the ring (or is closing it): ask it to let go. */
	return self == XenbusStateClosing && !connected ? XBK_NONE :
							  XBK_CLOSING;
}

enum xbk_action xbk_next(enum xenbus_state self, enum xenbus_state peer,
			 bool online, bool connected)
{
	bool started = self != XenbusStateUnknown &&
		       self != XenbusStateInitialising;

	if (peer == XenbusStateClosing || peer == XenbusStateClosed ||
	    (peer == XenbusStateUnknown && started) || !online) {
		if (!started && !connected)
			return online ? XBK_NONE : XBK_CLOSED;
		return going_away(self, peer, connected);
	}
	switch (self) {
	case XenbusStateUnknown:
	case XenbusStateInitialising:
		return XBK_ADVERTISE;
	case XenbusStateInitWait:
		return front_live(peer) ? XBK_CONNECT : XBK_NONE;
	case XenbusStateConnected:
		if (front_live(peer))
			return connected ? XBK_NONE : XBK_REATTACH;
		return connected ? XBK_CLOSING : XBK_NONE;
	case XenbusStateClosed:
		/* A front end starting again (module reload): so do we. */
		return peer == XenbusStateInitialising ? XBK_ADVERTISE :
							 XBK_NONE;
	default:	/* Closing: wait for the front end to close */
		return XBK_NONE;
	}
}

const char *xbk_action_name(enum xbk_action act)
{
	static const char *const names[] = {
		[XBK_NONE] = "none", [XBK_ADVERTISE] = "advertise",
		[XBK_CONNECT] = "connect", [XBK_REATTACH] = "reattach",
		[XBK_CLOSING] = "closing", [XBK_CLOSED] = "closed",
	};

	return (unsigned int)act < sizeof(names) / sizeof(names[0]) ?
	       names[act] : "?";
}

const char *xbk_params_path(const char *params)
{
	const char *colon = strchr(params, ':');

	if (params[0] == '/')
		return params;
	/* libxl's qdisk params are "format:path", a raw image's format
	 * spelled "aio" (QEMU's name for it); we serve raw only. */
	if (!colon || (size_t)(colon - params) != 3 || colon[1] != '/' ||
	    (strncmp(params, "aio", 3) && strncmp(params, "raw", 3)))
		return NULL;
	return colon + 1;
}
