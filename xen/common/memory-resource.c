/* SPDX-License-Identifier: GPL-2.0 */
/* XENMEM_acquire_resource: the machine frames of another domain's
 * resource, for the privileged domain to map (privcmd's MMAP_RESOURCE,
 * which maps them with mmu_update naming that domain as page owner).
 * Only the grant table's shared frames exist here: xl maps frame 0 to
 * seed the xenstore and console grants. The rest answer as Xen 4.17 does
 * for a PV domain. */
#include <asm/guest-access.h>
#include <public/memory.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/grant-table.h>
#include <xeno/hypercall.h>
#include <xeno/memory-resource.h>

#define CHUNK 32   /* frames per step: a preemption check between steps */

/* v2 status frames per table of n v1-sized frames, as Xen sizes them
 * (256 v2 entries a frame, 2048 status words a frame). */
static unsigned int status_frames(unsigned int n)
{
	return (n * 256 + 2047) / 2048;
}

/* Xen's resource_max_frames. An unknown type is -EOPNOTSUPP turned into
 * an unsigned count, as in Xen: a size query "succeeds" with it. */
static uint32_t max_frames(const struct domain *d, unsigned int type, unsigned int id)
{
	switch (type) {
	case XENMEM_resource_grant_table:
		if (id == XENMEM_resource_grant_table_id_shared)
			return d->max_grant_frames;
		if (id == XENMEM_resource_grant_table_id_status)
			return status_frames(d->max_grant_frames);
		return 0;
	case XENMEM_resource_ioreq_server:   /* HVM only */
	case XENMEM_resource_vmtrace_buf:    /* no vmtrace buffers */
		return 0;
	default:
		return (uint32_t)-EOPNOTSUPP;
	}
}

/* Frames [frame, frame + n) of the resource into mfns. */
static int acquire(struct domain *d, unsigned int type, unsigned int id, uint32_t frame,
		   unsigned int n, uint64_t *mfns)
{
	if (type != XENMEM_resource_grant_table)
		return -EOPNOTSUPP;   /* the sized-0 ones never get here */
	/* Status frames exist under grant version 2 only, which no domain
	 * here uses. */
	if (id != XENMEM_resource_grant_table_id_shared)
		return -EINVAL;
	return gnttab_shared_frames(d, frame, n, mfns);
}

long memory_acquire_resource(struct domain *self, unsigned int start, uint64_t arg)
{
	struct xen_mem_acquire_resource x;
	uint64_t mfns[CHUNK], list;
	struct domain *d;
	uint32_t max, left, frame;
	int rc;

	if (copy_from_guest(&x, arg, sizeof(x)))
		return -EFAULT;
	if (x.pad)
		return -EINVAL;
	if ((x.frame >> 32) || ((x.frame + x.nr_frames) >> 32))
		return -EINVAL;
	/* Xen's rcu_lock_remote_domain_by_id: the id as given (-ESRCH),
	 * never the caller itself (-EPERM); then the device-model check. */
	d = domain_by_id(x.domid);
	if (!d)
		return -ESRCH;
	if (d == self || !self->is_privileged)
		return -EPERM;
	max = max_frames(d, x.type, x.id);
	if (!max)
		return -EINVAL;
	if (!x.frame_list.p) {
		/* A size query: nr_frames comes back, nothing else. */
		if (x.nr_frames || start)
			return -EINVAL;
		x.nr_frames = max;
		return copy_to_guest(arg + offsetof(struct xen_mem_acquire_resource, nr_frames),
				     &x.nr_frames, sizeof(x.nr_frames)) ? -EFAULT : 0;
	}
	if (start >= x.nr_frames || x.nr_frames > (UINT32_MAX >> MEMOP_EXTENT_SHIFT))
		return -EINVAL;
	left = x.nr_frames - start;
	frame = (uint32_t)x.frame + start;
	list = (uint64_t)x.frame_list.p + (uint64_t)start * sizeof(uint64_t);
	while (left) {
		unsigned int n = left < CHUNK ? left : CHUNK;

		rc = acquire(d, x.type, x.id, frame, n, mfns);
		if (rc)
			return rc;
		/* A PV caller gets machine frames in its list. */
		if (copy_to_guest(list, mfns, n * sizeof(uint64_t)))
			return -EFAULT;
		left -= n;
		frame += n;
		list += n * sizeof(uint64_t);
		start += n;
		if (left && hypercall_preempt_check())
			return hypercall_create_continuation(__HYPERVISOR_memory_op,
							     XENMEM_acquire_resource |
							     (uint64_t)start << MEMOP_EXTENT_SHIFT,
							     arg, 0, 0, 0);
	}
	return 0;
}
