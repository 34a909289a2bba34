/* SPDX-License-Identifier: GPL-2.0 */
/* What another CPU may do while an EVTCHNOP_close waits for a second lock:
 * a remote bind, a close and rebind, the peer's own close. The other CPU
 * runs from the host's interrupt-disable hook. Fixture: evtchn-fixture.h. */
#include "evtchn-fixture.h"

/* Races with a close. A close of an interdomain port reads the peer under
 * our lock, then lets go of it to take both domains' locks in order; what
 * another CPU does meanwhile runs from the interrupt-disable hook, once.
 * Whatever the interleaving, a close may fail only as Xen's does: Linux
 * BUG()s when EVTCHNOP_close fails. */
static void (*racer)(void);
static long racer_rc;
static bool racer_ran;

static void run_racer_once(void)
{
	host_irq_disable_hook = NULL;
	racer_ran = true;
	racer();
}

static void arm_racer(void (*fn)(void))
{
	racer = fn;
	racer_ran = false;
	racer_rc = 0xbad;
	host_irq_disable_hook = run_racer_once;
}

static void b_binds_to_a_port_1(void)
{
	uint32_t p;

	as(B);
	racer_rc = bind_interdomain(1, 1, &p);
	as(A);
}

/* B binds to the port A offered it while A closes it: the close succeeds,
 * before B's bind (which then fails) or after it (B's end stays unbound). */
static void test_close_races_remote_bind(void **state)
{
	uint32_t p;

	assert_int_equal(alloc_unbound(DOMID_SELF, 2, &p), 0);
	arm_racer(b_binds_to_a_port_1);
	assert_int_equal(close_port(1), 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	if (!racer_ran)
		run_racer_once();                     /* B came second */
	as(B);
	if (racer_rc == 0)
		assert_unbound(DOMID_SELF, 1, 1);
	else
		assert_int_equal(racer_rc, -EINVAL);
}

static void a_closes_and_rebinds_port_1_to_dom0(void)
{
	uint32_t p;

	assert_int_equal(close_port(1), 0);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 1);
	as(dom0);
	racer_rc = bind_interdomain(1, 1, &p);
	as(A);
}

/* Another vCPU of A closes the port and binds it again, to dom0, while
 * the first close waits for B's lock: as Xen, that close is -EINVAL (the
 * port was closed meanwhile) and the new channel is left alone. */
static void test_close_races_close_and_rebind(void **state)
{
	uint32_t p;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	arm_racer(a_closes_and_rebinds_port_1_to_dom0);
	assert_int_equal(close_port(1), -EINVAL);
	assert_true(racer_ran);
	assert_int_equal(racer_rc, 0);
	assert_interdomain(DOMID_SELF, 1, 0, 1);
	as(B);
	assert_unbound(DOMID_SELF, 1, 1);
}

static void b_closes_its_end(void)
{
	as(B);
	racer_rc = close_port(1);
	as(A);
}

/* B closes its end while A closes its own: both succeed. */
static void test_close_races_peer_close(void **state)
{
	uint32_t p;

	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p), 0);
	as(A);
	assert_int_equal(bind_interdomain(2, 1, &p), 0);
	arm_racer(b_closes_its_end);
	assert_int_equal(close_port(1), 0);
	assert_true(racer_ran);
	assert_int_equal(racer_rc, 0);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
	as(B);
	assert_status(DOMID_SELF, 1, EVTCHNSTAT_closed, 0);
}

static void a_rebinds_xen_port_1_to_b(void)
{
	uint32_t bp, p;

	racer_rc = close_port(1);
	as(B);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &bp), 0);
	as(A);
	assert_int_equal(bind_interdomain(2, bp, &p), 0);
	assert_int_equal(p, 1);
}

/* Review #11: a send reads the port once, under A's lock, so another vCPU
 * closing the hypervisor-bound port and binding it to B cannot be seen
 * half done (state Xen with B's domain pointer as the handler). The lock
 * is where the racer runs: entirely before the read, so the send goes to
 * B and the hypervisor's handler is not called. */
static void test_send_reads_port_under_lock(void **state)
{
	uint32_t p;

	assert_int_equal(evtchn_alloc_xen_port(A, xen_port_handler, &p), 0);
	assert_int_equal(p, 1);
	nr_xen_sends = 0;
	arm_racer(a_rebinds_xen_port_1_to_b);
	assert_int_equal(send(1), 0);
	assert_true(racer_ran);
	assert_int_equal(racer_rc, 0);
	assert_int_equal(nr_xen_sends, 0);
	assert_true(evtchn_is_pending(B, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_close_races_remote_bind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_races_close_and_rebind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_races_peer_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_reads_port_under_lock, setup, teardown),
	};

	return RUN(tests);
}
