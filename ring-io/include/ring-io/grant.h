/* SPDX-License-Identifier: MIT */
/*
 * Grant-table types the ring protocols name: a grant reference, and the v1
 * grant entry a front end fills in to let one domain map one of its frames.
 * Layout and flag values are Xen's public grant_table.h.
 */
#ifndef RING_IO_GRANT_H
#define RING_IO_GRANT_H

#include <stdint.h>

typedef uint32_t grant_ref_t;
typedef uint16_t domid_t;

struct grant_entry_v1 {
	uint16_t flags;		/* GTF_*, written last by the granter */
	domid_t domid;		/* who may map the frame */
	uint32_t frame;		/* granter's frame number */
};

#define GTF_invalid		0x0u
#define GTF_permit_access	0x1u
#define GTF_type_mask		0x3u
#define GTF_readonly		(1u << 2)
#define GTF_reading		(1u << 3)
#define GTF_writing		(1u << 4)

#endif /* RING_IO_GRANT_H */
