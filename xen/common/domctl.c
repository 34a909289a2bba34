/* SPDX-License-Identifier: GPL-2.0 */
/* HYPERVISOR_domctl: per-domain control for the toolstack. Privileged
 * only, interface version 0x15 (-EACCES otherwise), the struct copied in
 * once and back whole on success. Here: the dispatch, getdomaininfo (the
 * first live domain at or after the id, as Xen; libxc checks the id it
 * gets), getvcpuinfo and max_mem; a domain's life in domain-control.c,
 * its vCPUs in domctl-vcpu.c, affinities in domctl-affinity.c, credit2
 * in sched-ctl.c, x86 ops (address size, TSC, CPU policy) behind
 * arch_do_domctl. Anything else is -ENOSYS, as Xen answers an unknown op
 * (docs/abi-notes.md). */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/domctl.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/sched.h>

static long getvcpuinfo(struct domain *d, struct xen_domctl_getvcpuinfo *vi)
{
	const struct vcpu *v;

	if (vi->vcpu >= d->max_vcpus)
		return -EINVAL;
	v = d->vcpu[vi->vcpu];
	if (!v)
		return -ESRCH;
	vi->online = v->state != VCPU_DOWN && v->state != VCPU_DEAD;
	vi->blocked = v->state == VCPU_BLOCKED;
	vi->running = v->state == VCPU_RUNNING;
	vi->cpu_time = v->runstate_time[0];   /* RUNSTATE_running */
	vi->cpu = v->processor;
	return 0;
}

static long max_mem(struct domain *d, const struct xen_domctl_max_mem *m)
{
	/* KiB to pages, clamped to Xen's 32-bit page count; like Xen, a
	 * limit below the current allocation is taken (the guest must
	 * balloon down to it; allocations fail meanwhile). */
	uint64_t pages = m->max_memkb >> 2;

	d->max_pages = pages > UINT32_MAX ? UINT32_MAX : pages;
	return 0;
}

/* The ops on one existing domain, after the lookup. Common ops go back
 * whole on success; the architecture decides for its own. */
static long domctl_on(struct domain *d, struct xen_domctl *op, bool *copyback)
{
	long rc;

	switch (op->cmd) {
	case XEN_DOMCTL_getvcpuinfo:
		rc = getvcpuinfo(d, &op->u.getvcpuinfo);
		break;
	case XEN_DOMCTL_max_mem:
		rc = max_mem(d, &op->u.max_mem);
		break;
	case XEN_DOMCTL_max_vcpus:
		rc = domctl_max_vcpus(d, &op->u.max_vcpus);
		break;
	case XEN_DOMCTL_setvcpucontext:
		rc = domctl_setvcpucontext(d, &op->u.vcpucontext);
		break;
	case XEN_DOMCTL_hypercall_init:
		rc = domctl_hypercall_init(d, &op->u.hypercall_init);
		break;
	case XEN_DOMCTL_pausedomain:
		rc = domain_pause_by_toolstack(d);
		break;
	case XEN_DOMCTL_unpausedomain:
		rc = domain_unpause_by_toolstack(d);
		break;
	case XEN_DOMCTL_destroydomain:
		rc = domain_destroy(d);
		break;
	case XEN_DOMCTL_setvcpuaffinity:
	case XEN_DOMCTL_getvcpuaffinity:
		/* Xen writes the maps only, never the struct. */
		return domctl_vcpuaffinity(d, op->cmd, &op->u.vcpuaffinity);
	case XEN_DOMCTL_setnodeaffinity:
	case XEN_DOMCTL_getnodeaffinity:
		return domctl_nodeaffinity(d, op->cmd, &op->u.nodeaffinity);
	case XEN_DOMCTL_scheduler_op:
		rc = domctl_scheduler_op(d, &op->u.scheduler_op);
		break;
	default:
		return arch_do_domctl(d, op, copyback);
	}
	*copyback = rc == 0;
	return rc;
}

long do_domctl(uint64_t arg)
{
	struct xen_domctl op;
	struct domain *d;
	bool copyback = false;
	long rc;

	if (!current_vcpu()->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
		return -EACCES;
	switch (op.cmd) {
	case XEN_DOMCTL_createdomain: {
		domid_t id = op.domain;

		rc = domain_create_for_toolstack(&id, &op.u.createdomain, &d);
		if (rc == 0)
			op.domain = id;
		break;
	}
	case XEN_DOMCTL_getdomaininfo:
		/* A reserved id names no domain to start the walk from. */
		if (op.domain >= DOMID_FIRST_RESERVED)
			return -EINVAL;
		d = domain_at_or_after(op.domain);
		if (!d)
			return -ESRCH;
		domain_info(d, &op.u.getdomaininfo);
		op.domain = d->domain_id;
		rc = 0;
		break;
	default:
		d = domain_by_id(op.domain);
		if (!d)
			return -ESRCH;
		rc = domctl_on(d, &op, &copyback);
		/* Xen 4.17's libxc calls destroydomain once: a release still
		 * under way (vCPUs leaving CPUs, memory going back) restarts
		 * the call, as Xen's continuation does, so the caller sees it
		 * finish and other work runs meanwhile. */
		if (rc == -ERESTART && op.cmd == XEN_DOMCTL_destroydomain)
			return hypercall_create_continuation(__HYPERVISOR_domctl, arg, 0, 0, 0, 0);
		if (copyback && copy_to_guest(arg, &op, sizeof(op)))
			return -EFAULT;
		return rc;
	}
	if (rc == 0 && copy_to_guest(arg, &op, sizeof(op)))
		return -EFAULT;
	return rc;
}
