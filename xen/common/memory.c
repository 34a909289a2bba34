/* SPDX-License-Identifier: GPL-2.0 */
/* memory_op: a PV guest's view of its memory (reservation sizes, its
 * pseudo-physical map, the machine-to-phys table) and ballooning frames
 * in and out. Frames given back return to the hypervisor's pool. */
#include <asm/config.h>
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/iomem.h>
#include <asm/page.h>
#include <asm/pv-mm.h>
#include <public/memory.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/setup.h>

#define MEMOP_EXTENT_SHIFT 6            /* cmd = op | start_extent << 6 */
#define MEMOP_CMD_MASK     ((1U << MEMOP_EXTENT_SHIFT) - 1)
#define DOMU_MAX_ORDER     9            /* Xen's defaults */
#define DOM0_MAX_ORDER     12
#define E820_RAM           1

static struct domain *target_domain(struct domain *self, domid_t id)
{
	if (id == DOMID_SELF || id == self->domain_id)
		return self;
	return self->is_privileged ? domain_by_id(id) : NULL;
}

/* One extent of 2^order frames for d; their mfns in *mfn (the first). */
static int alloc_extent(struct domain *d, unsigned int order, uint64_t *mfn)
{
	uint64_t n = 1ULL << order;

	if (d->tot_pages + n > d->max_pages)
		return -ENOMEM;
	if (frame_alloc(&xen_frames, order, mfn) || *mfn + n > max_page)
		return -ENOMEM;
	for (uint64_t i = 0; i < n; i++) {
		memset(__va((*mfn + i) << PAGE_SHIFT), 0, PAGE_SIZE);
		frame_table[*mfn + i] = (struct page_info){ .owner = d->domain_id };
	}
	d->tot_pages += n;
	return 0;
}

static int give_back_frame(struct domain *d, uint64_t mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domain_id || (pg->flags & (PGF_xenheap | PGF_orphan)))
		return -EINVAL;
	if (pg->count || pg->type_count) {
		pg->flags |= PGF_orphan;   /* freed by its last put (page-type.c) */
		return 0;
	}
	return domain_free_frame(d, mfn);
}

/* increase_reservation / populate_physmap / decrease_reservation. The
 * return value is the number of extents done, as in Xen. */
static long reservation_op(struct domain *self, unsigned int op, unsigned int start,
			   uint64_t arg, bool *preempted)
{
	struct xen_memory_reservation r;
	struct domain *d;
	uint64_t done;

	/* Like Xen, every refusal here is "no extents done": the count of
	 * extents is the answer, never an error code. */
	if (copy_from_guest(&r, arg, sizeof(r)))
		return start;
	d = target_domain(self, r.domid);
	if (!d || r.extent_order > (self->is_privileged ? DOM0_MAX_ORDER : DOMU_MAX_ORDER))
		return start;
	/* A count the continuation encoding cannot carry is refused. */
	if (r.nr_extents > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) || start > r.nr_extents)
		return start;
	if (r.extent_start.p &&
	    !guest_range_ok((uint64_t)r.extent_start.p, r.nr_extents * sizeof(xen_pfn_t)))
		return start;
	for (done = start; done < r.nr_extents; done++) {
		uint64_t slot = (uint64_t)r.extent_start.p + done * sizeof(xen_pfn_t), x, mfn;
		uint64_t n = 1ULL << r.extent_order;

		if (done > start && hypercall_preempt_check()) {
			*preempted = true;   /* resumed at 'done' (the cmd's extent) */
			return done;
		}

		if (op == XENMEM_decrease_reservation) {
			if (!r.extent_start.p || copy_from_guest(&x, slot, sizeof(x)))
				return done;
			/* A PV guest names machine frames; each must be its own.
			 * One still mapped is given back when its last use goes. */
			for (uint64_t i = 0; i < n; i++)
				if (give_back_frame(d, x + i))
					return done;
			continue;
		}
		if (op == XENMEM_populate_physmap &&
		    (!r.extent_start.p || copy_from_guest(&x, slot, sizeof(x))))
			return done;
		if (alloc_extent(d, r.extent_order, &mfn))
			return done;
		if (op == XENMEM_populate_physmap)
			for (uint64_t i = 0; i < n; i++)
				machine_to_phys[mfn + i] = x + i;
		/* A NULL list: the frames are the domain's, just not reported,
		 * as in Xen. A faulting copy likewise keeps them. */
		if (r.extent_start.p && copy_to_guest(slot, &mfn, sizeof(mfn)))
			return done;
	}
	return done;
}

static long memory_map(struct domain *d, uint64_t arg)
{
	struct xen_memory_map map;
	struct xen_e820_entry e = {
		.addr = 0, .size = d->max_pages << PAGE_SHIFT, .type = E820_RAM,
	};

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	if (map.nr_entries < 1)
		return -EINVAL;
	if (copy_to_guest((uint64_t)map.buffer.p, &e, sizeof(e)))
		return -EFAULT;
	map.nr_entries = 1;
	return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}

static long machphys_mapping(uint64_t arg)
{
	/* The whole reserved window, as Xen reports it for a 64-bit guest;
	 * entries past the table are unmapped (Linux reads them safely). */
	struct xen_machphys_mapping m = {
		.v_start = RO_MPT_VIRT_START,
		.v_end = RO_MPT_VIRT_END,
		.max_mfn = (RO_MPT_VIRT_END - RO_MPT_VIRT_START) / sizeof(uint64_t) - 1,
	};

	return copy_to_guest(arg, &m, sizeof(m)) ? -EFAULT : 0;
}

/* The machine frames backing the M2P table, one per 2 MiB of it. */
static long machphys_mfn_list(uint64_t arg)
{
	struct xen_machphys_mfn_list l;
	uint64_t base = __pa(machine_to_phys) >> PAGE_SHIFT;
	uint64_t chunks = (max_page * sizeof(uint64_t) + (1UL << 21) - 1) >> 21;
	unsigned int i;

	if (copy_from_guest(&l, arg, sizeof(l)))
		return -EFAULT;
	for (i = 0; i < l.max_extents && i < chunks; i++) {
		uint64_t mfn = base + (uint64_t)i * 512;

		if (copy_to_guest((uint64_t)l.extent_start.p + i * sizeof(mfn), &mfn, sizeof(mfn)))
			return -EFAULT;
	}
	l.nr_extents = i;
	return copy_to_guest(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

static long reservation_size(struct domain *self, unsigned int op, uint64_t arg)
{
	domid_t id;
	struct domain *d;

	if (copy_from_guest(&id, arg, sizeof(id)))
		return -EFAULT;
	d = target_domain(self, id);
	if (!d)
		return self->is_privileged ? -ESRCH : -EPERM;
	return op == XENMEM_current_reservation ? (long)d->tot_pages : (long)d->max_pages;
}

long do_memory_op(uint64_t cmd, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;
	unsigned int op = cmd & MEMOP_CMD_MASK;
	unsigned int start = (unsigned int)(cmd >> MEMOP_EXTENT_SHIFT);

	switch (op) {
	case XENMEM_increase_reservation:
	case XENMEM_decrease_reservation:
	case XENMEM_populate_physmap: {
		bool preempted = false;
		unsigned long f = mm_lock(d);
		long rc = reservation_op(d, op, start, arg, &preempted);

		mm_unlock(d, f);
		if (preempted)
			return hypercall_create_continuation(__HYPERVISOR_memory_op,
							     op | (uint64_t)rc << MEMOP_EXTENT_SHIFT,
							     arg, 0, 0, 0);
		return rc;
	}
	case XENMEM_maximum_ram_page:
		return start ? -EINVAL : (long)max_page;
	case XENMEM_current_reservation:
	case XENMEM_maximum_reservation:
		return reservation_size(d, op, arg);
	case XENMEM_memory_map:
		return memory_map(d, arg);
	case XENMEM_machine_memory_map:
		return arch_machine_memory_map(d, arg);
	case XENMEM_exchange:
		return start ? -EINVAL : arch_memory_exchange(d, arg);
	case XENMEM_machphys_mapping:
		return machphys_mapping(arg);
	case XENMEM_machphys_mfn_list:
		return machphys_mfn_list(arg);
	default:
		return -ENOSYS;
	}
}
