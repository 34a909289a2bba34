/* SPDX-License-Identifier: MIT */
/*
 * Block protocol (blkif): requests and responses carried on a shared ring.
 * Names, values and layout are Xen's io/blkif.h (x86_64); the project's ABI
 * checker (xen/tests/abi/sets/ring-io) compares them with libxen-dev's.
 * Padding is spelled out so that every byte we put on the ring is one we
 * wrote.
 */
#ifndef RING_IO_BLKIF_H
#define RING_IO_BLKIF_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#include <ring-io/grant.h>
#include <ring-io/ring.h>

typedef uint16_t blkif_vdev_t;
typedef uint64_t blkif_sector_t;

#define BLKIF_OP_READ			0
#define BLKIF_OP_WRITE			1
#define BLKIF_OP_WRITE_BARRIER		2	/* feature-barrier */
#define BLKIF_OP_FLUSH_DISKCACHE	3	/* feature-flush-cache */
#define BLKIF_OP_RESERVED_1		4
#define BLKIF_OP_DISCARD		5	/* feature-discard */
#define BLKIF_OP_INDIRECT		6	/* feature-max-indirect-segments */

#define BLKIF_MAX_SEGMENTS_PER_REQUEST		11
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST	8

/* Sector numbers in requests are in 512-byte units, whatever sector-size. */
#define BLKIF_SECTOR_SHIFT	9
#define BLKIF_SECTOR_SIZE	(1u << BLKIF_SECTOR_SHIFT)
#define BLKIF_SECTORS_PER_PAGE	(RING_PAGE_SIZE / BLKIF_SECTOR_SIZE)

#define BLKIF_RSP_EOPNOTSUPP	-2
#define BLKIF_RSP_ERROR		-1
#define BLKIF_RSP_OKAY		0

#define BLKIF_DISCARD_SECURE	(1 << 0)	/* an int, as Xen's */

/* The "info" key's bits. */
#define VDISK_CDROM		0x1
#define VDISK_REMOVABLE		0x2
#define VDISK_READONLY		0x4

/* One granted frame and the inclusive range of sectors in it to move. */
struct blkif_request_segment {
	grant_ref_t gref;
	uint8_t first_sect;
	uint8_t last_sect;
	uint8_t pad[2];
};

/* An indirect page is an array of segments filling one 4 KiB frame. */
#define BLKIF_SEGS_PER_INDIRECT_FRAME \
	(RING_PAGE_SIZE / sizeof(struct blkif_request_segment))

struct blkif_request {
	uint8_t operation;		/* BLKIF_OP_* */
	uint8_t nr_segments;		/* 1..11 for read/write, 0 for flush */
	blkif_vdev_t handle;
	uint32_t pad;
	uint64_t id;			/* echoed in the response */
	blkif_sector_t sector_number;
	struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

/* Same slot, operation == BLKIF_OP_DISCARD. */
struct blkif_request_discard {
	uint8_t operation;
	uint8_t flag;			/* BLKIF_DISCARD_SECURE or 0 */
	blkif_vdev_t handle;
	uint32_t pad;
	uint64_t id;
	blkif_sector_t sector_number;
	uint64_t nr_sectors;
};

/* Same slot, operation == BLKIF_OP_INDIRECT: segments live in granted pages. */
struct blkif_request_indirect {
	uint8_t operation;
	uint8_t indirect_op;		/* BLKIF_OP_READ or BLKIF_OP_WRITE */
	uint16_t nr_segments;
	uint32_t pad0;
	uint64_t id;
	blkif_sector_t sector_number;
	blkif_vdev_t handle;
	uint16_t pad1;
	grant_ref_t indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
	uint32_t pad2;
};

struct blkif_response {
	uint64_t id;
	uint8_t operation;
	uint8_t pad0;
	int16_t status;			/* BLKIF_RSP_* */
	uint32_t pad1;
};

union blkif_sring_entry {
	struct blkif_request req;
	struct blkif_request_discard discard;
	struct blkif_request_indirect indirect;
	struct blkif_response rsp;
};

_Static_assert(sizeof(union blkif_sring_entry) == 112, "blkif slot size");

#define BLKIF_RING_ENTRY_SIZE	((uint32_t)sizeof(union blkif_sring_entry))

/* Typed ends: the slot size is fixed here, once. */
static inline int blkif_front_init(struct ring_front *f, void *ring,
				   size_t ring_size)
{
	return ring_front_init(f, ring, ring_size, BLKIF_RING_ENTRY_SIZE);
}

static inline int blkif_back_attach(struct ring_back *b, void *ring,
				    size_t ring_size)
{
	return ring_back_attach(b, ring, ring_size, BLKIF_RING_ENTRY_SIZE);
}

/* A ring another back end served before us: see ring_back_reattach(). */
static inline int blkif_back_reattach(struct ring_back *b, void *ring,
				      size_t ring_size)
{
	return ring_back_reattach(b, ring, ring_size, BLKIF_RING_ENTRY_SIZE);
}

/* Any of the request forms: the whole slot is copied, then parsed. */
static inline int blkif_back_take(struct ring_back *b,
				  union blkif_sring_entry *req)
{
	return ring_back_take(b, req, sizeof(*req));
}

static inline int blkif_back_put(struct ring_back *b,
				 const struct blkif_response *rsp)
{
	return ring_back_put(b, rsp, sizeof(*rsp));
}

static inline int blkif_front_put(struct ring_front *f,
				  const union blkif_sring_entry *req)
{
	return ring_front_put(f, req, sizeof(*req));
}

static inline int blkif_front_take(struct ring_front *f,
				   struct blkif_response *rsp)
{
	return ring_front_take(f, rsp, sizeof(*rsp));
}

#endif /* RING_IO_BLKIF_H */
