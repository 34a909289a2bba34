/* SPDX-License-Identifier: GPL-2.0 */
/* memory_op, the generic part: reservation sizes and ballooning frames in
 * and out. Frames given back return to the hypervisor's pool. The sub-ops
 * that describe the machine (memory maps, the machine-to-phys table) are
 * the architecture's: arch_memory_op (xeno/arch-mm.h). do_memory_op
 * copies each argument in; the memory_* cores (xeno/memory.h) act on the
 * copy, and host tests drive them. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/memory.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/memory-claim.h>
#include <xeno/memory-resource.h>
#include <xeno/memory.h>
#include <xeno/mm.h>

#define DOMU_MAX_ORDER     9            /* Xen's defaults */
#define DOM0_MAX_ORDER     12

/* increase_reservation / populate_physmap / decrease_reservation on our
 * copy r of the guest's reservation. The return value is the number of
 * extents done, as in Xen; the extent list stays in guest memory (it may
 * be huge) and each element is read or written once, as the walk reaches
 * it. *preempted says the walk stopped at the returned extent to be
 * continued. */
long memory_reservation(struct domain *self, unsigned int op, unsigned int start,
			const struct xen_memory_reservation *r, bool *preempted)
{
	uint64_t list = (uint64_t)r->extent_start.p, n;
	struct domain *d;
	uint64_t done;

	/* Like Xen, every refusal here is "no extents done": the count of
	 * extents is the answer, never an error code. */
	if (domain_lookup(self, r->domid, true, &d) ||
	    r->extent_order > (self->is_privileged ? DOM0_MAX_ORDER : DOMU_MAX_ORDER))
		return start;
	/* A count the continuation encoding cannot carry is refused. */
	if (r->nr_extents > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) || start > r->nr_extents)
		return start;
	if (list && !guest_range_ok(list, r->nr_extents * sizeof(xen_pfn_t)))
		return start;
	n = 1ULL << r->extent_order;
	for (done = start; done < r->nr_extents; done++) {
		uint64_t slot = list + done * sizeof(xen_pfn_t), x, mfn;

		if (done > start && hypercall_preempt_check()) {
			*preempted = true;   /* resumed at 'done' (the cmd's extent) */
			return done;
		}

		if (op == XENMEM_decrease_reservation) {
			if (!list || copy_from_guest(&x, slot, sizeof(x)))
				return done;
			/* A PV guest names machine frames; each must be its own.
			 * One still mapped is given back when its last use goes. */
			for (uint64_t i = 0; i < n; i++)
				if (domain_give_back_frame(d, x + i))
					return done;
			continue;
		}
		if (op == XENMEM_populate_physmap &&
		    (!list || copy_from_guest(&x, slot, sizeof(x))))
			return done;
		if (domain_alloc_frames(d, r->extent_order, &mfn))
			return done;
		if (op == XENMEM_populate_physmap)
			for (uint64_t i = 0; i < n; i++)
				arch_set_gpfn_from_mfn(mfn + i, x + i);
		/* A NULL list: the frames are the domain's, just not reported,
		 * as in Xen. A faulting copy likewise keeps them. */
		if (list && copy_to_guest(slot, &mfn, sizeof(mfn)))
			return done;
	}
	return done;
}

long memory_reservation_size(struct domain *self, unsigned int op, domid_t id)
{
	struct domain *d;
	int rc;

	rc = domain_lookup(self, id, true, &d);
	if (rc)
		return rc;
	return op == XENMEM_current_reservation ? (long)d->tot_pages : (long)d->max_pages;
}

/* Xen adds to the physmap of translated guests only: every domain here
 * is PV (-EACCES), after Xen's earlier checks. */
long memory_add_to_physmap(struct domain *self, const struct xen_add_to_physmap *x)
{
	struct domain *d;

	if (x->space == XENMAPSPACE_gmfn_foreign)
		return -ENOSYS;   /* add_to_physmap_batch only */
	if (domain_lookup(self, x->domid, false, &d))
		return -ESRCH;
	return -EACCES;
}

/* The reservation sub-ops: one copy of the guest's struct, then the walk;
 * a walk cut short for preemption continues at the extent it reached. */
static long reservation_op(struct domain *d, unsigned int op, unsigned int start,
			   uint64_t arg)
{
	struct xen_memory_reservation r;
	bool preempted = false;
	long rc;

	if (copy_from_guest(&r, arg, sizeof(r)))
		return start;
	/* Page types and counts are the architecture's to lock: each frame
	 * given or taken back is one call under d's mm lock. */
	rc = memory_reservation(d, op, start, &r, &preempted);
	if (preempted)
		return hypercall_create_continuation(__HYPERVISOR_memory_op,
						     op | (uint64_t)rc << MEMOP_EXTENT_SHIFT,
						     arg, 0, 0, 0);
	return rc;
}

/* Each sub-op reads its argument once and hands our copy to its core. */
long do_memory_op(uint64_t cmd, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;
	unsigned int op = cmd & MEMOP_CMD_MASK;
	unsigned int start = (unsigned int)(cmd >> MEMOP_EXTENT_SHIFT);
	struct xen_add_to_physmap x;
	domid_t id;

	switch (op) {
	case XENMEM_increase_reservation:
	case XENMEM_decrease_reservation:
	case XENMEM_populate_physmap:
		return reservation_op(d, op, start, arg);
	case XENMEM_maximum_ram_page:
		return start ? -EINVAL : (long)max_page;
	case XENMEM_current_reservation:
	case XENMEM_maximum_reservation:
		if (copy_from_guest(&id, arg, sizeof(id)))
			return -EFAULT;
		return memory_reservation_size(d, op, id);
	case XENMEM_claim_pages:
		return memory_claim_op(d, start, arg);
	case XENMEM_add_to_physmap:
		/* Xen's order: the continuation bits, then the copy. */
		if (start != (uint16_t)start)
			return -EDOM;
		if (copy_from_guest(&x, arg, sizeof(x)))
			return -EFAULT;
		return memory_add_to_physmap(d, &x);
	case XENMEM_acquire_resource:
		return memory_acquire_resource(d, start, arg);
	default:
		return arch_memory_op(cmd, arg);
	}
}
