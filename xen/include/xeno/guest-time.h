/* SPDX-License-Identifier: GPL-2.0 */
/* What guests see of time: pvclock (vcpu_time_info), the wallclock in
 * shared_info, and per-vCPU runstate accounting. */
#ifndef XENO_GUEST_TIME_H
#define XENO_GUEST_TIME_H

#include <stdint.h>

struct vcpu;
struct domain;
struct vcpu_runstate_info;

/* Read the RTC once at boot: UTC at system time 0. */
void guest_time_init(void);
/* Fill a new domain's wallclock. */
void guest_time_init_domain(struct domain *d);
/* Refresh v's vcpu_time_info (odd/even version protocol) and, when v is
 * the running vCPU, the copies it registered in its own memory. */
void guest_time_update(struct vcpu *v);
void guest_runstate_change(struct vcpu *v, int new_state);
void guest_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *ri);
/* Derive pvclock's mul/shift from a frequency (host-tested). */
void pvclock_scale(uint64_t hz, uint32_t *mul, int8_t *shift);

#endif
