/* SPDX-License-Identifier: GPL-2.0-only */
/* The workloads' common frame: time a batch of operations, print one
 * machine-readable line. Each workload file supplies only its batch. */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

/* Runs `iters` operations; returns 0, or -1 after printing why it failed. */
typedef int (*bench_batch_fn)(uint64_t iters);

/* Parses argv[1] (target batch length in ms, default 200), calibrates the
 * batch size, prints "BENCH-T0 name=<name>", times BENCH_BATCHES batches
 * and prints
 *   BENCH name=<name> ns_per_op=<median> min=<best> iters=<n> batches=<b>
 * or "BENCH name=<name> error=<why>". Returns main's exit status. */
int bench_main(int argc, char **argv, const char *name, bench_batch_fn batch);

/* Monotonic nanoseconds. */
uint64_t bench_now_ns(void);

/* Prints "BENCH name=<name> error=<what>: <errno text>"; returns -1. */
int bench_fail(const char *name, const char *what);

/* Pins the calling process to CPU `cpu`; 0 or -1. */
int bench_pin(int cpu);

#endif
