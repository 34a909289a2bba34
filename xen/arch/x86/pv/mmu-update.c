/* SPDX-License-Identifier: GPL-2.0 */
/* mmu_update and update_va_mapping: validated changes to a guest's page
 * tables and to its machine-to-phys entries. do_mmu_update copies each
 * request in once and hands the copy to pv_mmu_update_one, which host
 * tests drive; the entry itself is changed by pt-update.c. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

/* A plain write of an 8-byte value into one of d's non-table frames. */
static int write_plain(struct domain *d, uint64_t mfn, unsigned int idx, uint64_t val)
{
	struct pgt_ctx ctx = pv_ctx(d);
	unsigned long f = mm_lock(d);
	int rc = pgt_get_page_and_type(&ctx, mfn, PGT_writable);

	if (rc == 0) {
		__atomic_store_n(&pgt_map(mfn)[idx], val, __ATOMIC_RELEASE);
		pgt_put_page_and_type(&ctx, mfn);
	}
	mm_unlock(d, f);
	return rc;
}

int pv_get_pg_owner(struct domain *self, domid_t id, struct pv_pg_owner *po)
{
	po->id = id;
	po->d = NULL;
	if (id == DOMID_IO)
		return 0;
	/* As Xen: the caller names itself by DOMID_SELF only; its own id is
	 * "no such foreign domain". DOMID_XEN's pages are not shared here. */
	if (id == self->domain_id || id == DOMID_XEN)
		return -ESRCH;
	po->d = id == DOMID_SELF ? self : domain_by_id(id);
	if (!po->d)
		return -ESRCH;
	po->id = po->d->domain_id;
	return 0;
}

/* Xen's XSM_TARGET check of mmu_update: a domU edits its own tables with
 * its own frames; DOMID_IO as page owner is judged leaf by leaf. */
static int may_update(const struct domain *self, const struct domain *pt,
		      const struct pv_pg_owner *po)
{
	if (self->is_privileged)
		return 0;
	if ((po->d && po->d != self) || pt != self)
		return -EPERM;
	return 0;
}

/* One request of an mmu_update batch. ptr names a machine address: a
 * page-table entry of pt (validated: pv_mod_entry; L1 leaves naming po's
 * frames when po is not pt), a plain 8-byte word in one of pt's ordinary
 * frames, or (MMU_MACHPHYS_UPDATE) the M2P entry of one of po's frames.
 * Returns 0 or Xen's code for the request. */
int pv_mmu_update_one(struct domain *self, struct domain *pt, const struct pv_pg_owner *po,
			const struct mmu_update *req)
{
	/* Bits 0-2 are the command (Xen masks with 7: ptr + 4 is not a
	 * misaligned entry but an unknown command). */
	unsigned int cmd = req->ptr & 7;
	uint64_t mfn = req->ptr >> PAGE_SHIFT;
	unsigned int idx = (unsigned int)((req->ptr & (PAGE_SIZE - 1)) >> 3);
	bool foreign = po->d != pt;
	struct page_info *pg;
	int rc;

	switch (cmd) {
	case MMU_NORMAL_PT_UPDATE:
	case MMU_PT_UPDATE_PRESERVE_AD:
	case MMU_PT_UPDATE_NO_TRANSLATE:   /* PV frames are machine frames anyway */
		rc = may_update(self, pt, po);
		if (rc)
			return rc;
		if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != pt->domain_id)
			return -EINVAL;
		pg = mfn_to_page(mfn);
		if (pgt_is_table(pg->type) && pg->type_count)
			return foreign ? pv_mod_foreign_l1_entry(pt, po, mfn, idx, req->val,
								 cmd == MMU_PT_UPDATE_PRESERVE_AD)
				       : pv_mod_entry(pt, mfn, idx, req->val,
						      cmd == MMU_PT_UPDATE_PRESERVE_AD, NULL);
		return write_plain(pt, mfn, idx, req->val);
	case MMU_MACHPHYS_UPDATE:
		if (pt != self)
			return -EPERM;
		rc = may_update(self, pt, po);
		if (rc)
			return rc;
		if (!po->d || !mfn_valid(mfn) || mfn_to_page(mfn)->owner != po->id ||
		    (mfn_to_page(mfn)->flags & PGF_xenheap))
			return -EINVAL;
		arch_set_gpfn_from_mfn(mfn, req->val);
		return 0;
	default:
		return -ENOSYS;
	}
}

/* The batch runs in order and stops at the first refused request: the
 * ones before it stand, *pdone says how many, and the code is that
 * request's. Each request is copied in once and checked on the copy.
 * foreigndom as in Xen: its low 16 bits name the owner of the frames new
 * leaves map (privcmd's foreign mappings), its high 16 bits, when not 0,
 * one more than the owner of the tables. Tables of another domain take
 * leaves of that domain only (editing one domain's tables with a third
 * one's frames would nest mm locks both ways round). */
long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t pdone, uint64_t foreigndom)
{
	struct domain *self = current_vcpu()->domain, *pt = self;
	struct pv_pg_owner po;
	struct mmu_update req;
	uint32_t n = (uint32_t)count, done = 0, i, pt_dom = (uint32_t)foreigndom >> 16;
	long rc;

	if (pt_dom) {
		pt = domain_by_id((domid_t)(pt_dom - 1));
		if (!pt)
			return -ESRCH;
	}
	rc = pv_get_pg_owner(self, (domid_t)foreigndom, &po);
	if (rc)
		return rc;
	if (pt != self && po.d != pt)
		return -EINVAL;
	/* A continuation (below) carries the count left with this bit, and
	 * the total so far in *done, as in Xen. */
	if (n & MMU_UPDATE_PREEMPTED) {
		n &= ~MMU_UPDATE_PREEMPTED;
		if (pdone)
			(void)copy_from_guest(&done, pdone, sizeof(done));
	}
	for (i = 0; i < n; i++) {
		if (i && hypercall_preempt_check()) {
			rc = hypercall_create_continuation(__HYPERVISOR_mmu_update,
							   reqs + (uint64_t)i * sizeof(req),
							   (n - i) | MMU_UPDATE_PREEMPTED,
							   pdone, foreigndom, 0);
			break;
		}
		if (copy_from_guest(&req, reqs + (uint64_t)i * sizeof(req), sizeof(req))) {
			rc = -EFAULT;
			break;
		}
		rc = pv_mmu_update_one(self, pt, &po, &req);
		if (rc)
			break;
	}
	done += i;
	/* No flush: as on hardware the guest flushes what it changed; stale
	 * entries cannot outlive a frame's type or owner (the TLB clock). */
	/* As Xen: a faulting *done is ignored, the updates stand. */
	if (pdone)
		copy_to_guest(pdone, &done, sizeof(done));
	return rc;
}

/* The UVMF_* part of update_va_mapping's flags: what to flush (nothing,
 * the whole TLB, one address) and where (this CPU, or every CPU, which is
 * what a vCPU mask amounts to here). */
static int flush_after(uint64_t flags, uint64_t va)
{
	uint64_t type = flags & UVMF_FLUSHTYPE_MASK, scope = flags & ~UVMF_FLUSHTYPE_MASK;
	enum flush_scope s = FLUSH_LOCAL;
	uint64_t mask;

	if (scope == UVMF_ALL)
		s = FLUSH_ALL;
	else if (scope != UVMF_LOCAL) {
		/* UVMF_MULTI: a pointer to a vCPU bitmap; flush where they run. */
		if (copy_from_guest(&mask, scope, sizeof(mask)))
			return -EFAULT;
		s = FLUSH_ALL;
	}
	switch (type) {
	case UVMF_NONE:
		return 0;
	case UVMF_TLB_FLUSH:
		flush_tlb(s, 0);
		return 0;
	case UVMF_INVLPG:
		flush_tlb(s, va);
		return 0;
	default:
		return -EINVAL;
	}
}

/* po: the page owner of the new leaf (NULL: the caller's own frames). */
static long update_va_mapping(struct domain *d, const struct pv_pg_owner *po, uint64_t va,
			      uint64_t val, uint64_t flags)
{
	struct vcpu *v = current_vcpu();
	uint64_t l1;
	unsigned int idx;
	long rc;

	if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_FLUSHTYPE_MASK)
		return -EINVAL;
	if (pv_l1e_of(v, va, &l1, &idx))
		return -EINVAL;
	rc = po ? pv_mod_foreign_l1_entry(d, po, l1, idx, val, false)
		: pv_mod_l1_entry(d, l1, idx, val, NULL);
	if (rc)
		return rc;
	return flush_after(flags, va);
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
	struct domain *d = current_vcpu()->domain;
	uint64_t l1;
	unsigned int idx;

	/* The L1 must belong to the caller: it walks its own tables. */
	if (pv_l1e_of(current_vcpu(), va, &l1, &idx) == 0 &&
	    mfn_to_page(l1)->owner != d->domain_id)
		return -EINVAL;
	return update_va_mapping(d, NULL, va, val, flags);
}

/* Map a frame of another domain (the page owner) in our own tables. As
 * Xen: the owner is looked up first (-ESRCH), then a domU may only clear
 * an entry or map its own frames (-EPERM). */
long do_update_va_mapping_otherdomain(uint64_t va, uint64_t val, uint64_t flags,
				      uint64_t domid)
{
	struct domain *self = current_vcpu()->domain;
	struct pv_pg_owner po;
	long rc = pv_get_pg_owner(self, (domid_t)domid, &po);

	if (rc)
		return rc;
	if ((val & PTE_P) && !self->is_privileged && po.d != self)
		return -EPERM;
	return update_va_mapping(self, po.d == self ? NULL : &po, va, val, flags);
}
