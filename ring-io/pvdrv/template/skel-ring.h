/* SPDX-License-Identifier: MIT */
/*
 * skel: the shared ring of the skel device class, made from the PV driver
 * kit's template (ring-io/pvdrv/template) by tools/new-pvdriver. One
 * 4096-byte ring page of ring-io slots; each request's data moves in a
 * page of its own that the front end grants. Included by the Linux front
 * end and the dom0 back end alike: ring-io's headers pick the types.
 *
 * The generic cores (pvfront, pvback) use only the leading fields: id, op,
 * len, gref of a request; id, status, len of a response. A driver adds its
 * own fields after them, never before (the static asserts hold the line).
 */
#ifndef SKEL_RING_H
#define SKEL_RING_H

#include <ring-io/ring-core.h>

/* xenstore device type: device/skel/DEVID, backend/skel/DOMID/DEVID. */
#define SKEL_KIND		"skel"

#define SKEL_RING_SIZE		RING_PAGE_SIZE	/* one page, no order key */
#define SKEL_DATA_MAX		4096u		/* one granted page */

/*
 * SKEL_OP_ECHO: the back end maps gref writable, adds 1 (mod 256) to each
 * of the first len bytes in place and answers len, status 0; so an answer
 * to a request that never reached the back end cannot pass for one.
 */
#define SKEL_OP_ECHO		1u

/*
 * What ECHO does to each byte: the back end applies it, the test program
 * checks for it. Change the device's behaviour here, in one place.
 */
static inline uint8_t skel_echo_byte(uint8_t b)
{
	return (uint8_t)(b + 1);
}

/*
 * Response status: 0, or a negated errno with Linux's (and Xen's) values,
 * never below SKEL_STATUS_MIN. The back end answers these for any op:
 */
#define SKEL_STATUS_OK		0
#define SKEL_EFAULT		(-14)	/* gref would not map */
#define SKEL_EINVAL		(-22)	/* len > SKEL_DATA_MAX, flags not 0 */
#define SKEL_EOPNOTSUPP		(-95)	/* unknown op */
#define SKEL_STATUS_MIN		(-4095)	/* what Linux's IS_ERR_VALUE allows */

struct skel_request {
	uint64_t id;		/* the front end's; echoed in the response */
	uint32_t op;		/* SKEL_OP_* */
	uint32_t len;		/* bytes of data in the granted page */
	uint32_t gref;		/* grant of the data page, writable */
	uint32_t flags;		/* 0: reserved for the driver's own use */
};

struct skel_response {
	uint64_t id;		/* the request's */
	int32_t status;		/* SKEL_STATUS_OK or a negated errno */
	uint32_t len;		/* bytes answered, <= the request's len */
};

/* One ring slot holds a request, and later that request's response. */
union skel_sring_entry {
	struct skel_request req;
	struct skel_response rsp;
};

#define SKEL_ENTRY_SIZE		((uint32_t)sizeof(union skel_sring_entry))
/* ring_nr_ents(SKEL_RING_SIZE, SKEL_ENTRY_SIZE): (4096 - 64) / 24 = 168
 * slots fit, rounded down to a power of two. The front end sizes its data
 * page pool with it; both ends compute it with ring_nr_ents(). */
#define SKEL_NR_ENTS		128u

/* The layout is ABI between two builds: both must agree to the byte. */
_Static_assert(sizeof(struct skel_request) == 24, "skel_request is 24 bytes");
_Static_assert(sizeof(struct skel_response) == 16, "skel_response is 16 bytes");
_Static_assert(sizeof(union skel_sring_entry) == 24, "a slot is 24 bytes");
_Static_assert(__builtin_offsetof(struct skel_request, op) == 8 &&
	       __builtin_offsetof(struct skel_request, len) == 12 &&
	       __builtin_offsetof(struct skel_request, gref) == 16,
	       "the generic cores read id, op, len, gref at 0, 8, 12, 16");
_Static_assert(__builtin_offsetof(struct skel_response, status) == 8 &&
	       __builtin_offsetof(struct skel_response, len) == 12,
	       "the generic cores write id, status, len at 0, 8, 12");
_Static_assert((SKEL_RING_SIZE - RING_SRING_HDR_SIZE) / SKEL_ENTRY_SIZE >=
	       SKEL_NR_ENTS &&
	       (SKEL_RING_SIZE - RING_SRING_HDR_SIZE) / SKEL_ENTRY_SIZE <
	       2 * SKEL_NR_ENTS,
	       "SKEL_NR_ENTS is what ring_nr_ents() computes for one page");

#endif /* SKEL_RING_H */
