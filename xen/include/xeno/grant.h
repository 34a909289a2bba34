/* SPDX-License-Identifier: GPL-2.0 */
/* Grant mappings (v1): one domain maps or copies a frame another granted
 * it in its grant table. State:
 *  - the granter's active entries, per grant ref: which domain has it
 *    pinned, the frame, and how many read-write and read-only mappings;
 *    while pinned, GTF_reading (and GTF_writing for read-write pins) stay
 *    set in the shared entry, so the granter knows not to revoke it;
 *  - the mapper's maptrack: one handle per mapping, naming the granter,
 *    the ref, the flags and the address it was mapped at.
 * Each host mapping holds a general reference on the frame (and a
 * writable type reference when read-write), taken as the granter's: the
 * frame stays allocated while mapped, whatever its owner does. One lock
 * (gnt_lock, serving TLB flushes while it spins) covers every domain's
 * grant state; page-table and frame updates nest inside it, TLB flushes
 * of the mapper never happen while it is held. */
#ifndef XENO_GRANT_H
#define XENO_GRANT_H

#include <stdbool.h>
#include <stdint.h>

struct domain;

/* A maptrack frame holds 256 mappings, as Xen's 16-byte entries in a
 * page: d->max_maptrack_frames of them are all a domain may hold. */
#define GNT_MAPTRACK_PER_FRAME 256
#define GNT_DEFAULT_MAPTRACK_FRAMES 1024   /* Xen 4.17's default */

/* The boot options gnttab_max_frames and gnttab_max_maptrack_frames, as
 * Xen's: every domain's default and the most a toolstack may ask for. */
unsigned int gnttab_opt_max_frames(void);
unsigned int gnttab_opt_max_maptrack_frames(void);

struct gnt_active {
	uint16_t domid;        /* the domain that has it pinned */
	uint16_t pin_rw, pin_ro;
	uint64_t mfn;
};

struct gnt_maptrack {
	bool in_use;
	uint32_t busy;         /* unmapping batch (the lock is dropped to flush) */
	struct domain *rd;     /* the granter (records outlive domains) */
	uint16_t rdom;
	uint32_t ref;
	uint32_t flags;        /* GNTMAP_* still in force */
	uint64_t host_addr;
	uint64_t mfn;
};

struct grant_state {
	struct gnt_active *active;     /* nr_active entries, grown with the table */
	unsigned int nr_active;
	struct gnt_maptrack *maptrack; /* nr_maptrack entries, grown on demand */
	unsigned int nr_maptrack, maptrack_used, maptrack_peak;
	unsigned int free_hint;        /* no free handle below it */
	bool maptrack_exhausted_logged;
	bool table_limit_logged;
};

long gnttab_map_op(struct domain *ld, uint64_t uop, uint32_t count);
long gnttab_unmap_op(struct domain *ld, uint64_t uop, uint32_t count);
long gnttab_unmap_and_replace_op(struct domain *ld, uint64_t uop, uint32_t count);
long gnttab_copy_op(struct domain *ld, uint64_t uop, uint32_t count);
long gnttab_cache_flush_op(struct domain *ld, uint64_t uop, uint32_t count);
/* A dying mapper's mappings go (its page tables are being discarded). */
void gnttab_release_mappings(struct domain *ld);
/* A dying granter: frames others still map keep exactly the references
 * those mappings hold, and are freed by the last unmap. */
void gnttab_keep_mapped_frames(struct domain *rd);
/* A dead domain's grant state, unless others still map its grants. */
void gnttab_free_state(struct domain *d);
/* For the debug keys: entries in use, mappings held. */
void gnttab_usage(struct domain *d, unsigned int *active, unsigned int *maps);
unsigned long gnttab_heap_frames(struct domain *d);

/* Arch hooks (arch/x86/pv/grant-pte.c). GNTST_* answers. */
int arch_gnt_get_frame(struct domain *rd, uint64_t mfn, bool writable);
void arch_gnt_put_frame(struct domain *rd, uint64_t mfn, bool writable);
int arch_gnt_install(struct domain *ld, uint64_t addr, uint32_t flags, uint64_t mfn);
/* Zap the mapping at addr (or move new_addr's entry there) after checking
 * it still maps mfn as granted. */
int arch_gnt_remove(struct domain *ld, uint64_t addr, uint32_t flags, uint64_t mfn,
		    uint64_t new_addr);
void arch_gnt_flush(struct domain *ld);
/* For a dying granter: reset the frame's counts (first call per frame),
 * then add the references of pin_rw read-write and pin_ro read-only
 * mappings. */
void arch_gnt_keep_frame(uint64_t mfn);
void arch_gnt_keep_refs(uint64_t mfn, unsigned int pin_rw, unsigned int pin_ro);
unsigned long gnt_lock(void);
void gnt_unlock(unsigned long flags);

#endif
