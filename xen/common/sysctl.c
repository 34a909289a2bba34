/* SPDX-License-Identifier: GPL-2.0 */
/* HYPERVISOR_sysctl: host-wide information for the toolstack. Privileged
 * only; the interface version must be 0x15 (-EACCES otherwise, as Xen);
 * the struct is copied in once and back whole on success. Sub-ops Xeno
 * does not have answer -ENOSYS, Xen's answer for an unknown command,
 * which libxl reports and goes on from. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/domctl.h>
#include <public/physdev.h>
#include <public/sysctl.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/memory-claim.h>
#include <xeno/setup.h>

static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
	struct xen_domctl_getdomaininfo info;
	uint32_t n = 0;
	domid_t next = l->first_domain;
	struct domain *d;

	while (n < l->max_domains && (d = domain_at_or_after(next)) != NULL) {
		domain_info(d, &info);
		if (copy_to_guest((uint64_t)l->buffer.p + (uint64_t)n * sizeof(info), &info,
				  sizeof(info)))
			return -EFAULT;
		n++;
		if (d->domain_id == DOMID_FIRST_RESERVED - 1)
			break;
		next = (domid_t)(d->domain_id + 1);
	}
	l->num_domains = n;
	return 0;
}

/* One pool, 0, with every CPU: the first INFO finds it, the next none. */
static long cpupool_op(struct xen_sysctl_cpupool_op *op)
{
	uint8_t map[8] = { 0 };
	unsigned int cpus = arch_nr_cpus(), bytes, n_dom = 0;

	if (op->op == XEN_SYSCTL_CPUPOOL_OP_FREEINFO)
		return xenctl_bitmap_out(&op->cpumap, 0, cpus);   /* every CPU is in pool 0 */
	if (op->op != XEN_SYSCTL_CPUPOOL_OP_INFO)
		return -EOPNOTSUPP;   /* one fixed pool: no create, move or resize */
	if (op->cpupool_id > 0)
		return -ENOENT;
	for (unsigned int c = 0; c < cpus && c < 64; c++)
		map[c / 8] |= (uint8_t)(1u << (c % 8));
	for (struct domain *d = domain_at_or_after(0); d; d = domain_at_or_after(d->domain_id + 1)) {
		n_dom++;
		if (d->domain_id == DOMID_FIRST_RESERVED - 1)
			break;
	}
	op->cpupool_id = 0;
	op->sched_id = XEN_SCHEDULER_CREDIT2;   /* as libxl must see it: sched-ctl.c */
	op->n_dom = n_dom;
	bytes = (op->cpumap.nr_bits + 7) / 8;
	if (bytes > sizeof(map))
		bytes = sizeof(map);
	if (op->cpumap.bitmap.p && bytes &&
	    copy_to_guest((uint64_t)op->cpumap.bitmap.p, map, bytes))
		return -EFAULT;
	op->cpumap.nr_bits = cpus;
	return 0;
}

/* One node holding all memory, every CPU on it. A short array gets the
 * count back and -ENOBUFS, as Xen. */
static long numainfo(struct xen_sysctl_numainfo *ni)
{
	struct xen_sysctl_meminfo mi = {
		.memsize = xen_frames.nr_ram << 12, .memfree = xen_frames.nr_free << 12,
	};
	uint32_t dist = 10;

	if (!ni->meminfo.p && !ni->distance.p) {
		ni->num_nodes = 1;
		return 0;
	}
	if (ni->num_nodes < 1) {
		ni->num_nodes = 1;
		return -ENOBUFS;
	}
	if ((ni->meminfo.p && copy_to_guest((uint64_t)ni->meminfo.p, &mi, sizeof(mi))) ||
	    (ni->distance.p && copy_to_guest((uint64_t)ni->distance.p, &dist, sizeof(dist))))
		return -EFAULT;
	ni->num_nodes = 1;
	return 0;
}

/* Xen's answers: NULL asks for the count; a short buffer gets nothing
 * but the count and -ENOBUFS. */
static long cputopoinfo(struct xen_sysctl_cputopoinfo *ti)
{
	unsigned int cpus = arch_nr_cpus();

	if (ti->cputopo.p && ti->num_cpus >= cpus)
		for (unsigned int c = 0; c < cpus; c++) {
			struct xen_sysctl_cputopo t = { .node = 0 };

			arch_cpu_topology(c, &t.core, &t.socket);
			if (copy_to_guest((uint64_t)ti->cputopo.p + c * sizeof(t), &t, sizeof(t)))
				return -EFAULT;
		}
	else if (ti->cputopo.p) {
		ti->num_cpus = cpus;
		return -ENOBUFS;
	}
	ti->num_cpus = cpus;
	return 0;
}

/* xl info -n's device topology. Xeno keeps no list of the PCI devices
 * dom0 reports, and has no proximity data: every device gets Xen's
 * answer for a device without it, XEN_INVALID_NODE_ID. Long lists stop
 * after 64 devices when work waits; num_devs says how far (as Xen). */
static long pcitopoinfo(struct xen_sysctl_pcitopoinfo *ti)
{
	const uint32_t node = XEN_INVALID_NODE_ID;
	uint32_t i = 0;

	if (!ti->devs.p || !ti->nodes.p)
		return -EINVAL;
	while (i < ti->num_devs) {
		physdev_pci_device_t dev;

		/* Read, as Xen does, so a bad array is -EFAULT. */
		if (copy_from_guest(&dev, (uint64_t)ti->devs.p + (uint64_t)i * sizeof(dev), sizeof(dev)) ||
		    copy_to_guest((uint64_t)ti->nodes.p + (uint64_t)i * sizeof(node), &node, sizeof(node)))
			return -EFAULT;
		if (++i > 64 && i < ti->num_devs && hypercall_preempt_check())
			break;
	}
	ti->num_devs = i;
	return 0;
}

long do_sysctl(uint64_t arg)
{
	struct xen_sysctl op;
	long rc;

	if (!current_vcpu()->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
		return -EACCES;
	switch (op.cmd) {
	case XEN_SYSCTL_physinfo:
		memset(&op.u.physinfo, 0, sizeof(op.u.physinfo));
		op.u.physinfo.total_pages = xen_frames.nr_ram;
		op.u.physinfo.free_pages = xen_frames.nr_free;
		op.u.physinfo.outstanding_pages = memory_claims_outstanding();   /* xl info's outstanding_claims */
		op.u.physinfo.capabilities = XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_gnttab_v1;
		arch_physinfo(&op.u.physinfo);
		rc = 0;
		break;
	case XEN_SYSCTL_getdomaininfolist:
		rc = getdomaininfolist(&op.u.getdomaininfolist);
		break;
	case XEN_SYSCTL_sched_id:
		/* libxl builds domains only under a scheduler it knows:
		 * credit2, as sched-ctl.c explains. */
		op.u.sched_id.sched_id = XEN_SCHEDULER_CREDIT2;
		rc = 0;
		break;
	case XEN_SYSCTL_scheduler_op:
		rc = sysctl_scheduler_op(&op.u.scheduler_op);
		break;
	case XEN_SYSCTL_pcitopoinfo:
		rc = pcitopoinfo(&op.u.pcitopoinfo);
		break;
	case XEN_SYSCTL_readconsole:
		rc = sysctl_readconsole(&op.u.readconsole);
		break;
	case XEN_SYSCTL_debug_keys:
		return sysctl_debug_keys(&op, arg);   /* Xen copies nothing back */
	case XEN_SYSCTL_cpupool_op:
		rc = cpupool_op(&op.u.cpupool_op);
		break;
	case XEN_SYSCTL_numainfo:
		rc = numainfo(&op.u.numainfo);
		break;
	case XEN_SYSCTL_cputopoinfo:
		rc = cputopoinfo(&op.u.cputopoinfo);
		break;
	default: {
		bool copyback = false;

		rc = arch_do_sysctl(&op, &copyback);
		if (copyback && copy_to_guest(arg, &op, sizeof(op)))
			return -EFAULT;
		return rc;
	}
	}
	/* -ENOBUFS carries the size the caller needs: copied back too. */
	if ((rc == 0 || rc == -ENOBUFS) && copy_to_guest(arg, &op, sizeof(op)))
		return -EFAULT;
	return rc;
}
