/* SPDX-License-Identifier: MIT */
/*
 * Front end of a shared ring: produces requests, consumes responses.
 * Typical use: ring_front_put() requests, ring_front_push() and notify if it
 * says so; on an event, ring_front_take() until 0, then
 * ring_front_final_check() and go round again if it finds more.
 */
#ifndef RING_IO_RING_FRONT_H
#define RING_IO_RING_FRONT_H

#include <ring-io/ring-core.h>

/*
 * Initialise the shared page (both producers 0, both events 1) and attach
 * the front end to it. ring_size is a multiple of 4096; the pvt and pad
 * bytes are cleared so no stale data is shared.
 */
static inline int ring_front_init(struct ring_front *f, void *ring,
				  size_t ring_size, uint32_t entry_size)
{
	struct ring_sring *s = ring;
	uint32_t nr_ents;
	unsigned int i;

	if (!ring || ring_geometry(&nr_ents, ring_size, entry_size))
		return -RING_EINVAL;
	ring_store_idx(&s->req_prod, 0);
	ring_store_idx(&s->rsp_prod, 0);
	ring_store_idx(&s->req_event, 1);
	ring_store_idx(&s->rsp_event, 1);
	for (i = 0; i < sizeof(s->pvt); i++)
		s->pvt[i] = 0;
	for (i = 0; i < sizeof(s->pad); i++)
		s->pad[i] = 0;
	f->req_prod_pvt = f->req_pushed = 0;
	f->rsp_cons = f->rsp_seen = 0;
	f->nr_ents = nr_ents;
	f->entry_size = entry_size;
	f->sring = s;
	return 0;
}

/* Request slots we may still fill: responses free them, not our pushes. */
static inline uint32_t ring_front_free(const struct ring_front *f)
{
	return f->nr_ents - (f->req_prod_pvt - f->rsp_cons);
}

/* Requests issued (pushed or not) whose responses we have not taken. */
static inline uint32_t ring_front_outstanding(const struct ring_front *f)
{
	return f->req_prod_pvt - f->rsp_cons;
}

/*
 * Reserve the next request slot and return it for the caller to fill in
 * place, or NULL if the ring is full. Not visible to the back end until
 * ring_front_push().
 */
static inline void *ring_front_claim(struct ring_front *f)
{
	void *slot;

	if (ring_front_free(f) == 0)
		return NULL;
	slot = ring_slot(f->sring, f->nr_ents, f->entry_size, f->req_prod_pvt);
	f->req_prod_pvt++;
	return slot;
}

/* Copy one request of size bytes into the next slot: 0 or -RING_ENOSPC. */
static inline int ring_front_put(struct ring_front *f, const void *req,
				 uint32_t size)
{
	void *slot;

	if (size > f->entry_size)
		return -RING_EINVAL;
	slot = ring_front_claim(f);
	if (!slot)
		return -RING_ENOSPC;
	__builtin_memcpy(slot, req, size);
	return 0;
}

/*
 * Publish the claimed requests. Returns true if the back end asked to be
 * told (its req_event lies in the range just published).
 */
static inline bool ring_front_push(struct ring_front *f)
{
	ring_idx_t old = f->req_pushed, new_prod = f->req_prod_pvt;

	ring_wmb();	/* slots before req_prod: pairs with back's rmb */
	ring_store_idx(&f->sring->req_prod, new_prod);
	f->req_pushed = new_prod;
	ring_mb();	/* req_prod before reading req_event: pairs with the
			 * back end's final check, which stores req_event and
			 * then re-reads req_prod */
	return ring_event_passed(ring_load_idx(&f->sring->req_event), old,
				 new_prod);
}

/*
 * Read rsp_prod once and check it: the back end may answer only requests
 * we pushed, and never move backwards. Returns how many responses wait,
 * or -RING_EIO for a broken back end.
 */
static inline int ring_front_poll(struct ring_front *f)
{
	ring_idx_t prod = ring_load_idx(&f->sring->rsp_prod);
	uint32_t ready = prod - f->rsp_cons;

	if (ready > f->req_pushed - f->rsp_cons)
		return -RING_EIO;
	ring_rmb();	/* rsp_prod before the slots: pairs with back's wmb */
	f->rsp_seen = prod;
	return (int)ready;
}

/*
 * Copy the next response (size bytes) to rsp. Returns 1 if one was taken,
 * 0 if none is ready, -RING_EIO if the back end broke the protocol.
 */
static inline int ring_front_take(struct ring_front *f, void *rsp,
				  uint32_t size)
{
	int ready;

	if (size > f->entry_size)
		return -RING_EINVAL;
	if (f->rsp_cons == f->rsp_seen) {
		ready = ring_front_poll(f);
		if (ready <= 0)
			return ready;
	}
	ring_copy_out(rsp, ring_slot(f->sring, f->nr_ents, f->entry_size,
				     f->rsp_cons), size);
	f->rsp_cons++;
	return 1;
}

/*
 * Before sleeping: ask for an event on the next response, then look again
 * so a response that raced with the request is not missed. Returns >0 if
 * responses wait (do not sleep), 0 to sleep, -RING_EIO for a broken peer.
 */
static inline int ring_front_final_check(struct ring_front *f)
{
	int ready = ring_front_poll(f);

	if (ready != 0)
		return ready;
	ring_store_idx(&f->sring->rsp_event, f->rsp_cons + 1);
	ring_mb();	/* rsp_event before re-reading rsp_prod: pairs with the
			 * back end's push, which stores rsp_prod then reads
			 * rsp_event */
	return ring_front_poll(f);
}

#endif /* RING_IO_RING_FRONT_H */
