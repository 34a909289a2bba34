/* SPDX-License-Identifier: MIT */
/*
 * The back end's xenbus decisions (pure, host-tested), level-triggered:
 * every xenstore change re-runs pvback_next() on what xenstore holds now.
 * Closing is Xen's convention: a front end that goes Closing (Linux does
 * at shutdown, and waits for it to reach Closed) makes us go Closing;
 * its Closed then makes us Closed; a front end starting again
 * (Initialising: a reloaded module) makes us InitWait. A front end that
 * goes Closed without Closing (a module unload) gets InitWait at once. One addition for restarts: a
 * daemon that finds a device Connected (a predecessor's ring it cannot
 * see) marks it and asks the front end to let go; marked, the front
 * end's Closed brings InitWait instead of Closed, so it connects a fresh
 * ring and resubmits what was never answered. Also the names and paths
 * the toolstack part writes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pvback.h"

static bool front_live(enum xenbus_state peer)
{
	return peer == XenbusStateInitialised || peer == XenbusStateConnected;
}

/* online = 0: the toolstack is detaching us. */
static enum pvback_action going_offline(enum xenbus_state self,
					enum xenbus_state peer, bool connected)
{
	/* The front end still holds the ring: ask it to let go, and keep
	 * answering meanwhile (detach waits for Closed). */
	if (front_live(peer) && (connected || self == XenbusStateConnected))
		return self == XenbusStateClosing ? PVB_NONE : PVB_CLOSING;
	if (front_live(peer) && self == XenbusStateClosing)
		return PVB_NONE;
	return self == XenbusStateClosed && !connected ? PVB_NONE : PVB_CLOSED;
}

/* online, the front end's directory there, the ring ours. */
static enum pvback_action connected_next(enum xenbus_state peer)
{
	if (front_live(peer))
		return PVB_NONE;
	/* Answer what we took and drop the ring in each case. */
	if (peer == XenbusStateClosing)
		return PVB_DROP_CLOSING;
	/*
	 * Closed without Closing first is a module unload (Linux writes
	 * Closed on remove); Initialising, a front end started again without
	 * closing. Either way InitWait, ready for the module to come back:
	 * if we said Closed, its next probe would read Closed and close.
	 */
	if (peer == XenbusStateClosed || peer == XenbusStateInitialising)
		return PVB_INITWAIT;
	return PVB_CLOSED;	/* a broken front end */
}

/* online, the front end's directory there, the ring not ours. */
static enum pvback_action idle_next(enum xenbus_state self,
				    enum xenbus_state peer, bool reconnect)
{
	switch (self) {
	case XenbusStateInitWait:
		return front_live(peer) ? PVB_CONNECT : PVB_NONE;
	case XenbusStateConnected:
		/* A predecessor's ring: make the front end drop it. */
		if (front_live(peer))
			return PVB_RECONNECT;
		return connected_next(peer);
	case XenbusStateClosing:
		/* Waiting for the front end to close. */
		if (peer == XenbusStateClosed)
			return reconnect ? PVB_INITWAIT : PVB_CLOSED;
		return peer == XenbusStateInitialising ? PVB_INITWAIT :
							 PVB_NONE;
	case XenbusStateClosed:
		if (peer == XenbusStateConnected)
			return PVB_CLOSING;
		return peer == XenbusStateInitialising ||
		       peer == XenbusStateInitialised ? PVB_INITWAIT : PVB_NONE;
	case XenbusStateReconfiguring:
	case XenbusStateReconfigured:
		return PVB_NONE;
	default:	/* Unknown, Initialising, Initialised: a new device */
		return PVB_INITWAIT;
	}
}

enum pvback_action pvback_next(const struct pvback_view *v)
{
	enum xenbus_state peer = v->fe_present ? v->peer : XenbusStateUnknown;

	if (!v->online)
		return going_offline(v->self, peer, v->connected);
	if (!v->fe_present)	/* the guest is gone: nothing to serve */
		return v->self == XenbusStateClosed && !v->connected ?
		       PVB_NONE : PVB_CLOSED;
	if (v->connected)
		return connected_next(peer);
	return idle_next(v->self, peer, v->reconnect);
}

const char *pvback_action_name(enum pvback_action act)
{
	static const char *const names[] = {
		[PVB_NONE] = "none", [PVB_INITWAIT] = "initwait",
		[PVB_CONNECT] = "connect", [PVB_CLOSING] = "closing",
		[PVB_RECONNECT] = "reconnect",
		[PVB_DROP_CLOSING] = "drop-closing", [PVB_CLOSED] = "closed",
	};

	return (unsigned int)act < sizeof(names) / sizeof(names[0]) ?
	       names[act] : "?";
}

bool pvback_kind_valid(const char *kind)
{
	size_t i, n = strlen(kind);

	if (n == 0 || n > PVBACK_KIND_MAX || kind[0] < 'a' || kind[0] > 'z')
		return false;
	for (i = 1; i < n; i++)
		if (!((kind[i] >= 'a' && kind[i] <= 'z') ||
		      (kind[i] >= '0' && kind[i] <= '9') || kind[i] == '_'))
			return false;
	return true;
}

int pvback_parse_uint(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t n = 0;
	size_t i, len = strlen(s);

	/* "0" alone, else no leading zero: one spelling per number. */
	if (len == 0 || len > 20 || (s[0] == '0' && len > 1))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		uint64_t d = (uint64_t)(s[i] - '0');

		if (s[i] < '0' || s[i] > '9' || n > (UINT64_MAX - d) / 10)
			return -EINVAL;
		n = n * 10 + d;
	}
	if (n > max)
		return -EINVAL;
	*v = n;
	return 0;
}

static int fmt_path(uint32_t size, int n)
{
	return n < 0 || (uint32_t)n >= size ? -E2BIG : 0;
}

int pvback_be_path(char *buf, uint32_t size, const char *kind,
		   uint32_t domid, uint32_t devid)
{
	return fmt_path(size, snprintf(buf, size,
		"/local/domain/0/backend/%s/%u/%u", kind, domid, devid));
}

int pvback_fe_path(char *buf, uint32_t size, const char *kind,
		   uint32_t domid, uint32_t devid)
{
	return fmt_path(size, snprintf(buf, size,
		"/local/domain/%u/device/%s/%u", domid, kind, devid));
}
