/* SPDX-License-Identifier: MIT */
/*
 * evtchn: event_channel_op port life cycles and argument checks, with
 * events masked throughout (no upcall is needed).
 *
 * Checks alloc_unbound for DOMID_SELF (status unbound, close, status
 * closed, a second close -EINVAL) and for a domain that does not exist
 * (-ESRCH); bind_virq of VIRQ_TIMER (status virq; binding it twice
 * -EEXIST; VIRQ number NR_VIRQS -EINVAL; a vCPU that does not exist
 * -ENOENT); bind_ipi (send 0, status ipi); unmask of a bound port; send
 * and close of a free port and status of port 4096 (-EINVAL); NULL,
 * hypervisor-range and non-canonical argument pointers (-EFAULT); an
 * unknown command (-ENOSYS).
 *
 * A broken hypervisor hands out port 0 or the same port twice, binds a
 * VIRQ twice, accepts ports past its table (an out-of-bounds access in
 * the hypervisor), or reads arguments through pointers into itself.
 */
#include "guest.h"

#define UNUSED_PORT 1000     /* free in any event channel table */
#define PAST_2L_PORTS 4096   /* past the 2-level ABI's last port */

static long evtchn_op(unsigned long cmd, void *arg)
{
	return HYPERVISOR_event_channel_op(cmd, gva(arg));
}

static void check_status(const char *name, evtchn_port_t port, uint32_t want)
{
	struct evtchn_status st = { .dom = DOMID_SELF, .port = port };
	long rc = evtchn_op(EVTCHNOP_status, &st);

	if (rc)
		expect_ok(name, rc);
	else
		expect_eq(name, st.status, want);
}

static void test_unbound(void)
{
	struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_alloc_unbound ghost = { .dom = 1000, .remote_dom = DOMID_SELF };
	struct evtchn_close c;

	if (!expect_ok("alloc_unbound/self", evtchn_op(EVTCHNOP_alloc_unbound, &a)))
		return;
	expect_true("alloc_unbound/port-nonzero", a.port != 0, "port 0 handed out");
	check_status("alloc_unbound/status", a.port, EVTCHNSTAT_unbound);
	c.port = a.port;
	expect_ok("close/unbound", evtchn_op(EVTCHNOP_close, &c));
	check_status("close/status-closed", a.port, EVTCHNSTAT_closed);
	expect_rc("close/twice", evtchn_op(EVTCHNOP_close, &c), -XEN_EINVAL);
	expect_rc("alloc_unbound/no-such-domain", evtchn_op(EVTCHNOP_alloc_unbound, &ghost),
		  -XEN_ESRCH);
}

static void test_virq(void)
{
	struct evtchn_bind_virq v = { .virq = VIRQ_TIMER, .vcpu = 0 };
	struct evtchn_bind_virq again = { .virq = VIRQ_TIMER, .vcpu = 0 };
	struct evtchn_bind_virq bad_virq = { .virq = NR_VIRQS, .vcpu = 0 };
	struct evtchn_bind_virq bad_vcpu = { .virq = VIRQ_TIMER, .vcpu = 1 };
	struct evtchn_unmask u;
	struct evtchn_close c;

	if (!expect_ok("bind_virq/timer", evtchn_op(EVTCHNOP_bind_virq, &v)))
		return;
	check_status("bind_virq/status", v.port, EVTCHNSTAT_virq);
	expect_rc("bind_virq/twice", evtchn_op(EVTCHNOP_bind_virq, &again), -XEN_EEXIST);
	expect_rc("bind_virq/nr-virqs", evtchn_op(EVTCHNOP_bind_virq, &bad_virq), -XEN_EINVAL);
	expect_rc("bind_virq/no-such-vcpu", evtchn_op(EVTCHNOP_bind_virq, &bad_vcpu),
		  -XEN_ENOENT);
	u.port = v.port;
	expect_ok("unmask/bound", evtchn_op(EVTCHNOP_unmask, &u));
	c.port = v.port;
	expect_ok("close/virq", evtchn_op(EVTCHNOP_close, &c));
	expect_ok("bind_virq/after-close", evtchn_op(EVTCHNOP_bind_virq, &again));
	c.port = again.port;
	evtchn_op(EVTCHNOP_close, &c);
}

static void test_ipi(void)
{
	struct evtchn_bind_ipi b = { .vcpu = 0 };
	struct evtchn_send s;
	struct evtchn_close c;

	if (!expect_ok("bind_ipi/vcpu0", evtchn_op(EVTCHNOP_bind_ipi, &b)))
		return;
	check_status("bind_ipi/status", b.port, EVTCHNSTAT_ipi);
	s.port = b.port;
	expect_ok("send/ipi", evtchn_op(EVTCHNOP_send, &s));
	c.port = b.port;
	expect_ok("close/ipi", evtchn_op(EVTCHNOP_close, &c));
}

static void test_hostile(void)
{
	struct evtchn_send s = { .port = UNUSED_PORT };
	struct evtchn_close c = { .port = UNUSED_PORT };
	struct evtchn_status st = { .dom = DOMID_SELF, .port = PAST_2L_PORTS };
	struct evtchn_send huge = { .port = 0xffffffff };

	expect_rc("send/unallocated", evtchn_op(EVTCHNOP_send, &s), -XEN_EINVAL);
	expect_rc("send/port-huge", evtchn_op(EVTCHNOP_send, &huge), -XEN_EINVAL);
	expect_rc("close/unallocated", evtchn_op(EVTCHNOP_close, &c), -XEN_EINVAL);
	expect_rc("status/port-4096", evtchn_op(EVTCHNOP_status, &st), -XEN_EINVAL);
	expect_rc("evtchn/null", HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, 0),
		  -XEN_EFAULT);
	expect_rc("evtchn/hypervisor",
		  HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("evtchn/noncanonical",
		  HYPERVISOR_event_channel_op(EVTCHNOP_send, NON_CANONICAL), -XEN_EFAULT);
	expect_rc("evtchn/unknown-cmd", evtchn_op(100, &s), -XEN_ENOSYS);
}

void test_main(void)
{
	test_unbound();
	test_virq();
	test_ipi();
	test_hostile();
}
