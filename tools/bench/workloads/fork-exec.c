/* SPDX-License-Identifier: GPL-2.0-only */
/* fork + execve of a tiny static program (bench-nop) + waitpid: fork's
 * cost plus building a fresh address space. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define NOP_PATH "/bench/bench-nop"

static int batch(uint64_t iters)
{
	static char *const argv[] = { NOP_PATH, NULL };
	static char *const envp[] = { NULL };

	while (iters--) {
		pid_t pid = fork();
		int status;

		if (pid < 0)
			return bench_fail("fork_exec", "fork");
		if (pid == 0) {
			execve(NOP_PATH, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid)
			return bench_fail("fork_exec", "waitpid");
		if (status != 0)
			{
			errno = ENOEXEC;
			return bench_fail("fork_exec", "exec");
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, "fork_exec", batch);
}
