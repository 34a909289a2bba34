/* SPDX-License-Identifier: GPL-2.0-only */
/* Batch timing for the workloads: calibration batches that double as the
 * warm-up (TCG translates code on first use), then BENCH_BATCHES timed
 * batches of equal length whose median is reported. Batches are sized by
 * time, not count, so a slow set-up costs no more wall time than a fast
 * one. */
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
#define BENCH_DEFAULT_MS 200
#define BENCH_MAX_MS 10000

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

/* argv[1]: the batch duration to aim for, in ms of the guest's clock. */
static uint64_t parse_target_ms(int argc, char **argv)
{
	char *end;
	unsigned long long v;

	if (argc < 2)
		return BENCH_DEFAULT_MS;
	v = strtoull(argv[1], &end, 10);
	if (*end || v == 0 || v > BENCH_MAX_MS)
		return 0;
	return v;
}

/* Doubles the batch until it lasts a tenth of the target (this is also
 * the warm-up), then scales it to the target. Returns 0 on failure. */
static uint64_t calibrate(bench_batch_fn batch, uint64_t target_ns)
{
	uint64_t n = 1, took;

	/* One cold pass first: TCG translates the code on first use, which
	 * would make the first timed pass look slow and the batch small. */
	if (batch(1))
		return 0;
	for (;;) {
		uint64_t t0 = bench_now_ns();

		if (batch(n))
			return 0;
		took = bench_now_ns() - t0;
		if (took >= target_ns / 10 || n >= BENCH_MAX_ITERS / 2)
			break;
		n *= 2;
	}
	if (took == 0)
		took = 1;
	n = (uint64_t)((double)n * (double)target_ns / (double)took);
	if (n < 1)
		n = 1;
	return n < BENCH_MAX_ITERS ? n : BENCH_MAX_ITERS;
}

int bench_main(int argc, char **argv, const char *name, bench_batch_fn batch)
{
	double ns[BENCH_BATCHES];
	uint64_t target_ms = parse_target_ms(argc, argv), iters;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Every workload runs on vCPU 0, and children inherit it: a parent
	 * woken on the other vCPU would add an IPI and idle wake-up to some
	 * operations and not others (pipe-rt pins its child to 1 on purpose). */
	if (bench_pin(0)) {
		bench_fail(name, "sched_setaffinity");
		return 1;
	}
	if (!target_ms) {
		printf("BENCH name=%s error=bad-target\n", name);
		return 2;
	}
	iters = calibrate(batch, target_ms * 1000000ULL);
	if (!iters)
		return 1;
	/* The host timestamps this line and the result line: its own clock
	 * checks the guest's (a PV clock can be miscalibrated). */
	printf("BENCH-T0 name=%s\n", name);
	for (i = 0; i < BENCH_BATCHES; i++) {
		uint64_t t0 = bench_now_ns();

		if (batch(iters))
			return 1;
		ns[i] = (double)(bench_now_ns() - t0) / (double)iters;
	}
	qsort(ns, BENCH_BATCHES, sizeof(ns[0]), cmp_double);
	printf("BENCH name=%s ns_per_op=%.1f min=%.1f iters=%llu batches=%d\n",
	       name, ns[BENCH_BATCHES / 2], ns[0], (unsigned long long)iters,
	       BENCH_BATCHES);
	return 0;
}
