/* SPDX-License-Identifier: GPL-2.0 */
/* A fake frame table for host tests of hypercalls that take page types
 * and references through the real mm/page-type.c: NR_FRAMES frames of
 * domain 1, one of domain 2 (FOREIGN_MFN), one of nobody (UNOWNED_MFN);
 * the page-type hooks as no-ops; mm_lock checking it is never nested or
 * left held; a snapshot of every reference count a rejection must keep. */
#ifndef FRAME_FIXTURE_H
#define FRAME_FIXTURE_H

#include "helpers.h"
#include <asm/flush.h>
#include <xeno/mm.h>
#include <public/xen.h>
#include <xeno/page-type.h>

#define NR_FRAMES    32
#define FOREIGN_MFN  30   /* owned by domain 2 */
#define UNOWNED_MFN  31

extern struct page_info frame_info[NR_FRAMES];
extern uint64_t frames[NR_FRAMES][512];
extern unsigned int lock_depth;

/* Frames 0..NR_FRAMES-3 domain 1's, zeroed, no references. */
void frame_fixture_reset(void);

/* References and owners as they are now; then that they did not change.
 * A frame's last type and TLB stamp are the page-type code's business
 * once its type count is 0, and are not compared. */
void frames_snap(void);
void assert_frames_unchanged(void);

static inline struct pgt_ctx dom_ctx(domid_t id)
{
	return (struct pgt_ctx){ .domid = id };
}

#endif
