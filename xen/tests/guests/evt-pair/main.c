/* SPDX-License-Identifier: MIT */
/*
 * evt-pair: two domains talking over interdomain event channels.
 *
 * Module lines: "evt-pair role=domU mode=a self=A peer=B" and the same
 * with mode=b (A and B are the domain ids, in module order). No memory is
 * shared, so the protocol is fixed: A offers four ports in a row with
 * alloc_unbound: one to itself, one to a domain that does not exist, then
 * the main channel and a control channel to B. B finds its offers by
 * trying bind_interdomain on A's ports in order (only a port offered to B
 * binds), retrying until A has made them.
 *
 * Checks: the bind notifies the binder's own port (Xen's "lost
 * notification" fix-up) and not the offering end; ports offered to
 * someone else, already bound, or past A's table do not bind; another
 * domain's status, ports and shutdown are out of reach (-EPERM); 10,000
 * round trips (20,000 events; trips=N changes it) with blocking waits arrive exactly once
 * each; a masked port holds three sends as one pending bit, delivers
 * nothing, and delivers once on EVTCHNOP_unmask; closing a port in use
 * leaves the peer's end unbound (sends to it are dropped), and the peer's
 * port can be bound again from the other side.
 *
 * A broken hypervisor loses or duplicates events under load, delivers
 * masked events, lets a domain bind or inspect ports not offered to it,
 * or leaves a closed channel half-connected.
 */
#include "evt.h"

#define ROUND_TRIPS_DEFAULT 10000
#define WAIT        (5000 * MS)

static domid_t self_id, peer_id;
static uint32_t round_trips = ROUND_TRIPS_DEFAULT;   /* trips=N on the module line */
static uint32_t main_port, ctl_port;    /* our ends */

static bool wait_or_fail(const char *name, uint32_t port, uint32_t want)
{
	if (evt_wait_count(port, want, WAIT))
		return true;
	fail(name, "event %u on port %u never came (count %u after 5 s)", want, port,
	     evt_count[port]);
	return false;
}

/* The count must stay at `want` for a while: nothing spurious. */
static void expect_quiet(const char *name, uint32_t port, uint32_t want)
{
	evt_sleep(30 * MS);
	evt_deliver();
	expect_eq(name, evt_count[port], want);
}

static bool ping_pong_a(void)
{
	for (uint32_t i = 1; i <= round_trips; i++) {
		evt_send(main_port);
		if (!evt_wait_count(main_port, i, WAIT)) {
			fail("pingpong/a-round-trips", "reply %u never came (count %u)", i,
			     evt_count[main_port]);
			return false;
		}
		if (evt_count[main_port] != i) {
			fail("pingpong/a-round-trips", "count %u after reply %u", evt_count[main_port], i);
			return false;
		}
	}
	pass("pingpong/a-round-trips");
	return true;
}

static bool ping_pong_b(void)
{
	for (uint32_t i = 1; i <= round_trips; i++) {
		if (!evt_wait_count(main_port, i, WAIT)) {
			fail("pingpong/b-round-trips", "ping %u never came (count %u)", i,
			     evt_count[main_port]);
			return false;
		}
		if (evt_count[main_port] != i) {
			fail("pingpong/b-round-trips", "count %u after ping %u", evt_count[main_port], i);
			return false;
		}
		evt_send(main_port);
	}
	pass("pingpong/b-round-trips");
	return true;
}

static void run_a(void)
{
	uint32_t to_self, to_nobody, rport = 0, again;
	struct evtchn_status st;
	struct sched_poll p = { .nr_ports = 1 };
	uint64_t start;

	if (!expect_ok("offer/decoy-self", evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &to_self)) ||
	    !expect_ok("offer/decoy-absent", evt_alloc_unbound(DOMID_SELF, 1000, &to_nobody)) ||
	    !expect_ok("offer/main", evt_alloc_unbound(DOMID_SELF, peer_id, &main_port)) ||
	    !expect_ok("offer/control", evt_alloc_unbound(DOMID_SELF, peer_id, &ctl_port)))
		return;
	if (!expect_true("offer/in-a-row", to_nobody == to_self + 1 && main_port == to_self + 2 &&
			 ctl_port == to_self + 3, "setup: ports %u %u %u %u", to_self, to_nobody,
			 main_port, ctl_port))
		return;
	/* B binds both, then says hello on each. */
	if (!wait_or_fail("pair/hello", main_port, 1) || !wait_or_fail("pair/hello", ctl_port, 1))
		return;
	pass("pair/hello");
	if (!evt_status(DOMID_SELF, main_port, &st) && st.status == EVTCHNSTAT_interdomain)
		rport = st.u.interdomain.port;
	expect_true("pair/status-interdomain", rport && st.u.interdomain.dom == peer_id,
		    "status %u dom %u port %u", st.status, st.u.interdomain.dom, rport);

	evt_reset(main_port);
	start = evt_now();
	if (!ping_pong_a())
		return;
	printf("pingpong: %u round trips in %lu ms\n", round_trips,
	       (unsigned long)((evt_now() - start) / MS));
	expect_quiet("pingpong/a-no-spurious", main_port, round_trips);
	/* B has checked its side too and is ready for the next phase. */
	if (!wait_or_fail("pair/b-ready", ctl_port, 2))
		return;

	/* Masked: B answers a ping with three sends. */
	evt_reset(main_port);
	evt_mask(main_port);
	evt_send(main_port);
	set_xen_guest_handle(p.ports, &main_port);
	p.timeout = evt_now() + WAIT;
	expect_ok("mask/poll-masked-port", HYPERVISOR_sched_op(SCHEDOP_poll, gva(&p)));
	expect_true("mask/pending-while-masked", evt_pending(main_port), "port %u not pending",
		    main_port);
	evt_sleep(30 * MS);
	evt_deliver();
	expect_true("mask/no-upcall-while-masked", evt_count[main_port] == 0 && evt_pending(main_port),
		    "count %u pending %d, want 0 and pending", evt_count[main_port],
		    evt_pending(main_port));
	expect_ok("mask/unmask", evt_unmask(main_port));
	evt_deliver();
	expect_eq("mask/unmask-delivers-once", evt_count[main_port], 1);
	expect_quiet("mask/coalesced", main_port, 1);

	/* Close in use: tell B, close, wait for B's word on the control channel. */
	evt_reset(ctl_port);
	evt_send(main_port);
	expect_ok("close/in-use", evt_close(main_port));
	if (!evt_status(DOMID_SELF, main_port, &st))
		expect_eq("close/status-closed", st.status, EVTCHNSTAT_closed);
	if (!wait_or_fail("close/peer-saw-unbound", ctl_port, 1))
		return;
	expect_true("close/dropped-send-lost", !evt_pending(main_port),
		    "the closed port %u went pending", main_port);
	/* B's end waits for us again: bind to it from our side, then say go. */
	if (!expect_ok("close/rebind-peer-port", evt_bind_interdomain(peer_id, rport, &again)))
		return;
	evt_deliver();
	evt_reset(again);
	evt_send(ctl_port);
	if (wait_or_fail("close/rebound-delivers", again, 1))
		pass("close/rebound-delivers");
	/* B closes its end of the live channel: ours goes back to unbound. */
	evt_send(ctl_port);
	if (!wait_or_fail("close/peer-closing", ctl_port, 2))
		return;
	for (uint64_t end = evt_now() + WAIT; evt_now() < end; evt_sleep(MS))
		if (!evt_status(DOMID_SELF, again, &st) && st.status == EVTCHNSTAT_unbound)
			break;
	expect_true("close/peer-closed-leaves-unbound",
		    st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == peer_id,
		    "status %u remote %u, want unbound %u", st.status, st.u.unbound.dom, peer_id);
	evt_close(again);
	evt_close(ctl_port);
	evt_close(to_self);
	evt_close(to_nobody);
}

static void run_b(void)
{
	uint32_t a_main, a_ctl, port;
	struct evtchn_status st;
	struct sched_remote_shutdown rs = { .domain_id = peer_id, .reason = SHUTDOWN_poweroff };
	long rc;

	rc = evt_find_offer(peer_id, 1, 30000 * MS, &a_main, &main_port);
	if (!expect_ok("offer/find-main", rc))
		return;
	expect_true("bind/notifies-local", evt_pending(main_port), "port %u not pending", main_port);
	evt_deliver();
	evt_reset(main_port);
	rc = evt_find_offer(peer_id, a_main + 1, 30000 * MS, &a_ctl, &ctl_port);
	if (!expect_ok("offer/find-control", rc))
		return;
	expect_eq("offer/control-next", a_ctl, a_main + 1);
	evt_deliver();
	evt_reset(ctl_port);

	/* Hostile: ports not offered to us, already bound, past the table. */
	expect_rc("bind/offered-to-absent", evt_bind_interdomain(peer_id, a_main - 1, &port),
		  -XEN_EINVAL);
	expect_rc("bind/offered-to-itself", evt_bind_interdomain(peer_id, a_main - 2, &port),
		  -XEN_EINVAL);
	expect_rc("bind/already-bound", evt_bind_interdomain(peer_id, a_main, &port), -XEN_EINVAL);
	expect_rc("bind/port-past-table", evt_bind_interdomain(peer_id, 4000, &port), -XEN_EINVAL);
	expect_rc("bind/port-0", evt_bind_interdomain(peer_id, 0, &port), -XEN_EINVAL);
	expect_rc("status/peer-port", evt_status(peer_id, a_main, &st), -XEN_EPERM);
	expect_rc("alloc_unbound/for-peer", evt_alloc_unbound(peer_id, DOMID_SELF, &port),
		  -XEN_EPERM);
	expect_rc("remote_shutdown/peer", HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, gva(&rs)),
		  -XEN_EPERM);
	if (!evt_status(DOMID_SELF, main_port, &st))
		expect_true("status/interdomain", st.status == EVTCHNSTAT_interdomain &&
			    st.u.interdomain.dom == peer_id && st.u.interdomain.port == a_main,
			    "status %u %u:%u", st.status, st.u.interdomain.dom, st.u.interdomain.port);

	evt_send(main_port);
	evt_send(ctl_port);
	if (!ping_pong_b())
		return;
	expect_quiet("pingpong/b-no-spurious", main_port, round_trips);
	evt_reset(main_port);
	evt_send(ctl_port);

	/* A masked its end: three sends for one ping. */
	if (!wait_or_fail("mask/ping", main_port, 1))
		return;
	for (int i = 0; i < 3; i++)
		evt_send(main_port);

	/* A closes its end: ours becomes unbound, sends to it are dropped. */
	if (!wait_or_fail("close/ping", main_port, 2))
		return;
	for (uint64_t end = evt_now() + WAIT; evt_now() < end; evt_sleep(MS))
		if (!evt_status(DOMID_SELF, main_port, &st) && st.status == EVTCHNSTAT_unbound)
			break;
	expect_true("close/peer-sees-unbound",
		    st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == peer_id,
		    "status %u remote %u, want unbound %u", st.status, st.u.unbound.dom, peer_id);
	expect_ok("close/send-unbound-dropped", evt_send(main_port));
	evt_send(ctl_port);
	/* A binds our port again and says go on the control channel. */
	if (!wait_or_fail("close/go", ctl_port, 1))
		return;
	evt_status(DOMID_SELF, main_port, &st);
	expect_true("close/rebound-by-peer", st.status == EVTCHNSTAT_interdomain &&
		    st.u.interdomain.dom == peer_id, "status %u", st.status);
	evt_reset(main_port);
	evt_send(main_port);
	if (!wait_or_fail("close/close-now", ctl_port, 2))
		return;
	/* Closing our end of a live channel. */
	expect_ok("close/own-end-in-use", evt_close(main_port));
	evt_send(ctl_port);
	evt_close(ctl_port);
}

void test_main(void)
{
	const char *why = evt_setup();
	unsigned long mode_b;

	if (why) {
		fail("evt-pair/setup", "setup: %s", why);
		return;
	}
	self_id = (domid_t)evt_param("self", 0xffff);
	peer_id = (domid_t)evt_param("peer", 0xffff);
	mode_b = has_word(guest_cmdline(), "mode=b");
	if (self_id == 0xffff || peer_id == 0xffff ||
	    (!mode_b && !has_word(guest_cmdline(), "mode=a"))) {
		fail("evt-pair/setup", "setup: the module line lacks mode=a|b self=N peer=M");
		return;
	}
	round_trips = (uint32_t)evt_param("trips", ROUND_TRIPS_DEFAULT);
	expect_eq("pair/self-domid", evt_self_domid(), self_id);
	if (mode_b)
		run_b();
	else
		run_a();
	evt_tell_spinner();
}
