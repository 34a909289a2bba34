/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ring I/O on the shared page. Each index is read once into a local and
 * checked (producer - consumer never exceeds the ring size) before any
 * byte moves; the data is copied out before it is parsed. A guest that
 * breaks the rule is flagged on its page and disconnected.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "ring.h"

#define RING_MASK(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

static XENSTORE_RING_IDX read_idx(const XENSTORE_RING_IDX *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void write_idx(XENSTORE_RING_IDX *p, XENSTORE_RING_IDX v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static long ring_broken(struct xs_ring *r)
{
	r->broken = true;
	write_idx(&r->intf->error, XENSTORE_ERROR_RINGIDX);
	return -EIO;
}

void xs_ring_init(struct xs_ring *r)
{
	r->broken = false;
	write_idx(&r->intf->server_features, XENSTORE_SERVER_FEATURE_ERROR);
	write_idx(&r->intf->error, XENSTORE_ERROR_NONE);
	write_idx(&r->intf->connection, XENSTORE_CONNECTED);
}

long xs_ring_read(struct xs_ring *r, void *buf, size_t len)
{
	struct xenstore_domain_interface *intf = r->intf;
	XENSTORE_RING_IDX cons, prod, avail, n, off, first;

	if (r->broken)
		return -EIO;
	cons = read_idx(&intf->req_cons);
	prod = read_idx(&intf->req_prod);
	/* Pairs with the guest's barrier between writing data and req_prod. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	avail = prod - cons;
	if (avail > XENSTORE_RING_SIZE)
		return ring_broken(r);
	n = avail < len ? avail : (XENSTORE_RING_IDX)len;
	if (n == 0)
		return 0;
	off = RING_MASK(cons);
	first = XENSTORE_RING_SIZE - off < n ? XENSTORE_RING_SIZE - off : n;
	memcpy(buf, intf->req + off, first);
	memcpy((char *)buf + first, intf->req, n - first);
	/* Finish copying before the guest may reuse the space. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	write_idx(&intf->req_cons, cons + n);
	r->evtchn.notify(r->evtchn.ctx);
	return n;
}

long xs_ring_write(struct xs_ring *r, const void *buf, size_t len)
{
	struct xenstore_domain_interface *intf = r->intf;
	XENSTORE_RING_IDX cons, prod, used, n, off, first;

	if (r->broken)
		return -EIO;
	cons = read_idx(&intf->rsp_cons);
	prod = read_idx(&intf->rsp_prod);
	/* Read the indexes before overwriting space the guest freed. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	used = prod - cons;
	if (used > XENSTORE_RING_SIZE)
		return ring_broken(r);
	n = XENSTORE_RING_SIZE - used;
	if (n > len)
		n = (XENSTORE_RING_IDX)len;
	if (n == 0)
		return 0;
	off = RING_MASK(prod);
	first = XENSTORE_RING_SIZE - off < n ? XENSTORE_RING_SIZE - off : n;
	memcpy(intf->rsp + off, buf, first);
	memcpy(intf->rsp, (const char *)buf + first, n - first);
	/* Data before the index that publishes it. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	write_idx(&intf->rsp_prod, prod + n);
	return n;
}

static long ring_recv(void *tp, void *buf, size_t len)
{
	return xs_ring_read(tp, buf, len);
}

static void ring_kick(void *tp)
{
	struct xs_ring *r = tp;

	r->evtchn.notify(r->evtchn.ctx);
}

/* Called before the indexes are read, so a kick after it stays pending. */
static void ring_ack(void *tp)
{
	struct xs_ring *r = tp;

	if (r->evtchn.drain)
		r->evtchn.drain(r->evtchn.ctx);
}

/* Our req_cons store (in xs_ring_read) and the guest's req_prod store
 * race as in Dekker's algorithm: the guest stores req_prod, fences, then
 * loads req_cons to decide whether to kick; we store req_cons, fence
 * here, then load req_prod. One of us sees the other's store, so a
 * request is either kicked or found here. */
static bool ring_has_input(void *tp)
{
	struct xs_ring *r = tp;

	if (r->broken)
		return false;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return read_idx(&r->intf->req_prod) != read_idx(&r->intf->req_cons);
}

static long ring_send(void *tp, const void *buf, size_t len)
{
	return xs_ring_write(tp, buf, len);
}

static void ring_destroy(void *tp)
{
	struct xs_ring *r = tp;

	r->release(r);
}

static int ring_poll_fd(void *tp)
{
	return ((struct xs_ring *)tp)->evtchn.fd;
}

/* A kick means new requests or freed response space: listen for it
 * while either matters. */
static short ring_poll_events(void *tp, int want_in, int want_out)
{
	return (want_in || want_out) ? POLLIN : 0;
}

const struct xs_transport_ops xs_ring_ops = {
	.name = "ring",
	.recv = ring_recv,
	.send = ring_send,
	.destroy = ring_destroy,
	.kick = ring_kick,
	.ack = ring_ack,
	.has_input = ring_has_input,
	.poll_fd = ring_poll_fd,
	.poll_events = ring_poll_events,
};
