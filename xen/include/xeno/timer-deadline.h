/* SPDX-License-Identifier: GPL-2.0 */
/* Choosing when a CPU's one-shot timer fires next: pure arithmetic on
 * nanoseconds of system time, no hardware (timer-deadline.c; host tests
 * in tests/unit/test-timer-deadline.c). TIMER_NONE means "nothing due". */
#ifndef XENO_TIMER_DEADLINE_H
#define XENO_TIMER_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#define TIMER_NONE UINT64_MAX

/* The fields of one vCPU's timers, as struct vcpu holds them (0: unset). */
struct vcpu_timers {
	uint64_t singleshot_ns;     /* absolute deadline */
	uint64_t periodic_ns;       /* period */
	uint64_t periodic_next_ns;  /* next periodic event, if a period is set */
	uint64_t poll_deadline_ns;  /* SCHEDOP_poll's timeout ... */
	bool poll_active;           /* ... which counts only while polling */
};

/* The earliest deadline of one vCPU's timers, or TIMER_NONE. */
uint64_t timer_vcpu_next(const struct vcpu_timers *t);

/* The first tick boundary after now: prev_tick + k * period, k >= 1, so
 * ticks stay on their grid and a late interrupt counts one tick. */
uint64_t timer_next_tick(uint64_t prev_tick, uint64_t now, uint64_t period);

/* When to program the CPU's timer: the earlier of the next tick and the
 * earliest guest deadline, but never before now + min_delta (a deadline
 * already due gets the soonest interrupt the hardware can give). */
uint64_t timer_program_at(uint64_t now, uint64_t next_tick, uint64_t guest_next,
			  uint64_t min_delta);

/* Counts of a timer running at hz in delta_ns, rounded up (a timer that
 * counts too few fires early), at least 1, at most max; hz < 2^34. */
uint64_t timer_ns_to_count(uint64_t delta_ns, uint64_t hz, uint64_t max);

#endif
