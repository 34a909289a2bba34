/* SPDX-License-Identifier: GPL-2.0 */
/* Round-robin scheduling of vCPUs on the CPU each was given. A vCPU that
 * spins is preempted after SCHED_SLICE_TICKS, so it cannot starve the
 * others on its CPU; a CPU with nothing to run halts.
 *
 * Invariants:
 *  - v->processor changes only under the lock of the CPU it names, and
 *    only while v is on no run queue and no CPU (sched_move_vcpu); every
 *    run-queue operation on v locks sched_cpus[v->processor] and checks
 *    it still names that CPU (lock_vcpu_cpu). A running vCPU moves in two
 *    steps: its CPU's schedule() takes it off without queueing it
 *    (v->moving), and once its state is saved, the same CPU sets the new
 *    processor and queues it there (sched_finish_move). While moving, a
 *    wake makes it RUNNABLE but queues nothing, and vcpu_is_running says
 *    true, so nobody frees it in the gap.
 *  - A CPU's run queue (head/tail), curr and ticks_in_slice are changed
 *    only under that CPU's sc->lock. Other CPUs take the lock to enqueue
 *    (vcpu_wake) or dequeue (vcpu_stop), never to switch: only the CPU
 *    itself runs schedule() and the context switch.
 *  - v->state, under the lock of v's CPU:
 *
 *        DOWN --vcpu_wake--> RUNNABLE --schedule--> RUNNING --block--> BLOCKED
 *                               ^                     |                  |
 *                               +----schedule---------+                  |
 *                               +----------vcpu_wake / vcpu_unblock------+
 *        any --vcpu_stop--> DOWN (VCPUOP_down) or DEAD (domain gone)
 *
 *    Only vcpu_wake (VCPUOP_up, a domain's start) brings a vCPU up from
 *    DOWN; events and timers use vcpu_unblock, which moves BLOCKED only.
 *
 *    RUNNABLE and its domain not parked <=> on the queue (v->on_runq);
 *    RUNNING <=> sc->curr == v. A toolstack pause (d->pause_count > 0),
 *    or a credit2 cap used up (sched-cap.c), parks a vCPU: it keeps its
 *    state (RUNNABLE, BLOCKED...) but is never queued or picked;
 *    schedule() drops a parked one it meets in the queue or as curr,
 *    and sched_unpark queues it again. A wake that
 *    finds v BLOCKED but still curr (it has not been switched out yet)
 *    makes it RUNNING again without queueing it: the block is undone.
 *    DEAD is final; nothing moves a vCPU out of it.
 *  - need_resched is a hint for this CPU only: set by the tick (slice
 *    over and someone waits), by a block or stop of curr, by
 *    VCPUOP/SCHEDOP yield, or by the event IPI another CPU sends after
 *    queueing a vCPU here. schedule() clears it and keeps curr running
 *    if curr is still RUNNING and nobody waits.
 *  - sc->curr is read without the lock only by vcpu_is_running (acquire),
 *    which pairs with the release in sched_forget_current and with the
 *    unlock after schedule() stores it: a CPU that sees a domain's vCPUs
 *    off every CPU may free what they used (domain_reap_dead). */
#include <asm/apic.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <xeno/arch-sched.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/timer.h>

struct sched_cpu {
	spinlock_t lock;
	struct vcpu *head, *tail;   /* runnable, not running */
	struct vcpu *curr;          /* NULL: idle */
	struct vcpu *leaving;       /* descheduled to move: see sched_finish_move */
	bool need_resched;
	unsigned int ticks_in_slice;
};

static struct sched_cpu sched_cpus[NR_CPUS];
static unsigned int cap_period_ticks;   /* CPU 0's ticks into the cap period */
static unsigned int next_cpu;

/* Another CPU made a vCPU of ours runnable: look at the run queue on the
 * way out of this interrupt (or in the idle loop). */
static void ipi_event(struct cpu_regs *regs)
{
	sched_cpus[smp_processor_id()].need_resched = true;
	apic_eoi();
	timers_ipi_local();
}

static void ipi_stop(struct cpu_regs *regs)
{
	for (;;)
		halt();
}

void sched_init(void)
{
	for (unsigned int c = 0; c < NR_CPUS; c++)
		sched_cpus[c].lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
	set_irq_handler(VECTOR_IPI_EVENT, ipi_event);
	set_irq_handler(VECTOR_IPI_STOP, ipi_stop);
}

static void enqueue(struct sched_cpu *sc, struct vcpu *v)
{
	v->on_runq = true;
	v->runq_next = NULL;
	if (sc->tail)
		sc->tail->runq_next = v;
	else
		sc->head = v;
	sc->tail = v;
}

static struct vcpu *dequeue(struct sched_cpu *sc)
{
	struct vcpu *v = sc->head;

	if (v) {
		sc->head = v->runq_next;
		if (!sc->head)
			sc->tail = NULL;
		v->runq_next = NULL;
		v->on_runq = false;
	}
	return v;
}

static void remove_from_queue(struct sched_cpu *sc, struct vcpu *v)
{
	struct vcpu **pp = &sc->head, *prev = NULL;

	for (; *pp; prev = *pp, pp = &(*pp)->runq_next)
		if (*pp == v) {
			*pp = v->runq_next;
			if (sc->tail == v)
				sc->tail = prev;
			v->runq_next = NULL;
			v->on_runq = false;
			return;
		}
}

bool vcpu_is_running(const struct vcpu *v)
{
	return __atomic_load_n(&v->moving, __ATOMIC_ACQUIRE) ||
	       __atomic_load_n(&sched_cpus[__atomic_load_n(&v->processor, __ATOMIC_ACQUIRE)].curr,
			       __ATOMIC_ACQUIRE) == v;
}

/* Lock the CPU v belongs to, rechecking after the lock: v may have moved
 * while we waited. */
static struct sched_cpu *lock_vcpu_cpu(const struct vcpu *v, unsigned long *f)
{
	for (;;) {
		unsigned int cpu = __atomic_load_n(&v->processor, __ATOMIC_ACQUIRE);
		struct sched_cpu *sc = &sched_cpus[cpu];

		*f = spin_lock_irqsave(&sc->lock);
		if (v->processor == cpu)
			return sc;
		spin_unlock_irqrestore(&sc->lock, *f);
	}
}

void sched_forget_current(void)
{
	__atomic_store_n(&sched_cpus[smp_processor_id()].curr, NULL, __ATOMIC_RELEASE);
}

void sched_add_vcpu(struct vcpu *v)
{
	v->processor = __atomic_fetch_add(&next_cpu, 1, __ATOMIC_RELAXED) % nr_cpus_online;
	v->affinity_hard = v->affinity_soft = ~0ull;   /* Xen's default: any CPU */
	v->state = VCPU_DOWN;
}

/* Parked by a toolstack pause: read under the vCPU's CPU lock, so a
 * pause or unpause (which take that lock after changing the count) and
 * this CPU agree on what is queued. */
static bool parked(const struct vcpu *v)
{
	return __atomic_load_n(&v->domain->pause_count, __ATOMIC_ACQUIRE) != 0 ||
	       sched_cap_throttled(v->domain);
}

static void kick_cpu(unsigned int cpu)
{
	if (cpu != smp_processor_id())
		apic_send_ipi(cpu_apic_id[cpu], VECTOR_IPI_EVENT);
	else
		sched_cpus[cpu].need_resched = true;
}

static void wake(struct vcpu *v, bool up)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);
	bool queued = false;

	if (v->state == VCPU_BLOCKED || (up && v->state == VCPU_DOWN)) {
		if (sc->curr == v) {
			v->state = VCPU_RUNNING;   /* blocked but not yet switched out */
		} else {
			v->state = VCPU_RUNNABLE;
			if (!parked(v) && !v->moving) {
				enqueue(sc, v);
				queued = true;
			}
		}
	}
	spin_unlock_irqrestore(&sc->lock, f);
	if (queued)
		kick_cpu(v->processor);
}

void vcpu_wake(struct vcpu *v)
{
	wake(v, true);
}

void vcpu_unblock(struct vcpu *v)
{
	wake(v, false);
}

void sched_block(struct vcpu *v)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);

	if (v->state == VCPU_RUNNING) {
		v->state = VCPU_BLOCKED;
		sc->need_resched = true;
	}
	spin_unlock_irqrestore(&sc->lock, f);
	/* The caller looks for events next. Order BLOCKED before that read, as
	 * a sender's xchg of evtchn_upcall_pending is ordered before vcpu_kick
	 * reads our state: it sees BLOCKED and wakes us, or we see its event.
	 * (The unlock is only a release: the read could pass the store.) */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void vcpu_kick(struct vcpu *v)
{
	if (v->state == VCPU_BLOCKED)
		vcpu_unblock(v);
	else if (vcpu_is_running(v) && v->processor != smp_processor_id())
		apic_send_ipi(cpu_apic_id[v->processor], VECTOR_IPI_EVENT);
}

void vcpu_yield(struct vcpu *v)
{
	sched_cpus[v->processor].need_resched = true;
}

void vcpu_stop(struct vcpu *v, bool dead)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);
	bool running_elsewhere = sc->curr == v && v->processor != smp_processor_id();

	remove_from_queue(sc, v);
	v->state = dead ? VCPU_DEAD : VCPU_DOWN;
	if (sc->curr == v)
		sc->need_resched = true;
	spin_unlock_irqrestore(&sc->lock, f);
	if (running_elsewhere)
		kick_cpu(v->processor);
}

/* A toolstack pause has raised v's domain's count: make v leave its CPU
 * (the caller waits for vcpu_is_running to turn false). */
void sched_park(struct vcpu *v)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);
	bool kick = sc->curr == v;

	remove_from_queue(sc, v);
	if (kick)
		sc->need_resched = true;
	spin_unlock_irqrestore(&sc->lock, f);
	if (kick)
		kick_cpu(v->processor);
}

/* The count is back to 0: a parked RUNNABLE vCPU goes back in the queue. */
void sched_unpark(struct vcpu *v)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);
	bool queued = false;

	if (v->state == VCPU_RUNNABLE && !v->on_runq && sc->curr != v && !parked(v) &&
	    !v->moving) {
		enqueue(sc, v);
		queued = true;
	}
	spin_unlock_irqrestore(&sc->lock, f);
	if (queued)
		kick_cpu(v->processor);
}

static bool move_pending(const struct vcpu *v)
{
	return v->move_wanted;
}

/* The second half of a move: v->processor names its new CPU; queue it
 * there if it is runnable. Clearing 'moving' is the last touch of v. */
static void move_arrive(struct vcpu *v)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);
	unsigned int cpu = v->processor;
	bool queued = false;

	if (v->state == VCPU_RUNNABLE && !v->on_runq && sc->curr != v && !parked(v)) {
		enqueue(sc, v);
		queued = true;
	}
	__atomic_store_n(&v->moving, false, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&sc->lock, f);
	if (queued)
		kick_cpu(cpu);
	timers_resync_cpu(cpu);   /* its timers now run there */
}

void sched_finish_move(void)
{
	struct sched_cpu *sc = &sched_cpus[smp_processor_id()];
	struct vcpu *v = sc->leaving;
	unsigned long f;

	if (!v)
		return;
	sc->leaving = NULL;
	f = spin_lock_irqsave(&sc->lock);
	v->move_wanted = false;
	__atomic_store_n(&v->processor, v->move_to, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&sc->lock, f);
	move_arrive(v);
}

void sched_move_vcpu(struct vcpu *v, unsigned int cpu)
{
	unsigned long f;
	struct sched_cpu *sc = lock_vcpu_cpu(v, &f);
	bool now;

	v->move_to = cpu;
	if (sc->curr == v && v->processor != cpu) {
		/* Running: its CPU moves it at its next schedule(). */
		v->move_wanted = true;
		sc->need_resched = true;
		spin_unlock_irqrestore(&sc->lock, f);
		kick_cpu(v->processor);
		return;
	}
	/* Off every CPU (or already on its way): move it now, unless its
	 * old CPU is still saving it (then that CPU finishes the move). */
	now = !v->moving && v->processor != cpu;
	if (!v->moving)
		v->move_wanted = false;   /* what was asked before no longer holds */
	else if (v->processor != cpu)
		v->move_wanted = true;    /* may arrive elsewhere: move again when it runs */
	if (now) {
		remove_from_queue(sc, v);
		__atomic_store_n(&v->moving, true, __ATOMIC_RELEASE);
		__atomic_store_n(&v->processor, cpu, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&sc->lock, f);
	if (now)
		move_arrive(v);
}

/* Pick what runs next on this CPU and switch to it. Called on the way out
 * of every entry (the architecture's exit path) and from the idle loop, interrupts
 * off. curr keeps the CPU unless it stopped being RUNNING or its slice is
 * over with someone waiting; a preempted curr goes to the queue's tail.
 * The switch itself runs after the unlock: it may not return (idle). */
void schedule(void)
{
	struct sched_cpu *sc = &sched_cpus[smp_processor_id()];
	struct vcpu *prev, *next;

	spin_lock(&sc->lock);
	prev = sc->curr;
	if (prev && prev->state == VCPU_RUNNING && !parked(prev) && !move_pending(prev) &&
	    !(sc->need_resched && sc->head)) {
		sc->need_resched = false;
		spin_unlock(&sc->lock);
		return;
	}
	sc->need_resched = false;
	if (prev && move_pending(prev)) {
		/* Leaves for its new CPU once its state is saved. */
		if (prev->state == VCPU_RUNNING)
			prev->state = VCPU_RUNNABLE;
		__atomic_store_n(&prev->moving, true, __ATOMIC_RELEASE);
		sc->leaving = prev;
	} else if (prev && prev->state == VCPU_RUNNING) {
		prev->state = VCPU_RUNNABLE;
		if (!parked(prev))
			enqueue(sc, prev);
	}
	/* A vCPU queued before its domain was paused is dropped here. */
	while ((next = dequeue(sc)) && parked(next))
		;
	if (next)
		next->state = VCPU_RUNNING;
	sc->curr = next;
	sc->ticks_in_slice = 0;
	spin_unlock(&sc->lock);
	if (next != prev)
		arch_context_switch(prev, next);   /* returns unless next is idle */
	sched_finish_move();
}

/* A vCPU's slice scales with its domain's credit2 weight (sched-ctl.c):
 * twice the weight, twice the slice, so CPU-bound vCPUs sharing a CPU
 * get CPU time in proportion to their weights (at least one tick each,
 * at most SCHED_MAX_SLICE_TICKS, so a heavy one cannot starve others). */
static unsigned int slice_ticks(const struct vcpu *v)
{
	unsigned int w = v->domain->sched_weight ? v->domain->sched_weight : SCHED_DEFAULT_WEIGHT;
	unsigned int t = SCHED_SLICE_TICKS * w / SCHED_DEFAULT_WEIGHT;

	return t < 1 ? 1 : t > SCHED_MAX_SLICE_TICKS ? SCHED_MAX_SLICE_TICKS : t;
}

void sched_tick(void)
{
	struct sched_cpu *sc = &sched_cpus[smp_processor_id()];

	timers_run_local();
	if (sc->curr && ++sc->ticks_in_slice >= slice_ticks(sc->curr) && sc->head)
		sc->need_resched = true;
	/* credit2's cap: the tick that uses up the budget parks the domain's
	 * vCPUs; CPU 0 closes each period and unparks them. */
	if (sc->curr && sched_cap_charge(sc->curr->domain)) {
		struct domain *d = sc->curr->domain;

		for (unsigned int i = 0; i < d->max_vcpus; i++)
			if (d->vcpu[i])
				sched_park(d->vcpu[i]);
	}
	if (smp_processor_id() == 0 && ++cap_period_ticks >= SCHED_CAP_PERIOD_TICKS) {
		cap_period_ticks = 0;
		sched_cap_replenish();
	}
}

/* True when something waits for this CPU. */
static bool work_pending(void)
{
	struct sched_cpu *sc = &sched_cpus[smp_processor_id()];

	return sc->head != NULL;
}

void sched_idle_loop(void)
{
	for (;;) {
		local_irq_disable();
		sched_finish_move();   /* a vCPU switched out on the way here */
		domain_reap_dead();
		if (work_pending()) {
			schedule();
			if (current_vcpu())
				arch_resume_current();   /* does not return */
		}
		if (smp_processor_id() == 0)
			idle_report_ticks();
		safe_halt();
	}
}
