/* SPDX-License-Identifier: GPL-2.0 */
/* The granter's shared v1 entries, as the grant code reads and updates
 * them: the guest may write an entry at any time, so the flags/domid word
 * is read once and changed by compare-and-swap, with a retry bound (a
 * guest flipping it forever gets an error, not a hung CPU). */
#ifndef COMMON_GRANT_SHARED_H
#define COMMON_GRANT_SHARED_H

#include <asm/page.h>
#include <public/grant_table.h>
#include <xeno/domain.h>

#define GNT_ENTRIES_PER_FRAME (4096 / sizeof(struct grant_entry_v1))
#define GNT_CAS_TRIES 4

static inline uint32_t gnt_nr_entries(const struct domain *rd)
{
	return rd->nr_gnttab_frames * (uint32_t)GNT_ENTRIES_PER_FRAME;
}

/* Callers check ref < gnt_nr_entries(rd) first. */
static inline struct grant_entry_v1 *gnt_entry(const struct domain *rd, uint32_t ref)
{
	struct grant_entry_v1 *f = __va(rd->gnttab_mfn[ref / GNT_ENTRIES_PER_FRAME] << PAGE_SHIFT);

	return &f[ref % GNT_ENTRIES_PER_FRAME];
}

static inline uint64_t gnt_frame(const struct domain *rd, uint32_t ref)
{
	return __atomic_load_n(&gnt_entry(rd, ref)->frame, __ATOMIC_ACQUIRE);
}

/* Mark the entry in use for ldom (reading, and writing unless ro) if it
 * grants ldom that access: GNTST_okay or GNTST_general_error. */
static inline int gnt_set_flags(const struct domain *rd, uint32_t ref, uint16_t ldom, bool ro)
{
	uint32_t *w = (uint32_t *)gnt_entry(rd, ref);   /* flags | domid << 16 */

	for (unsigned int i = 0; i < GNT_CAS_TRIES; i++) {
		uint32_t old = __atomic_load_n(w, __ATOMIC_ACQUIRE), new;
		uint16_t flags = (uint16_t)old, dom = (uint16_t)(old >> 16);

		if ((flags & GTF_type_mask) != GTF_permit_access || dom != ldom)
			return GNTST_general_error;
		if (!ro && (flags & GTF_readonly))
			return GNTST_general_error;
		new = old | GTF_reading | (ro ? 0 : GTF_writing);
		if (__atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			return GNTST_okay;
	}
	return GNTST_general_error;
}

static inline void gnt_clear_flags(const struct domain *rd, uint32_t ref, uint16_t bits)
{
	__atomic_fetch_and(&gnt_entry(rd, ref)->flags, (uint16_t)~bits, __ATOMIC_ACQ_REL);
}

/* A copy's pin ends: the flags it set go unless a mapping still needs
 * them (the active entry counts the mappings). */
void gnt_release_copy_flags(struct domain *rd, uint32_t ref, bool write);

#endif
