/* SPDX-License-Identifier: GPL-2.0 */
/* The event-channel port state machine, driven through do_event_channel_op
 * as a guest drives it: each EVTCHNOP_* sub-op's success path (allocate,
 * bind, close, status, bind_vcpu, reset) and what it leaves in the port
 * tables, VIRQ slots and the peer's end. Fixture: evtchn-fixture.h. */
#include "evtchn-fixture.h"

static void test_alloc_unbound(void **state)
{
	uint32_t p;

	assert_int_equal(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
	assert_int_equal(p, 1);
	assert_unbound(DOMID_SELF, 1, 1);           /* SELF as remote: the caller */
	assert_int_equal(alloc_unbound(1, 2, &p), 0);   /* our own id, not SELF */
	assert_int_equal(p, 2);
	assert_unbound(DOMID_SELF, 2, 2);
	/* The remote need not exist yet, as in Xen. */
	assert_int_equal(alloc_unbound(DOMID_SELF, NO_DOM, &p), 0);
	assert_int_equal(p, 3);
	assert_unbound(1, 3, NO_DOM);
	assert_status(DOMID_SELF, 3, EVTCHNSTAT_unbound, 0);
	/* A privileged caller may allocate in another domain; SELF is dom0. */
	as(dom0);
	assert_int_equal(alloc_unbound(1, DOMID_SELF, &p), 0);
	assert_int_equal(p, 4);
	assert_unbound(1, 4, 0);
	as(A);
	assert_unbound(DOMID_SELF, 4, 0);
	assert_int_equal(nr_kicks, 0);
	assert_int_equal(A->valid_evtchns, 64);
	assert_int_equal(dom0->evtchn[1].state, ECS_FREE);   /* nothing in dom0's own table */
}

static void test_bind_interdomain(void **state)
{
	uint32_t bp, ap;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &bp), 0);
	assert_int_equal(bp, 1);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &ap), 0);
	assert_int_equal(ap, 1);
	assert_interdomain(DOMID_SELF, 1, 2, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_interdomain, 0);
	as(B);
	assert_interdomain(DOMID_SELF, 1, 1, 1);
	/* A send to the unbound port may have been lost: our end is pending,
	 * with its selector and upcall, and vCPU 0 was kicked. */
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[0]), 1);
	assert_int_equal(upcall(A->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[0]);
	assert_false(pending(B, 1));
	assert_int_equal(upcall(B->vcpu[0]), 0);
	/* Binding the same remote port again: it is no longer unbound. */
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &ap), -EINVAL);
}

static void test_bind_interdomain_masked_local_port(void **state)
{
	uint32_t p;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	as(A);
	set_mask(A, 1);   /* the guest masked the port it is about to get */
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 0);
}

static void test_bind_interdomain_loopback(void **state)
{
	uint32_t p;

	assert_int_equal(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(bind_interdomain(DOMID_SELF, 1, &p), 0);
	assert_int_equal(p, 2);
	assert_interdomain(DOMID_SELF, 1, 1, 2);
	assert_interdomain(DOMID_SELF, 2, 1, 1);
	memset(shinfo, 0, sizeof(shinfo));
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 2));
	assert_false(pending(A, 1));
	assert_int_equal(send(2), 0);
	assert_true(pending(A, 1));
	/* Closing one end leaves the other unbound, offered to ourselves. */
	assert_int_equal(close_port(1), 0);
	assert_unbound(DOMID_SELF, 2, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	assert_false(pending(A, 1));
}

static void test_bind_virq(void **state)
{
	struct evtchn_status st;
	uint32_t p;

	/* Per-vCPU: one binding per vCPU. */
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, &p), 0);
	assert_int_equal(p, 2);
	assert_int_equal(A->vcpu[1]->virq_to_port[VIRQ_TIMER], 1);
	assert_int_equal(A->vcpu[0]->virq_to_port[VIRQ_TIMER], 2);
	assert_int_equal(status(DOMID_SELF, 1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_virq);
	assert_int_equal(st.vcpu, 1);
	assert_int_equal(st.u.virq, VIRQ_TIMER);
	assert_int_equal(bind_virq(VIRQ_XENPMU, 1, &p), 0);
	assert_int_equal(p, 3);
	/* Global: vCPU 0 only, in the domain's slot. */
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), 0);
	assert_int_equal(p, 4);
	assert_int_equal(A->global_virq_to_port[VIRQ_DOM_EXC], 4);
	assert_int_equal(A->vcpu[0]->virq_to_port[VIRQ_DOM_EXC], 0);
	assert_int_equal(bind_virq(VIRQ_ARCH_7, 0, &p), 0);   /* the last VIRQ */
	assert_int_equal(p, 5);
	assert_int_equal(status(DOMID_SELF, 5, &st), 0);
	assert_int_equal(st.u.virq, VIRQ_ARCH_7);
	assert_int_equal(st.vcpu, 0);

	/* Delivery: per-vCPU to its vCPU, global to vCPU 0. */
	send_guest_vcpu_virq(A->vcpu[1], VIRQ_TIMER);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	send_guest_global_virq(A, VIRQ_DOM_EXC);
	assert_true(pending(A, 4));
	assert_int_equal(sel(A->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 2);
	assert_ptr_equal(kicked[1], A->vcpu[0]);
	/* Unbound or out-of-range VIRQs go nowhere. */
	take_snap(&snap_before);
	send_guest_vcpu_virq(A->vcpu[1], VIRQ_DEBUG);
	send_guest_vcpu_virq(A->vcpu[1], NR_VIRQS);
	send_guest_vcpu_virq(A->vcpu[1], 0xffffffff);
	send_guest_global_virq(A, VIRQ_CONSOLE);
	send_guest_global_virq(A, NR_VIRQS);
	send_guest_global_virq(B, VIRQ_DOM_EXC);
	assert_unchanged();
}

static void test_bind_ipi(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_ipi, 1);
	assert_int_equal(bind_ipi(1, &p), 0);         /* any number per vCPU */
	assert_int_equal(p, 2);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	/* Already pending: no second kick. */
	assert_int_equal(send(1), 0);
	assert_int_equal(nr_kicks, 1);
	/* Another port of the same word: its selector bit is already set. */
	assert_int_equal(send(2), 0);
	assert_true(pending(A, 2));
	assert_int_equal(nr_kicks, 1);
}

static void test_close_each_state(void **state)
{
	struct evtchn_status st;
	uint32_t p;

	populate();
	for (uint32_t port = 1; port <= 6; port++)
		evtchn_set_pending(A, port);
	/* Unbound, interdomain, VIRQ, global VIRQ, IPI, hypervisor's: all close,
	 * and each leaves its port free and not pending. */
	for (uint32_t port = 1; port <= 6; port++) {
		assert_int_equal(close_port(port), 0);
		assert_status(DOMID_SELF, port, EVTCHNSTAT_closed, 0);
		assert_false(pending(A, port));
		assert_int_equal(close_port(port), -EINVAL);   /* twice */
	}
	assert_int_equal(A->vcpu[1]->virq_to_port[VIRQ_TIMER], 0);
	assert_int_equal(A->global_virq_to_port[VIRQ_CONSOLE], 0);
	/* B's end of the interdomain channel waits for us again. */
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 0);
	as(A);
	/* Each port is reused, lowest first, and each VIRQ can be bound again. */
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 0, &p), 0);
	assert_int_equal(p, 2);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);   /* B's port again */
	assert_int_equal(p, 3);
	as(B);
	assert_interdomain(DOMID_SELF, 1, 1, 3);
	as(A);
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(p, 4);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 5);
	assert_int_equal(evtchn_alloc_xen_port(A, xen_port_handler, &p), 0);
	assert_int_equal(p, 6);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 7);
	assert_int_equal(status(DOMID_SELF, 0, &st), 0);   /* port 0 stays reserved */
	assert_int_equal(st.status, EVTCHNSTAT_closed);
}

static void test_close_peer_end(void **state)
{
	uint32_t p;

	populate();
	/* B closes its end of A p2 <-> B p1: A's end is left unbound to B. */
	as(B);
	assert_int_equal(close_port(1), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	as(A);
	assert_unbound(DOMID_SELF, 2, 2);
	/* A send on it now is dropped, not delivered anywhere. */
	take_snap(&snap_before);
	assert_int_equal(send(2), 0);
	assert_unchanged();
	/* B can connect to it again, getting its old port back. */
	as(B);
	assert_int_equal(bind_interdomain(1, 2, &p), 0);
	assert_int_equal(p, 1);
	as(A);
	assert_interdomain(DOMID_SELF, 2, 2, 1);
}

static void test_status_each_state(void **state)
{
	struct evtchn_status st;

	populate();
	assert_int_equal(bind_vcpu(1, 1), 0);
	assert_status(DOMID_SELF, 0, EVTCHNSTAT_closed, 0);
	assert_unbound(DOMID_SELF, 1, 2);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 1);
	assert_interdomain(DOMID_SELF, 2, 2, 1);
	assert_int_equal(status(DOMID_SELF, 3, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_virq);
	assert_int_equal(st.vcpu, 1);
	assert_int_equal(st.u.virq, VIRQ_TIMER);
	assert_int_equal(status(DOMID_SELF, 4, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_virq);
	assert_int_equal(st.vcpu, 0);
	assert_int_equal(st.u.virq, VIRQ_CONSOLE);
	assert_status(DOMID_SELF, 5, EVTCHNSTAT_ipi, 1);
	assert_interdomain(DOMID_SELF, 6, DOMID_XEN, 0);
	/* A closed port's OUT fields are all written: no stale bytes. */
	assert_int_equal(status(DOMID_SELF, 7, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
	assert_int_equal(st.vcpu, 0);
	assert_int_equal(st.u.interdomain.dom, 0);
	assert_int_equal(st.u.interdomain.port, 0);
	/* By our own id rather than DOMID_SELF. */
	assert_interdomain(1, 2, 2, 1);
	/* dom0 may look at anyone's ports. */
	as(dom0);
	assert_interdomain(2, 1, 1, 2);
	assert_unbound(2, 2, 0);
	assert_unbound(DOMID_SELF, 1, 1);
	assert_int_equal(status(2, 64, &st), -EINVAL);
	assert_int_equal(status(NO_DOM, 1, &st), -ESRCH);
}

static void test_bind_vcpu(void **state)
{
	populate();
	/* Unbound, interdomain, global VIRQ and the hypervisor's port move. */
	assert_int_equal(bind_vcpu(1, 1), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 1);
	assert_int_equal(bind_vcpu(2, 1), 0);
	assert_status(DOMID_SELF, 2, EVTCHNSTAT_interdomain, 1);
	assert_int_equal(bind_vcpu(4, 1), 0);
	assert_status(DOMID_SELF, 4, EVTCHNSTAT_virq, 1);
	assert_int_equal(bind_vcpu(6, 1), 0);
	assert_status(DOMID_SELF, 6, EVTCHNSTAT_interdomain, 1);
	/* Delivery follows: B's send and the global VIRQ now reach vCPU 1. */
	as(B);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 2));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	memset(shinfo, 0, sizeof(shinfo));
	send_guest_global_virq(A, VIRQ_CONSOLE);
	assert_true(pending(A, 4));
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	/* And back to vCPU 0. */
	as(A);
	assert_int_equal(bind_vcpu(2, 0), 0);
	assert_status(DOMID_SELF, 2, EVTCHNSTAT_interdomain, 0);
	/* Closing the moved global VIRQ still frees its slot. */
	assert_int_equal(close_port(4), 0);
	assert_int_equal(A->global_virq_to_port[VIRQ_CONSOLE], 0);
}

static void test_reset(void **state)
{
	uint32_t p;

	populate();
	evtchn_set_pending(A, 3);
	assert_int_equal(reset(DOMID_SELF), 0);
	/* Every port closed but the hypervisor's, which the guest cannot own. */
	for (uint32_t port = 1; port <= 5; port++) {
		assert_status(DOMID_SELF, port, EVTCHNSTAT_closed, 0);
		assert_false(pending(A, port));
	}
	assert_interdomain(DOMID_SELF, 6, DOMID_XEN, 0);
	assert_status(DOMID_SELF, 0, EVTCHNSTAT_closed, 0);
	assert_int_equal(A->vcpu[1]->virq_to_port[VIRQ_TIMER], 0);
	assert_int_equal(A->global_virq_to_port[VIRQ_CONSOLE], 0);
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
	assert_unbound(DOMID_SELF, 2, 0);             /* B's own ports untouched */
	/* Reset by our own id, and of an empty table. */
	as(A);
	assert_int_equal(reset(1), 0);
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &p), 0);
	assert_int_equal(p, 1);
	/* dom0 may reset another domain. */
	as(dom0);
	assert_int_equal(reset(2), 0);
	as(B);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	assert_status(DOMID_SELF, 2, EVTCHNSTAT_closed, 0);
	as(dom0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_unbound, 0);   /* dom0's own: kept */
}

static void test_destroy_leaves_peers_unbound(void **state)
{
	populate();
	evtchn_destroy(A);
	assert_null(A->evtchn);
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
	evtchn_destroy(A);                            /* twice: nothing left */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_alloc_unbound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_interdomain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_interdomain_masked_local_port, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_interdomain_loopback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_virq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_ipi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_each_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_peer_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_each_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_leaves_peers_unbound, setup, teardown),
	};

	return RUN(tests);
}
