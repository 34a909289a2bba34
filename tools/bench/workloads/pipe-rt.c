/* SPDX-License-Identifier: GPL-2.0-only */
/* Pipe round trip between two processes pinned to different vCPUs (this
 * one on 0, the child on 1): per round trip, two writes, two reads and
 * two cross-CPU wake-ups, each an IPI (an event channel under PV) to a
 * vCPU that may have gone idle. Pinned, because a free scheduler makes
 * the number bimodal (same CPU or not), which hid every ratio in noise. */
#include "bench.h"
#include "pingpong.h"

int main(int argc, char **argv)
{
	int rc;

	if (pingpong_start("pipe_rt", 1))
		return 1;
	rc = bench_main(argc, argv, "pipe_rt", pingpong_rounds);
	pingpong_stop();
	return rc;
}
