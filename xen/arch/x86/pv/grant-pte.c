/* SPDX-License-Identifier: GPL-2.0 */
/* The x86 PV side of grant mappings: references on granted frames, and
 * grant PTEs in the mapper's own L1 tables, written here directly (the
 * page-type core would refuse a frame the mapper does not own, which is
 * what keeps a guest from forging one). A grant PTE's references belong
 * to its maptrack entry, so the page-type core never drops them: a guest
 * that overwrites one instead of unmapping it is crashed, as on Xen. */
#include <asm/current.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <public/grant_table.h>
#include <xeno/domain.h>
#include <xeno/grant.h>
#include <xeno/mm.h>
#include <xeno/page-type.h>
#include <xeno/printk.h>

static spinlock_t gnt_global = SPIN_LOCK_UNLOCKED;

unsigned long gnt_lock(void)
{
	return spin_lock_serving_flushes(&gnt_global);
}

void gnt_unlock(unsigned long f)
{
	spin_unlock(&gnt_global);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

int arch_gnt_get_frame(struct domain *rd, uint64_t mfn, bool writable)
{
	struct pgt_ctx c = pv_ctx(rd);
	unsigned long f;
	int rc = GNTST_okay;

	if (!mfn_valid(mfn))
		return GNTST_bad_page;
	f = mm_lock(rd);
	if (mfn_to_page(mfn)->owner != rd->domain_id || (mfn_to_page(mfn)->flags & PGF_orphan))
		rc = GNTST_bad_page;   /* not the granter's (any more) */
	else if (writable ? pgt_get_page_and_type(&c, mfn, PGT_writable) : pgt_get_page(&c, mfn))
		rc = GNTST_general_error;   /* e.g. a page table granted writable */
	mm_unlock(rd, f);
	return rc;
}

void arch_gnt_put_frame(struct domain *rd, uint64_t mfn, bool writable)
{
	struct pgt_ctx c = pv_ctx(rd);
	unsigned long f = mm_lock(rd);

	if (writable)
		pgt_put_page_and_type(&c, mfn);
	else
		pgt_put_page(mfn);
	mm_unlock(rd, f);
}

void arch_gnt_keep_frame(uint64_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);

	if (pg->flags & PGF_grant_kept)
		return;
	pg->count = pg->type_count = 0;
	pg->type = PGT_none;
	pg->flags = PGF_grant_kept | PGF_orphan;
}

void arch_gnt_keep_refs(uint64_t mfn, unsigned int pin_rw, unsigned int pin_ro)
{
	struct page_info *pg = mfn_to_page(mfn);

	pg->count += pin_rw + pin_ro;
	pg->type_count += pin_rw;
	if (pin_rw)
		pg->type = PGT_writable;
}

/* The L1 slot a grant names: a PTE's machine address (contains_pte) or
 * the entry mapping a virtual address in the caller's kernel tables. */
static int grant_slot(struct domain *ld, uint64_t addr, uint32_t flags, uint64_t *table,
		      unsigned int *idx)
{
	if (flags & GNTMAP_contains_pte) {
		if (addr & 7)
			return GNTST_general_error;   /* would straddle two entries */
		*table = addr >> PAGE_SHIFT;
		*idx = (unsigned int)((addr & (PAGE_SIZE - 1)) / 8);
	} else if (pv_l1e_of(current_vcpu(), addr, table, idx)) {
		return GNTST_general_error;
	}
	if (!mfn_valid(*table) || mfn_to_page(*table)->owner != ld->domain_id ||
	    mfn_to_page(*table)->type != PGT_l1 || !mfn_to_page(*table)->type_count)
		return GNTST_general_error;
	return GNTST_okay;
}

static uint64_t grant_pte(uint64_t mfn, uint32_t flags)
{
	uint64_t pte = (mfn << PAGE_SHIFT) | PTE_P | PTE_A | PTE_D | PTE_US | PTE_NX | PTE_GNTTAB;

	return (flags & GNTMAP_readonly) ? pte : pte | PTE_RW;
}

int arch_gnt_install(struct domain *ld, uint64_t addr, uint32_t flags, uint64_t mfn)
{
	struct pgt_ctx c = pv_ctx(ld);
	uint64_t table, old;
	unsigned int idx;
	unsigned long f;
	int rc;

	f = mm_lock(ld);
	rc = grant_slot(ld, addr, flags, &table, &idx);
	if (rc == GNTST_okay) {
		old = __atomic_exchange_n(&pgt_map(table)[idx], grant_pte(mfn, flags),
					  __ATOMIC_SEQ_CST);
		pgt_put_entry(&c, PGT_l1, old, table);
	}
	mm_unlock(ld, f);
	return rc;
}

int arch_gnt_remove(struct domain *ld, uint64_t addr, uint32_t flags, uint64_t mfn,
		    uint64_t new_addr)
{
	uint64_t table, ntable = 0, cur, repl = 0;
	unsigned int idx, nidx = 0;
	unsigned long f;
	int rc;

	if (new_addr && (flags & GNTMAP_contains_pte))
		return GNTST_general_error;   /* no replace in this addressing mode */
	f = mm_lock(ld);
	rc = grant_slot(ld, addr, flags, &table, &idx);
	if (rc == GNTST_okay && new_addr)
		rc = grant_slot(ld, new_addr, 0, &ntable, &nidx);
	cur = rc == GNTST_okay ? __atomic_load_n(&pgt_map(table)[idx], __ATOMIC_ACQUIRE) : 0;
	/* Only the grant's own mapping may go: same frame, same access. */
	if (rc == GNTST_okay && (PTE_MFN(cur) != mfn || !(cur & PTE_P) ||
				 ((cur ^ grant_pte(mfn, flags)) & PTE_RW)))
		rc = GNTST_general_error;
	if (rc == GNTST_okay) {
		if (new_addr)   /* its entry, and the references it holds, move */
			repl = __atomic_exchange_n(&pgt_map(ntable)[nidx], 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&pgt_map(table)[idx], repl, __ATOMIC_SEQ_CST);
	}
	mm_unlock(ld, f);
	return rc;
}

void arch_gnt_flush(struct domain *ld)
{
	(void)ld;
	flush_tlb(FLUSH_ALL, 0);
}

/* The page-type core met a grant PTE while dropping it: overwritten or
 * zapped instead of unmapped. */
void pgt_foreign_entry_dropped(const struct pgt_ctx *c, uint64_t e)
{
	struct domain *d = domain_by_id(c->domid);

	if (d && d->state == DOMAIN_RUNNING)
		domain_crash(d, "implicit unmap of a grant PTE %#lx", e);
}
