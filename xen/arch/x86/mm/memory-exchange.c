/* SPDX-License-Identifier: GPL-2.0 */
/* XENMEM_exchange: trade a domain's frames for others of the same total
 * size, e.g. 64 scattered frames for one machine-contiguous block below
 * 4 GiB (Linux's swiotlb-xen and every multi-page DMA buffer of a dom0
 * ask for exactly that). Work goes in units of max(in, out) order: each
 * unit first checks every input frame and allocates the output, and only
 * then frees and assigns, so a failing unit changes nothing. The answer
 * always reports how many input extents were exchanged. */
#include <asm/guest-access.h>
#include <asm/iomem.h>
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <public/memory.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/setup.h>

#define EXCHANGE_MAX_ORDER 12   /* Xen's limit for the privileged domain */
#define EXCHANGE_MAX_UNITS (1U << 20)

struct xchg {
	struct domain *d;
	struct xen_memory_exchange x;
	unsigned int in_per_unit, out_per_unit;
	uint64_t limit_pfn;         /* outputs below this frame; 0: anywhere */
};

/* Every frame of the unit's inputs is d's, untyped and unreferenced
 * (the guest unmapped it first, as Linux does). */
static int check_inputs(const struct xchg *e, uint64_t unit, uint64_t *mfns)
{
	uint64_t n = 1ULL << e->x.in.extent_order;

	for (unsigned int i = 0; i < e->in_per_unit; i++) {
		uint64_t slot = (uint64_t)e->x.in.extent_start.p +
				(unit * e->in_per_unit + i) * sizeof(xen_pfn_t);

		if (copy_from_guest(&mfns[i], slot, sizeof(mfns[i])))
			return -EFAULT;
		for (uint64_t k = 0; k < n; k++) {
			struct page_info *pg;

			if (!mfn_valid(mfns[i] + k))
				return -EINVAL;
			pg = mfn_to_page(mfns[i] + k);
			if (pg->owner != e->d->domain_id || pg->count || pg->type_count ||
			    (pg->flags & (PGF_xenheap | PGF_pinned | PGF_orphan)))
				return -EINVAL;
		}
	}
	return 0;
}

static int alloc_outputs(const struct xchg *e, uint64_t *mfns)
{
	unsigned int order = e->x.out.extent_order;

	for (unsigned int j = 0; j < e->out_per_unit; j++) {
		if (domain_take_frames(order, e->limit_pfn, &mfns[j])) {
			while (j--)
				frame_free(&xen_frames, mfns[j], order);
			return -ENOMEM;
		}
	}
	return 0;
}

static int commit_unit(const struct xchg *e, uint64_t unit, const uint64_t *in,
		       const uint64_t *out)
{
	uint64_t nin = 1ULL << e->x.in.extent_order, nout = 1ULL << e->x.out.extent_order;
	int rc = 0;

	for (unsigned int i = 0; i < e->in_per_unit; i++)
		for (uint64_t k = 0; k < nin; k++)
			domain_free_frame(e->d, in[i] + k);   /* checked: cannot fail */
	for (unsigned int j = 0; j < e->out_per_unit; j++) {
		uint64_t slot = (uint64_t)e->x.out.extent_start.p +
				(unit * e->out_per_unit + j) * sizeof(xen_pfn_t);
		uint64_t gpfn = 0;

		/* A faulting list still leaves the frames the domain's. */
		if (copy_from_guest(&gpfn, slot, sizeof(gpfn)))
			rc = -EFAULT;
		domain_assign_frames(e->d, out[j], e->x.out.extent_order);
		for (uint64_t k = 0; k < nout; k++)
			arch_set_gpfn_from_mfn(out[j] + k, rc ? INVALID_M2P_ENTRY : gpfn + k);
		if (!rc && copy_to_guest(slot, &out[j], sizeof(out[j])))
			rc = -EFAULT;
	}
	return rc;
}

static long exchange(struct xchg *e)
{
	unsigned int io = e->x.in.extent_order, oo = e->x.out.extent_order;
	uint64_t units, *mfns_in, *mfns_out;
	long rc = 0;

	e->in_per_unit = oo > io ? 1U << (oo - io) : 1;
	e->out_per_unit = io > oo ? 1U << (io - oo) : 1;
	units = e->x.in.nr_extents / e->in_per_unit;
	if (e->x.nr_exchanged % e->in_per_unit)
		return -EINVAL;
	/* Up to 4096 frame numbers a side: the heap, not the stack. */
	mfns_in = xzalloc(e->in_per_unit * sizeof(uint64_t));
	mfns_out = xzalloc(e->out_per_unit * sizeof(uint64_t));
	if (!mfns_in || !mfns_out)
		rc = -ENOMEM;
	for (uint64_t u = e->x.nr_exchanged / e->in_per_unit; !rc && u < units; u++) {
		rc = check_inputs(e, u, mfns_in);
		if (!rc)
			rc = alloc_outputs(e, mfns_out);
		if (!rc)
			rc = commit_unit(e, u, mfns_in, mfns_out);
		if (!rc)
			e->x.nr_exchanged += e->in_per_unit;
	}
	xfree(mfns_in);
	xfree(mfns_out);
	return rc;
}

static bool orders_ok(const struct xen_memory_exchange *x)
{
	unsigned int io = x->in.extent_order, oo = x->out.extent_order;

	if (io > EXCHANGE_MAX_ORDER || oo > EXCHANGE_MAX_ORDER)
		return false;
	if (x->in.nr_extents > EXCHANGE_MAX_UNITS || x->out.nr_extents > EXCHANGE_MAX_UNITS)
		return false;
	/* Both sides the same number of frames, in whole units. */
	if (((uint64_t)x->in.nr_extents << io) != ((uint64_t)x->out.nr_extents << oo))
		return false;
	return oo <= io || x->in.nr_extents % (1U << (oo - io)) == 0;
}

long arch_memory_exchange(struct domain *self, uint64_t arg)
{
	struct xchg e = { 0 };
	struct domain *owner;
	unsigned long f;
	long rc;

	if (copy_from_guest(&e.x, arg, sizeof(e.x)))
		return -EFAULT;
	if (e.x.nr_exchanged > e.x.in.nr_extents || !orders_ok(&e.x) ||
	    e.x.in.domid != e.x.out.domid)
		return -EINVAL;
	rc = domain_lookup(self, e.x.in.domid, true, &owner);
	if (rc)
		return rc;
	if (owner != self)
		return -EINVAL;   /* own memory only */
	if (!guest_range_ok((uint64_t)e.x.in.extent_start.p,
			    (uint64_t)e.x.in.nr_extents * sizeof(xen_pfn_t)) ||
	    !guest_range_ok((uint64_t)e.x.out.extent_start.p,
			    (uint64_t)e.x.out.nr_extents * sizeof(xen_pfn_t)))
		return -EFAULT;
	e.d = self;
	if (e.x.out.mem_flags & 0xff) {
		unsigned int bits = e.x.out.mem_flags & 0xff;

		if (bits < PAGE_SHIFT + e.x.out.extent_order)
			return -ENOMEM;
		if (bits < 52)
			e.limit_pfn = 1ULL << (bits - PAGE_SHIFT);
	}
	f = mm_lock(self);
	rc = exchange(&e);
	mm_unlock(self, f);
	if (copy_to_guest(arg + offsetof(struct xen_memory_exchange, nr_exchanged),
			  &e.x.nr_exchanged, sizeof(e.x.nr_exchanged)))
		return -EFAULT;
	return rc;
}
