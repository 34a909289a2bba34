/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hostile front end's plumbing: a domU user-space program that plays a
 * vbd's or vif's front end on Debian's stable libraries (libxenstore over
 * /dev/xen/xenbus, libxengnttab's gntshr over /dev/xen/gntalloc,
 * libxenevtchn over /dev/xen/evtchn). It shares ring and data pages with
 * the back end's domain, writes the xenbus keys, and then writes into the
 * rings whatever a case wants, including what no honest driver would.
 */
#ifndef HOSTILE_FRONT_H
#define HOSTILE_FRONT_H

#include <stdint.h>

#include <ring-io/ring-core.h>

struct xs_handle;
struct xengntdev_handle;
struct xenevtchn_handle;

struct front {
	struct xs_handle *xs;
	struct xengntdev_handle *gs;	/* a xengntshr_handle */
	struct xenevtchn_handle *ev;
	char dir[96];		/* device/vbd/51712 (relative to our home) */
	char back[128];		/* the back end's directory (absolute) */
	unsigned int back_id;	/* the back end's domain */
	uint32_t port;		/* our end of the event channel */
};

/* One page shared with the back end's domain. */
struct shared_page {
	void *va;
	uint32_t ref;
};

/* Opens the three libraries and finds the device; 0 or -1 (said why). */
int front_open(struct front *f, const char *kind, const char *devid);
void front_close(struct front *f);

/* Front-end keys (relative to f->dir) and the back end's (absolute). */
int front_write(struct front *f, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int back_read_uint(struct front *f, const char *key, unsigned long *val);
int front_set_state(struct front *f, int state);
int back_state(struct front *f);
/* Waits for the back end to reach state; -1 after secs (prints its state). */
int wait_back_state(struct front *f, int state, int secs);

/* Shares one page with the back end (writable unless ro); 0 or -1. */
int share_page(struct front *f, struct shared_page *p, int ro);
void unshare_page(struct front *f, struct shared_page *p);
/* Binds an unbound port for the back end to connect to. */
int alloc_port(struct front *f);
void free_port(struct front *f);
void notify(struct front *f);
/*
 * Waits up to ms for the back end's rsp_prod to pass seen (event or
 * poll); returns the new rsp_prod, or seen when nothing came.
 */
ring_idx_t wait_rsp(struct front *f, volatile struct ring_sring *s,
		    ring_idx_t seen, int ms);

/* The verdict line the dom0 side reads: HOSTILE-RESULT <case> PASS|FAIL. */
int verdict(const char *name, int ok, const char *why);

#endif /* HOSTILE_FRONT_H */
