/* SPDX-License-Identifier: MIT */
/*
 * Event-channel stand-in: a table of ports made before the processes fork,
 * each an eventfd per direction. The front end allocates a port and
 * publishes its number in xenstore; the back end binds that number, which
 * is checked like any other value read from xenstore.
 */
#ifndef KIT_EVTCHN_H
#define KIT_EVTCHN_H

#include <stdint.h>

#define KIT_EVTCHN_PORTS 8u

enum kit_end { KIT_FRONT = 0, KIT_BACK = 1 };

struct kit_evtchn_port {
	int fd[2];			/* [end]: signalled to wake that end */
};

struct kit_evtchns {
	struct kit_evtchn_port port[KIT_EVTCHN_PORTS];
	uint32_t next_free;		/* front-end private allocator */
};

int kit_evtchn_create(struct kit_evtchns *t);
void kit_evtchn_destroy(struct kit_evtchns *t);
/* Front end: a port number for a new connection, or -ENOSPC. */
int kit_evtchn_alloc(struct kit_evtchns *t);
/* Back end: check a port number from xenstore: 0 or -EINVAL. */
int kit_evtchn_bind(const struct kit_evtchns *t, uint32_t port);
/* Wake the given end of port. */
void kit_evtchn_notify(const struct kit_evtchns *t, uint32_t port,
		       enum kit_end to);
/* The fd the given end polls on; kit_evtchn_clear() after waking. */
int kit_evtchn_fd(const struct kit_evtchns *t, uint32_t port, enum kit_end end);
void kit_evtchn_clear(const struct kit_evtchns *t, uint32_t port,
		      enum kit_end end);

#endif /* KIT_EVTCHN_H */
