/* SPDX-License-Identifier: GPL-2.0 */
/* The scheduler as the toolstack sees it: Xen's credit2 interface
 * (XEN_DOMCTL_scheduler_op weight and cap per domain, XEN_SYSCTL_
 * scheduler_op rate limit per pool) with Xen 4.17's checks and codes.
 * libxl refuses to build a domain under a scheduler it does not know, so
 * Xeno reports credit2, the default of Xen 4.17. Its round robin weighs
 * by the weight (sched.c scales each vCPU's slice with it) and enforces
 * the cap per period (sched-cap.c); the rate limit is recorded and
 * reported only (docs/toolstack.md). */
#include <public/domctl.h>
#include <public/sysctl.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/sched.h>

#define CREDIT2_DEFAULT_WEIGHT    SCHED_DEFAULT_WEIGHT
#define CREDIT2_DEFAULT_RATELIMIT 1000   /* us, Xen's sched_ratelimit_us */

static uint32_t ratelimit_us = CREDIT2_DEFAULT_RATELIMIT;

static uint16_t weight_of(const struct domain *d)
{
	return d->sched_weight ? d->sched_weight : CREDIT2_DEFAULT_WEIGHT;
}

long domctl_scheduler_op(struct domain *d, struct xen_domctl_scheduler_op *op)
{
	struct xen_domctl_sched_credit2 *c = &op->u.credit2;

	if (op->sched_id != XEN_SCHEDULER_CREDIT2)
		return -EINVAL;
	switch (op->cmd) {
	case XEN_DOMCTL_SCHEDOP_getinfo:
		c->weight = weight_of(d);
		c->cap = d->sched_cap;
		return 0;
	case XEN_DOMCTL_SCHEDOP_putinfo:
		/* Xen: a cap above 100 per vCPU is refused after the weight
		 * was taken; 0 leaves the weight and lifts the cap. */
		if (c->weight)
			d->sched_weight = c->weight;
		if (c->cap > 100 * d->max_vcpus)
			return -EINVAL;
		d->sched_cap = c->cap;
		return 0;
	case XEN_DOMCTL_SCHEDOP_putvcpuinfo:
	case XEN_DOMCTL_SCHEDOP_getvcpuinfo:
		return -EINVAL;   /* credit2 has no per-vCPU parameters */
	default:
		return -EINVAL;
	}
}

long sysctl_scheduler_op(struct xen_sysctl_scheduler_op *op)
{
	uint32_t r = op->u.sched_credit2.ratelimit_us;

	if (op->cmd != XEN_SYSCTL_SCHEDOP_putinfo && op->cmd != XEN_SYSCTL_SCHEDOP_getinfo)
		return -EINVAL;
	if (op->cpupool_id != 0)
		return -ESRCH;   /* one pool, 0 */
	if (op->sched_id != XEN_SCHEDULER_CREDIT2)
		return -EINVAL;
	if (op->cmd == XEN_SYSCTL_SCHEDOP_putinfo) {
		if (r && (r > XEN_SYSCTL_SCHED_RATELIMIT_MAX || r < XEN_SYSCTL_SCHED_RATELIMIT_MIN))
			return -EINVAL;
		ratelimit_us = r;
	}
	op->u.sched_credit2.ratelimit_us = ratelimit_us;
	return 0;
}
