/* SPDX-License-Identifier: GPL-2.0 */
/* Guest timers: one single-shot and one periodic timer per vCPU, checked
 * on every tick of the vCPU's CPU; expiry raises VIRQ_TIMER. */
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

#endif
