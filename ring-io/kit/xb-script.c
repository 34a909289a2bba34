/* SPDX-License-Identifier: MIT */
/* The scripted xenbus peer and the scenario clock, over any store. */
#include <errno.h>
#include <stdio.h>

#include "xb-script.h"

enum { XBS_BLOCKED, XBS_DONE, XBS_FAILED };

/* Do one step that needs no waiting. */
static int run_write(struct xbs_peer *p, const struct xbs_step *s)
{
	const struct xbs_store *st = p->store;
	char num[12];

	switch (s->op) {
	case XBS_STATE:
		snprintf(num, sizeof(num), "%u", (unsigned int)s->state);
		return st->write(p->ctx, p->dir, "state", num);
	case XBS_STATE_RAW:
		return st->write(p->ctx, p->dir, "state", s->value);
	case XBS_KEY:
		return st->write(p->ctx, p->dir, s->key, s->value);
	case XBS_REMOVE:
		st->remove(p->ctx, p->dir);	/* already gone is fine */
		return 0;
	case XBS_PUBLISH_RING:
		return st->publish_ring ? st->publish_ring(p->ctx, p->dir) :
					  -EOPNOTSUPP;
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
