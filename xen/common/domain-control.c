/* SPDX-License-Identifier: GPL-2.0 */
/* A domain's life as the toolstack drives it: XEN_DOMCTL_createdomain,
 * pausedomain/unpausedomain and destroydomain, with Xen 4.17's checks and
 * codes. The domain is then built from dom0 user space (libxenguest):
 * memory through memory_op, page tables through foreign mappings, vCPU 0
 * through setvcpucontext (domctl-vcpu.c).
 *
 * Life of a toolstack domain (domain.c has the states):
 *
 *   createdomain       unpause (count 0)     guest's shutdown     destroydomain
 *   -------------> RUNNING, paused -------> RUNNING --------> SHUTDOWN --------> DEAD
 *                  (no memory, vCPUs down)                   (memory kept, for
 *                                                             the toolstack)
 *
 * destroydomain also takes a RUNNING domain straight down. Once DEAD, its
 * frames that other domains still map stay until they unmap them; its id
 * is not reused meanwhile (domain.c's record_claim). */
#include <asm/current.h>
#include <public/domctl.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/event.h>
#include <xeno/grant.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/setup.h>

#define TOOLSTACK_MAX_PAUSES     255   /* Xen's bound on repeated pauses */
#define MAX_GRANT_VERSION        2     /* Xen's default; v2 itself is refused at set_version */

/* Xen's sanitise_domain_config for a PV-only hypervisor without an IOMMU,
 * vPMU or vmtrace, in Xen's order. */
static int check_config(const struct xen_domctl_createdomain *c)
{
	unsigned int ver = XEN_DOMCTL_GRANT_version(c->grant_opts);

	if (c->flags & ~(2 * XEN_DOMCTL_CDF_MAX - 1))
		return -EINVAL;
	if (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask)
		return -EINVAL;
	if (c->max_vcpus < 1)
		return -EINVAL;
	if ((c->flags & XEN_DOMCTL_CDF_hap) && !(c->flags & XEN_DOMCTL_CDF_hvm))
		return -EINVAL;
	if (c->flags & XEN_DOMCTL_CDF_iommu)
		return -EINVAL;   /* "IOMMU requested but not available" */
	if (c->iommu_opts)
		return -EINVAL;
	if (c->vmtrace_size || (c->flags & XEN_DOMCTL_CDF_vpmu))
		return -EINVAL;
	if (c->flags & XEN_DOMCTL_CDF_hvm)
		return -EINVAL;   /* no HVM support */
	if (c->max_vcpus > MAX_VCPUS_PER_DOM)
		return -EINVAL;   /* Xen's PV limit is higher: docs/abi-notes.md */
	if (c->flags & XEN_DOMCTL_CDF_s3_integrity)
		return -EINVAL;   /* no tboot */
	if (c->flags & XEN_DOMCTL_CDF_nested_virt)
		return -EINVAL;   /* needs HAP */
	if (c->arch.misc_flags & ~XEN_X86_MSR_RELAXED)
		return -EINVAL;
	/* arch_domain_create: a PV domain may ask for the PIT alone. */
	if (c->arch.emulation_flags && c->arch.emulation_flags != XEN_X86_EMU_PIT)
		return -EOPNOTSUPP;
	/* grant_table_init */
	if (ver == 0 || ver > MAX_GRANT_VERSION)
		return -EINVAL;
	if ((c->max_grant_frames >= 0 &&
	     (c->max_grant_frames < 1 || c->max_grant_frames > (int32_t)gnttab_opt_max_frames())) ||
	    c->max_maptrack_frames > (int32_t)gnttab_opt_max_maptrack_frames())
		return -EINVAL;
	if (c->cpupool_id != 0)
		return -ENOENT;   /* one pool, 0 */
	return 0;
}

static void setup_from_config(struct domain *d, const void *arg)
{
	const struct xen_domctl_createdomain *c = arg;
	uint32_t ports = c->max_evtchn_port >= EVTCHN_2L_NR_PORTS ? EVTCHN_2L_NR_PORTS
								  : c->max_evtchn_port + 1;

	d->toolstack_built = true;
	d->pause_count = 1;   /* runs once the toolstack has built it */
	d->ssidref = c->ssidref;
	memcpy(d->handle, c->handle, sizeof(d->handle));
	d->max_evtchns = ports < 2 ? 2 : ports;
	d->max_grant_frames = c->max_grant_frames < 0 ? gnttab_opt_max_frames()
						      : (unsigned int)c->max_grant_frames;
	d->max_maptrack_frames = c->max_maptrack_frames < 0 ? gnttab_opt_max_maptrack_frames()
							    : (unsigned int)c->max_maptrack_frames;
}

/* Xen's rover: ids count up from the last one given, skipping ids in use,
 * so a new domain does not at once take a dead one's id. */
static domid_t rover;

int domain_create_for_toolstack(domid_t *id, const struct xen_domctl_createdomain *cfg,
				struct domain **out)
{
	struct domain *d = NULL;
	domid_t want = *id;
	int rc = check_config(cfg);

	if (rc)
		return rc;
	if (want > 0 && want < DOMID_FIRST_RESERVED) {
		d = domain_create_with(want, false, cfg->max_vcpus, setup_from_config, cfg);
		if (!d)
			return domain_by_id(want) || domain_frames_left(want) ? -EEXIST : -ENOMEM;
	} else {
		/* Tries each id once at most; a taken one fails fast. */
		for (domid_t n = (domid_t)(rover + 1); n != rover; n++) {
			if (n >= DOMID_FIRST_RESERVED || n == 0) {
				n = 0;
				continue;
			}
			if (domain_by_id(n) || domain_frames_left(n))
				continue;
			d = domain_create_with(n, false, cfg->max_vcpus, setup_from_config, cfg);
			if (d)
				break;
			if (!domain_by_id(n))
				return -ENOMEM;   /* not the id's fault */
		}
		if (!d)
			return -ENOMEM;
		rover = d->domain_id;
	}
	printk("domain %u: created by domain %u (%u vCPUs)\n", d->domain_id,
	       current_vcpu()->domain->domain_id, d->max_vcpus);
	*id = d->domain_id;
	*out = d;
	return 0;
}

/* Every vCPU of d off its CPU. The caller is another domain's vCPU:
 * whoever runs d's vCPUs was kicked and switches at its next exit; a CPU
 * that waits for this one's TLB flush meanwhile is served. */
static void wait_off_cpus(struct domain *d)
{
	while (!domain_off_cpus(d)) {
		arch_serve_pending_flush();
		cpu_relax();
	}
}

int domain_pause_by_toolstack(struct domain *d)
{
	unsigned long f;

	if (d == current_vcpu()->domain)
		return -EINVAL;
	f = spin_lock_irqsave(&d->lock);
	if (d->pause_count >= TOOLSTACK_MAX_PAUSES) {
		spin_unlock_irqrestore(&d->lock, f);
		return -EOVERFLOW;
	}
	__atomic_store_n(&d->pause_count, d->pause_count + 1, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&d->lock, f);
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i])
			sched_park(d->vcpu[i]);
	wait_off_cpus(d);
	return 0;
}

int domain_unpause_by_toolstack(struct domain *d)
{
	unsigned long f = spin_lock_irqsave(&d->lock);

	if (d->pause_count == 0) {
		spin_unlock_irqrestore(&d->lock, f);
		return -EINVAL;
	}
	__atomic_store_n(&d->pause_count, d->pause_count - 1, __ATOMIC_RELEASE);
	d->creation_finished = true;   /* its CPU policy is fixed from now on */
	spin_unlock_irqrestore(&d->lock, f);
	if (d->pause_count == 0)
		for (unsigned int i = 0; i < d->max_vcpus; i++)
			if (d->vcpu[i])
				sched_unpark(d->vcpu[i]);
	return 0;
}

int domain_destroy(struct domain *d)
{
	unsigned long f;
	bool first;

	if (d == current_vcpu()->domain)
		return -EINVAL;
	f = spin_lock_irqsave(&d->lock);
	first = !d->dying;
	d->dying = true;
	if (d->state == DOMAIN_RUNNING)
		d->state = DOMAIN_SHUTDOWN;   /* no shutdown code: it was killed */
	spin_unlock_irqrestore(&d->lock, f);
	if (first) {
		for (unsigned int i = 0; i < d->max_vcpus; i++)
			if (d->vcpu[i])
				vcpu_stop(d->vcpu[i], true);
		console_flush_domain(d);
		console_detach_ring(d);
		console_end_line(d);
		printk("domain %u: destroyed by domain %u\n", d->domain_id,
		       current_vcpu()->domain->domain_id);
	}
	/* The release needs every vCPU off its CPU; whoever ran one was
	 * kicked by vcpu_stop. An idle CPU may be releasing it right now:
	 * then its end is awaited too. -ERESTART: the domctl restarts the
	 * call (the domain is not DEAD before its release, so it is found). */
	if (!domain_off_cpus(d))
		return -ERESTART;
	domain_release_memory(d);
	/* An idle CPU's reaper may have won the release (it sees the domain
	 * dying and off every CPU as soon as we do): wait for its end rather
	 * than return -EAGAIN, since a restarted call would no longer find
	 * the domain, DEAD by then, and fail with -ESRCH. */
	while (!__atomic_load_n(&d->memory_released, __ATOMIC_ACQUIRE)) {
		arch_serve_pending_flush();
		cpu_relax();
	}
	if (first || !d->dead_reported) {
		d->dead_reported = true;
		uint64_t nr_free, kept = domain_kept_frames(d, &nr_free);

		/* The count lets a host-side test see create/destroy cycles
		 * give every frame back: the frames others still map (back
		 * ends, toolstack mappings) come back later, logged then. */
		printk("domain %u: released, %lu frames free, %lu still mapped\n", d->domain_id,
		       nr_free, kept);
		evtchn_send_dom_exc(d);   /* xenstored's @releaseDomain */
	}
	return 0;
}
