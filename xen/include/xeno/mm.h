/* SPDX-License-Identifier: GPL-2.0 */
/* Machine frames: per-frame ownership and type (the page-type core shared
 * by the domain builder and the direct-paging hypercalls), the machine-
 * to-phys table, domain memory, and the hypervisor's own small heap. */
#ifndef XENO_MM_H
#define XENO_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DOMID_NONE 0x7ff4   /* DOMID_IDLE: free or hypervisor-owned */

enum page_type {
	PGT_none,
	PGT_writable,
	PGT_l1, PGT_l2, PGT_l3, PGT_l4,
	PGT_seg_desc,
};

#define PGF_pinned     0x01
#define PGF_xenheap    0x02   /* hypervisor page shared with the owner (shared_info) */
#define PGF_validated  0x04
#define PGF_validating 0x08   /* its entries are being checked right now */
#define PGF_orphan     0x10   /* given back; freed when the last reference goes */
#define PGF_grant_kept 0x20   /* its dead owner's frame, kept while a grant or a
			       * foreign mapping still maps it */

struct page_info {
	uint32_t count;        /* general references */
	uint32_t type_count;   /* references holding the current type */
	uint16_t owner;        /* domid, DOMID_NONE when not a domain's */
	uint8_t type;          /* enum page_type; the last one while type_count is 0 */
	uint8_t flags;
	uint32_t tlbflush_stamp;   /* TLB clock when a mapping or type was last dropped */
	/* Of count and type_count, the references that other domains'
	 * foreign mappings (mmu_update with a foreign page owner) hold: what
	 * the frame keeps when its owner dies. */
	uint32_t ext_count;
	uint32_t ext_rw;
};

extern struct page_info *frame_table;
extern uint64_t max_page;              /* frames [0, max_page) have entries */
extern uint64_t *machine_to_phys;      /* hypervisor's writable view */

#define INVALID_M2P_ENTRY (~0UL)

void frame_table_init(uint64_t nr_frames);
static inline struct page_info *mfn_to_page(uint64_t mfn)
{
	return &frame_table[mfn];
}
static inline bool mfn_valid(uint64_t mfn)
{
	return mfn < max_page;
}

struct domain;

/* Return a frame to the pool; -EBUSY if still referenced or typed. The
 * caller holds d's mm lock or d can no longer run. Giving frames to a
 * domain: domain_alloc_frames (xeno/arch-mm.h). */
int domain_free_frame(struct domain *d, uint64_t mfn);
bool domain_off_cpus(struct domain *d);
void domain_release_memory(struct domain *d);
/* Frames whose owner is still id: a dead domain's frames that another
 * domain maps (grant or foreign) until it unmaps them. While there are
 * any, the id and its record are not given to a new domain. */
uint64_t domain_frames_left(uint16_t id);
/* A dead domain's frames still mapped by others, and the pool's free
 * frames, read together (under d's mm lock, where the last unmaps free
 * them): their sum is what the pool will hold once they are unmapped. */
uint64_t domain_kept_frames(struct domain *d, uint64_t *nr_free);
int shared_info_alloc(struct domain *d);
void shared_info_free(struct domain *d);

/* Hypervisor heap: zeroed, page-granular. */
void *xzalloc(size_t size);
void xfree(void *p);
/* Pages xzalloc takes for size bytes. */
uint64_t xalloc_pages(size_t size);

#endif
