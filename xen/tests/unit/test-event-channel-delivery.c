/* SPDX-License-Identifier: GPL-2.0 */
/* 2-level event delivery: sends and VIRQs set the pending bit, the
 * selector and the upcall and kick the port's vCPU; a mask holds delivery
 * until unmask; a poller is woken even when masked; a stopped domain or an
 * unbound port drops the event. Fixture: evtchn-fixture.h. */
#include "evtchn-fixture.h"

static void test_dom_exc_goes_to_privileged_domains(void **state)
{
	uint32_t p;

	as(dom0);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), 0);
	assert_int_equal(p, 1);
	as(A);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &p), 0);   /* a domU may bind it */
	evtchn_send_dom_exc(B);
	assert_true(pending(dom0, 1));
	assert_false(pending(A, 1));                  /* unprivileged: not told */
	memset(shinfo, 0, sizeof(shinfo));
	evtchn_send_dom_exc(dom0);                    /* the dying one is skipped */
	assert_false(pending(dom0, 1));
}

static void test_send(void **state)
{
	populate();
	/* Interdomain: the peer's port is pending, for the peer's vCPU 0. */
	assert_int_equal(send(2), 0);
	assert_true(pending(B, 1));
	assert_false(pending(A, 2));
	assert_int_equal(sel(B->vcpu[0]), 1);
	assert_int_equal(upcall(B->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], B->vcpu[0]);
	as(B);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 2));
	assert_ptr_equal(kicked[1], A->vcpu[0]);
	/* IPI: our own port, for its vCPU. */
	as(A);
	assert_int_equal(send(5), 0);
	assert_true(pending(A, 5));
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_ptr_equal(kicked[2], A->vcpu[1]);
	/* The hypervisor's port calls its handler and sets nothing. */
	assert_int_equal(send(6), 0);
	assert_int_equal(nr_xen_sends, 1);
	assert_ptr_equal(xen_send_dom, A);
	assert_int_equal(xen_send_port, 6);
	assert_false(pending(A, 6));
	/* Unbound: dropped, as Xen, and nothing changes. */
	take_snap(&snap_before);
	assert_int_equal(send(1), 0);
	as(B);
	assert_int_equal(send(2), 0);
	assert_unchanged();
	assert_int_equal(nr_kicks, 3);
}

static void test_send_to_stopped_domain_dropped(void **state)
{
	populate();
	B->state = DOMAIN_SHUTDOWN;
	take_snap(&snap_before);
	assert_int_equal(send(2), 0);
	assert_unchanged();
}

static void test_unmask_redelivers(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 1);
	/* Masked: the port goes pending, with no selector, upcall or kick. */
	set_mask(A, 1);
	assert_int_equal(send(1), 0);
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 0);
	assert_int_equal(upcall(A->vcpu[1]), 0);
	assert_int_equal(nr_kicks, 0);
	/* And it stays so: another send changes nothing. */
	take_snap(&snap_before);
	assert_int_equal(send(1), 0);
	assert_unchanged();
	/* Unmask delivers it to the port's vCPU. */
	assert_int_equal(unmask(1), 0);
	assert_false(masked(A, 1));
	assert_true(pending(A, 1));
	assert_int_equal(sel(A->vcpu[1]), 1);
	assert_int_equal(upcall(A->vcpu[1]), 1);
	assert_int_equal(nr_kicks, 1);
	assert_ptr_equal(kicked[0], A->vcpu[1]);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	/* Unmask again: the selector bit is still set, no second kick. */
	assert_int_equal(unmask(1), 0);
	assert_int_equal(nr_kicks, 1);
}

static void test_unmask_not_pending_delivers_nothing(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(0, &p), 0);
	set_mask(A, p);
	assert_int_equal(unmask(p), 0);
	assert_false(masked(A, p));
	assert_false(pending(A, p));
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(upcall(A->vcpu[0]), 0);
	assert_int_equal(nr_kicks, 0);
	/* Port 0 and free ports inside the bucket may be unmasked too. */
	assert_int_equal(unmask(0), 0);
	assert_int_equal(unmask(63), 0);
}

static void test_unmask_second_word(void **state)
{
	uint32_t p;

	for (uint32_t i = 1; i < 65; i++)
		assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(p, 65);
	set_mask(A, 65);
	assert_int_equal(send(65), 0);
	assert_int_equal(A->shared_info->evtchn_pending[1], 1ULL << 1);
	assert_int_equal(sel(A->vcpu[0]), 0);
	assert_int_equal(unmask(65), 0);
	assert_int_equal(sel(A->vcpu[0]), 1ULL << 1);   /* word 1's selector */
	assert_int_equal(upcall(A->vcpu[0]), 1);
	assert_int_equal(nr_kicks, 1);
}

static void test_poll_wakes_even_when_masked(void **state)
{
	uint32_t p;

	assert_int_equal(bind_ipi(1, &p), 0);
	set_mask(A, p);
	A->vcpu[1]->poll_active = true;
	assert_int_equal(send(p), 0);
	assert_int_equal(nr_wakes, 1);
	assert_ptr_equal(last_woken, A->vcpu[1]);
	assert_int_equal(upcall(A->vcpu[1]), 0);
	assert_int_equal(nr_kicks, 0);
}

static void test_set_pending_bounds(void **state)
{
	/* Ports the domain has no bucket for are ignored. */
	take_snap(&snap_before);
	evtchn_set_pending(A, 64);
	evtchn_set_pending(A, 0xffffffff);
	assert_unchanged();
	assert_false(evtchn_is_pending(A, 64));
	assert_false(evtchn_is_pending(A, 0xffffffff));
	evtchn_set_pending(A, 63);
	assert_true(evtchn_is_pending(A, 63));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dom_exc_goes_to_privileged_domains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_to_stopped_domain_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmask_redelivers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmask_not_pending_delivers_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmask_second_word, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_wakes_even_when_masked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_pending_bounds, setup, teardown),
	};

	return RUN(tests);
}
