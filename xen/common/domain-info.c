/* SPDX-License-Identifier: GPL-2.0 */
/* A domain as the toolstack sees it (xen_domctl_getdomaininfo), shared by
 * XEN_DOMCTL_getdomaininfo and XEN_SYSCTL_getdomaininfolist, and the
 * "next domain at or after this id" walk both use. */
#include <public/domctl.h>
#include <public/vcpu.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/lib.h>
#include <xeno/sched.h>

/* Lowest-id live domain with an id >= id, or NULL (Xen's order). */
struct domain *domain_at_or_after(domid_t id)
{
	struct domain *best = NULL;

	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (d && d->state != DOMAIN_DEAD && d->domain_id >= id &&
		    (!best || d->domain_id < best->domain_id))
			best = d;
	}
	return best;
}

static uint64_t vcpu_time(const struct vcpu *v)
{
	return v->runstate_time[RUNSTATE_running];
}

void domain_info(const struct domain *d, struct xen_domctl_getdomaininfo *info)
{
	unsigned int online = 0, running = 0, blocked = 0, max_id = XEN_INVALID_MAX_VCPU_ID;
	uint64_t t = 0;

	memset(info, 0, sizeof(*info));
	info->domain = d->domain_id;
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		const struct vcpu *v = d->vcpu[i];

		if (!v)
			continue;
		max_id = i;
		t += vcpu_time(v);
		if (v->state == VCPU_DOWN || v->state == VCPU_DEAD)
			continue;
		online++;
		if (v->state == VCPU_RUNNING)
			running++;
		else if (v->state == VCPU_BLOCKED)
			blocked++;
	}
	/* Shut down by its own request; dying once destroyed (a killed
	 * domain is only dying, as on Xen). */
	if (d->is_shut_down)
		info->flags |= XEN_DOMINF_shutdown |
			       (d->shutdown_code & XEN_DOMINF_shutdownmask) << XEN_DOMINF_shutdownshift;
	if (d->dying || d->state == DOMAIN_DEAD)
		info->flags |= XEN_DOMINF_dying;
	if (d->pause_count)
		info->flags |= XEN_DOMINF_paused;
	/* Xen's rule: blocked when every online vCPU waits, running when any runs. */
	if (online && blocked == online)
		info->flags |= XEN_DOMINF_blocked;
	if (running)
		info->flags |= XEN_DOMINF_running;
	if (d->is_privileged)
		info->flags |= XEN_DOMINF_xs_domain;
	info->tot_pages = d->tot_pages;
	info->max_pages = d->max_pages;
	info->outstanding_pages = d->outstanding_pages;
	info->shared_info_frame = d->shared_info_mfn;
	info->cpu_time = t;
	info->nr_online_vcpus = online;
	info->max_vcpu_id = max_id;
	info->cpupool = 0;
	info->ssidref = d->ssidref;
	memcpy(info->handle, d->handle, sizeof(info->handle));
	info->gpaddr_bits = 52;
}
