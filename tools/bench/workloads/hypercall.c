/* SPDX-License-Identifier: GPL-2.0-only */
/* Null hypercall from user space: xen_version(XENVER_version) through
 * /dev/xen/privcmd (Debian's xen-privcmd.ko). The time includes the ioctl
 * system call around the hypercall; there is no cheaper door from user
 * space. The workload reports itself absent, not a number, without the
 * device (HVM under QEMU: not a Xen guest) and when open() blocks: this
 * kernel's privcmd_open() in an unprivileged domain waits for xenstore
 * (to restrict the fd to its target domain), and a dom0less domU with no
 * xenstore waits for ever. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "xen-dev.h"

static int privcmd_fd = -1;

static int batch(uint64_t iters)
{
	struct xen_privcmd_hypercall hc = {
		.op = XEN_HYPERCALL_xen_version,
		.arg = { XEN_XENVER_version, 0 },
	};

	while (iters--)
		if (ioctl(privcmd_fd, XEN_IOCTL_PRIVCMD_HYPERCALL, &hc) < 0)
			return bench_fail("hypercall", "ioctl");
	return 0;
}

#define OPEN_WAIT_S 5

static void on_alarm(int sig)
{
	(void)sig;  /* only interrupts the open */
}

/* open() with a time limit: the sleep in privcmd_open is interruptible. */
static int privcmd_open_timed(void)
{
	struct sigaction sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;  /* no SA_RESTART: open fails with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	alarm(OPEN_WAIT_S);
	fd = open(XEN_PRIVCMD_PATH, O_RDWR);
	alarm(0);
	return fd;
}

int main(int argc, char **argv)
{
	int rc;

	privcmd_fd = privcmd_open_timed();
	if (privcmd_fd < 0) {
		printf("BENCH name=hypercall absent=%s\n",
		       errno == ENOENT ? "no-privcmd-device" :
		       errno == EINTR ? "privcmd-open-waits-for-xenstore" :
		       "open-failed");
		return 0;
	}
	rc = bench_main(argc, argv, "hypercall", batch);
	close(privcmd_fd);
	return rc;
}
