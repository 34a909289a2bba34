/* SPDX-License-Identifier: GPL-2.0 */
/* GNTTABOP_copy (grant or own frame to grant or own frame, as netback
 * does both ways) and GNTTABOP_cache_flush. A grant side is pinned for
 * the copy like a mapping (GTF_reading, and GTF_writing for the
 * destination), an own-frame side must be the caller's; both frames hold
 * a reference while bytes move, the destination a writable type one, so
 * no copy can write into a page table or a descriptor page. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <public/grant_table.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/grant.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include "grant-shared.h"

struct copy_side {
	struct domain *d;      /* owner of the frame */
	uint64_t mfn;
	bool gref;             /* pinned through a grant */
	uint32_t ref;
};

static int16_t claim(struct domain *ld, const struct gnttab_copy_ptr *p, bool is_gref,
		     bool write, struct copy_side *s)
{
	int rc;

	s->gref = is_gref;
	s->ref = p->u.ref;
	if (!is_gref) {
		/* Frames by number: only the caller's own, as in Xen. */
		if (p->domid != DOMID_SELF && p->domid != ld->domain_id)
			return GNTST_permission_denied;
		s->d = ld;
		s->mfn = p->u.gmfn;
		/* Not ours: GNTST_bad_page; not writable (a page table):
		 * GNTST_general_error, as Xen. */
		return (int16_t)arch_gnt_get_frame(ld, s->mfn, write);
	}
	if (domain_lookup(ld, p->domid, false, &s->d) || s->d->state != DOMAIN_RUNNING)
		return GNTST_bad_domain;
	if (s->ref >= gnt_nr_entries(s->d))
		return GNTST_bad_gntref;
	rc = gnt_set_flags(s->d, s->ref, ld->domain_id, !write);
	if (rc)
		return (int16_t)rc;
	s->mfn = gnt_frame(s->d, s->ref);
	rc = arch_gnt_get_frame(s->d, s->mfn, write);
	if (rc) {
		gnt_release_copy_flags(s->d, s->ref, write);
		return (int16_t)rc;
	}
	return GNTST_okay;
}

static void release(struct copy_side *s, bool write)
{
	arch_gnt_put_frame(s->d, s->mfn, write);
	if (s->gref)
		gnt_release_copy_flags(s->d, s->ref, write);
}

static int16_t copy_one(struct domain *ld, const struct gnttab_copy *op)
{
	struct copy_side src, dst;
	int16_t rc;

	if (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE)
		return GNTST_bad_copy_arg;
	rc = claim(ld, &op->source, op->flags & GNTCOPY_source_gref, false, &src);
	if (rc)
		return rc;
	rc = claim(ld, &op->dest, op->flags & GNTCOPY_dest_gref, true, &dst);
	if (rc) {
		release(&src, false);
		return rc;
	}
	memmove((uint8_t *)__va(dst.mfn << PAGE_SHIFT) + op->dest.offset,
		(const uint8_t *)__va(src.mfn << PAGE_SHIFT) + op->source.offset, op->len);
	release(&dst, true);
	release(&src, false);
	return GNTST_okay;
}

long gnttab_copy_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		uint64_t at = uop + (uint64_t)i * sizeof(struct gnttab_copy);
		struct gnttab_copy op;
		unsigned long f;

		if (i && hypercall_preempt_check())   /* as Xen: a continuation */
			return hypercall_create_continuation(__HYPERVISOR_grant_table_op,
							     GNTTABOP_copy, at, count - i, 0, 0);
		if (copy_from_guest(&op, at, sizeof(op)))
			return -EFAULT;   /* as Xen: the ops before it stand */
		f = gnt_lock();
		op.status = copy_one(ld, &op);
		gnt_unlock(f);
		if (copy_to_guest(at + offsetof(struct gnttab_copy, status), &op.status,
				  sizeof(op.status)))
			return -EFAULT;
	}
	return 0;
}

/* x86 caches are coherent with DMA: after Xen's checks (a granted ref
 * or an own frame, a range inside the page, a known operation) there is
 * nothing to do. */
static long cache_flush_one(struct domain *ld, const struct gnttab_cache_flush *c)
{
	struct domain *owner = ld;
	uint64_t mfn;

	if (c->offset + c->length > PAGE_SIZE)
		return -EINVAL;
	if (c->op & ~(GNTTAB_CACHE_CLEAN | GNTTAB_CACHE_INVAL | GNTTAB_CACHE_SOURCE_GREF))
		return -EOPNOTSUPP;
	if (c->op & GNTTAB_CACHE_SOURCE_GREF)
		return c->a.ref < gnt_nr_entries(ld) ? 0 : -EINVAL;
	mfn = c->a.dev_bus_addr >> PAGE_SHIFT;
	if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != owner->domain_id)
		return -EPERM;
	return 0;
}

long gnttab_cache_flush_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		struct gnttab_cache_flush c;
		long rc;

		if (i && hypercall_preempt_check())
			return hypercall_create_continuation(__HYPERVISOR_grant_table_op,
							     GNTTABOP_cache_flush,
							     uop + (uint64_t)i * sizeof(c), count - i, 0, 0);
		if (copy_from_guest(&c, uop + (uint64_t)i * sizeof(c), sizeof(c)))
			return -EFAULT;
		rc = cache_flush_one(ld, &c);
		if (rc)
			return rc;
	}
	return 0;
}
