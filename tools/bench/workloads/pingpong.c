/* SPDX-License-Identifier: GPL-2.0-only */
/* The pipe ping-pong shared by pipe-rt and ctx-switch. The child echoes
 * every byte until the parent closes its end. */
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"
#include "pingpong.h"

static const char *pp_name;
static int pp_to_child = -1, pp_from_child = -1;
static pid_t pp_child = -1;

static void pingpong_echo(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(0);
}

int pingpong_start(const char *name, int child_cpu)
{
	int down[2], up[2];

	pp_name = name;
	if (pipe(down) || pipe(up))
		return bench_fail(name, "pipe");
	pp_child = fork();
	if (pp_child < 0)
		return bench_fail(name, "fork");
	if (pp_child == 0) {
		if (bench_pin(child_cpu))
			_exit(1);  /* the parent's read sees EOF and says so */
		close(down[1]);
		close(up[0]);
		pingpong_echo(down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	pp_to_child = down[1];
	pp_from_child = up[0];
	return 0;
}

int pingpong_rounds(uint64_t rounds)
{
	char c = 'x';

	while (rounds--) {
		if (write(pp_to_child, &c, 1) != 1)
			return bench_fail(pp_name, "write");
		if (read(pp_from_child, &c, 1) != 1)
			return bench_fail(pp_name, "read");
	}
	return 0;
}

void pingpong_stop(void)
{
	close(pp_to_child);
	close(pp_from_child);
	if (pp_child > 0)
		waitpid(pp_child, NULL, 0);
}
