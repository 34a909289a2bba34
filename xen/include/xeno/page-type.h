/* SPDX-License-Identifier: GPL-2.0 */
/* The page-type core of direct paging. Every machine frame has an owner, a
 * type (none, writable, L1-L4, segment descriptor), a general reference
 * count and a type count. Invariants:
 *  - a frame holds one type at a time; it changes only at type count 0;
 *  - a page-table (or descriptor) type is taken only after every entry of
 *    the frame validated, each valid entry holding references on what it
 *    points to, and those references are dropped with the type;
 *  - a writable mapping holds a writable type reference, so a frame mapped
 *    writable can never become a page table, and vice versa;
 *  - counts never wrap: an increment at the maximum is refused.
 * Pure logic over frame_table: the host tests build this very file. */
#ifndef XENO_PAGE_TYPE_H
#define XENO_PAGE_TYPE_H

#include <stdbool.h>
#include <stdint.h>
#include <xeno/mm.h>

/* A page-table type (L1-L4), as opposed to none, writable or descriptor. */
static inline bool pgt_is_table(enum page_type t)
{
	return t >= PGT_l1 && t <= PGT_l4;
}

/* Who asks: the domain whose tables these are. */
struct pgt_ctx {
	uint16_t domid;
	/* foreign: new L1 leaves name frames of pg_owner, not of domid
	 * (mmu_update's page owner); the caller holds both mm locks. */
	bool foreign;
	uint16_t pg_owner;
	bool io_privileged;   /* may set cache-attribute bits in L1 entries */
	uint64_t l1tf_safe_maddr;   /* not-present entries below it refused; 0: off */
};

#define PTE_P     (1ULL << 0)
#define PTE_RW    (1ULL << 1)
#define PTE_US    (1ULL << 2)
#define PTE_PWT   (1ULL << 3)
#define PTE_PCD   (1ULL << 4)
#define PTE_A     (1ULL << 5)
#define PTE_D     (1ULL << 6)
#define PTE_PSE   (1ULL << 7)    /* PAT in an L1 entry */
#define PTE_G     (1ULL << 8)
#define PTE_NX    (1ULL << 63)
/* Marks a grant mapping's PTE (a software bit, as Xen's debug builds mark
 * them): its references belong to the grant, not to the entry. Guests may
 * not set it in L1 entries. */
#define PTE_GNTTAB (1ULL << 62)
#define PTE_ADDR  0x000ffffffffff000ULL
#define PTE_MFN(e) (((e) & PTE_ADDR) >> 12)

#define PGT_MAX_COUNT 0xfffffff0u

/* First and last L4 slot the hypervisor owns in every guest L4. */
#define PGT_XEN_L4_FIRST 256
#define PGT_XEN_L4_LAST  271

/* Hooks the hypervisor (or a test) provides. */
uint64_t *pgt_map(uint64_t mfn);
void pgt_init_xen_l4_slots(uint64_t *l4);
/* The TLB clock: a CPU's TLB may still hold a dropped mapping of a frame
 * until it flushes after the frame's stamp. */
uint32_t pgt_tlb_clock(void);
/* Flush every TLB that may predate stamp; called before a frame changes
 * type or leaves its owner. */
void pgt_tlb_flush_since(uint32_t stamp);
/* A frame its owner gave back while still mapped (PGF_orphan) has lost its
 * last reference: return it to the pool now. */
void pgt_orphan_released(uint64_t mfn);
/* The frame is not RAM and not the hypervisor's: a privileged domain may
 * map it from an L1 entry without references. Fixed after boot. */
bool pgt_iomem_mappable(uint64_t mfn);
/* A grant PTE (PTE_GNTTAB, naming another domain's frame) was dropped by
 * the page-type core: its references belong to the grant, so none is
 * dropped here; the domain broke the grant ABI. */
void pgt_foreign_entry_dropped(const struct pgt_ctx *c, uint64_t entry);
/* An L1 entry of c's domain naming another domain's frame through a
 * foreign mapping (no PTE_GNTTAB) was dropped: the hook takes the frame
 * owner's mm lock (the caller holds c's) and calls pgt_put_foreign_leaf. */
void pgt_foreign_leaf_dropped(const struct pgt_ctx *c, uint64_t entry);
/* A privileged domain asked for a frame the hypervisor keeps: log it. */
void pgt_refused_frame(const struct pgt_ctx *c, uint64_t mfn);
/* A put found no reference to drop (a hypervisor accounting bug): the put
 * was refused; report it. pgt_nr_underflows counts them since boot. */
void pgt_underflow_refused(uint64_t mfn, bool type_ref);
unsigned long pgt_nr_underflows(void);

/* General reference: the frame must belong to ctx's domain. */
int pgt_get_page(const struct pgt_ctx *c, uint64_t mfn);
void pgt_put_page(uint64_t mfn);
/* Type reference; a page-table type validates the frame on first use. */
int pgt_get_type(const struct pgt_ctx *c, uint64_t mfn, enum page_type t);
void pgt_put_type(const struct pgt_ctx *c, uint64_t mfn);
/* Both, as a mapping or a pin needs them; undone together. */
int pgt_get_page_and_type(const struct pgt_ctx *c, uint64_t mfn, enum page_type t);
void pgt_put_page_and_type(const struct pgt_ctx *c, uint64_t mfn);

/* Check a new entry for a table of type level and take the references it
 * needs; *adjusted gets the entry as it will be written (e.g. user bit
 * added, because a PV kernel runs in ring 3). table_mfn allows read-only
 * self (linear) maps. */
int pgt_get_entry(const struct pgt_ctx *c, enum page_type level, uint64_t entry,
		  uint64_t table_mfn, uint64_t *adjusted);
void pgt_put_entry(const struct pgt_ctx *c, enum page_type level, uint64_t entry,
		   uint64_t table_mfn);
/* Write new into a live table slot whose value was seen as 'seen'. The
 * caller holds the mm lock, so only the CPU's page walker may write the
 * slot meanwhile (setting A or D). strict: the write must replace exactly
 * 'seen' (a guest's cmpxchg), else -EAGAIN and nothing is written;
 * otherwise it replaces whatever is there, keeping A/D set meanwhile if
 * preserve_ad. *old gets the value replaced. */
int pgt_commit_entry(uint64_t *slot, uint64_t seen, uint64_t new, bool strict,
		     bool preserve_ad, uint64_t *old);

/* A not-present entry naming an L1TF-unsafe address was offered (the
 * entry is refused with -EINVAL; the caller's domain is to be crashed). */
void pgt_l1tf_unsafe(const struct pgt_ctx *c, uint64_t entry);

/* The L1 table and slot that map va under the L4 l4_mfn, read without the
 * mm lock (entries may change under us): every table on the way must be
 * the context's domain's own frame, so a torn walk never maps a frame that
 * is not RAM. -EINVAL when not mapped so far. */
int pgt_walk_l1(const struct pgt_ctx *c, uint64_t l4_mfn, uint64_t va, uint64_t *l1_mfn,
		unsigned int *idx);

/* The references a foreign leaf holds on owner's frame mfn: a general
 * one, and a writable type one if rw; counted in ext_count/ext_rw too.
 * Caller holds the owner's mm lock. */
void pgt_put_foreign_leaf(const struct pgt_ctx *owner, uint64_t mfn, bool rw);

int pgt_pin(const struct pgt_ctx *c, uint64_t mfn, enum page_type t);
int pgt_unpin(const struct pgt_ctx *c, uint64_t mfn);

#endif
