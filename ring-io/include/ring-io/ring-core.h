/* SPDX-License-Identifier: MIT */
/*
 * The shared I/O ring: one page (or 2^order pages) holding producer and
 * consumer indexes and a power-of-two array of slots, each big enough for a
 * request or a response. Layout is Xen's io/ring.h; the code is ours.
 *
 * Invariants, which every function here keeps or checks:
 *
 *   front end writes: req_prod, rsp_event, request slots
 *   back end writes:  rsp_prod, req_event, response slots
 *
 *        rsp_cons <= rsp_prod <= req_prod <= rsp_cons + nr_ents   (front)
 *   rsp_prod_pvt <= req_cons <= req_prod <= rsp_prod_pvt + nr_ents (back)
 *
 * Indexes are free-running 32-bit counters, compared by unsigned distance,
 * and masked only when a slot is addressed, so a slot address can never
 * leave the ring whatever the peer writes. Every index the peer owns is read
 * once into a local, checked against the inequalities above, and only that
 * local is used: a peer that breaks them gets -RING_EIO, never a read or
 * write outside the ring and never an unbounded loop.
 *
 * Event indexes: a producer notifies only if the new producer index passes
 * the consumer's event index, which the consumer sets to "one past what I
 * have consumed" just before it sleeps (the final check). A busy pair thus
 * exchanges many slots per notification.
 */
#ifndef RING_IO_RING_CORE_H
#define RING_IO_RING_CORE_H

#ifdef __KERNEL__
#include <linux/types.h>	/* uintN_t, bool, size_t; no libc in a module */
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#include <ring-io/barrier.h>
#include <ring-io/errno.h>

typedef uint32_t ring_idx_t;

#define RING_PAGE_SIZE		4096u
#define RING_SRING_HDR_SIZE	64u

/* The shared header; slots follow at offset 64 (Xen's pad brings it there). */
struct ring_sring {
	ring_idx_t req_prod;
	ring_idx_t req_event;
	ring_idx_t rsp_prod;
	ring_idx_t rsp_event;
	uint8_t pvt[4];		/* per-protocol byte, e.g. netif smartpoll */
	uint8_t pad[44];
};

_Static_assert(sizeof(struct ring_sring) == RING_SRING_HDR_SIZE,
	       "slots must start at offset 64, as in Xen's sring");

/* Front end's private view. Lives in front-end memory, never shared. */
struct ring_front {
	ring_idx_t req_prod_pvt;	/* next request slot to fill */
	ring_idx_t req_pushed;		/* last req_prod we published */
	ring_idx_t rsp_cons;		/* next response to take */
	ring_idx_t rsp_seen;		/* checked rsp_prod snapshot */
	uint32_t nr_ents;
	uint32_t entry_size;
	struct ring_sring *sring;
};

/* Back end's private view. */
struct ring_back {
	ring_idx_t rsp_prod_pvt;	/* next response slot to fill */
	ring_idx_t rsp_pushed;		/* last rsp_prod we published */
	ring_idx_t req_cons;		/* next request to take */
	ring_idx_t req_seen;		/* checked req_prod snapshot */
	uint32_t nr_ents;
	uint32_t entry_size;
	struct ring_sring *sring;
};

/*
 * Slots that fit in ring_size bytes, rounded down to a power of two as Xen
 * does so both ends agree; 0 if not even one fits.
 */
static inline uint32_t ring_nr_ents(size_t ring_size, uint32_t entry_size)
{
	size_t n, p = 1;

	if (entry_size == 0 || ring_size <= RING_SRING_HDR_SIZE)
		return 0;
	n = (ring_size - RING_SRING_HDR_SIZE) / entry_size;
	if (n == 0)
		return 0;
	while (p * 2 <= n && p * 2 <= 0x80000000u)
		p *= 2;
	return (uint32_t)p;
}

/* Address of the slot for idx. The mask keeps it inside the ring. */
static inline void *ring_slot(struct ring_sring *s, uint32_t nr_ents,
			      uint32_t entry_size, ring_idx_t idx)
{
	return (uint8_t *)s + RING_SRING_HDR_SIZE +
	       (size_t)(idx & (nr_ents - 1)) * entry_size;
}

/* Copy a slot out of shared memory; the barrier forbids re-reading it. */
static inline void ring_copy_out(void *dst, const void *slot, uint32_t size)
{
	__builtin_memcpy(dst, slot, size);
	ring_compiler_barrier();
}

/* A ring is 4096 << order bytes (the ring-page-order key), holding slots. */
static inline int ring_geometry(uint32_t *nr_ents, size_t ring_size,
				uint32_t entry_size)
{
	if (ring_size < RING_PAGE_SIZE || (ring_size & (ring_size - 1)))
		return -RING_EINVAL;
	*nr_ents = ring_nr_ents(ring_size, entry_size);
	return *nr_ents ? 0 : -RING_EINVAL;
}

/* Did producer index new, moved on from old, pass the consumer's event? */
static inline bool ring_event_passed(ring_idx_t event, ring_idx_t old,
				     ring_idx_t new_prod)
{
	return (ring_idx_t)(new_prod - event) < (ring_idx_t)(new_prod - old);
}

#endif /* RING_IO_RING_CORE_H */
