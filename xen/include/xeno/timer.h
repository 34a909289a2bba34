/* SPDX-License-Identifier: GPL-2.0 */
/* Guest timers: one single-shot and one periodic timer per vCPU, run by
 * the one-shot timer interrupts of the vCPU's CPU; expiry raises
 * VIRQ_TIMER. */
#ifndef XENO_TIMER_H
#define XENO_TIMER_H

#include <stdint.h>

struct vcpu;

/* Nanoseconds of system time (since boot), what guests see in pvclock. */
uint64_t system_time_ns(void);

void vcpu_set_singleshot(struct vcpu *v, uint64_t deadline_ns);
void vcpu_stop_singleshot(struct vcpu *v);
void vcpu_set_periodic(struct vcpu *v, uint64_t period_ns);
void vcpu_stop_periodic(struct vcpu *v);
/* Fire the due timers of vCPUs on this CPU. */
void timers_run_local(void);
/* The earliest deadline of the vCPUs on this CPU (TIMER_NONE if none). */
uint64_t timers_next_local(void);
/* A timer of v changed: reprogram v's CPU (this one, or by IPI). */
void timers_resync_vcpu(struct vcpu *v);
/* A vCPU with timers may have arrived on cpu: reprogram it. */
void timers_resync_cpu(unsigned int cpu);
/* The event IPI arrived: reprogram if another CPU asked us to. */
void timers_ipi_local(void);

#endif
