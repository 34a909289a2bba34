/* SPDX-License-Identifier: GPL-2.0-only */
/* One byte bounced between this process and a child over two pipes. */
#ifndef PINGPONG_H
#define PINGPONG_H

#include <stdint.h>

/* Forks the echoing child pinned to `child_cpu`; bench_main pins this
 * process to CPU 0. Returns 0, or -1 after printing why under `name`. */
int pingpong_start(const char *name, int child_cpu);

/* `rounds` round trips with the child; 0 or -1. */
int pingpong_rounds(uint64_t rounds);

/* Closes the pipes, which ends the child, and reaps it. */
void pingpong_stop(void);

#endif
