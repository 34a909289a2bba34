/* SPDX-License-Identifier: GPL-2.0 */
/* The next deadline of a CPU's one-shot timer: hardware-free, so the
 * host tests compile this very file. Callers: common/timer.c (a vCPU's
 * earliest timer) and the architecture's timer (tick grid, counts). */
#include <xeno/timer-deadline.h>

#define NS_PER_SEC 1000000000ULL

static uint64_t earlier(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

uint64_t timer_vcpu_next(const struct vcpu_timers *t)
{
	uint64_t next = TIMER_NONE;

	if (t->singleshot_ns)
		next = earlier(next, t->singleshot_ns);
	if (t->periodic_ns)
		next = earlier(next, t->periodic_next_ns);
	/* A finished poll leaves its deadline behind: counting it would
	 * program an interrupt for a timeout that never fires again. */
	if (t->poll_active && t->poll_deadline_ns)
		next = earlier(next, t->poll_deadline_ns);
	return next;
}

uint64_t timer_next_tick(uint64_t prev_tick, uint64_t now, uint64_t period)
{
	if (period == 0)
		return TIMER_NONE;
	if (now < prev_tick)
		return prev_tick + period;
	/* Skip the ticks missed (a host that descheduled us), keep the grid. */
	return prev_tick + ((now - prev_tick) / period + 1) * period;
}

uint64_t timer_program_at(uint64_t now, uint64_t next_tick, uint64_t guest_next,
			  uint64_t min_delta)
{
	uint64_t at = earlier(next_tick, guest_next);
	uint64_t soonest = now > UINT64_MAX - min_delta ? UINT64_MAX : now + min_delta;

	return at < soonest ? soonest : at;
}

uint64_t timer_ns_to_count(uint64_t delta_ns, uint64_t hz, uint64_t max)
{
	uint64_t secs = delta_ns / NS_PER_SEC, c;

	/* Whole seconds and the rest apart: (rest * hz) fits in 64 bits for
	 * any hz below 2^34 (16 GHz), and no 128-bit division is needed. */
	if (hz && secs > max / hz)
		return max;
	c = secs * hz + ((delta_ns % NS_PER_SEC) * hz + NS_PER_SEC - 1) / NS_PER_SEC;
	if (c < 1)
		return max < 1 ? max : 1;
	return c > max ? max : c;
}
