/* SPDX-License-Identifier: GPL-2.0-only */
/* Null system call: getppid through syscall(2), so no libc caching hides
 * the kernel entry. PV pays the hypervisor's syscall bounce and a
 * page-table switch each way; HVM stays inside the guest. */
#include <sys/syscall.h>
#include <unistd.h>
#include "bench.h"

static int batch(uint64_t iters)
{
	while (iters--)
		syscall(SYS_getppid);
	return 0;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, "null_syscall", batch);
}
