/* SPDX-License-Identifier: GPL-2.0-only */
/* A CPU-bound loop with no memory traffic or kernel entry: the sanity row,
 * which should cost the same in every set-up (ratio ~1.0). */
#include "bench.h"

static volatile uint64_t sink;

static int batch(uint64_t iters)
{
	uint64_t x = 88172645463325252ULL, i;

	/* xorshift: a dependency chain the compiler cannot fold away */
	for (i = 0; i < iters * 1000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	sink = x;
	return 0;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, "cpu_loop", batch);
}
