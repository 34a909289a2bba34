/* SPDX-License-Identifier: GPL-2.0 */
/* TLB clock arithmetic (see asm/tlb-clock.h): ticks, the wrap period, and
 * the question whether a frame stamped at some tick may still be cached. */
#include <asm/tlb-clock.h>

uint32_t tlb_clock_tick(uint32_t *clock)
{
	uint32_t t = __atomic_load_n(clock, __ATOMIC_ACQUIRE), next;

	do {
		if (t == 0)
			return 0;   /* in a wrap period: the clock stands still */
		next = t + 1;       /* 0 after 0xffffffff starts the period */
	} while (!__atomic_compare_exchange_n(clock, &t, next, false, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	return next;
}

/* A CPU may cache the frame if its last flush began at or before the
 * stamp. A stamp above 'now' is from before the last wrap, and every CPU
 * has flushed since (the wrap period ends only with a global flush); a
 * CPU time above the stamp likewise cannot be from before that flush. */
bool tlb_clock_flush_needed(const uint32_t *cpu_time, unsigned int nr_cpus,
			    uint32_t stamp, uint32_t now)
{
	if (now == 0)
		return true;
	if (stamp > now)
		return false;
	for (unsigned int c = 0; c < nr_cpus; c++)
		if (__atomic_load_n(&cpu_time[c], __ATOMIC_ACQUIRE) <= stamp)
			return true;
	return false;
}

void tlb_clock_end_wrap(uint32_t *clock)
{
	uint32_t zero = 0;

	__atomic_compare_exchange_n(clock, &zero, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
