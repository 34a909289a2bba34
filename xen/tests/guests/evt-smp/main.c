/* SPDX-License-Identifier: MIT */
/*
 * evt-smp: a 2-vCPU domain brings up its second vCPU and uses both.
 *
 * Module line: "evt-smp role=domU self=N peer=M", booted with
 * dom_vcpus=N:2 as the first domain, so its vCPUs are dealt to the two
 * physical CPUs. vCPU 0 runs the cases; vCPU 1 runs commands from a
 * mailbox in our memory, woken by an IPI, and answers with another.
 *
 * Checks: vCPU 1 starts down and offline in its runstate with no running
 * time; VCPUOP_up before VCPUOP_initialise (-EINVAL); initialise with bad
 * pointers (-EFAULT, and -EFAULT before -EEXIST for vCPU 0), bad vCPU ids
 * (-ENOENT), non-canonical addresses, bad LDT/GDT sizes and page tables
 * that are not ours or not an L4 (-EINVAL), each leaving vCPU 1
 * uninitialised; a good context (Linux's cpu_initialize_context fields)
 * brings it up; initialise twice (-EEXIST); IPIs both ways (bind_ipi per
 * vCPU, 1000 round trips, each handled on the vCPU it was bound to);
 * VIRQ_TIMER per vCPU; bind_vcpu moving an interdomain port's delivery;
 * both vCPUs spinning at once accumulate running time in parallel (two
 * physical CPUs); singleshot timers only for the calling vCPU (-EINVAL
 * otherwise); SCHEDOP_poll woken by a port another vCPU is notified of;
 * register_vcpu_info refused for a running vCPU; VCPUOP_down stops vCPU 1
 * (is_up 0, runstate offline, no progress), also while it polls (an
 * event on the polled port must not bring it back), and VCPUOP_up
 * resumes it.
 *
 * A broken hypervisor runs a vCPU from a bad context, never starts it,
 * loses IPIs or delivers them to the wrong vCPU, runs both vCPUs on one
 * physical CPU, or keeps running a vCPU that was brought down.
 */
#include "evt.h"

enum { CMD_NONE, CMD_PINGPONG, CMD_SPIN, CMD_TIMER, CMD_POLL, CMD_SPIN_UNTIL_STOP, CMD_EXIT };

struct mailbox {
	volatile uint32_t cmd;
	volatile uint32_t arg;
	volatile uint32_t done;
	volatile uint32_t stop;
	volatile uint64_t progress;
	volatile uint64_t result[4];
};

static struct mailbox mbox;
static uint32_t cmd01, cmd10;   /* command IPI: vCPU 0 -> 1, answer 1 -> 0 */
static uint32_t ping01, ping10; /* ping-pong IPIs */
static uint32_t poll_port;      /* notifies vCPU 0; vCPU 1 polls it */

#define PINGPONGS 1000

/* ---- vCPU 1 ---- */

static void v1_pingpong(void)
{
	for (uint32_t i = 1; i <= PINGPONGS; i++) {
		if (!evt_wait_count(ping01, i, 2000 * MS))
			return;
		evt_send(ping10);
	}
}

static void v1_spin(uint64_t ns)
{
	uint64_t end = evt_now() + ns, n = 0;

	while (evt_now() < end)
		n++;
	mbox.result[0] = n;
}

static void v1_timer(void)
{
	uint32_t t1 = evt_timer_port[1];
	uint64_t deadline = evt_now() + 20 * MS, end = evt_now() + 1000 * MS;

	evt_reset(t1);
	mbox.result[0] = (uint64_t)evt_set_singleshot(deadline, 0);
	while (!evt_count[t1] && evt_now() < end)
		evt_block();
	mbox.result[1] = evt_count[t1];
	mbox.result[2] = evt_now() + CLOCK_SLACK_NS >= deadline;
}

static void v1_poll(void)
{
	struct sched_poll p = { .nr_ports = 1 };
	uint64_t start = evt_now();

	set_xen_guest_handle(p.ports, &poll_port);
	p.timeout = start + 2000 * MS;
	mbox.result[1] = 1;   /* about to poll */
	/* vCPU 0 may be blocked waiting for that flag: a plain store wakes
	 * nobody, on Xen either, so tell it (it only re-reads the flag). */
	evt_send(cmd10);
	mbox.result[0] = (uint64_t)HYPERVISOR_sched_op(SCHEDOP_poll, gva(&p));
	mbox.result[2] = evt_now() - start;
}

static void vcpu1_main(void)
{
	for (;;) {
		uint32_t cmd;

		while (!mbox.cmd)
			evt_wait_flag(&mbox.cmd, 1000 * MS);
		cmd = mbox.cmd;
		switch (cmd) {
		case CMD_PINGPONG:
			v1_pingpong();
			break;
		case CMD_SPIN:
			v1_spin(mbox.arg * MS);
			break;
		case CMD_TIMER:
			v1_timer();
			break;
		case CMD_POLL:
			v1_poll();
			break;
		case CMD_SPIN_UNTIL_STOP:
			while (!mbox.stop)
				mbox.progress++;
			break;
		default:
			break;
		}
		mbox.cmd = CMD_NONE;
		mbox.done++;
		evt_send(cmd10);
		if (cmd == CMD_EXIT)
			return;
	}
}

/* ---- vCPU 0 ---- */

/* Post a command and kick vCPU 1; returns the answer count to wait past. */
static uint32_t post(uint32_t cmd, uint32_t arg)
{
	uint32_t done = mbox.done;

	mbox.arg = arg;
	mbox.cmd = cmd;
	evt_send(cmd01);
	return done;
}

/* Block until vCPU 1 has answered the command posted at `done`. */
static bool wait_done(uint32_t done)
{
	for (uint64_t end = evt_now() + 10000 * MS; mbox.done == done && evt_now() < end;)
		evt_wait_count(cmd10, evt_count[cmd10] + 1, 100 * MS);
	return mbox.done != done;
}

static bool run(uint32_t cmd, uint32_t arg)
{
	return wait_done(post(cmd, arg));
}

static long initialise(unsigned int vcpu, const struct vcpu_guest_context *ctx)
{
	return HYPERVISOR_vcpu_op(VCPUOP_initialise, vcpu, gva(ctx));
}

static long runstate(unsigned int vcpu, struct vcpu_runstate_info *r)
{
	return HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, vcpu, gva(r));
}

static char not_l4_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void bad_context(const char *name, void (*spoil)(struct vcpu_guest_context *))
{
	evt_vcpu_context(&evt_ctx, vcpu1_main);
	spoil(&evt_ctx);
	expect_rc(name, initialise(1, &evt_ctx), -XEN_EINVAL);
}

static void spoil_rip(struct vcpu_guest_context *c) { c->user_regs.rip = NON_CANONICAL; }
static void spoil_sp(struct vcpu_guest_context *c) { c->kernel_sp = NON_CANONICAL_HI; }
static void spoil_cb(struct vcpu_guest_context *c) { c->event_callback_eip = NON_CANONICAL; }
static void spoil_trap(struct vcpu_guest_context *c) { c->trap_ctxt[14].address = NON_CANONICAL; }
static void spoil_ldt_base(struct vcpu_guest_context *c)
{
	c->ldt_ents = 1;
	c->ldt_base = (unsigned long)not_l4_page + 8;
}
static void spoil_ldt_ents(struct vcpu_guest_context *c)
{
	c->ldt_ents = 8193;
	c->ldt_base = (unsigned long)not_l4_page;
}
static void spoil_gdt(struct vcpu_guest_context *c) { c->gdt_ents = 16 * 512 + 1; }
static void spoil_cr3_absent(struct vcpu_guest_context *c) { c->ctrlreg[3] = 0xfffffffUL << 12; }
static void spoil_cr3_not_l4(struct vcpu_guest_context *c)
{
	c->ctrlreg[3] = xen_pfn_to_cr3(virt_to_mfn(not_l4_page));
}

static bool bring_up(void)
{
	struct vcpu_runstate_info r;

	expect_rc("vcpu1/is_up-before", HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, 0), 0);
	if (expect_ok("vcpu1/runstate-before", runstate(1, &r))) {
		expect_eq("vcpu1/runstate-offline-before", (unsigned long)r.state, RUNSTATE_offline);
		expect_eq("vcpu1/no-running-time-before", r.time[RUNSTATE_running], 0);
	}
	expect_rc("vcpu1/up-uninitialised", HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0), -XEN_EINVAL);
	evt_vcpu_context(&evt_ctx, vcpu1_main);
	expect_rc("initialise/vcpu-2-absent", initialise(2, &evt_ctx), -XEN_ENOENT);
	expect_rc("initialise/vcpu-all-ones", initialise(0xffffffff, &evt_ctx), -XEN_ENOENT);
	expect_rc("initialise/vcpu0-exists", initialise(0, &evt_ctx), -XEN_EEXIST);
	/* Xen copies the context in before it looks at the vCPU's state. */
	expect_rc("initialise/vcpu0-null", HYPERVISOR_vcpu_op(VCPUOP_initialise, 0, 0), -XEN_EFAULT);
	expect_rc("initialise/null", HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, 0), -XEN_EFAULT);
	expect_rc("initialise/hypervisor",
		  HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("initialise/noncanonical",
		  HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, NON_CANONICAL), -XEN_EFAULT);
	bad_context("initialise/rip-noncanonical", spoil_rip);
	bad_context("initialise/kernel-sp-noncanonical", spoil_sp);
	bad_context("initialise/callback-noncanonical", spoil_cb);
	bad_context("initialise/trap-noncanonical", spoil_trap);
	bad_context("initialise/ldt-base-unaligned", spoil_ldt_base);
	bad_context("initialise/ldt-ents-8193", spoil_ldt_ents);
	bad_context("initialise/gdt-ents-17-frames", spoil_gdt);
	bad_context("initialise/cr3-absent", spoil_cr3_absent);
	bad_context("initialise/cr3-not-l4", spoil_cr3_not_l4);
	expect_rc("initialise/failures-leave-down", HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0),
		  -XEN_EINVAL);

	evt_vcpu_context(&evt_ctx, vcpu1_main);
	evt_vcpu_info[1]->evtchn_upcall_mask = 1;
	if (!expect_ok("initialise/good", initialise(1, &evt_ctx)))
		return false;
	expect_rc("initialise/twice", initialise(1, &evt_ctx), -XEN_EEXIST);
	expect_rc("initialise/stays-down", HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, 0), 0);
	if (!expect_ok("vcpu1/up", HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0)))
		return false;
	if (!expect_true("vcpu1/runs", evt_wait_flag(&evt_vcpu1_started, 5000 * MS),
			 "vCPU 1 did not reach its entry point in 5 s"))
		return false;
	expect_rc("vcpu1/is_up", HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, 0), 1);
	expect_ok("vcpu1/up-again", HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0));
	expect_true("vcpu1/time-info", !(evt_vcpu_info[1]->time.version & 1) &&
		    evt_vcpu_info[1]->time.tsc_to_system_mul != 0, "version %u mul %u",
		    evt_vcpu_info[1]->time.version, evt_vcpu_info[1]->time.tsc_to_system_mul);
	return true;
}

static bool bind_ports(void)
{
	struct evtchn_status st;
	uint32_t port;

	if (evt_bind_virq(VIRQ_TIMER, 1, &evt_timer_port[1]) || evt_bind_ipi(1, &cmd01) ||
	    evt_bind_ipi(0, &cmd10) || evt_bind_ipi(1, &ping01) || evt_bind_ipi(0, &ping10)) {
		fail("smp/setup", "setup: binding the IPIs and vCPU 1's VIRQ_TIMER failed");
		return false;
	}
	evt_port_vcpu[evt_timer_port[1]] = 1;
	evt_port_vcpu[cmd01] = 1;
	evt_port_vcpu[ping01] = 1;
	if (!evt_status(DOMID_SELF, ping01, &st))
		expect_true("bind_ipi/status-vcpu1", st.status == EVTCHNSTAT_ipi && st.vcpu == 1,
			    "status %u vcpu %u", st.status, st.vcpu);
	if (!evt_status(DOMID_SELF, evt_timer_port[1], &st))
		expect_true("bind_virq/timer-vcpu1", st.status == EVTCHNSTAT_virq && st.vcpu == 1,
			    "status %u vcpu %u", st.status, st.vcpu);
	expect_rc("bind_virq/timer-vcpu1-twice", evt_bind_virq(VIRQ_TIMER, 1, &port), -XEN_EEXIST);
	expect_rc("bind_virq/global-vcpu1", evt_bind_virq(VIRQ_DOM_EXC, 1, &port), -XEN_EINVAL);
	expect_rc("bind_ipi/vcpu2-absent", evt_bind_ipi(2, &port), -XEN_ENOENT);
	return true;
}

static void test_ipis(void)
{
	uint64_t h0 = evt_handled[0], h1 = evt_handled[1];
	uint32_t i, done;

	evt_reset(ping01);
	evt_reset(ping10);
	done = post(CMD_PINGPONG, 0);
	for (i = 1; i <= PINGPONGS; i++) {
		evt_send(ping01);
		if (!evt_wait_count(ping10, i, 2000 * MS))
			break;
	}
	wait_done(done);
	expect_true("ipi/1000-round-trips", i > PINGPONGS && evt_count[ping10] == PINGPONGS,
		    "stopped at %u: %u answers", i, evt_count[ping10]);
	expect_eq("ipi/vcpu1-got-each-once", evt_count[ping01], PINGPONGS);
	expect_true("ipi/handled-on-bound-vcpu", evt_handled[1] - h1 >= PINGPONGS &&
		    evt_handled[0] - h0 >= PINGPONGS, "vcpu0 handled %lu, vcpu1 %lu",
		    (unsigned long)(evt_handled[0] - h0), (unsigned long)(evt_handled[1] - h1));
}

static void test_parallel(void)
{
	struct vcpu_runstate_info a0, a1, b0, b1;
	uint64_t start, n = 0, window = 300 * MS, ran0, ran1;
	uint32_t done;

	runstate(0, &a0);
	runstate(1, &a1);
	start = evt_now();
	done = post(CMD_SPIN, (uint32_t)(window / MS));
	while (evt_now() < start + window)
		n++;
	if (!wait_done(done)) {
		fail("parallel/vcpu1-answers", "vCPU 1 did not finish its spin");
		return;
	}
	runstate(0, &b0);
	runstate(1, &b1);
	ran0 = b0.time[RUNSTATE_running] - a0.time[RUNSTATE_running];
	ran1 = b1.time[RUNSTATE_running] - a1.time[RUNSTATE_running];
	expect_true("parallel/both-progress", n > 0 && mbox.result[0] > 0,
		    "loops: vcpu0 %lu vcpu1 %lu", (unsigned long)n, (unsigned long)mbox.result[0]);
	/* On one physical CPU they would share 300 ms: about 150 ms each. */
	expect_true("parallel/two-physical-cpus", ran0 >= window * 8 / 10 && ran1 >= window * 8 / 10,
		    "running time in a 300 ms window: vcpu0 %lu ms, vcpu1 %lu ms",
		    (unsigned long)(ran0 / MS), (unsigned long)(ran1 / MS));
}

static void test_timers(void)
{
	struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = evt_now() + 50 * MS };
	struct vcpu_set_periodic_timer p = { .period_ns = 50 * MS };

	mbox.result[1] = 0;
	if (!expect_true("timer/vcpu1-answers", run(CMD_TIMER, 0), "no answer"))
		return;
	expect_true("timer/vcpu1-own-virq", mbox.result[0] == 0 && mbox.result[1] == 1 &&
		    mbox.result[2], "set %ld, VIRQ_TIMER count %lu, not early %lu",
		    (long)mbox.result[0], (unsigned long)mbox.result[1],
		    (unsigned long)mbox.result[2]);
	/* Only the calling vCPU's singleshot timer may be set or stopped. */
	expect_rc("singleshot/other-vcpu",
		  HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 1, gva(&t)), -XEN_EINVAL);
	expect_rc("singleshot/stop-other-vcpu",
		  HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 1, 0), -XEN_EINVAL);
	/* The periodic timer of another vCPU is fair game. */
	expect_ok("periodic/other-vcpu", HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 1, gva(&p)));
	expect_ok("periodic/stop-other-vcpu",
		  HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 1, 0));
}

static void test_bind_vcpu(void)
{
	struct evtchn_status st;
	uint32_t a, b;

	if (evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &a) || evt_bind_interdomain(DOMID_SELF, a, &b)) {
		fail("bind_vcpu/setup", "setup: loopback channel failed");
		return;
	}
	evt_deliver();
	evt_reset(b);
	evt_port_vcpu[b] = 1;
	if (!expect_ok("bind_vcpu/interdomain-to-vcpu1", evt_bind_vcpu(b, 1)))
		return;
	if (!evt_status(DOMID_SELF, b, &st))
		expect_eq("bind_vcpu/status-vcpu", st.vcpu, 1);
	evt_send(a);
	for (uint64_t end = evt_now() + 2000 * MS; !evt_count[b] && evt_now() < end;)
		evt_sleep(MS);
	expect_eq("bind_vcpu/delivered-on-vcpu1", evt_count[b], 1);
	expect_rc("bind_vcpu/vcpu2-absent", evt_bind_vcpu(b, 2), -XEN_ENOENT);
	evt_close(b);
	expect_ok("close/resets-vcpu", evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &b));
	if (!evt_status(DOMID_SELF, b, &st))
		expect_eq("close/new-port-vcpu0", st.vcpu, 0);
	evt_port_vcpu[b] = 0;
	evt_close(b);
	evt_close(a);
}

static void test_poll_other(void)
{
	uint32_t a, done;

	/* A masked loopback port notifying vCPU 0; vCPU 1 polls it. */
	if (evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &a) ||
	    evt_bind_interdomain(DOMID_SELF, a, &poll_port)) {
		fail("poll/setup", "setup: loopback channel failed");
		return;
	}
	evt_deliver();
	evt_mask(poll_port);
	evt_clear(poll_port);
	mbox.result[1] = 0;
	done = post(CMD_POLL, 0);
	evt_wait_flag((volatile uint32_t *)&mbox.result[1], 1000 * MS);
	evt_sleep(30 * MS);
	evt_send(a);
	if (!expect_true("poll/vcpu1-answers", wait_done(done), "no answer"))
		return;
	expect_true("poll/woken-by-port-of-other-vcpu", mbox.result[0] == 0 &&
		    mbox.result[2] < 1000 * MS, "poll returned %ld after %lu ms (timeout 2000 ms)",
		    (long)mbox.result[0], (unsigned long)(mbox.result[2] / MS));
	evt_close(poll_port);
	evt_close(a);
}

/* A vCPU brought down while it polls stays down when an event arrives
 * on the polled port (review #13: the event used to wake it, so is_up
 * said 1 again and it ran on). */
static void test_down_while_polling(void)
{
	uint32_t a, done;

	if (evt_alloc_unbound(DOMID_SELF, DOMID_SELF, &a) ||
	    evt_bind_interdomain(DOMID_SELF, a, &poll_port)) {
		fail("down-polling/setup", "setup: loopback channel failed");
		return;
	}
	evt_deliver();
	evt_mask(poll_port);
	evt_clear(poll_port);
	mbox.result[1] = 0;
	done = post(CMD_POLL, 0);
	evt_wait_flag((volatile uint32_t *)&mbox.result[1], 1000 * MS);
	evt_sleep(20 * MS);
	if (!expect_ok("down-polling/vcpu1", HYPERVISOR_vcpu_op(VCPUOP_down, 1, 0)))
		return;
	evt_send(a);
	evt_sleep(50 * MS);
	expect_rc("down-polling/stays-down", HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, 0), 0);
	expect_ok("down-polling/up-again", HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0));
	expect_true("down-polling/finishes-command", wait_done(done), "vCPU 1 did not answer");
	evt_close(poll_port);
	evt_close(a);
}

static char vcpu1_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void test_vcpu_info_running(void)
{
	struct vcpu_register_vcpu_info r = { .mfn = virt_to_mfn(vcpu1_info_page), .offset = 0 };
	long rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 1, gva(&r));

	if (rc == 0)   /* keep vCPU 1 working where the hypervisor put it */
		evt_vcpu_info[1] = (volatile struct vcpu_info *)vcpu1_info_page;
	expect_rc("vcpu_info/other-vcpu-running", rc, -XEN_EINVAL);
}

static void test_down_up(void)
{
	struct vcpu_runstate_info r;
	uint64_t p0, p1;
	uint32_t done;

	mbox.stop = 0;
	mbox.progress = 0;
	done = post(CMD_SPIN_UNTIL_STOP, 0);
	evt_sleep(20 * MS);
	expect_true("down/vcpu1-spinning", mbox.progress > 0, "no progress");
	if (!expect_ok("down/vcpu1", HYPERVISOR_vcpu_op(VCPUOP_down, 1, 0)))
		return;
	evt_sleep(20 * MS);
	expect_rc("down/is_up-0", HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, 0), 0);
	p0 = mbox.progress;
	evt_sleep(50 * MS);
	p1 = mbox.progress;
	expect_true("down/stops-running", p1 == p0, "progress %lu -> %lu while down",
		    (unsigned long)p0, (unsigned long)p1);
	if (!runstate(1, &r))
		expect_eq("down/runstate-offline", (unsigned long)r.state, RUNSTATE_offline);
	expect_ok("up/vcpu1-again", HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0));
	evt_sleep(30 * MS);
	expect_true("up/resumes", mbox.progress > p1, "no progress after VCPUOP_up");
	mbox.stop = 1;
	expect_true("up/finishes-command", wait_done(done), "vCPU 1 did not answer");
}

void test_main(void)
{
	const char *why = evt_setup();

	if (why) {
		fail("evt-smp/setup", "setup: %s", why);
		return;
	}
	if (!bind_ports() || !bring_up())
		return;
	test_ipis();
	test_parallel();
	test_timers();
	test_bind_vcpu();
	test_poll_other();
	test_down_while_polling();
	test_down_up();
	test_vcpu_info_running();
	run(CMD_EXIT, 0);
	expect_true("vcpu1/exits", evt_wait_flag(&evt_vcpu1_done, 2000 * MS), "no exit");
	evt_tell_spinner();
}
