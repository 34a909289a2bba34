/* SPDX-License-Identifier: GPL-2.0 */
/* Memory hooks: what xen/common/memory.c and grant-table.c ask of the
 * architecture's frame bookkeeping. x86 defines them in
 * arch/x86/mm/frame-table.c and arch/x86/mm/memory-op.c.
 *
 * Generic code never touches the frame table or the machine-to-phys
 * table itself: ownership, types and references of a frame belong to
 * the architecture, which alone knows the locks that guard them. */
#ifndef XENO_ARCH_MM_H
#define XENO_ARCH_MM_H

#include <stdint.h>

struct domain;

/* memory_op's command word: the sub-op in the low bits, the extent to
 * resume from (a continuation) above them, as Xen encodes it. */
#define MEMOP_EXTENT_SHIFT 6
#define MEMOP_CMD_MASK     ((1U << MEMOP_EXTENT_SHIFT) - 1)

/* XENMEM_* sub-ops that depend on the machine (x86: the e820 maps, frame
 * exchange for machine-contiguous buffers, the M2P table's location). cmd
 * is the whole command word (with any continuation bits); -ENOSYS for a
 * sub-op the architecture lacks. */
long arch_memory_op(uint64_t cmd, uint64_t arg);

/* Give d 2^order contiguous zeroed frames, counted against its maximum;
 * the first machine frame in *mfn. Takes d's mm lock. -ENOMEM when d is at
 * its maximum or the pool has no such run. */
int domain_alloc_frames(struct domain *d, unsigned int order, uint64_t *mfn);

/* The two halves of domain_alloc_frames, for callers that must take
 * frames before they may give them (XENMEM_exchange: all of a unit's
 * outputs first, so a failing unit changes nothing). domain_take_frames
 * takes 2^order frames from the pool, below limit_pfn if not 0, not yet
 * anyone's (-ENOMEM); domain_assign_frames makes them d's, zeroed and
 * counted. The caller holds d's mm lock and has checked d's maximum; frames
 * taken but not assigned go back with frame_free. */
int domain_take_frames(unsigned int order, uint64_t limit_pfn, uint64_t *mfn);
void domain_assign_frames(struct domain *d, uint64_t mfn, unsigned int order);

/* d gives frame mfn back (decrease_reservation). A frame still mapped or
 * typed is marked and freed by its last put. -EINVAL when mfn is not d's
 * ordinary memory. Takes d's mm lock. */
int domain_give_back_frame(struct domain *d, uint64_t mfn);

/* Record that machine frame mfn is d's pseudo-physical frame pfn (the
 * machine-to-phys table a PV guest reads). */
void arch_set_gpfn_from_mfn(uint64_t mfn, uint64_t pfn);

/* Do a TLB flush another CPU asked this one for, if any. For code that
 * waits with interrupts off for something another CPU does, which may
 * itself be waiting for this CPU's flush (a dying domain's release). */
void arch_serve_pending_flush(void);

/* A hypervisor-allocated page (shared_info, grant-table frames) that the
 * guest may map writable; unshare before freeing it. */
void share_xen_page_with_guest(struct domain *d, uint64_t mfn);
void unshare_xen_page(uint64_t mfn);
/* Such a page goes with its dead domain d: unshared and freed, or, while
 * a foreign mapping still holds it, kept with d's other mapped frames
 * and freed by the last unmap. */
void release_shared_xen_page(struct domain *d, uint64_t mfn);

#endif
