/* SPDX-License-Identifier: MIT */
/*
 * pvrng: a paravirtual entropy device, the kit's worked example. The
 * front end registers a hw_random source; each read asks the back end for
 * up to a page of random bytes, which dom0 fills from getrandom(2) into
 * the page the front end granted. Same ring layout as the kit's template
 * (skel): one 4096-byte ring page of ring-io slots, a granted data page
 * per request. Included by the Linux module and the dom0 back end alike.
 */
#ifndef PVRNG_RING_H
#define PVRNG_RING_H

#include <ring-io/ring-core.h>

/* xenstore device type: device/pvrng/DEVID, backend/pvrng/DOMID/DEVID. */
#define PVRNG_KIND		"pvrng"

#define PVRNG_RING_SIZE		RING_PAGE_SIZE
#define PVRNG_DATA_MAX		4096u

/* PVRNG_OP_READ: fill the first len bytes of the page; answer len. */
#define PVRNG_OP_READ		1u

/* Response status: 0 or a negated errno (Linux's values). */
#define PVRNG_STATUS_OK		0
#define PVRNG_EIO		(-5)	/* getrandom failed */
#define PVRNG_EFAULT		(-14)	/* gref would not map */
#define PVRNG_EINVAL		(-22)	/* len > PVRNG_DATA_MAX, flags not 0 */
#define PVRNG_EOPNOTSUPP	(-95)	/* unknown op */
#define PVRNG_STATUS_MIN	(-4095)

struct pvrng_request {
	uint64_t id;		/* the front end's; echoed in the response */
	uint32_t op;		/* PVRNG_OP_READ */
	uint32_t len;		/* bytes wanted, <= PVRNG_DATA_MAX */
	uint32_t gref;		/* grant of the data page, writable */
	uint32_t flags;		/* 0 */
};

struct pvrng_response {
	uint64_t id;
	int32_t status;
	uint32_t len;		/* bytes filled, <= the request's len */
};

union pvrng_sring_entry {
	struct pvrng_request req;
	struct pvrng_response rsp;
};

#define PVRNG_ENTRY_SIZE	((uint32_t)sizeof(union pvrng_sring_entry))
/* ring_nr_ents(PVRNG_RING_SIZE, PVRNG_ENTRY_SIZE): 168 fit, so 128. */
#define PVRNG_NR_ENTS		128u

_Static_assert(sizeof(struct pvrng_request) == 24, "pvrng_request is 24 bytes");
_Static_assert(sizeof(struct pvrng_response) == 16,
	       "pvrng_response is 16 bytes");
_Static_assert(sizeof(union pvrng_sring_entry) == 24, "a slot is 24 bytes");
_Static_assert(__builtin_offsetof(struct pvrng_request, op) == 8 &&
	       __builtin_offsetof(struct pvrng_request, len) == 12 &&
	       __builtin_offsetof(struct pvrng_request, gref) == 16,
	       "the generic cores read id, op, len, gref at 0, 8, 12, 16");
_Static_assert(__builtin_offsetof(struct pvrng_response, status) == 8 &&
	       __builtin_offsetof(struct pvrng_response, len) == 12,
	       "the generic cores write id, status, len at 0, 8, 12");
_Static_assert((PVRNG_RING_SIZE - RING_SRING_HDR_SIZE) / PVRNG_ENTRY_SIZE >=
	       PVRNG_NR_ENTS &&
	       (PVRNG_RING_SIZE - RING_SRING_HDR_SIZE) / PVRNG_ENTRY_SIZE <
	       2 * PVRNG_NR_ENTS,
	       "PVRNG_NR_ENTS is what ring_nr_ents() computes for one page");

#endif /* PVRNG_RING_H */
