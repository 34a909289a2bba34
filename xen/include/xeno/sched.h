/* SPDX-License-Identifier: GPL-2.0 */
/* The scheduler: per-CPU round-robin run queues with a time slice. The
 * hypervisor itself is not preemptible: switches happen only on the way
 * out to a guest, or in the idle loop. */
#ifndef XENO_SCHED_H
#define XENO_SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

#define SCHED_SLICE_TICKS     3     /* at the default weight */
#define SCHED_DEFAULT_WEIGHT  256   /* credit2's default (xl sched-credit2) */
#define SCHED_MAX_SLICE_TICKS (16 * SCHED_SLICE_TICKS)
#define SCHED_CAP_PERIOD_TICKS 10   /* credit2 cap accounting period */

void sched_init(void);
/* Give v a CPU (round robin over online CPUs); v starts down. */
void sched_add_vcpu(struct vcpu *v);
/* Make v runnable (from down or blocked) and kick its CPU: bringing a
 * vCPU up. */
void vcpu_wake(struct vcpu *v);
/* The same for a blocked v only: events, timeouts and poll wake-ups never
 * bring back a vCPU that was taken down (as Xen's _VPF_down). */
void vcpu_unblock(struct vcpu *v);
/* v (current) blocks until vcpu_wake, unless an event is pending. */
void sched_block(struct vcpu *v);
void vcpu_yield(struct vcpu *v);
/* Take v off the CPUs for good (its domain is going) or until woken. */
void vcpu_stop(struct vcpu *v, bool dead);
/* Run v on cpu from now on (vcpu-pin): at once when v is off every CPU,
 * else at its CPU's next schedule(). */
void sched_move_vcpu(struct vcpu *v, unsigned int cpu);
/* This CPU switched out a vCPU that moves: queue it on its new CPU
 * (called after every switch and from the idle loop). */
void sched_finish_move(void);
/* credit2 caps (sched-cap.c): is d out of budget for this period? Charge
 * one tick to d: true when that throttled it (the caller takes its vCPUs
 * off their CPUs). Every budget back, throttled vCPUs queued again (CPU
 * 0's tick, once a period). */
struct domain;
bool sched_cap_throttled(const struct domain *d);
bool sched_cap_charge(struct domain *d);
void sched_cap_replenish(void);
/* Toolstack pause support (domain.c changes d->pause_count first). */
void sched_park(struct vcpu *v);
void sched_unpark(struct vcpu *v);
/* On the way out to a guest: switch if needed. Does not return when the
 * CPU goes idle. */
void schedule(void);
/* Timer-interrupt work: slice accounting, guest timers. */
void sched_tick(void);
__attribute__((noreturn)) void sched_idle_loop(void);
/* Is v on a CPU right now (running or about to return to the guest)? */
bool vcpu_is_running(const struct vcpu *v);
/* This CPU runs nothing any more (see arch_leave_guest_context). */
void sched_forget_current(void);

#endif
