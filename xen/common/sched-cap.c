/* SPDX-License-Identifier: GPL-2.0 */
/* credit2's cap (xl sched-credit2 -c): a capped domain's vCPUs together
 * run at most cap percent of one CPU, counted in scheduler ticks over a
 * period of SCHED_CAP_PERIOD_TICKS. The tick that uses up the budget
 * throttles the domain: its vCPUs leave their CPUs and are not queued,
 * as under a toolstack pause (sched.c's parked()); CPU 0's tick at the
 * end of each period gives every budget back and queues the throttled
 * vCPUs again. Tick granularity: a budget is at least one tick, so caps
 * below 100 / SCHED_CAP_PERIOD_TICKS percent round up. */
#include <xeno/domain.h>
#include <xeno/sched.h>

static unsigned int budget_ticks(unsigned int cap)
{
	unsigned int b = cap * SCHED_CAP_PERIOD_TICKS / 100;

	return b ? b : 1;
}

bool sched_cap_throttled(const struct domain *d)
{
	return __atomic_load_n(&d->cap_throttled, __ATOMIC_ACQUIRE);
}

bool sched_cap_charge(struct domain *d)
{
	unsigned int cap = __atomic_load_n(&d->sched_cap, __ATOMIC_RELAXED);

	if (!cap || __atomic_add_fetch(&d->cap_used, 1, __ATOMIC_RELAXED) < budget_ticks(cap))
		return false;
	/* Several CPUs may reach the budget in one tick: one throttles. */
	return !__atomic_exchange_n(&d->cap_throttled, true, __ATOMIC_ACQ_REL);
}

void sched_cap_replenish(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (!d || __atomic_load_n(&d->state, __ATOMIC_ACQUIRE) == DOMAIN_DEAD)
			continue;
		__atomic_store_n(&d->cap_used, 0, __ATOMIC_RELAXED);
		if (!__atomic_exchange_n(&d->cap_throttled, false, __ATOMIC_ACQ_REL))
			continue;
		for (unsigned int j = 0; j < d->max_vcpus; j++)
			if (d->vcpu[j])
				sched_unpark(d->vcpu[j]);
	}
}
