/* SPDX-License-Identifier: GPL-2.0 */
/* Page types and reference counts for direct paging (invariants in
 * xeno/page-type.h). Validation recurses at most four levels (L4 -> L3 ->
 * L2 -> L1, by construction), so the hypervisor stack is bounded; each
 * table is validated once however many tables point at it. */
#include <asm/l1tf.h>
#include <asm/page.h>
#include <asm/pv/descriptor-check.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <public/xen.h>
#include <xeno/page-type.h>


/* Flags a guest may use at each level (besides address and P). */
#define ALWAYS_OK   (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | (7ULL << 9) | \
		     (0x7ffULL << 52) | PTE_NX)
#define L1_EXTRA_OK (PTE_G)
#define L1_CACHE    (PTE_PWT | PTE_PCD | PTE_PSE)

static enum page_type child_type(enum page_type level)
{
	return (enum page_type)(level - 1);   /* L2 -> L1, ..., L4 -> L3 */
}

/* A general reference (a mapping, or the hypervisor holding the frame):
 * keeps the frame c's until the last put. No type is involved. */
int pgt_get_page(const struct pgt_ctx *c, uint64_t mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != c->domid)
		return -EINVAL;
	if (pg->count >= PGT_MAX_COUNT)
		return -EINVAL;
	pg->count++;
	return 0;
}

/* A frame the domain gave back while still in use (PGF_orphan) is freed
 * by whichever put drops its last reference or type. */
static void maybe_release_orphan(uint64_t mfn, struct page_info *pg)
{
	if ((pg->flags & PGF_orphan) && !pg->count && !pg->type_count)
		pgt_orphan_released(mfn);
}

/* An underflow is the hypervisor's own accounting bug (a put without its
 * get): refused, so the count stays sane, but counted and reported so the
 * bug shows. Different domains' locks may race here: atomic. */
static unsigned long underflows;

static void underflow(uint64_t mfn, bool type_ref)
{
	__atomic_fetch_add(&underflows, 1, __ATOMIC_RELAXED);
	pgt_underflow_refused(mfn, type_ref);
}

unsigned long pgt_nr_underflows(void)
{
	return __atomic_load_n(&underflows, __ATOMIC_RELAXED);
}

void pgt_put_page(uint64_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);

	if (!pg->count) {
		underflow(mfn, false);
		return;
	}
	pg->count--;
	pg->tlbflush_stamp = pgt_tlb_clock();   /* a mapping may be gone */
	maybe_release_orphan(mfn, pg);
}

static int validate_table(const struct pgt_ctx *c, uint64_t mfn, enum page_type t);
static void release_table(const struct pgt_ctx *c, uint64_t mfn, enum page_type t);

/* Take a type reference. With the type already held, only the count
 * moves; taking a new type is the expensive case: the frame must have no
 * type reference left, no TLB may still map it the old way, and a page
 * table or descriptor frame is validated entry by entry first (each valid
 * entry taking its own references). PGF_validating marks the frame
 * meanwhile, so a table that (directly or not) maps itself under another
 * type is refused rather than recursed into. Caller holds the mm lock. */
int pgt_get_type(const struct pgt_ctx *c, uint64_t mfn, enum page_type t)
{
	struct page_info *pg;
	int rc;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != c->domid)
		return -EINVAL;
	if (pg->type_count) {
		if (pg->type != t || pg->type_count >= PGT_MAX_COUNT)
			return -EINVAL;
		pg->type_count++;
		return 0;
	}
	/* The hypervisor's shared pages stay plain memory; a table being
	 * validated cannot be reached from itself under another type. */
	if ((pg->flags & PGF_xenheap) && t != PGT_writable)
		return -EINVAL;
	if (pg->flags & PGF_validating)
		return -EINVAL;
	/* A new type while some TLB may still hold a mapping from the old
	 * use (a writable alias of a new page table, or the reverse). */
	if (pg->type != t)
		pgt_tlb_flush_since(pg->tlbflush_stamp);
	if (t == PGT_seg_desc) {
		unsigned int bad;

		/* Every descriptor checked (and DPLs fixed up) before use. */
		if (pv_check_descriptor_frame(pgt_map(mfn), &bad))
			return -EINVAL;
	}
	if (pgt_is_table(t)) {
		pg->flags |= PGF_validating;
		rc = validate_table(c, mfn, t);
		pg->flags &= ~PGF_validating;
		if (rc)
			return rc;
	}
	pg->type = t;
	pg->type_count = 1;
	pg->flags |= PGF_validated;
	return 0;
}

void pgt_put_type(const struct pgt_ctx *c, uint64_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);

	if (!pg->type_count) {
		underflow(mfn, true);
		return;
	}
	if (--pg->type_count)
		return;
	if (pgt_is_table(pg->type))
		release_table(c, mfn, pg->type);
	/* The type is kept as a memory of the last use (see pgt_get_type). */
	pg->flags &= ~PGF_validated;
	pg->tlbflush_stamp = pgt_tlb_clock();
	maybe_release_orphan(mfn, pg);
}

int pgt_get_page_and_type(const struct pgt_ctx *c, uint64_t mfn, enum page_type t)
{
	int rc = pgt_get_page(c, mfn);

	if (rc)
		return rc;
	rc = pgt_get_type(c, mfn, t);
	if (rc)
		pgt_put_page(mfn);
	return rc;
}

void pgt_put_page_and_type(const struct pgt_ctx *c, uint64_t mfn)
{
	pgt_put_type(c, mfn);
	pgt_put_page(mfn);
}

static int check_flags(const struct pgt_ctx *c, enum page_type level, uint64_t e)
{
	uint64_t ok = ALWAYS_OK | PTE_ADDR;

	if (level == PGT_l1) {
		ok = (ok | L1_EXTRA_OK) & ~PTE_GNTTAB;   /* the grant marker is ours */
		if (c->io_privileged)
			ok |= L1_CACHE;
	}
	return (e & ~ok) ? -EINVAL : 0;
}

/* A read-only entry pointing back at its own table (a recursive, or
 * "linear", mapping) takes a general reference only: a type reference
 * would let the table hold itself valid forever. Linear maps of other
 * tables are refused: their type could change under the entry. */
static bool is_linear(uint64_t e, enum page_type level, uint64_t table_mfn)
{
	return level != PGT_l1 && !(e & PTE_RW) && PTE_MFN(e) == table_mfn;
}

/* A leaf naming a frame of c->pg_owner (mmu_update's foreign page owner),
 * with Xen's codes: not RAM -EPERM (the page owner has no I/O memory);
 * not the page owner's, given back, or a table mapped writable -EBUSY.
 * DOMID_IO as page owner maps I/O memory with the caller's own rights and
 * no RAM at all. */
static int get_foreign_leaf(const struct pgt_ctx *c, uint64_t e)
{
	struct pgt_ctx owner = { .domid = c->pg_owner };
	uint64_t mfn = PTE_MFN(e);
	struct page_info *pg;
	bool rw = e & PTE_RW;

	if (!mfn_valid(mfn) || pgt_iomem_mappable(mfn)) {
		if (c->pg_owner == DOMID_IO && c->io_privileged && pgt_iomem_mappable(mfn))
			return 0;
		return -EPERM;
	}
	pg = mfn_to_page(mfn);
	if (c->pg_owner == DOMID_IO || pg->owner != c->pg_owner || (pg->flags & PGF_orphan))
		return -EBUSY;
	if (rw ? pgt_get_page_and_type(&owner, mfn, PGT_writable) : pgt_get_page(&owner, mfn))
		return -EBUSY;
	pg->ext_count++;
	if (rw)
		pg->ext_rw++;
	return 0;
}

void pgt_put_foreign_leaf(const struct pgt_ctx *owner, uint64_t mfn, bool rw)
{
	struct page_info *pg = mfn_to_page(mfn);

	/* An underflow would be our bug: the counts stay as they are. */
	if (!pg->ext_count || (rw && !pg->ext_rw))
		return;
	pg->ext_count--;
	if (rw) {
		pg->ext_rw--;
		pgt_put_page_and_type(owner, mfn);
	} else {
		pgt_put_page(mfn);
	}
}

int pgt_get_entry(const struct pgt_ctx *c, enum page_type level, uint64_t e,
		  uint64_t table_mfn, uint64_t *adjusted)
{
	uint64_t mfn = PTE_MFN(e);
	int rc;

	*adjusted = e;
	if (!(e & PTE_P)) {
		if (c->l1tf_safe_maddr && !l1tf_entry_safe(e, c->l1tf_safe_maddr)) {
			pgt_l1tf_unsafe(c, e);
			return -EINVAL;
		}
		return 0;
	}
	rc = check_flags(c, level, e);
	if (rc)
		return rc;
	if (is_linear(e, level, table_mfn)) {
		rc = pgt_get_page(c, mfn);
	} else if (level == PGT_l1 && c->foreign) {
		rc = get_foreign_leaf(c, e);
	} else if (level == PGT_l1 && c->io_privileged && pgt_iomem_mappable(mfn)) {
		/* Device memory and firmware tables: no frame to count. */
		rc = 0;
	} else if (level == PGT_l1) {
		/* Xen's codes for a leaf: not RAM -EPERM; not ours, or not
		 * mappable as asked (a table mapped writable) -EBUSY. */
		if (!mfn_valid(mfn) || pgt_iomem_mappable(mfn)) {
			if (c->io_privileged)
				pgt_refused_frame(c, mfn);   /* e.g. the local APIC */
			return -EPERM;
		}
		rc = (e & PTE_RW) ? pgt_get_page_and_type(c, mfn, PGT_writable)
				  : pgt_get_page(c, mfn);
		if (rc)
			rc = -EBUSY;
		/* The hypervisor's own frames, asked for by the domain that
		 * may map hardware: worth a line in the log. */
		if (rc && c->io_privileged && mfn_to_page(mfn)->owner == DOMID_NONE)
			pgt_refused_frame(c, mfn);
	} else
		rc = pgt_get_page_and_type(c, mfn, child_type(level));
	if (rc == 0)
		*adjusted = e | PTE_US;   /* the guest kernel runs in ring 3 */
	return rc;
}

void pgt_put_entry(const struct pgt_ctx *c, enum page_type level, uint64_t e,
		   uint64_t table_mfn)
{
	uint64_t mfn = PTE_MFN(e);

	/* Only a privileged domain's tables can hold such an entry, and it
	 * took no reference (pgt_get_entry). */
	if (level == PGT_l1 && (e & PTE_P) && pgt_iomem_mappable(mfn))
		return;
	if (!(e & PTE_P) || !mfn_valid(mfn))
		return;
	if (level == PGT_l1 && mfn_to_page(mfn)->owner != c->domid) {
		if (e & PTE_GNTTAB)
			pgt_foreign_entry_dropped(c, e);
		else
			pgt_foreign_leaf_dropped(c, e);
		return;
	}
	if (is_linear(e, level, table_mfn))
		pgt_put_page(mfn);   /* a linear entry held a general ref only */
	else if (level == PGT_l1 && !(e & PTE_RW))
		pgt_put_page(mfn);
	else if (level == PGT_l1)
		pgt_put_page_and_type(c, mfn);
	else
		pgt_put_page_and_type(c, mfn);
}

#define COMMIT_RETRIES 4   /* the walker sets A, then D: two changes at most */

int pgt_commit_entry(uint64_t *slot, uint64_t seen, uint64_t new, bool strict,
		     bool preserve_ad, uint64_t *old)
{
	for (unsigned int i = 0; i < COMMIT_RETRIES; i++) {
		uint64_t cur = seen;

		if (__atomic_compare_exchange_n(slot, &cur, new, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			*old = seen;
			return 0;
		}
		if (strict)
			return -EAGAIN;
		if (preserve_ad)
			new |= cur & (PTE_A | PTE_D);
		seen = cur;
	}
	/* Something else keeps writing the slot: take it as it is. */
	*old = __atomic_exchange_n(slot, new, __ATOMIC_SEQ_CST);
	return 0;
}

int pgt_walk_l1(const struct pgt_ctx *c, uint64_t l4_mfn, uint64_t va, uint64_t *l1_mfn,
		unsigned int *idx)
{
	static const unsigned int shift[3] = { 39, 30, 21 };
	uint64_t mfn = l4_mfn;

	for (unsigned int lvl = 0; lvl < 3; lvl++) {
		uint64_t e = __atomic_load_n(&pgt_map(mfn)[(va >> shift[lvl]) & (PT_ENTRIES - 1)],
					     __ATOMIC_RELAXED);

		if (!(e & PTE_P) || (e & PTE_PSE))
			return -EINVAL;
		mfn = PTE_MFN(e);
		/* Read once, checked, then used: another vCPU may have detached
		 * this table and written it. Only the domain's own frames are
		 * RAM we map; the owner may change later, the RAM stays. */
		if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != c->domid)
			return -EINVAL;
	}
	*l1_mfn = mfn;
	*idx = (unsigned int)((va >> 12) & (PT_ENTRIES - 1));
	return 0;
}

static bool is_xen_slot(enum page_type t, unsigned int i)
{
	return t == PGT_l4 && i >= PGT_XEN_L4_FIRST && i <= PGT_XEN_L4_LAST;
}

/* The entries are adjusted in place as they validate: nobody can write
 * the frame meanwhile (a writable mapping would hold a conflicting type),
 * and no copy on the stack, which nests four levels deep. On failure the
 * references taken so far are dropped; the added user bits stay, harmless
 * in a frame that is not a table. */
static int validate_table(const struct pgt_ctx *c, uint64_t mfn, enum page_type t)
{
	uint64_t *tab = pgt_map(mfn);
	unsigned int i;
	int rc = 0;

	for (i = 0; i < PT_ENTRIES; i++) {
		uint64_t e = __atomic_load_n(&tab[i], __ATOMIC_RELAXED), adj;

		if (is_xen_slot(t, i))
			continue;
		rc = pgt_get_entry(c, t, e, mfn, &adj);
		if (rc)
			break;
		tab[i] = adj;
	}
	if (rc) {
		while (i--)
			if (!is_xen_slot(t, i))
				pgt_put_entry(c, t, tab[i], mfn);
		return rc;
	}
	if (t == PGT_l4)
		pgt_init_xen_l4_slots(tab);
	return 0;
}

static void release_table(const struct pgt_ctx *c, uint64_t mfn, enum page_type t)
{
	uint64_t *tab = pgt_map(mfn);

	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		if (!is_xen_slot(t, i))
			pgt_put_entry(c, t, tab[i], mfn);
}

int pgt_pin(const struct pgt_ctx *c, uint64_t mfn, enum page_type t)
{
	int rc;

	if (!pgt_is_table(t) || !mfn_valid(mfn))
		return -EINVAL;
	if (mfn_to_page(mfn)->flags & PGF_pinned)
		return -EINVAL;   /* pinning twice is an error, as in Xen */
	rc = pgt_get_page_and_type(c, mfn, t);
	if (rc)
		return rc;
	mfn_to_page(mfn)->flags |= PGF_pinned;
	return 0;
}

int pgt_unpin(const struct pgt_ctx *c, uint64_t mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != c->domid || !(pg->flags & PGF_pinned))
		return -EINVAL;
	pg->flags &= ~PGF_pinned;
	pgt_put_page_and_type(c, mfn);
	return 0;
}
