/* SPDX-License-Identifier: GPL-2.0 */
/* Physical frame allocator: one bit per frame up to the highest RAM frame,
 * set when the frame is in use (or is not RAM at all). */
#ifndef XENO_FRAME_ALLOC_H
#define XENO_FRAME_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xeno/spinlock.h>

#define FRAME_MAX_ORDER 18   /* 1 GiB of 4 KiB frames */

struct frame_pool {
	uint64_t *bitmap;     /* bit set: frame unavailable */
	uint64_t nr_frames;   /* frames [0, nr_frames) are described */
	uint64_t nr_free;
	uint64_t nr_ram;      /* frames ever handed to the pool */
	uint64_t hint;        /* a word at or below the lowest free frame */
	spinlock_t lock;
};

/* Bytes of bitmap storage needed for nr_frames. */
size_t frame_pool_bitmap_bytes(uint64_t nr_frames);

/* All frames start unavailable; free ranges are added afterwards. */
void frame_pool_init(struct frame_pool *p, uint64_t *bitmap, uint64_t nr_frames);
/* Hand [pfn, pfn+nr) to the pool. -EINVAL if out of range or already free. */
int frame_pool_add(struct frame_pool *p, uint64_t pfn, uint64_t nr);
/* Take [pfn, pfn+nr) out of the pool for good (image, modules, tables). */
int frame_pool_reserve(struct frame_pool *p, uint64_t pfn, uint64_t nr);

/* 2^order contiguous frames aligned to their size; -ENOMEM if none,
 * -EINVAL for an order above FRAME_MAX_ORDER. */
int frame_alloc(struct frame_pool *p, unsigned int order, uint64_t *pfn);
/* As frame_alloc, below a frame limit (for tables 32-bit code must reach). */
int frame_alloc_below(struct frame_pool *p, unsigned int order,
		      uint64_t limit_pfn, uint64_t *pfn);
/* -EINVAL when any of the frames is not allocated: a double free. */
int frame_free(struct frame_pool *p, uint64_t pfn, unsigned int order);
bool frame_is_free(const struct frame_pool *p, uint64_t pfn);

#endif
