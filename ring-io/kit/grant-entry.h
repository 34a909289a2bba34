/* SPDX-License-Identifier: MIT */
/*
 * The v1 grant entry a front end fills in to let one domain map one of its
 * frames, as the kit's grant stand-in reads it. Layout and flag values are
 * Xen's public grant_table.h; the project's ABI checker compares them
 * (xen/tests/abi/sets/ring-io, facts.txt).
 */
#ifndef KIT_GRANT_ENTRY_H
#define KIT_GRANT_ENTRY_H

#include <stdint.h>

#include <ring-io/grant.h>

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

#endif /* KIT_GRANT_ENTRY_H */
