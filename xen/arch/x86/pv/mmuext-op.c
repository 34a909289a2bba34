/* SPDX-License-Identifier: GPL-2.0 */
/* mmuext_op: pinning, base pointers, TLB maintenance, LDT, and page
 * copy/clear. Entries run in order; the first failure stops the batch,
 * and *done says how many succeeded. do_mmuext_op copies each entry in
 * once and hands the copy to pv_mmuext_one, which host tests drive. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/pv.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

/* Swap a base pointer: the new L4 gets a reference first; CR3 moves to it
 * (when the slot is the live one) before the old L4 is released, since
 * that may be its last reference and free it (mfn 0: none, user slot). */
static int new_baseptr(struct vcpu *v, uint64_t mfn, bool user)
{
	struct pgt_ctx ctx = pv_ctx(v->domain);
	uint64_t *cr3 = user ? &v->arch.user_cr3 : &v->arch.kernel_cr3;
	uint64_t old = *cr3 >> PAGE_SHIFT;
	int rc;

	if (mfn == 0 && user) {
		*cr3 = 0;
	} else {
		rc = pgt_get_page_and_type(&ctx, mfn, PGT_l4);
		if (rc)
			return rc;
		*cr3 = mfn << PAGE_SHIFT;
	}
	if (v->arch.kernel_mode != user)
		pv_load_cr3(v);
	if (old)
		pgt_put_page_and_type(&ctx, old);
	return 0;
}

static int page_op(struct domain *d, const struct mmuext_op *op)
{
	struct pgt_ctx ctx = pv_ctx(d);
	uint64_t dst = op->arg1.mfn, src = op->arg2.src_mfn;
	int rc = pgt_get_page_and_type(&ctx, dst, PGT_writable);

	if (rc)
		return rc;
	if (op->cmd == MMUEXT_CLEAR_PAGE) {
		memset(pgt_map(dst), 0, PAGE_SIZE);
	} else {
		rc = pgt_get_page(&ctx, src);
		if (rc == 0) {
			memcpy(pgt_map(dst), pgt_map(src), PAGE_SIZE);
			pgt_put_page(src);
		}
	}
	pgt_put_page_and_type(&ctx, dst);
	return rc;
}

/* One extended MMU operation, on the caller's copy, with d's mm lock held
 * (page types and counts change only under it). d is the page owner: the
 * caller, or (privileged callers) the domain whose frames the pins and
 * page ops name, as libxenguest pins a new domain's tables; every other
 * op is the caller's own (-EPERM otherwise, as Xen). Pins take a table
 * type and a pin reference that lasts until UNPIN; base pointers move the
 * CR3 references; flushes go where the domain may run. */
int pv_mmuext_one(struct vcpu *v, struct domain *d, const struct mmuext_op *op)
{
	struct pgt_ctx ctx = pv_ctx(d);
	uint64_t mask;

	switch (op->cmd) {
	case MMUEXT_PIN_L1_TABLE: case MMUEXT_PIN_L2_TABLE:
	case MMUEXT_PIN_L3_TABLE: case MMUEXT_PIN_L4_TABLE:
	case MMUEXT_UNPIN_TABLE: case MMUEXT_CLEAR_PAGE: case MMUEXT_COPY_PAGE:
		/* A dead owner's frames are going back to the pool. */
		if (d->state == DOMAIN_DEAD || d->releasing)
			return -EINVAL;
		break;
	case MMUEXT_NEW_BASEPTR: case MMUEXT_NEW_USER_BASEPTR:
	case MMUEXT_TLB_FLUSH_LOCAL: case MMUEXT_INVLPG_LOCAL:
	case MMUEXT_TLB_FLUSH_MULTI: case MMUEXT_INVLPG_MULTI:
	case MMUEXT_TLB_FLUSH_ALL: case MMUEXT_INVLPG_ALL:
	case MMUEXT_FLUSH_CACHE: case MMUEXT_FLUSH_CACHE_GLOBAL: case MMUEXT_SET_LDT:
		if (d != v->domain)
			return -EPERM;   /* the caller's own ops */
		break;
	default:
		break;   /* unknown: -ENOSYS below */
	}
	switch (op->cmd) {
	case MMUEXT_PIN_L1_TABLE: case MMUEXT_PIN_L2_TABLE:
	case MMUEXT_PIN_L3_TABLE: case MMUEXT_PIN_L4_TABLE:
		return pgt_pin(&ctx, op->arg1.mfn, (enum page_type)(PGT_l1 + op->cmd));
	case MMUEXT_UNPIN_TABLE:
		return pgt_unpin(&ctx, op->arg1.mfn);
	case MMUEXT_NEW_BASEPTR:
		return new_baseptr(v, op->arg1.mfn, false);
	case MMUEXT_NEW_USER_BASEPTR:
		return new_baseptr(v, op->arg1.mfn, true);
	case MMUEXT_TLB_FLUSH_LOCAL:
		flush_tlb(FLUSH_LOCAL, 0);
		return 0;
	case MMUEXT_INVLPG_LOCAL:
		if (guest_range_ok(op->arg1.linear_addr, 1))
			flush_tlb(FLUSH_LOCAL, op->arg1.linear_addr);
		return 0;
	case MMUEXT_TLB_FLUSH_MULTI: case MMUEXT_INVLPG_MULTI:
		if (copy_from_guest(&mask, (uint64_t)op->arg2.vcpumask.p, sizeof(mask)))
			return -EINVAL;   /* Xen's answer for an unreadable mask */
		/* flush wherever the domain may run */
		__attribute__((fallthrough));
	case MMUEXT_TLB_FLUSH_ALL: case MMUEXT_INVLPG_ALL:
		if ((op->cmd == MMUEXT_INVLPG_MULTI || op->cmd == MMUEXT_INVLPG_ALL) &&
		    guest_range_ok(op->arg1.linear_addr, 1))
			flush_tlb(FLUSH_ALL, op->arg1.linear_addr);
		else
			flush_tlb(FLUSH_ALL, 0);
		return 0;
	case MMUEXT_FLUSH_CACHE: case MMUEXT_FLUSH_CACHE_GLOBAL:
		return -EACCES;   /* no domain here may flush host caches */
	case MMUEXT_SET_LDT:
		if (op->arg2.nr_ents > PV_LDT_ENTRIES_MAX ||
		    (op->arg1.linear_addr & (PAGE_SIZE - 1)) ||
		    !guest_range_ok(op->arg1.linear_addr, (uint64_t)op->arg2.nr_ents * 8))
			return -EINVAL;
		return pv_set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
	case MMUEXT_CLEAR_PAGE: case MMUEXT_COPY_PAGE:
		return page_op(d, op);
	case MMUEXT_MARK_SUPER: case MMUEXT_UNMARK_SUPER:
		return -EOPNOTSUPP;   /* superpages are gone from Xen 4.17 too */
	default:
		return -ENOSYS;
	}
}

long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t domid)
{
	struct vcpu *v = current_vcpu();
	struct domain *owner;
	struct pv_pg_owner po;
	struct mmuext_op op;
	uint32_t n = (uint32_t)count, done = 0, i;
	unsigned long f;
	long rc;

	/* Xen's order: the page owner (-ESRCH), then the privilege to name
	 * another domain's frames (-EPERM). DOMID_IO owns no page tables. */
	rc = pv_get_pg_owner(v->domain, (domid_t)domid, &po);
	if (rc)
		return rc;
	if (po.d != v->domain && !v->domain->is_privileged)
		return -EPERM;
	if (!po.d)
		return -EINVAL;
	owner = po.d;
	/* A continuation's count and *done, as in do_mmu_update. */
	if (n & MMU_UPDATE_PREEMPTED) {
		n &= ~MMU_UPDATE_PREEMPTED;
		if (pdone)
			(void)copy_from_guest(&done, pdone, sizeof(done));
	}
	for (i = 0; i < n; i++) {
		if (i && hypercall_preempt_check()) {
			rc = hypercall_create_continuation(__HYPERVISOR_mmuext_op,
							   ops + (uint64_t)i * sizeof(op),
							   (n - i) | MMU_UPDATE_PREEMPTED,
							   pdone, domid, 0);
			break;
		}
		if (copy_from_guest(&op, ops + (uint64_t)i * sizeof(op), sizeof(op))) {
			rc = -EFAULT;
			break;
		}
		/* Page types and counts change only under the page owner's mm
		 * lock: two vCPUs (or the toolstack and the domain) must not race
		 * on the same frame's accounting. */
		f = mm_lock(owner);
		rc = pv_mmuext_one(v, owner, &op);
		mm_unlock(owner, f);
		if (rc)
			break;
	}
	done += i;
	/* As Xen: a faulting *done is ignored, the operations stand. */
	if (pdone)
		copy_to_guest(pdone, &done, sizeof(done));
	return rc;
}
