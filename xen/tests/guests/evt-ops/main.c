/* SPDX-License-Identifier: MIT */
/*
 * evt-ops: every event_channel_op sub-op on one vCPU, positive and
 * hostile, with Xen 4.17's codes and in Xen's order of checks.
 *
 * Module line: "evt-ops role=domU self=N peer=M" (our domain id and
 * another live domain's). Checks: our domid through alloc_unbound for
 * DOMID_SELF; alloc_unbound for a remote that does not exist (allowed),
 * for a domain that does not exist (-ESRCH) and for another domain
 * (-EPERM); status of another domain's port (-EPERM, but -EINVAL first for
 * a port past its buckets); ports becoming valid a 64-port bucket at a
 * time; the 1023-port limit (-ENOSPC) and its last port; bind_virq twice
 * (-EEXIST), a global VIRQ on vCPU != 0 (-EINVAL before -ENOENT), bad VIRQ
 * numbers and vCPUs; bind_ipi; bind_pirq without physical IRQs; a
 * loopback interdomain channel (the bind notifies the local end, sends
 * both ways, closing a port in use leaves the peer unbound, rebinding);
 * binding ports not offered to us; masked events staying pending until
 * EVTCHNOP_unmask; close, send, unmask, bind_vcpu on bad ports; reset;
 * the FIFO ops; bad argument pointers for every sub-op.
 *
 * A broken hypervisor hands out a port twice, lets a domU act on
 * another domain's ports, accepts ports past its table, delivers masked
 * events or loses them, or returns codes a Linux guest does not expect.
 */
#include "evt.h"

static domid_t self_id, peer_id;

static void expect_status(const char *name, domid_t dom, uint32_t port, uint32_t status,
			  uint32_t u_dom, uint32_t u_port)
{
	struct evtchn_status st;
	long rc = evt_status(dom, port, &st);

	if (rc) {
		expect_ok(name, rc);
		return;
	}
	if (st.status != status)
		fail(name, "got status %u, want %u", st.status, status);
	else if (status == EVTCHNSTAT_unbound && st.u.unbound.dom != u_dom)
		fail(name, "got unbound remote %u, want %u", st.u.unbound.dom, u_dom);
	else if (status == EVTCHNSTAT_interdomain &&
		 (st.u.interdomain.dom != u_dom || st.u.interdomain.port != u_port))
		fail(name, "got interdomain %u:%u, want %u:%u", st.u.interdomain.dom,
		     st.u.interdomain.port, u_dom, u_port);
	else if (status == EVTCHNSTAT_virq && st.u.virq != u_port)
		fail(name, "got virq %u, want %u", st.u.virq, u_port);
	else
		pass(name);
}

static void test_ids(void)
{
	uint32_t port;

	expect_eq("domid/self", evt_self_domid(), self_id);
	if (expect_ok("alloc_unbound/remote-absent", evt_alloc_unbound(DOMID_SELF, 1000, &port))) {
		expect_status("alloc_unbound/remote-absent-status", DOMID_SELF, port,
			      EVTCHNSTAT_unbound, 1000, 0);
		evt_close(port);
	}
	expect_rc("alloc_unbound/dom-absent", evt_alloc_unbound(1000, DOMID_SELF, &port),
		  -XEN_ESRCH);
	expect_rc("alloc_unbound/other-dom", evt_alloc_unbound(peer_id, DOMID_SELF, &port),
		  -XEN_EPERM);
}

static void test_status_other(void)
{
	struct evtchn_status st;

	expect_rc("status/dom-absent", evt_status(1000, 1, &st), -XEN_ESRCH);
	expect_rc("status/other-dom", evt_status(peer_id, 1, &st), -XEN_EPERM);
	/* Xen checks the port against the target's buckets before XSM. */
	expect_rc("status/other-dom-bad-port", evt_status(peer_id, 4000, &st), -XEN_EINVAL);
	expect_rc("status/own-id", evt_status(self_id, 0, &st), 0);
	expect_eq("status/port0-closed", st.status, EVTCHNSTAT_closed);
}

/* Ports 1..63 in use now (console and friends). */
static unsigned int ports_in_use(void)
{
	struct evtchn_status st;
	unsigned int n = 0;

	for (uint32_t p = 1; p < 64; p++)
		if (!evt_status(DOMID_SELF, p, &st) && st.status != EVTCHNSTAT_closed)
			n++;
	return n;
}

static uint32_t exhaust_ports[1024];

static void test_limits(void)
{
	struct evtchn_status st;
	unsigned int used = ports_in_use(), n = 0;
	uint32_t port = 0, last = 0;
	long rc;

	expect_rc("bucket/port-63-valid", evt_status(DOMID_SELF, 63, &st), 0);
	expect_rc("bucket/port-64-invalid", evt_status(DOMID_SELF, 64, &st), -XEN_EINVAL);
	expect_rc("bucket/send-64-invalid", evt_send(64), -XEN_EINVAL);
	while (n < ARRAY_SIZE(exhaust_ports) &&
	       !(rc = evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &port))) {
		exhaust_ports[n++] = port;
		if (port > last)
			last = port;
	}
	expect_rc("limit/alloc-enospc", rc, -XEN_ENOSPC);
	expect_eq("limit/ports-allocated", n, 1023 - used);
	expect_eq("limit/last-port", last, 1023);
	expect_rc("limit/bind-ipi-enospc", evt_bind_ipi(0, &port), -XEN_ENOSPC);
	expect_rc("limit/bind-virq-enospc", evt_bind_virq(VIRQ_DEBUG, 0, &port), -XEN_ENOSPC);
	expect_rc("limit/port-1024-invalid", evt_status(DOMID_SELF, 1024, &st), -XEN_EINVAL);
	rc = 0;
	for (unsigned int i = 0; i < n; i++) {
		long r = evt_close(exhaust_ports[i]);

		if (r && !rc)
			rc = r;
	}
	expect_ok("limit/close-all", rc);
	expect_status("bucket/port-100-closed", DOMID_SELF, 100, EVTCHNSTAT_closed, 0, 0);
	expect_rc("bucket/close-free-port", evt_close(100), -XEN_EINVAL);
}

static void test_virq(void)
{
	uint32_t port, port2;

	expect_rc("bind_virq/timer-twice", evt_bind_virq(VIRQ_TIMER, 0, &port), -XEN_EEXIST);
	if (expect_ok("bind_virq/debug", evt_bind_virq(VIRQ_DEBUG, 0, &port))) {
		expect_status("bind_virq/debug-status", DOMID_SELF, port, EVTCHNSTAT_virq, 0,
			      VIRQ_DEBUG);
		expect_rc("bind_virq/debug-twice", evt_bind_virq(VIRQ_DEBUG, 0, &port2),
			  -XEN_EEXIST);
		expect_rc("send/virq-port", evt_send(port), -XEN_EINVAL);
		expect_rc("bind_vcpu/per-vcpu-virq", evt_bind_vcpu(port, 0), -XEN_EINVAL);
		expect_ok("close/virq", evt_close(port));
		if (expect_ok("bind_virq/after-close", evt_bind_virq(VIRQ_DEBUG, 0, &port)))
			evt_close(port);
	}
	expect_rc("bind_virq/nr-virqs", evt_bind_virq(24, 0, &port), -XEN_EINVAL);
	expect_rc("bind_virq/virq-all-ones", evt_bind_virq(0xffffffff, 0, &port), -XEN_EINVAL);
	expect_rc("bind_virq/vcpu-absent", evt_bind_virq(VIRQ_TIMER, 1, &port), -XEN_ENOENT);
	expect_rc("bind_virq/vcpu-all-ones", evt_bind_virq(VIRQ_DEBUG, 0xffffffff, &port),
		  -XEN_ENOENT);
	/* A global VIRQ on any vCPU but 0 is -EINVAL, checked before the vCPU. */
	expect_rc("bind_virq/global-vcpu-absent", evt_bind_virq(VIRQ_DOM_EXC, 1, &port),
		  -XEN_EINVAL);
	if (expect_ok("bind_virq/global", evt_bind_virq(VIRQ_DOM_EXC, 0, &port))) {
		expect_rc("bind_virq/global-twice", evt_bind_virq(VIRQ_DOM_EXC, 0, &port2),
			  -XEN_EEXIST);
		expect_ok("bind_vcpu/global-virq", evt_bind_vcpu(port, 0));
		evt_close(port);
	}
}

static void test_ipi_pirq(void)
{
	struct evtchn_bind_pirq bp = { .pirq = 0 };
	uint32_t port;

	expect_rc("bind_ipi/vcpu-absent", evt_bind_ipi(1, &port), -XEN_ENOENT);
	expect_rc("bind_ipi/vcpu-all-ones", evt_bind_ipi(0xffffffff, &port), -XEN_ENOENT);
	if (expect_ok("bind_ipi/vcpu0", evt_bind_ipi(0, &port))) {
		expect_status("bind_ipi/status", DOMID_SELF, port, EVTCHNSTAT_ipi, 0, 0);
		expect_rc("bind_vcpu/ipi", evt_bind_vcpu(port, 0), -XEN_EINVAL);
		evt_reset(port);
		expect_ok("send/ipi", evt_send(port));
		evt_deliver();
		expect_eq("send/ipi-delivered", evt_count[port], 1);
		evt_close(port);
	}
	expect_rc("bind_pirq/pirq-0", evtchn_op(EVTCHNOP_bind_pirq, &bp), -XEN_EPERM);
	bp.pirq = 256;
	expect_rc("bind_pirq/pirq-256", evtchn_op(EVTCHNOP_bind_pirq, &bp), -XEN_EINVAL);
	bp.pirq = 0xffffffff;
	expect_rc("bind_pirq/pirq-all-ones", evtchn_op(EVTCHNOP_bind_pirq, &bp), -XEN_EINVAL);
}

/* A channel from us to us: two ports, each the other's remote end. */
static void test_loopback(void)
{
	uint32_t a, b, c, other;

	if (!expect_ok("loopback/alloc", evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &a)))
		return;
	evt_reset(a);
	if (!expect_ok("loopback/bind", evt_bind_interdomain(DOMID_SELF, a, &b))) {
		evt_close(a);
		return;
	}
	/* Xen sets the new local port pending: a send to the unbound end was dropped. */
	expect_true("loopback/bind-notifies-local", evt_pending(b), "port %u not pending", b);
	evt_deliver();
	evt_reset(b);
	expect_status("loopback/status-a", DOMID_SELF, a, EVTCHNSTAT_interdomain, self_id, b);
	expect_status("loopback/status-b", DOMID_SELF, b, EVTCHNSTAT_interdomain, self_id, a);
	expect_rc("loopback/bind-twice", evt_bind_interdomain(DOMID_SELF, a, &other),
		  -XEN_EINVAL);
	evt_send(a);
	evt_deliver();
	expect_true("loopback/send-a-reaches-b", evt_count[b] == 1 && evt_count[a] == 0,
		    "counts a %u b %u, want 0 1", evt_count[a], evt_count[b]);
	evt_send(b);
	evt_deliver();
	expect_true("loopback/send-b-reaches-a", evt_count[a] == 1 && evt_count[b] == 1,
		    "counts a %u b %u, want 1 1", evt_count[a], evt_count[b]);

	/* Masked: the bit stays pending, nothing is delivered, until unmask. */
	evt_mask(b);
	evt_send(a);
	evt_send(a);
	evt_send(a);
	evt_deliver();
	expect_true("mask/held-pending", evt_pending(b) && evt_count[b] == 1,
		    "pending %d count %u, want pending and count 1", evt_pending(b), evt_count[b]);
	expect_true("mask/no-upcall-pending", !evt_vcpu_info[0]->evtchn_upcall_pending,
		    "upcall_pending set for a masked port");
	expect_ok("mask/unmask", evt_unmask(b));
	expect_eq("mask/unmask-raises-upcall", evt_vcpu_info[0]->evtchn_upcall_pending, 1);
	evt_deliver();
	expect_eq("mask/coalesced-once", evt_count[b], 2);

	/* Closing a port in use leaves the peer unbound, waiting for us. */
	expect_ok("close/in-use", evt_close(a));
	expect_status("close/status-closed", DOMID_SELF, a, EVTCHNSTAT_closed, 0, 0);
	expect_status("close/peer-unbound", DOMID_SELF, b, EVTCHNSTAT_unbound, self_id, 0);
	expect_ok("send/peer-unbound-dropped", evt_send(b));
	evt_deliver();
	expect_true("send/unbound-nothing-delivered", evt_count[a] == 1 && !evt_pending(a),
		    "closed port %u got an event", a);
	if (expect_ok("loopback/rebind", evt_bind_interdomain(DOMID_SELF, b, &c))) {
		evt_deliver();
		evt_reset(c);
		evt_reset(b);
		evt_send(c);
		evt_deliver();
		expect_eq("loopback/rebind-delivers", evt_count[b], 1);
		evt_close(c);
	}
	expect_ok("close/unbound", evt_close(b));
	expect_rc("close/twice", evt_close(b), -XEN_EINVAL);
	expect_rc("send/closed", evt_send(b), -XEN_EINVAL);
}

static void test_bind_interdomain_bad(void)
{
	uint32_t port, other, virq;

	expect_rc("bind_interdomain/dom-absent", evt_bind_interdomain(1000, 1, &port),
		  -XEN_ESRCH);
	expect_rc("bind_interdomain/port-0", evt_bind_interdomain(DOMID_SELF, 0, &port),
		  -XEN_EINVAL);
	expect_rc("bind_interdomain/port-4000", evt_bind_interdomain(DOMID_SELF, 4000, &port),
		  -XEN_EINVAL);
	expect_rc("bind_interdomain/port-all-ones",
		  evt_bind_interdomain(DOMID_SELF, 0xffffffff, &port), -XEN_EINVAL);
	/* Offered to another domain, not to us. */
	if (!evt_alloc_unbound(DOMID_SELF, 1000, &other)) {
		expect_rc("bind_interdomain/offered-to-other",
			  evt_bind_interdomain(DOMID_SELF, other, &port), -XEN_EINVAL);
		evt_close(other);
	}
	/* The peer's ports were never offered to us. */
	expect_rc("bind_interdomain/peer-port-not-offered",
		  evt_bind_interdomain(peer_id, 1, &port), -XEN_EINVAL);
	if (!evt_bind_virq(VIRQ_DEBUG, 0, &virq)) {
		expect_rc("bind_interdomain/virq-port",
			  evt_bind_interdomain(DOMID_SELF, virq, &port), -XEN_EINVAL);
		evt_close(virq);
	}
}

static void test_bad_ports(void)
{
	static const uint32_t bad[] = { 0, 1024, 4096, 0xffffffff };
	static const char *const names[] = { "0", "1024", "4096", "all-ones" };
	char name[64];
	uint32_t port;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(name, sizeof(name), "close/port-%s", names[i]);
		expect_rc(name, evt_close(bad[i]), -XEN_EINVAL);
		snprintf(name, sizeof(name), "send/port-%s", names[i]);
		expect_rc(name, evt_send(bad[i]), -XEN_EINVAL);
		if (bad[i]) {
			snprintf(name, sizeof(name), "unmask/port-%s", names[i]);
			expect_rc(name, evt_unmask(bad[i]), -XEN_EINVAL);
			snprintf(name, sizeof(name), "bind_vcpu/port-%s", names[i]);
			expect_rc(name, evt_bind_vcpu(bad[i], 0), -XEN_EINVAL);
		}
	}
	/* Xen checks the vCPU first. */
	expect_rc("bind_vcpu/vcpu-absent", evt_bind_vcpu(4096, 1), -XEN_ENOENT);
	if (!evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &port)) {
		expect_ok("bind_vcpu/unbound", evt_bind_vcpu(port, 0));
		expect_rc("bind_vcpu/vcpu-all-ones", evt_bind_vcpu(port, 0xffffffff), -XEN_ENOENT);
		expect_ok("send/unbound", evt_send(port));
		expect_ok("unmask/unbound", evt_unmask(port));
		evt_close(port);
	}
}

static uint32_t fifo_cb[1024] __attribute__((aligned(4096)));
static uint32_t fifo_words[1024] __attribute__((aligned(4096)));

/* Before the switch: the FIFO ops' checks, and the 2-level answers. */
static void test_fifo_ops(void)
{
	struct evtchn_init_control ic = { .control_gfn = 0 };
	struct evtchn_expand_array ea = { .array_gfn = virt_to_mfn(fifo_words) };
	struct evtchn_set_priority sp = { .port = 0, .priority = 7 };
	uint32_t port;

	expect_rc("fifo/expand-before-init", evtchn_op(EVTCHNOP_expand_array, &ea), -XEN_EOPNOTSUPP);
	/* Frame 0 is not ours. */
	expect_rc("fifo/init-foreign-frame", evtchn_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL);
	ic.control_gfn = virt_to_mfn(fifo_cb);
	ic.vcpu = 4096;
	expect_rc("fifo/init-bad-vcpu", evtchn_op(EVTCHNOP_init_control, &ic), -XEN_ENOENT);
	ic.vcpu = 0;
	ic.offset = 4;
	expect_rc("fifo/init-unaligned", evtchn_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL);
	ic.offset = PAGE_SIZE - 8;
	expect_rc("fifo/init-crosses-page", evtchn_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL);
	/* Our own top-level page table cannot become a control block. */
	ic.offset = 0;
	ic.control_gfn = virt_to_mfn((void *)start_info->pt_base);
	expect_rc("fifo/init-page-table", evtchn_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL);
	if (!evt_bind_ipi(0, &port)) {
		sp.port = port;
		expect_rc("set_priority/2-level", evtchn_op(EVTCHNOP_set_priority, &sp),
			  -XEN_ENOSYS);
		evt_close(port);
	}
	/* The port is looked up before the ABI is asked. */
	sp.port = 4096;
	expect_rc("set_priority/bad-port", evtchn_op(EVTCHNOP_set_priority, &sp), -XEN_EINVAL);
	expect_rc("set_priority/null", HYPERVISOR_event_channel_op(EVTCHNOP_set_priority, 0),
		  -XEN_EFAULT);
}

/* Last: switch to FIFO with upcalls masked, queue two IPIs to ourselves
 * at two priorities of their own (other events, the timer's, use the
 * default one) and read the control block and words as a guest's
 * handler would. No reset back: it would close the channels the other
 * guests still use (the unit tests cover it). */
static void test_fifo_switch(void)
{
	struct evtchn_init_control ic = { .control_gfn = virt_to_mfn(fifo_cb) };
	struct evtchn_expand_array ea = { .array_gfn = virt_to_mfn(fifo_words) };
	volatile struct evtchn_fifo_control_block *cb = (void *)fifo_cb;
	volatile uint32_t *w = fifo_words;
	uint32_t a = 0, b = 0;
	uint8_t mask = evt_vcpu_info[0]->evtchn_upcall_mask;

	evt_vcpu_info[0]->evtchn_upcall_mask = 1;
	if (!expect_ok("fifo/init", evtchn_op(EVTCHNOP_init_control, &ic)))
		goto out;
	expect_eq("fifo/link-bits", ic.link_bits, EVTCHN_FIFO_LINK_BITS);
	expect_rc("fifo/init-twice", evtchn_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL);
	expect_ok("fifo/expand", evtchn_op(EVTCHNOP_expand_array, &ea));
	if (evt_bind_ipi(0, &a) || evt_bind_ipi(0, &b)) {
		fail("fifo/bind", "cannot bind two IPIs");
		goto out;
	}
	{
		struct evtchn_set_priority sp = { .port = b, .priority = 3 };

		expect_ok("fifo/set-priority", evtchn_op(EVTCHNOP_set_priority, &sp));
		sp.port = a;
		sp.priority = 1;
		expect_ok("fifo/set-priority-a", evtchn_op(EVTCHNOP_set_priority, &sp));
		sp.port = b;
		sp.priority = 16;
		expect_rc("fifo/set-priority-16", evtchn_op(EVTCHNOP_set_priority, &sp), -XEN_EINVAL);
	}
	evt_vcpu_info[0]->evtchn_upcall_pending = 0;
	evt_send(a);
	evt_send(b);
	expect_eq("fifo/head-1", cb->head[1], a);
	expect_eq("fifo/head-3", cb->head[3], b);
	expect_eq("fifo/ready", cb->ready & ((1U << 1) | (1U << 3)), (1U << 1) | (1U << 3));
	expect_eq("fifo/word-a", w[a] >> EVTCHN_FIFO_BUSY, (1U << 3) | (1U << 1));   /* P, L */
	expect_eq("fifo/upcall-pending", evt_vcpu_info[0]->evtchn_upcall_pending, 1);
	/* A masked port stays pending and unlinked until unmasked. */
	w[a] = 1U << EVTCHN_FIFO_MASKED;
	cb->head[1] = 0;
	evt_send(a);
	expect_eq("fifo/masked-not-linked", w[a] >> EVTCHN_FIFO_BUSY, (1U << 3) | (1U << 2));
	expect_eq("fifo/masked-head-empty", cb->head[1], 0);
	evt_unmask(a);
	expect_eq("fifo/unmask-links", cb->head[1], a);
out:
	evt_vcpu_info[0]->evtchn_upcall_pending = 0;
	evt_vcpu_info[0]->evtchn_upcall_mask = mask;
}

static void test_pointers(void)
{
	static const struct { unsigned int cmd; const char *name; } ops[] = {
		{ EVTCHNOP_bind_interdomain, "bind_interdomain" },
		{ EVTCHNOP_bind_virq, "bind_virq" },
		{ EVTCHNOP_bind_pirq, "bind_pirq" },
		{ EVTCHNOP_close, "close" },
		{ EVTCHNOP_send, "send" },
		{ EVTCHNOP_status, "status" },
		{ EVTCHNOP_alloc_unbound, "alloc_unbound" },
		{ EVTCHNOP_bind_ipi, "bind_ipi" },
		{ EVTCHNOP_bind_vcpu, "bind_vcpu" },
		{ EVTCHNOP_unmask, "unmask" },
		{ EVTCHNOP_reset, "reset" },
	};
	static const struct { unsigned long va; const char *name; } ptrs[] = {
		{ 0, "null" }, { HV_RANGE_START, "hypervisor" }, { NON_CANONICAL, "noncanonical" },
	};
	char name[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(ops); i++)
		for (unsigned int j = 0; j < ARRAY_SIZE(ptrs); j++) {
			snprintf(name, sizeof(name), "pointer/%s-%s", ops[i].name, ptrs[j].name);
			expect_rc(name, HYPERVISOR_event_channel_op(ops[i].cmd, ptrs[j].va),
				  -XEN_EFAULT);
		}
	expect_rc("evtchn/unknown-cmd", HYPERVISOR_event_channel_op(100, 0), -XEN_ENOSYS);
}

static void test_reset(void)
{
	struct evtchn_reset r = { .dom = 1000 };
	uint32_t ipi = 0, port;

	expect_rc("reset/dom-absent", evtchn_op(EVTCHNOP_reset, &r), -XEN_ESRCH);
	r.dom = peer_id;
	expect_rc("reset/other-dom", evtchn_op(EVTCHNOP_reset, &r), -XEN_EPERM);
	/* EVTCHNOP_reset_cont with no reset under way. */
	r.dom = DOMID_SELF;
	expect_rc("reset/cont-not-resuming", evtchn_op(14, &r), -XEN_EBUSY);
	evt_bind_ipi(0, &ipi);
	if (!expect_ok("reset/self", evtchn_op(EVTCHNOP_reset, &r)))
		return;
	expect_status("reset/ipi-closed", DOMID_SELF, ipi, EVTCHNSTAT_closed, 0, 0);
	if (expect_ok("reset/virq-rebind", evt_bind_virq(VIRQ_TIMER, 0, &port)))
		evt_timer_port[0] = port;
}

void test_main(void)
{
	const char *why = evt_setup();

	if (why) {
		fail("evt-ops/setup", "setup: %s", why);
		return;
	}
	self_id = (domid_t)evt_param("self", 0xffff);
	peer_id = (domid_t)evt_param("peer", 0xffff);
	if (self_id == 0xffff || peer_id == 0xffff) {
		fail("evt-ops/setup", "setup: the module line lacks self=N peer=M");
		return;
	}
	test_ids();
	test_status_other();
	test_limits();
	test_virq();
	test_ipi_pirq();
	test_loopback();
	test_bind_interdomain_bad();
	test_bad_ports();
	test_fifo_ops();
	test_pointers();
	test_reset();
	evt_tell_spinner();
	test_fifo_switch();
}
