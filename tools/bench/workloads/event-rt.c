/* SPDX-License-Identifier: GPL-2.0-only */
/* Event channel round trip inside one domain through /dev/xen/evtchn
 * (Debian's xen-evtchn.ko): two ports bound to each other; per round trip
 * notify A, read B's arrival, unmask B, notify B, read A's, unmask A.
 * Covers EVTCHNOP_send, the upcall, the driver's wake-up and unmask.
 * Absent where the device is (HVM under QEMU: not a Xen guest). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#include "bench.h"
#include "xen-dev.h"

static int evt_fd = -1;
static uint32_t port_a, port_b;

/* Reads one arrived port and unmasks it; returns the port or -1. */
static int64_t evt_take(void)
{
	uint32_t got;

	if (read(evt_fd, &got, sizeof(got)) != sizeof(got))
		return bench_fail("event_rt", "read");
	if (write(evt_fd, &got, sizeof(got)) != sizeof(got))
		return bench_fail("event_rt", "unmask");
	return got;
}

static int evt_pass(uint32_t from, uint32_t to)
{
	struct xen_evtchn_u32 notify = { from };
	int64_t got;

	if (ioctl(evt_fd, XEN_IOCTL_EVTCHN_NOTIFY, &notify) < 0)
		return bench_fail("event_rt", "notify");
	got = evt_take();
	if (got < 0)
		return -1;
	if (got != to) {
		errno = EPROTO;
		return bench_fail("event_rt", "wrong-port");
	}
	return 0;
}

/* Binding may leave the new port pending (Xen marks it so that nothing
 * sent before the bind is lost): consume such arrivals before timing. */
static int evt_drain(void)
{
	struct pollfd pfd = { .fd = evt_fd, .events = POLLIN };

	while (poll(&pfd, 1, 200) == 1)
		if (evt_take() < 0)
			return -1;
	return 0;
}

static int batch(uint64_t iters)
{
	while (iters--)
		if (evt_pass(port_a, port_b) || evt_pass(port_b, port_a))
			return -1;
	return 0;
}

/* Our domid is not visible from user space, so try DOMID_SELF and the
 * ids the set-ups use (dom0 on Xen, domain 1 on Xeno). */
static int evt_bind_loop(void)
{
	static const uint32_t ids[] = { XEN_DOMID_SELF, 0, 1, 2 };
	unsigned int i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct xen_evtchn_u32 unbound = { ids[i] };
		struct xen_evtchn_bind_interdomain bind;
		int a, b;

		a = ioctl(evt_fd, XEN_IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
		if (a < 0)
			continue;
		bind.remote_domain = ids[i];
		bind.remote_port = (uint32_t)a;
		b = ioctl(evt_fd, XEN_IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
		if (b >= 0) {
			port_a = (uint32_t)a;
			port_b = (uint32_t)b;
			return 0;
		}
		unbound.value = (uint32_t)a;
		ioctl(evt_fd, XEN_IOCTL_EVTCHN_UNBIND, &unbound);
	}
	return bench_fail("event_rt", "bind");
}

int main(int argc, char **argv)
{
	int rc;

	evt_fd = open(XEN_EVTCHN_PATH, O_RDWR);
	if (evt_fd < 0) {
		printf("BENCH name=event_rt absent=%s\n",
		       errno == ENOENT ? "no-evtchn-device" : "open-failed");
		return 0;
	}
	if (evt_bind_loop() || evt_drain())
		return 1;
	rc = bench_main(argc, argv, "event_rt", batch);
	close(evt_fd);
	return rc;
}
