// SPDX-License-Identifier: GPL-2.0
/*
 * Front-end plumbing for the hostile cases: xenstore keys, shared pages and
 * the event channel, all through Debian's libraries (no hand-made ioctls).
 * Reads of the back end's keys are re-read each time: it is the peer.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>

#include "front.h"

static char *xs_get(struct front *f, const char *path)
{
	unsigned int len;

	return xs_read(f->xs, XBT_NULL, path, &len);
}

int front_open(struct front *f, const char *kind, const char *devid)
{
	char path[160], *s;

	memset(f, 0, sizeof(*f));
	f->xs = xs_open(0);
	f->gs = xengntshr_open(NULL, 0);
	f->ev = xenevtchn_open(NULL, 0);
	if (!f->xs || !f->gs || !f->ev) {
		printf("hostile: cannot open%s%s%s: %s\n", f->xs ? "" : " xenstore",
		       f->gs ? "" : " gntalloc", f->ev ? "" : " evtchn",
		       strerror(errno));
		return -1;
	}
	snprintf(f->dir, sizeof(f->dir), "device/%s/%s", kind, devid);
	snprintf(path, sizeof(path), "%s/backend", f->dir);
	s = xs_get(f, path);
	if (!s || strlen(s) >= sizeof(f->back)) {
		printf("hostile: no %s (is the device in the config?)\n", path);
		free(s);
		return -1;
	}
	strcpy(f->back, s);
	free(s);
	snprintf(path, sizeof(path), "%s/backend-id", f->dir);
	s = xs_get(f, path);
	f->back_id = s ? (unsigned int)strtoul(s, NULL, 10) : 0;
	free(s);
	return 0;
}

void front_close(struct front *f)
{
	if (f->ev)
		xenevtchn_close(f->ev);
	if (f->gs)
		xengntshr_close(f->gs);
	if (f->xs)
		xs_close(f->xs);
}

int front_write(struct front *f, const char *key, const char *fmt, ...)
{
	char path[160], val[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", f->dir, key);
	if (!xs_write(f->xs, XBT_NULL, path, val, strlen(val))) {
		printf("hostile: writing %s failed: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int back_read_uint(struct front *f, const char *key, unsigned long *val)
{
	char path[200], *s, *end;

	snprintf(path, sizeof(path), "%s/%s", f->back, key);
	s = xs_get(f, path);
	if (!s)
		return -1;
	*val = strtoul(s, &end, 10);
	int bad = end == s || *end;
	free(s);
	return bad ? -1 : 0;
}

int front_set_state(struct front *f, int state)
{
	return front_write(f, "state", "%d", state);
}

int back_state(struct front *f)
{
	unsigned long st;

	return back_read_uint(f, "state", &st) ? -1 : (int)st;
}

int wait_back_state(struct front *f, int state, int secs)
{
	int i, st = -1;

	for (i = 0; i < secs * 20; i++) {
		st = back_state(f);
		if (st == state)
			return 0;
		usleep(50000);
	}
	printf("hostile: back end %s in state %d after %d s, wanted %d\n",
	       f->back, st, secs, state);
	return -1;
}

int share_page(struct front *f, struct shared_page *p, int ro)
{
	p->va = xengntshr_share_pages(f->gs, f->back_id, 1, &p->ref, !ro);
	if (!p->va) {
		printf("hostile: sharing a page failed: %s\n", strerror(errno));
		return -1;
	}
	memset(p->va, 0, RING_PAGE_SIZE);
	return 0;
}

void unshare_page(struct front *f, struct shared_page *p)
{
	if (p->va)
		xengntshr_unshare(f->gs, p->va, 1);
	p->va = NULL;
}

int alloc_port(struct front *f)
{
	xenevtchn_port_or_error_t p;

	p = xenevtchn_bind_unbound_port(f->ev, f->back_id);
	if (p < 0) {
		printf("hostile: no event channel: %s\n", strerror(errno));
		return -1;
	}
	f->port = (uint32_t)p;
	return 0;
}

void free_port(struct front *f)
{
	xenevtchn_unbind(f->ev, f->port);
	f->port = 0;
}

void notify(struct front *f)
{
	__sync_synchronize();
	xenevtchn_notify(f->ev, f->port);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

ring_idx_t wait_rsp(struct front *f, volatile struct ring_sring *s,
		    ring_idx_t seen, int ms)
{
	long end = now_ms() + ms;
	struct pollfd pfd = { .fd = xenevtchn_fd(f->ev), .events = POLLIN };

	for (;;) {
		ring_idx_t prod = s->rsp_prod;

		__sync_synchronize();
		if (prod != seen)
			return prod;
		long left = end - now_ms();
		if (left <= 0)
			return seen;
		/* Events only shorten the wait; the index decides. */
		if (poll(&pfd, 1, left > 20 ? 20 : (int)left) > 0) {
			xenevtchn_port_or_error_t p = xenevtchn_pending(f->ev);

			if (p >= 0)
				xenevtchn_unmask(f->ev, (evtchn_port_t)p);
		}
	}
}

int verdict(const char *name, int ok, const char *why)
{
	printf("HOSTILE-RESULT %s %s%s%s\n", name, ok ? "PASS" : "FAIL",
	       why && *why ? ": " : "", why ? why : "");
	fflush(stdout);
	return ok ? 0 : 1;
}
