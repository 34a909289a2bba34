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

static int mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		     bool preserve_ad, const uint64_t *expect, bool l1_only)
{
	struct pgt_ctx ctx = pv_ctx(d);
	struct page_info *pg;
	uint64_t *slot, old, adj;
	enum page_type level;
	unsigned long f;
	int rc;

	if (!mfn_valid(table_mfn) || idx >= PT_ENTRIES)
		return -EINVAL;
	f = mm_lock(d);
	pg = mfn_to_page(table_mfn);
	level = (enum page_type)pg->type;
	rc = -EINVAL;
	if (pg->owner != d->domain_id || !pgt_is_table(level) || !pg->type_count ||
	    (l1_only && level != PGT_l1))
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
	if (rc) {
		pgt_put_entry(&ctx, level, adj, table_mfn);   /* -EAGAIN: retried */
		goto out;
	}
	pgt_put_entry(&ctx, level, old, table_mfn);
	rc = 0;
out:
	mm_unlock(d, f);
	return rc;
}

int pv_mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx,
		 uint64_t new, bool preserve_ad, const uint64_t *expect)
{
	return mod_entry(d, table_mfn, idx, new, preserve_ad, expect, false);
}

int pv_mod_l1_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		    const uint64_t *expect)
{
	return mod_entry(d, table_mfn, idx, new, false, expect, true);
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
