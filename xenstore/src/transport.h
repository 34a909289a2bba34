/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a connection needs from the thing that carries its bytes: a Unix
 * socket (sock.c) or a guest's shared ring page and event channel (ring.c).
 */
#ifndef XS_TRANSPORT_H
#define XS_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

struct xs_transport_ops {
	const char *name;
	/* Bytes moved (> 0), 0 when it would block, or -errno when the peer
	 * is gone or broke the transport's rules. */
	long (*recv)(void *tp, void *buf, size_t len);
	long (*send)(void *tp, const void *buf, size_t len);
	void (*destroy)(void *tp);
	/* Optional: tell the peer that a flush sent something (one event
	 * channel notification per flush rather than per message). */
	void (*kick)(void *tp);
	/* Optional: consume the wake-up that made the descriptor ready, so
	 * a peer that only kicks cannot keep the loop spinning. */
	void (*ack)(void *tp);
	/* Optional: bytes wait that no wake-up may announce. A guest's
	 * xenbus (Linux's xb_write) kicks only when we had consumed all it
	 * wrote before; a request published while we were still reading
	 * comes without a kick, so the loop must look again after every
	 * read, as Xen's daemons look at every ring each round. */
	bool (*has_input)(void *tp);
	/* The descriptor the event loop polls, and for which events. */
	int (*poll_fd)(void *tp);
	short (*poll_events)(void *tp, int want_in, int want_out);
};

#endif
