/* SPDX-License-Identifier: MIT */
/* xenbus handshake decisions, and the state key in the xenstore stand-in. */
#include <errno.h>

#include "xenbus.h"

static bool peer_at_start(enum xenbus_state peer)
{
	return peer == XenbusStateInitialising || peer == XenbusStateInitWait ||
	       peer == XenbusStateClosed;
}

static enum xb_action front_offline(enum xenbus_state self,
				    enum xenbus_state peer)
{
	switch (self) {
	case XenbusStateClosed:
		return XB_NONE;
	case XenbusStateClosing:
		return peer == XenbusStateConnected ? XB_NONE : XB_CLOSE;
	case XenbusStateUnknown:
		return XB_CLOSE;
	default:
		return XB_DISCONNECT;
	}
}

enum xb_action xb_front_next(enum xenbus_state self, enum xenbus_state peer,
			     bool online)
{
	if (!online)
		return front_offline(self, peer);
	switch (self) {
	case XenbusStateInitialising:
		if (peer == XenbusStateUnknown)
			return XB_GIVE_UP;	/* no back end (yet): fail I/O */
		return peer == XenbusStateInitWait ? XB_PUBLISH : XB_NONE;
	case XenbusStateInitialised:
		if (peer == XenbusStateConnected)
			return XB_CONNECT;
		return peer == XenbusStateInitWait ? XB_NONE : XB_DISCONNECT;
	case XenbusStateConnected:
		return peer == XenbusStateConnected ? XB_NONE : XB_DISCONNECT;
	case XenbusStateClosing:
		return peer == XenbusStateConnected ? XB_NONE : XB_CLOSE;
	case XenbusStateClosed:
		if (peer == XenbusStateUnknown)
			return XB_GIVE_UP;
		return peer_at_start(peer) ? XB_START : XB_NONE;
	default:	/* not started, or a state we never write */
		return XB_START;
	}
}

static enum xb_action back_offline(enum xenbus_state self,
				   enum xenbus_state peer)
{
	switch (self) {
	case XenbusStateClosed:
		return XB_NONE;
	case XenbusStateConnected:
		return XB_DISCONNECT;
	case XenbusStateClosing:
		return peer == XenbusStateConnected ? XB_NONE : XB_CLOSE;
	default:
		return XB_CLOSE;
	}
}

static bool front_live(enum xenbus_state peer)
{
	return peer == XenbusStateInitialised || peer == XenbusStateConnected;
}

enum xb_action xb_back_next(enum xenbus_state self, enum xenbus_state peer,
			    bool online)
{
	if (!online)
		return back_offline(self, peer);
	switch (self) {
	case XenbusStateInitWait:
		return peer == XenbusStateInitialised ? XB_CONNECT : XB_NONE;
	case XenbusStateConnected:
		return front_live(peer) ? XB_NONE : XB_DISCONNECT;
	case XenbusStateClosing:
		return front_live(peer) ? XB_NONE : XB_CLOSE;
	case XenbusStateClosed:
		return peer == XenbusStateInitialising ||
		       peer == XenbusStateClosed ? XB_START : XB_NONE;
	default:	/* not started, Initialising, or never ours */
		return XB_START;
	}
}

enum xenbus_state kit_xb_read_state(struct kit_xs *xs, const char *dir)
{
	uint64_t v;

	if (kit_xs_read_uint(xs, dir, "state", XenbusStateReconfigured, &v))
		return XenbusStateUnknown;
	return (enum xenbus_state)v;
}

int kit_xb_write_state(struct kit_xs *xs, const char *dir,
		       enum xenbus_state state)
{
	return kit_xs_write_uint(xs, dir, "state", (uint64_t)state);
}

static const char *const state_names[] = {
	[XenbusStateUnknown] = "Unknown",
	[XenbusStateInitialising] = "Initialising",
	[XenbusStateInitWait] = "InitWait",
	[XenbusStateInitialised] = "Initialised",
	[XenbusStateConnected] = "Connected",
	[XenbusStateClosing] = "Closing",
	[XenbusStateClosed] = "Closed",
	[XenbusStateReconfiguring] = "Reconfiguring",
	[XenbusStateReconfigured] = "Reconfigured",
};

const char *xb_state_name(enum xenbus_state state)
{
	if ((unsigned int)state >= sizeof(state_names) / sizeof(state_names[0]))
		return "?";
	return state_names[state];
}

static const char *const action_names[] = {
	[XB_NONE] = "none", [XB_START] = "start", [XB_PUBLISH] = "publish",
	[XB_CONNECT] = "connect", [XB_DISCONNECT] = "disconnect",
	[XB_CLOSE] = "close", [XB_GIVE_UP] = "give-up",
};

const char *xb_action_name(enum xb_action action)
{
	if ((unsigned int)action >= sizeof(action_names) / sizeof(action_names[0]))
		return "?";
	return action_names[action];
}
