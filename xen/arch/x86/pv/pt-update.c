/* SPDX-License-Identifier: GPL-2.0 */
/* Validated page-table entry updates for PV guests. The guest can never
 * write its page tables directly (they are read-only to it), so every
 * change goes through pv_mod_entry under the domain's mm lock: check and
 * reference the new entry, swap, release the old. Also the hypervisor's
 * own references to guest frames it keeps mapped (vcpu_info). */
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <xeno/arch-domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

int pv_l1e_of(struct vcpu *v, uint64_t va, uint64_t *l1_mfn, unsigned int *idx)
{
	struct pgt_ctx ctx = pv_ctx(v->domain);

	if (!guest_range_ok(va, 1))
		return -EINVAL;
	return pgt_walk_l1(&ctx, v->arch.kernel_cr3 >> PAGE_SHIFT, va, l1_mfn, idx);
}

/* The body of every entry update: d's tables, leaves of po (NULL: d's
 * own). Locks: d's mm lock, then the page owner's while its frame gains
 * references; any reference dropped (the old entry, or the new one when
 * the slot changed under us) is dropped with d's lock alone, since a
 * foreign leaf's put takes its frame owner's lock itself. */
static int mod_entry(struct domain *d, const struct pv_pg_owner *po, uint64_t table_mfn,
		     unsigned int idx, uint64_t new, bool preserve_ad, const uint64_t *expect,
		     bool l1_only)
{
	struct pgt_ctx ctx = pv_ctx(d);
	struct page_info *pg;
	uint64_t *slot, old, adj, drop = 0;
	enum page_type level;
	unsigned long f, fo = 0;
	int rc;

	if (!mfn_valid(table_mfn) || idx >= PT_ENTRIES)
		return -EINVAL;
	if (po) {
		ctx.foreign = true;
		ctx.pg_owner = po->id;
	}
	f = mm_lock(d);
	if (po && po->d)
		fo = mm_lock(po->d);
	pg = mfn_to_page(table_mfn);
	level = (enum page_type)pg->type;
	rc = -EBUSY;   /* its frames are on their way back to the pool */
	if (po && po->d && (po->d->state == DOMAIN_DEAD || po->d->releasing))
		goto out;
	rc = -EINVAL;
	if (pg->owner != d->domain_id || !pgt_is_table(level) || !pg->type_count ||
	    ((l1_only || po) && level != PGT_l1))
		goto out;
	/* The hypervisor's own L4 slots are not the guest's to change. */
	if (level == PGT_l4 && idx >= PGT_XEN_L4_FIRST && idx <= PGT_XEN_L4_LAST)
		goto out;
	slot = &pgt_map(table_mfn)[idx];
	old = __atomic_load_n(slot, __ATOMIC_RELAXED);
	rc = -EAGAIN;
	if (expect && old != *expect)
		goto out;
	if (preserve_ad)
		new |= old & (PTE_A | PTE_D);
	rc = pgt_get_entry(&ctx, level, new, table_mfn, &adj);
	if (rc)
		goto out;
	/* The CPU may set A/D in the slot meanwhile (our lock excludes every
	 * other writer): commit by compare-and-swap, so a guest's cmpxchg
	 * sees the D bit, and PRESERVE_AD keeps it. */
	rc = pgt_commit_entry(slot, old, adj, expect != NULL, preserve_ad, &old);
	drop = rc ? adj : old;   /* -EAGAIN: the new entry's references go back */
out:
	if (po && po->d)
		mm_unlock(po->d, fo);
	if (drop)
		pgt_put_entry(&ctx, level, drop, table_mfn);
	mm_unlock(d, f);
	return rc;
}

int pv_mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx,
		 uint64_t new, bool preserve_ad, const uint64_t *expect)
{
	return mod_entry(d, NULL, table_mfn, idx, new, preserve_ad, expect, false);
}

int pv_mod_l1_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		    const uint64_t *expect)
{
	return mod_entry(d, NULL, table_mfn, idx, new, false, expect, true);
}

int pv_mod_foreign_l1_entry(struct domain *d, const struct pv_pg_owner *po,
			    uint64_t table_mfn, unsigned int idx, uint64_t new, bool preserve_ad)
{
	return mod_entry(d, po, table_mfn, idx, new, preserve_ad, NULL, true);
}

void *arch_map_guest_page(struct domain *d, uint64_t mfn)
{
	struct pgt_ctx ctx = pv_ctx(d);
	unsigned long f = mm_lock(d);
	int rc = pgt_get_page_and_type(&ctx, mfn, PGT_writable);

	mm_unlock(d, f);
	return rc ? NULL : __va(mfn << PAGE_SHIFT);
}

void arch_unmap_guest_page(struct domain *d, uint64_t mfn)
{
	struct pgt_ctx ctx = pv_ctx(d);
	unsigned long f = mm_lock(d);

	pgt_put_page_and_type(&ctx, mfn);
	mm_unlock(d, f);
}
