/* SPDX-License-Identifier: GPL-2.0-only */
/* Context switch: the pipe ping-pong with both processes pinned to CPU 0,
 * so each half round trip is one switch (under PV: a new_baseptr and the
 * stack switch through the hypervisor). Reported per switch. */
#include "bench.h"
#include "pingpong.h"

static int batch(uint64_t switches)
{
	return pingpong_rounds((switches + 1) / 2);
}

int main(int argc, char **argv)
{
	int rc;

	if (pingpong_start("ctx_switch", 0))
		return 1;
	rc = bench_main(argc, argv, "ctx_switch", batch);
	pingpong_stop();
	return rc;
}
