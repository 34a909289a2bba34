/* SPDX-License-Identifier: MIT */
/* The scripted xenbus peer and the scenario clock. */
#include <errno.h>

#include <ring-io/blkif.h>

#include "gnttab.h"
#include "xb-script.h"
#include "xenbus.h"

enum { XBS_BLOCKED, XBS_DONE, XBS_FAILED };

static int publish_ring(struct xbs_peer *p)
{
	int frame = kit_frame_alloc(p->mem), gref, port;

	if (frame < 0)
		return frame;
	blkif_front_init(&p->ring, kit_frame_addr(p->mem, (uint32_t)frame),
			 RING_PAGE_SIZE);
	gref = kit_gnttab_grant(p->mem, p->driver_id, (uint32_t)frame, false);
	if (gref < 0)
		return gref;
	port = kit_evtchn_alloc(p->evtchns);
	if (kit_xs_write_uint(p->xs, p->dir, "ring-ref", (uint64_t)gref) ||
	    kit_xs_write_uint(p->xs, p->dir, "event-channel", (uint64_t)port) ||
	    kit_xs_write_str(p->xs, p->dir, "protocol", "x86_64-abi"))
		return -EIO;
	return 0;
}

/* Do one step that needs no waiting. */
static int run_write(struct xbs_peer *p, const struct xbs_step *s)
{
	switch (s->op) {
	case XBS_STATE:
		return kit_xb_write_state(p->xs, p->dir, s->state);
	case XBS_STATE_RAW:
		return kit_xs_write_str(p->xs, p->dir, "state", s->value);
	case XBS_KEY:
		return kit_xs_write_str(p->xs, p->dir, s->key, s->value);
	case XBS_REMOVE:
		kit_xs_rm(p->xs, p->dir);
		return 0;
	case XBS_PUBLISH_RING:
		return publish_ring(p);
	default:
		return -EINVAL;
	}
}

/* Advance the script as far as it goes this tick. */
static int tick(struct xbs_peer *p, enum xenbus_state drv)
{
	const struct xbs_step *s;

	for (;;) {
		s = &p->script[p->pc];
		switch (s->op) {
		case XBS_END:
			return XBS_DONE;
		case XBS_WAIT:
			if (drv != s->state)
				return XBS_BLOCKED;
			break;
		case XBS_HOLD:
			if (drv != s->state) {
				p->why = "driver left the state it had to hold";
				return XBS_FAILED;
			}
			if (++p->held < s->ticks)
				return XBS_BLOCKED;
			p->held = 0;
			break;
		default:
			if (run_write(p, s)) {
				p->why = "script step failed (setup)";
				return XBS_FAILED;
			}
		}
		p->pc++;
	}
}

static bool settled(enum xenbus_state s)
{
	return s == XenbusStateConnected || s == XenbusStateClosed;
}

int xbs_run(struct xbs_peer *peer, const struct xbs_driver *d,
	    unsigned int budget, struct xbs_result *res)
{
	bool script_done = false;
	unsigned int t;
	int busy, rc;

	peer->pc = 0;
	peer->held = 0;
	peer->why = NULL;
	for (t = 1; t <= budget; t++) {
		busy = d->step(d->drv);
		if (busy < 0) {
			peer->why = "driver step failed";
			return -EPROTO;
		}
		res->end = d->state(d->drv);
		res->ticks = t;
		if (!script_done) {
			rc = tick(peer, res->end);
			if (rc == XBS_FAILED)
				return -EPROTO;
			script_done = rc == XBS_DONE;
		} else if (busy == 0 && settled(res->end)) {
			return 0;
		}
	}
	peer->why = "no settled state within the budget";
	return -ETIMEDOUT;
}
