/* SPDX-License-Identifier: GPL-2.0-only */
/* Timer accuracy: absolute clock_nanosleep at offsets from 50 us to
 * 20 ms, timer slack 1 ns; lateness is the monotonic clock after the
 * wake-up minus the deadline, on the guest's own clock (under Xen a
 * singleshot timer per sleep). Prints the median and 99th percentile:
 *   BENCH name=timer_late late_p50=<ns> late_p99=<ns> early=<n> samples=<n>
 * argv[1] (batch ms, as the other workloads) only picks the round count:
 * below 100, the smoke run's one round. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include "bench.h"

#define US 1000ULL
#define MAX_ROUNDS 8

static const uint64_t offsets[] = {
	50 * US, 100 * US, 230 * US, 500 * US, 1000 * US, 1700 * US, 3300 * US,
	5000 * US, 7700 * US, 12000 * US, 20000 * US,
};
#define NR_OFFSETS (sizeof(offsets) / sizeof(offsets[0]))

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static uint64_t late[MAX_ROUNDS * NR_OFFSETS];
	unsigned int rounds = argc > 1 && atoi(argv[1]) < 100 ? 1 : MAX_ROUNDS, n = 0, early = 0;

	if (prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0))
		return bench_fail("timer_late", "prctl");
	for (unsigned int r = 0; r < rounds; r++)
		for (unsigned int i = 0; i < NR_OFFSETS; i++) {
			/* A few odd microseconds more each time: no deadline
			 * lines up with a tick. */
			uint64_t deadline = bench_now_ns() + offsets[i] + (r * 7 + i * 13) % 97 * US;
			struct timespec ts = { (time_t)(deadline / 1000000000ULL),
					       (long)(deadline % 1000000000ULL) };
			uint64_t now;
			int rc;

			while ((rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL)) == EINTR)
				;
			if (rc) {
				errno = rc;
				return bench_fail("timer_late", "clock_nanosleep");
			}
			now = bench_now_ns();
			early += now < deadline;
			late[n++] = now > deadline ? now - deadline : 0;
		}
	qsort(late, n, sizeof(late[0]), cmp_u64);
	printf("BENCH name=timer_late late_p50=%llu late_p99=%llu early=%u samples=%u\n",
	       (unsigned long long)late[n / 2], (unsigned long long)late[n * 99 / 100], early, n);
	fflush(stdout);
	return 0;
}
