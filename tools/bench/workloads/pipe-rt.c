/* SPDX-License-Identifier: GPL-2.0-only */
/* Pipe round trip between two processes, free to run on either vCPU:
 * per round trip, two writes, two reads and two wake-ups (cross-CPU ones
 * go through an IPI, an event channel under PV). */
#include "bench.h"
#include "pingpong.h"

int main(int argc, char **argv)
{
	int rc;

	if (pingpong_start("pipe_rt", -1))
		return 1;
	rc = bench_main(argc, argv, "pipe_rt", pingpong_rounds);
	pingpong_stop();
	return rc;
}
