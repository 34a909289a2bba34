/* SPDX-License-Identifier: MIT */
/*
 * Back end of a shared ring: consumes requests, produces responses.
 * The front end is untrusted: everything read from the page is checked.
 * Typical use: on an event, ring_back_take() until 0, answer each with
 * ring_back_put(), ring_back_push() and notify if it says so, then
 * ring_back_final_check() and go round again if it finds more (or, taking
 * at most a batch per wake-up, ring_back_batch_end()).
 */
#ifndef RING_IO_RING_BACK_H
#define RING_IO_RING_BACK_H

#include <ring-io/ring-core.h>

/*
 * Attach to a ring the front end initialised. The page's contents are not
 * trusted here; they are checked as they are read.
 */
static inline int ring_back_attach(struct ring_back *b, void *ring,
				   size_t ring_size, uint32_t entry_size)
{
	uint32_t nr_ents;

	if (!ring || ring_geometry(&nr_ents, ring_size, entry_size))
		return -RING_EINVAL;
	b->rsp_prod_pvt = b->rsp_pushed = 0;
	b->req_cons = b->req_seen = 0;
	b->nr_ents = nr_ents;
	b->entry_size = entry_size;
	b->sring = ring;
	return 0;
}

/*
 * Attach to a ring that an earlier back end (a process since killed) was
 * serving: carry on from the responses it published. Requests it took
 * but never answered, [rsp_prod, req_prod), are taken again. Both
 * indexes are read once and checked: more than nr_ents apart means a
 * broken front end, -RING_EIO. Returns how many requests wait.
 */
static inline int ring_back_reattach(struct ring_back *b, void *ring,
				     size_t ring_size, uint32_t entry_size)
{
	ring_idx_t rsp, req;
	int rc = ring_back_attach(b, ring, ring_size, entry_size);

	if (rc)
		return rc;
	rsp = ring_load_idx(&b->sring->rsp_prod);
	req = ring_load_idx(&b->sring->req_prod);
	if (req - rsp > b->nr_ents)
		return -RING_EIO;
	b->rsp_prod_pvt = b->rsp_pushed = rsp;
	b->req_cons = b->req_seen = rsp;
	return (int)(req - rsp);
}

/* Requests taken but not yet answered. At most nr_ents. */
static inline uint32_t ring_back_unanswered(const struct ring_back *b)
{
	return b->req_cons - b->rsp_prod_pvt;
}

/*
 * Read req_prod once and check it: new requests may only fill the slots
 * our responses have freed, and req_prod never moves backwards (unsigned
 * distance makes that a huge count, caught by the same test). Returns how
 * many requests wait, or -RING_EIO for a broken front end.
 */
static inline int ring_back_poll(struct ring_back *b)
{
	ring_idx_t prod = ring_load_idx(&b->sring->req_prod);
	uint32_t ready = prod - b->req_cons;

	if (ready > b->nr_ents - ring_back_unanswered(b))
		return -RING_EIO;
	ring_rmb();	/* req_prod before the slots: pairs with front's wmb */
	b->req_seen = prod;
	return (int)ready;
}

/*
 * Copy the next request (size bytes) out of the ring into req, which the
 * caller then parses: never parse a request in place, the front end can
 * rewrite it meanwhile. Returns 1 if taken, 0 if none, -RING_EIO.
 * Taking stops once nr_ents requests are unanswered, which bounds any loop.
 */
static inline int ring_back_take(struct ring_back *b, void *req,
				 uint32_t size)
{
	int ready;

	if (size > b->entry_size)
		return -RING_EINVAL;
	if (b->req_cons == b->req_seen) {
		ready = ring_back_poll(b);
		if (ready <= 0)
			return ready;
	}
	ring_copy_out(req, ring_slot(b->sring, b->nr_ents, b->entry_size,
				     b->req_cons), size);
	b->req_cons++;
	return 1;
}

/*
 * Reserve the slot for the next response and return it to fill in place;
 * NULL if every taken request has been answered already.
 */
static inline void *ring_back_claim(struct ring_back *b)
{
	void *slot;

	if (ring_back_unanswered(b) == 0)
		return NULL;
	slot = ring_slot(b->sring, b->nr_ents, b->entry_size, b->rsp_prod_pvt);
	b->rsp_prod_pvt++;
	return slot;
}

/* Copy one response into the next slot: 0 or -RING_ENOSPC. */
static inline int ring_back_put(struct ring_back *b, const void *rsp,
				uint32_t size)
{
	void *slot;

	if (size > b->entry_size)
		return -RING_EINVAL;
	slot = ring_back_claim(b);
	if (!slot)
		return -RING_ENOSPC;
	__builtin_memcpy(slot, rsp, size);
	return 0;
}

/*
 * Publish the responses written so far. Returns true if the front end
 * asked to be told. rsp_prod is only ever written by us, but we keep our
 * own copy of the old value rather than trusting the page.
 */
static inline bool ring_back_push(struct ring_back *b)
{
	ring_idx_t old = b->rsp_pushed, new_prod = b->rsp_prod_pvt;

	ring_wmb();	/* slots before rsp_prod: pairs with front's rmb */
	ring_store_idx(&b->sring->rsp_prod, new_prod);
	b->rsp_pushed = new_prod;
	ring_mb();	/* rsp_prod before reading rsp_event: pairs with the
			 * front end's final check */
	return ring_event_passed(ring_load_idx(&b->sring->rsp_event), old,
				 new_prod);
}

/*
 * Before sleeping: ask for an event on the next request, then look again.
 * Returns >0 if requests wait, 0 to sleep, -RING_EIO for a broken peer.
 */
static inline int ring_back_final_check(struct ring_back *b)
{
	int ready = ring_back_poll(b);

	if (ready != 0)
		return ready;
	ring_store_idx(&b->sring->req_event, b->req_cons + 1);
	ring_mb();	/* req_event before re-reading req_prod: pairs with
			 * the front end's push */
	return ring_back_poll(b);
}

/*
 * After one batch of ring_back_take() calls, for a back end that answers
 * at most a batch per wake-up so one busy ring cannot starve the others.
 * RC: the last take's result; FULL: the batch ran out before the ring did.
 * Returns 1 to come back without waiting for an event (a full batch, or
 * requests that arrived while arming it), 0 to sleep until the next event,
 * or the error (-RING_EIO: a broken peer).
 */
static inline int ring_back_batch_end(struct ring_back *b, int rc, bool full)
{
	if (rc < 0)
		return rc;
	if (full)
		return 1;
	rc = ring_back_final_check(b);
	return rc > 0 ? 1 : rc;
}

#endif /* RING_IO_RING_BACK_H */
