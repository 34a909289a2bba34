/* SPDX-License-Identifier: GPL-2.0 */
/* Guest timers, checked on the timer interrupts of the CPU a vCPU runs
 * on: each CPU's one-shot timer is programmed for the earlier of its next
 * scheduler tick and the earliest deadline of its vCPUs (timers_next_local),
 * so a timer fires within the interrupt's latency of its deadline, never
 * early; it raises VIRQ_TIMER and wakes the vCPU. Whoever changes a
 * deadline reprograms the CPU that owns the vCPU (timers_resync_vcpu):
 * its own directly, another through an IPI. The 10 ms tick stays as a
 * backstop: a deadline a CPU was not told of fires at the next tick.
 *
 * Ownership: the timer interrupt of v's CPU is the only reader that
 * fires (a vCPU that moves, sched_move_vcpu, may be seen by both CPUs'
 * interrupts once: the deadline's compare-exchange fires it once).
 * timer_deadline_ns is written by v's own hypercalls and cleared by the
 * interrupt with a compare-exchange, so a deadline set while the
 * interrupt fires the old one is not lost; the release stores pair with
 * the acquire loads. A period set for another vCPU
 * (VCPUOP_set_periodic_timer) has its first event written before the
 * period (release/acquire), and both before the flag and IPI that make
 * its CPU reprogram (timers_resync_cpu). */
#include <asm/cpu-info.h>
#include <asm/time.h>
#include <public/xen.h>
#include <xeno/arch-timer.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/sched.h>
#include <xeno/timer.h>
#include <xeno/timer-deadline.h>

/* Set by a CPU that changed a timer of a vCPU on this one, before its
 * IPI; the IPI handler clears it and reprograms. */
static bool resync_wanted[NR_CPUS];

uint64_t system_time_ns(void)
{
	return now_ns();
}

void vcpu_set_singleshot(struct vcpu *v, uint64_t deadline_ns)
{
	/* 0 means "no timer": a deadline of 0 is already due, use 1. */
	__atomic_store_n(&v->timer_deadline_ns, deadline_ns ? deadline_ns : 1,
			 __ATOMIC_RELEASE);
	timers_resync_vcpu(v);
}

/* A stopped timer needs no reprogramming: the interrupt already
 * programmed for it finds nothing due and programs the next. */
void vcpu_stop_singleshot(struct vcpu *v)
{
	__atomic_store_n(&v->timer_deadline_ns, 0, __ATOMIC_RELEASE);
}

void vcpu_set_periodic(struct vcpu *v, uint64_t period_ns)
{
	/* The first event's time before the period that enables it: a CPU
	 * running v's timers meanwhile (v on another CPU) must not pair the
	 * new period with the last period's next event, long past: that
	 * fires at once, early. Release pairs with load_periodic. */
	__atomic_store_n(&v->periodic_next_ns, system_time_ns() + period_ns, __ATOMIC_RELAXED);
	__atomic_store_n(&v->periodic_ns, period_ns, __ATOMIC_RELEASE);
	timers_resync_vcpu(v);
}

void vcpu_stop_periodic(struct vcpu *v)
{
	__atomic_store_n(&v->periodic_ns, 0, __ATOMIC_RELEASE);
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
	uint64_t period = __atomic_load_n(&v->periodic_ns, __ATOMIC_ACQUIRE);

	if (deadline && deadline <= now &&
	    __atomic_compare_exchange_n(&v->timer_deadline_ns, &deadline, 0, false,
					__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		fire(v);
	if (period && __atomic_load_n(&v->periodic_next_ns, __ATOMIC_RELAXED) <= now) {
		/* The next one a whole period after this one fired, as Xen:
		 * never two events closer than the period. */
		__atomic_store_n(&v->periodic_next_ns, now + period, __ATOMIC_RELAXED);
		fire(v);
	}
	/* SCHEDOP_poll's own timeout: wakes, raises nothing. */
	if (v->poll_deadline_ns && v->poll_deadline_ns <= now &&
	    __atomic_exchange_n(&v->poll_active, false, __ATOMIC_ACQ_REL)) {
		v->poll_deadline_ns = 0;
		vcpu_unblock(v);
	}
}

/* The vCPUs whose timers this CPU runs: timers_run_local and
 * timers_next_local must agree, or a deadline one counts and the other
 * never clears would program an interrupt after interrupt. */
static struct vcpu *next_local_vcpu(unsigned int cpu, unsigned int *di, unsigned int *vi)
{
	for (; *di < MAX_DOMAINS; (*di)++, *vi = 0) {
		struct domain *d = domain_list[*di];

		if (!d || d->state != DOMAIN_RUNNING)
			continue;
		while (*vi < d->max_vcpus) {
			struct vcpu *v = d->vcpu[(*vi)++];

			if (v && v->processor == cpu && v->state != VCPU_DOWN)
				return v;
		}
	}
	return NULL;
}

void timers_run_local(void)
{
	unsigned int cpu = smp_processor_id(), di = 0, vi = 0;
	uint64_t now = system_time_ns();
	struct vcpu *v;

	while ((v = next_local_vcpu(cpu, &di, &vi)))
		check_vcpu(v, now);
}

uint64_t timers_next_local(void)
{
	unsigned int cpu = smp_processor_id(), di = 0, vi = 0;
	uint64_t next = TIMER_NONE;
	struct vcpu *v;

	while ((v = next_local_vcpu(cpu, &di, &vi))) {
		struct vcpu_timers t = {
			.singleshot_ns = __atomic_load_n(&v->timer_deadline_ns, __ATOMIC_ACQUIRE),
			.periodic_ns = __atomic_load_n(&v->periodic_ns, __ATOMIC_ACQUIRE),
			.periodic_next_ns = __atomic_load_n(&v->periodic_next_ns, __ATOMIC_RELAXED),
			.poll_deadline_ns = v->poll_deadline_ns,
			.poll_active = __atomic_load_n(&v->poll_active, __ATOMIC_ACQUIRE),
		};
		uint64_t n = timer_vcpu_next(&t);

		if (n < next)
			next = n;
	}
	return next;
}

void timers_resync_vcpu(struct vcpu *v)
{
	timers_resync_cpu(__atomic_load_n(&v->processor, __ATOMIC_ACQUIRE));
}

void timers_resync_cpu(unsigned int cpu)
{
	if (cpu == smp_processor_id()) {
		arch_timer_reprogram();
		return;
	}
	/* Release: the new deadline is visible before the flag is. */
	__atomic_store_n(&resync_wanted[cpu], true, __ATOMIC_RELEASE);
	arch_timer_kick(cpu);
}

void timers_ipi_local(void)
{
	if (__atomic_exchange_n(&resync_wanted[smp_processor_id()], false, __ATOMIC_ACQ_REL))
		arch_timer_reprogram();
}
