/* SPDX-License-Identifier: MIT */
/*
 * The xenbus handshake as two decision tables: given our state, the
 * peer's, and whether we want to be online, what do we do next? Drivers
 * call this on every wake-up and act on the answer (level-triggered, so a
 * missed watch or a state that skipped ahead cannot strand them).
 *
 *   front: Initialising -> (back InitWait) publish ring-ref, event-channel
 *          -> Initialised -> (back Connected) -> Connected
 *   back:  write features -> InitWait -> (front Initialised) map the ring
 *          -> Connected
 *   either: peer leaves Connected -> tear down -> Closing -> Closed,
 *          then start again when the peer is back at the start.
 *
 * A state node that is missing or holds anything but a known decimal
 * state reads as XenbusStateUnknown: the peer is gone (or not there yet),
 * and a front end fails the I/O it has queued rather than hold it.
 */
#ifndef KIT_XENBUS_H
#define KIT_XENBUS_H

#include <stdbool.h>

#include <ring-io/xenbus-state.h>

#include "xs.h"

enum xb_action {
	XB_NONE,	/* wait for the peer */
	XB_START,	/* front: -> Initialising; back: features -> InitWait */
	XB_PUBLISH,	/* front: set up ring, write its keys -> Initialised */
	XB_CONNECT,	/* front: read features; back: map ring. -> Connected */
	XB_DISCONNECT,	/* tear the ring down -> Closing */
	XB_CLOSE,	/* -> Closed */
	XB_GIVE_UP,	/* front: peer gone: fail the I/O waiting for it */
};

enum xb_action xb_front_next(enum xenbus_state self, enum xenbus_state peer,
			     bool online);
enum xb_action xb_back_next(enum xenbus_state self, enum xenbus_state peer,
			    bool online);

enum xenbus_state kit_xb_read_state(struct kit_xs *xs, const char *dir);
int kit_xb_write_state(struct kit_xs *xs, const char *dir,
		       enum xenbus_state state);
const char *xb_state_name(enum xenbus_state state);
const char *xb_action_name(enum xb_action action);

#endif /* KIT_XENBUS_H */
