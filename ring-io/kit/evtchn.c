/* SPDX-License-Identifier: MIT */
/* Event-channel stand-in: one eventfd per port and direction. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "evtchn.h"

int kit_evtchn_create(struct kit_evtchns *t)
{
	uint32_t p;
	int end;

	memset(t, 0, sizeof(*t));
	for (p = 0; p < KIT_EVTCHN_PORTS; p++) {
		for (end = 0; end < 2; end++) {
			t->port[p].fd[end] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
			if (t->port[p].fd[end] < 0) {
				kit_evtchn_destroy(t);
				return -errno;
			}
		}
	}
	return 0;
}

void kit_evtchn_destroy(struct kit_evtchns *t)
{
	uint32_t p;
	int end;

	for (p = 0; p < KIT_EVTCHN_PORTS; p++)
		for (end = 0; end < 2; end++)
			if (t->port[p].fd[end] > 0)
				close(t->port[p].fd[end]);
	memset(t, 0, sizeof(*t));
}

int kit_evtchn_alloc(struct kit_evtchns *t)
{
	/* Port 0 is never valid in Xen; we follow. Ports are recycled. */
	uint32_t p = 1 + t->next_free++ % (KIT_EVTCHN_PORTS - 1);

	kit_evtchn_clear(t, p, KIT_FRONT);
	kit_evtchn_clear(t, p, KIT_BACK);
	return (int)p;
}

int kit_evtchn_bind(const struct kit_evtchns *t, uint32_t port)
{
	(void)t;
	return port == 0 || port >= KIT_EVTCHN_PORTS ? -EINVAL : 0;
}

void kit_evtchn_notify(const struct kit_evtchns *t, uint32_t port,
		       enum kit_end to)
{
	uint64_t one = 1;
	ssize_t rc;

	if (port >= KIT_EVTCHN_PORTS)
		return;
	/* Can only fail with EAGAIN: the counter is saturated, so the end
	 * will wake anyway. */
	rc = write(t->port[port].fd[to], &one, sizeof(one));
	(void)rc;
}

int kit_evtchn_fd(const struct kit_evtchns *t, uint32_t port, enum kit_end end)
{
	return port < KIT_EVTCHN_PORTS ? t->port[port].fd[end] : -1;
}

void kit_evtchn_clear(const struct kit_evtchns *t, uint32_t port,
		      enum kit_end end)
{
	uint64_t v;
	ssize_t rc;

	if (port >= KIT_EVTCHN_PORTS)
		return;
	rc = read(t->port[port].fd[end], &v, sizeof(v));	/* EAGAIN: none */
	(void)rc;
}
