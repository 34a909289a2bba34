/* SPDX-License-Identifier: GPL-2.0-only */
/* fork + _exit + waitpid: copying and pinning the page tables of a small
 * static process, then tearing them down. */
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

static int batch(uint64_t iters)
{
	while (iters--) {
		pid_t pid = fork();

		if (pid < 0)
			return bench_fail("fork_exit", "fork");
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid)
			return bench_fail("fork_exit", "waitpid");
	}
	return 0;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, "fork_exit", batch);
}
