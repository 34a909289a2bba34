/* SPDX-License-Identifier: GPL-2.0 */
/* Guest timers, checked on each tick of the CPU a vCPU runs on: a timer
 * fires at the first tick at or after its deadline (never early, at most
 * one tick late), raises VIRQ_TIMER and wakes the vCPU.
 *
 * Ownership: the tick of v's CPU is the only reader (a vCPU that moves,
 * sched_move_vcpu, may be seen by both ticks once: the deadline's
 * compare-exchange fires it once, a period at worst one tick early). timer_deadline_ns is written by v's own hypercalls and cleared
 * by the tick with a compare-exchange, so a deadline set while the tick
 * fires the old one is not lost; the release stores pair with the tick's
 * acquire load. The periodic fields are plain: a period set for another
 * vCPU (VCPUOP_set_periodic_timer) is seen by its CPU's next tick. */
#include <asm/cpu-info.h>
#include <asm/time.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/sched.h>
#include <xeno/timer.h>

uint64_t system_time_ns(void)
{
	return now_ns();
}

void vcpu_set_singleshot(struct vcpu *v, uint64_t deadline_ns)
{
	/* 0 means "no timer": a deadline of 0 is already due, use 1. */
	__atomic_store_n(&v->timer_deadline_ns, deadline_ns ? deadline_ns : 1,
			 __ATOMIC_RELEASE);
}

void vcpu_stop_singleshot(struct vcpu *v)
{
	__atomic_store_n(&v->timer_deadline_ns, 0, __ATOMIC_RELEASE);
}

void vcpu_set_periodic(struct vcpu *v, uint64_t period_ns)
{
	v->periodic_ns = period_ns;
	v->periodic_next_ns = system_time_ns() + period_ns;
}

void vcpu_stop_periodic(struct vcpu *v)
{
	v->periodic_ns = 0;
}

/* The event itself wakes the vCPU if it should (unmasked, or polled):
 * a masked timer port must not end a poll or a block. */
static void fire(struct vcpu *v)
{
	send_guest_vcpu_virq(v, VIRQ_TIMER);
}

static void check_vcpu(struct vcpu *v, uint64_t now)
{
	uint64_t deadline = __atomic_load_n(&v->timer_deadline_ns, __ATOMIC_ACQUIRE);

	if (deadline && deadline <= now &&
	    __atomic_compare_exchange_n(&v->timer_deadline_ns, &deadline, 0, false,
					__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		fire(v);
	if (v->periodic_ns && v->periodic_next_ns <= now) {
		/* The next one a whole period after this one fired, as Xen:
		 * never two events closer than the period. */
		v->periodic_next_ns = now + v->periodic_ns;
		fire(v);
	}
	/* SCHEDOP_poll's own timeout: wakes, raises nothing. */
	if (v->poll_deadline_ns && v->poll_deadline_ns <= now &&
	    __atomic_exchange_n(&v->poll_active, false, __ATOMIC_ACQ_REL)) {
		v->poll_deadline_ns = 0;
		vcpu_unblock(v);
	}
}

void timers_run_local(void)
{
	unsigned int cpu = smp_processor_id();
	uint64_t now = system_time_ns();

	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];

		if (!d || d->state != DOMAIN_RUNNING)
			continue;
		for (unsigned int j = 0; j < d->max_vcpus; j++) {
			struct vcpu *v = d->vcpu[j];

			if (v && v->processor == cpu && v->state != VCPU_DOWN)
				check_vcpu(v, now);
		}
	}
}
