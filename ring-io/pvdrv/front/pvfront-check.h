/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvfront's pure parts: the generic heads of ring slots, request ids, and
 * the check every response passes before the front end believes it. No
 * kernel calls, so ring-io's host tests compile this very header
 * (tests/test-pvfront-check.c).
 */
#ifndef PVFRONT_CHECK_H
#define PVFRONT_CHECK_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
#endif

/* The generic part of every class's request and response slots. */
struct pvfront_req_head {
	uint64_t id;
	uint32_t op;
	uint32_t len;
	uint32_t gref;
};

struct pvfront_rsp_head {
	uint64_t id;
	int32_t status;
	uint32_t len;
};

_Static_assert(__builtin_offsetof(struct pvfront_req_head, gref) == 16,
	       "requests: id, op, len, gref at 0, 8, 12, 16");
_Static_assert(__builtin_offsetof(struct pvfront_rsp_head, len) == 12,
	       "responses: id, status, len at 0, 8, 12");

/*
 * A request id is seq << 16 | slot: the slot finds the request in one
 * lookup, the sequence number tells it from the slot's earlier users.
 */
#define PVFRONT_SLOT_BITS	16
#define PVFRONT_MAX_SLOTS	(1u << PVFRONT_SLOT_BITS)
#define PVFRONT_ERRNO_MAX	4095	/* Linux's MAX_ERRNO */

static inline uint64_t pvfront_make_id(uint64_t seq, uint32_t slot)
{
	return (seq << PVFRONT_SLOT_BITS) | (slot & (PVFRONT_MAX_SLOTS - 1));
}

static inline uint32_t pvfront_id_slot(uint64_t id)
{
	return (uint32_t)(id & (PVFRONT_MAX_SLOTS - 1));
}

enum pvfront_rsp_fault {
	PVFRONT_RSP_OK = 0,
	PVFRONT_RSP_BAD_ID,	/* names no request in flight */
	PVFRONT_RSP_BAD_LEN,	/* more bytes than the request carried */
	PVFRONT_RSP_BAD_STATUS,	/* neither 0 nor a negated errno */
};

/*
 * Judge a response (already copied off the ring) against the request in
 * the slot its id names: busy says whether that slot holds one, whose id
 * and len are req_id and req_len.
 */
static inline enum pvfront_rsp_fault
pvfront_check_rsp(const struct pvfront_rsp_head *rsp, bool busy,
		  uint64_t req_id, uint32_t req_len)
{
	if (!busy || rsp->id != req_id)
		return PVFRONT_RSP_BAD_ID;
	if (rsp->len > req_len)
		return PVFRONT_RSP_BAD_LEN;
	if (rsp->status > 0 || rsp->status < -PVFRONT_ERRNO_MAX)
		return PVFRONT_RSP_BAD_STATUS;
	return PVFRONT_RSP_OK;
}

#endif /* PVFRONT_CHECK_H */
