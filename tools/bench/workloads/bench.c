/* SPDX-License-Identifier: GPL-2.0-only */
/* Batch timing for the workloads: a warm-up batch (TCG translates code on
 * first use, so the first pass is not representative), then
 * BENCH_BATCHES timed batches whose median is reported. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench.h"

#define BENCH_BATCHES 5
#define BENCH_MAX_ITERS 100000000ULL

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int bench_fail(const char *name, const char *what)
{
	printf("BENCH name=%s error=%s:%s\n", name, what, strerror(errno));
	fflush(stdout);
	return -1;
}

int bench_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static uint64_t parse_iters(int argc, char **argv, uint64_t dflt)
{
	char *end;
	unsigned long long v;

	if (argc < 2)
		return dflt;
	v = strtoull(argv[1], &end, 10);
	if (*end || v == 0 || v > BENCH_MAX_ITERS)
		return 0;
	return v;
}

int bench_main(int argc, char **argv, const char *name, uint64_t dflt,
	       bench_batch_fn batch)
{
	double ns[BENCH_BATCHES];
	uint64_t iters = parse_iters(argc, argv, dflt);
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!iters) {
		printf("BENCH name=%s error=bad-iterations\n", name);
		return 2;
	}
	if (batch(iters / 10 + 1))
		return 1;
	for (i = 0; i < BENCH_BATCHES; i++) {
		uint64_t t0 = bench_now_ns();

		if (batch(iters))
			return 1;
		ns[i] = (double)(bench_now_ns() - t0) / (double)iters;
	}
	qsort(ns, BENCH_BATCHES, sizeof(ns[0]), cmp_double);
	printf("BENCH name=%s ns_per_op=%.1f min=%.1f iters=%llu\n", name,
	       ns[BENCH_BATCHES / 2], ns[0], (unsigned long long)iters);
	return 0;
}
