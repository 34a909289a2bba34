/* SPDX-License-Identifier: MIT */
/*
 * What every dom0 back-end daemon shares, pvback's and xeno-blkback
 * (dom0/): xenstore reads that copy the value out and check it, writes
 * into an existing directory only, the stop-on-signal flag and
 * rate-limited per-device log lines. Needs libxenstore's header only.
 */
#ifndef PVBACK_DOM0_H
#define PVBACK_DOM0_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <ring-io/xenbus-state.h>

struct xs_handle;

/* pvback-xs.c. Reads: length, -ENOENT, or -E2BIG (too long, or a NUL). */
int pvback_xs_read(struct xs_handle *xs, const char *dir, const char *key,
		   char *buf, size_t size);
/* A strict decimal no greater than max (pvback_parse_uint); -EINVAL. */
int pvback_xs_read_uint(struct xs_handle *xs, const char *dir,
			const char *key, uint64_t max, uint64_t *v);
/* Into an existing directory only (one transaction): 0, -ENOENT, -EIO. */
int pvback_xs_write(struct xs_handle *xs, const char *dir, const char *key,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Missing or not a state we know: Unknown. */
enum xenbus_state pvback_xs_state(struct xs_handle *xs, const char *dir);
bool pvback_xs_exists(struct xs_handle *xs, const char *path);

/* pvback-daemon.c. */

/* One daemon at a time: a lock on pidfile (holding our pid) that dies
 * with its holder, even by -9. The open fd, or -1 if another holds it. */
int pvback_take_lock(const char *pidfile, const char *prog);

/* What the serving loop knows of a device. */
struct pvback_unit {
	int local_port;			/* -1 when not bound */
	bool kick;			/* an event, or more work left */
};

/*
 * The serving loop until a signal: one thread; when xenstore's watches
 * fire, scan(); an event on a device's port kicks it; each kicked device
 * serves a batch (serve() > 0: more waits, poll does not sleep then).
 * unit(ctx, i) is device slot i's, or NULL, for i < nr. The caller has
 * set its watches. xce may be NULL (no event channels).
 */
struct xenevtchn_handle;
struct pvback_loop {
	struct xs_handle *xs;
	struct xenevtchn_handle *xce;
	void *ctx;
	unsigned int nr;
	void (*scan)(void *ctx);
	struct pvback_unit *(*unit)(void *ctx, unsigned int i);
	int (*serve)(void *ctx, unsigned int i);
};
/* 0 when stopped by a signal, 1 if poll failed. */
int pvback_loop(const struct pvback_loop *l);

/* Set by SIGTERM, SIGINT, SIGHUP once caught. */
extern volatile sig_atomic_t pvback_stop;
/* Catch those three (the loop ends, xenstore stays); ignore SIGPIPE. */
void pvback_catch_signals(void);

/* Front ends cause most log lines: a burst per window for each device. */
struct pvback_ratelimit {
	time_t window;
	unsigned int count;
};
/* "PROG: dDOMID/DEVID: message", unless the device's burst is spent. */
void pvback_vlog(struct pvback_ratelimit *rl, const char *prog,
		 uint32_t domid, uint32_t devid, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

#endif /* PVBACK_DOM0_H */
