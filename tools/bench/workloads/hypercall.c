/* SPDX-License-Identifier: GPL-2.0-only */
/* Null hypercall from user space: xen_version(XENVER_version) through
 * /dev/xen/privcmd (Debian's xen-privcmd.ko). The time includes the ioctl
 * system call around the hypercall; there is no cheaper door from user
 * space. Without the device (HVM under QEMU: not a Xen guest) the
 * workload reports itself absent rather than a number. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

int main(int argc, char **argv)
{
	int rc;

	privcmd_fd = open(XEN_PRIVCMD_PATH, O_RDWR);
	if (privcmd_fd < 0) {
		printf("BENCH name=hypercall absent=%s\n",
		       errno == ENOENT ? "no-privcmd-device" : "open-failed");
		return 0;
	}
	rc = bench_main(argc, argv, "hypercall", batch);
	close(privcmd_fd);
	return rc;
}
