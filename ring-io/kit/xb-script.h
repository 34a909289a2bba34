/* SPDX-License-Identifier: MIT */
/*
 * A scripted xenbus peer: a list of steps (write our state, write a key,
 * vanish, publish a ring, wait for the driver under test to reach a state,
 * check it holds a state) played against a real front or back end, on a
 * clock of one tick per driver step. xbs_run() says how the driver ended
 * and how many ticks it took, and fails a scenario that overruns its
 * budget: a handshake that hangs is a failure here, not a stuck test.
 * The peer writes through a store: the kit's xenstore stand-in
 * (xb-kit.h) on the host, libxenstore in dom0 (pvback's scenario mode,
 * against a Linux front end). Needs neither: this file stands alone.
 */
#ifndef KIT_XB_SCRIPT_H
#define KIT_XB_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include <ring-io/xenbus-state.h>

/* A tick stands for a millisecond: a scenario must settle within 1000. */
#define XBS_TICKS_PER_SECOND	1000u

enum xbs_op {
	XBS_END = 0,
	XBS_STATE,		/* write our state */
	XBS_STATE_RAW,		/* write our state node as given text */
	XBS_KEY,		/* write key = value in our directory */
	XBS_REMOVE,		/* remove our directory: we are gone */
	XBS_PUBLISH_RING,	/* as a front end: ring-ref, event-channel */
	XBS_WAIT,		/* until the driver is in state */
	XBS_HOLD,		/* the driver stays in state for ticks */
};

struct xbs_step {
	enum xbs_op op;
	enum xenbus_state state;
	const char *key;
	const char *value;
	unsigned int ticks;
};

/* Where the peer's writes go. Each returns 0 or a negative errno. */
struct xbs_store {
	int (*write)(void *ctx, const char *dir, const char *key,
		     const char *value);
	int (*remove)(void *ctx, const char *dir);
	/* Optional (NULL: the step fails): grant a ring, write its keys. */
	int (*publish_ring)(void *ctx, const char *dir);
};

struct xbs_peer {
	const struct xbs_store *store;
	void *ctx;			/* the store's */
	const char *dir;		/* the peer's (our) directory */
	const struct xbs_step *script;
	/* Progress. */
	size_t pc;
	unsigned int held;
	const char *why;		/* set when the scenario failed */
};

struct xbs_driver {
	int (*step)(void *drv);		/* > 0 busy, 0 idle, < 0 error */
	enum xenbus_state (*state)(void *drv);
	void *drv;
};

struct xbs_result {
	enum xenbus_state end;		/* the driver's final state */
	unsigned int ticks;		/* ticks used */
};

/*
 * Play the script, then let the driver settle in Connected or Closed.
 * 0 on success; -ETIMEDOUT over budget; -EPROTO the driver did something
 * the script forbids (peer->why says what).
 */
int xbs_run(struct xbs_peer *peer, const struct xbs_driver *d,
	    unsigned int budget, struct xbs_result *res);

#endif /* KIT_XB_SCRIPT_H */
