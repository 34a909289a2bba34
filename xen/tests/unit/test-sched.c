/* SPDX-License-Identifier: GPL-2.0 */
/* The scheduler's run-queue logic on two fake CPUs: wakes enqueue once,
 * round robin, blocking leaves the CPU, a wake-up racing a block is not
 * lost, stopped and dead vCPUs leave the queue for good, the slice preempts
 * a spinner only when someone waits, cross-CPU wakes and kicks send an IPI
 * to the right CPU, the idle loop, a toolstack pause. Context switches
 * are recorded, not made; each test ends by stopping every vCPU, which
 * empties the queues (the toolstack's controls: test-sched-ctl.c). */
#include "helpers.h"
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/regs.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <xeno/arch-sched.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/lib.h>
#include <xeno/sched.h>

#include "sched-harness.h"

/* Round-robin turns: who runs after each yield of the current vCPU. */
static void assert_turns(struct vcpu *const *want, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct vcpu *cur = host_cpu_info->current;

		vcpu_yield(cur);
		assert_ptr_equal(run_schedule(), want[i]);
		assert_int_equal(want[i]->state, VCPU_RUNNING);
		if (cur != want[i])
			assert_int_equal(cur->state, VCPU_RUNNABLE);
	}
}

static void test_init_registers_ipi_handlers(void **state)
{
	assert_non_null(handlers[VECTOR_IPI_EVENT]);
	assert_non_null(handlers[VECTOR_IPI_STOP]);
}

/* Must stay the first test to add vCPUs: the CPU counter is static. */
static void test_add_vcpu_spreads_over_cpus(void **state)
{
	a->state = VCPU_RUNNABLE;
	sched_add_vcpu(a);
	sched_add_vcpu(b);
	sched_add_vcpu(c);
	assert_int_equal(a->processor, 0);
	assert_int_equal(b->processor, 1);
	assert_int_equal(c->processor, 0);
	assert_int_equal(a->state, VCPU_DOWN);
	assert_int_equal(nr_switches, 0);
}

static void test_wake_enqueues_once(void **state)
{
	vcpu_wake(a);
	vcpu_wake(a);
	vcpu_wake(b);
	vcpu_wake(a);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	assert_int_equal(b->state, VCPU_RUNNABLE);
	assert_int_equal(nr_ipis, 0);                 /* same CPU: no IPI */
	assert_ptr_equal(run_schedule(), a);
	assert_int_equal(nr_switches, 1);
	assert_null(switches[0].prev);
	assert_ptr_equal(switches[0].next, a);
	/* a was queued once: after a and b have each run, the CPU idles. */
	sched_block(a);
	assert_ptr_equal(run_schedule(), b);
	sched_block(b);
	assert_null(run_schedule());
	assert_int_equal(nr_switches, 3);
	assert_ptr_equal(switches[2].prev, b);
	assert_null(switches[2].next);
	assert_null(run_schedule());                  /* idle with nothing: no switch */
	assert_int_equal(nr_switches, 3);
}

/* Review #13: only bringing a vCPU up revives it; the wake-ups of events,
 * poll timeouts and kicks leave a down vCPU down. */
static void test_unblock_leaves_down_vcpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);                               /* a polls ... */
	vcpu_stop(a, false);                          /* ... and is taken down */
	assert_int_equal(a->state, VCPU_DOWN);
	vcpu_unblock(a);
	vcpu_kick(a);
	assert_int_equal(a->state, VCPU_DOWN);
	assert_null(run_schedule());
	vcpu_wake(a);                                 /* VCPUOP_up */
	assert_int_equal(a->state, VCPU_RUNNABLE);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);
	vcpu_unblock(a);                              /* blocked: woken */
	assert_int_equal(a->state, VCPU_RUNNING);
}

static void test_wake_ignores_running_and_dead(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	vcpu_wake(a);                                 /* running: nothing to do */
	assert_int_equal(a->state, VCPU_RUNNING);
	vcpu_stop(b, true);
	vcpu_wake(b);
	assert_int_equal(b->state, VCPU_DEAD);
	sched_block(a);
	assert_null(run_schedule());                  /* neither was queued */
}

static void test_round_robin(void **state)
{
	struct vcpu *const turns[] = { b, c, a, b, c, a };

	vcpu_wake(a);
	vcpu_wake(b);
	vcpu_wake(c);
	assert_ptr_equal(run_schedule(), a);
	assert_turns(turns, ARRAY_SIZE(turns));
	assert_int_equal(nr_switches, 7);
}

static void test_block_leaves_cpu(void **state)
{
	struct vcpu *const turns[] = { c, b, c, b };

	vcpu_wake(a);
	vcpu_wake(b);
	vcpu_wake(c);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);
	assert_int_equal(a->state, VCPU_BLOCKED);
	assert_true(vcpu_is_running(a));              /* until the switch */
	assert_ptr_equal(run_schedule(), b);
	assert_false(vcpu_is_running(a));
	assert_int_equal(a->state, VCPU_BLOCKED);
	assert_ptr_equal(switches[1].prev, a);
	/* b and c take turns; a does not come back until woken. */
	assert_turns(turns, ARRAY_SIZE(turns));
	vcpu_wake(a);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	sched_block(b);
	assert_ptr_equal(run_schedule(), c);
	sched_block(c);
	assert_ptr_equal(run_schedule(), a);
}

/* A wake-up that lands after the vCPU blocked but before its CPU switched
 * away keeps it running: the event is not lost, and it is not queued too. */
static void test_wake_of_running_blocked_vcpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);
	vcpu_wake(a);
	assert_int_equal(a->state, VCPU_RUNNING);
	assert_int_equal(nr_ipis, 0);
	assert_ptr_equal(run_schedule(), a);
	assert_int_equal(nr_switches, 1);
	/* Not queued: blocking for real now leaves the CPU idle. */
	sched_block(a);
	assert_null(run_schedule());
	assert_int_equal(nr_switches, 2);
}

static void test_wake_of_running_blocked_vcpu_with_waiter(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	vcpu_wake(b);
	sched_block(a);
	vcpu_wake(a);
	/* b was waiting, so a gives way, but stays runnable and comes back. */
	assert_ptr_equal(run_schedule(), b);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	sched_block(b);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);
	assert_null(run_schedule());
}

static void test_stop_removes_from_queue(void **state)
{
	struct vcpu *const turns[] = { c, a, c, a };

	vcpu_wake(a);
	vcpu_wake(b);
	vcpu_wake(c);
	vcpu_stop(b, true);                           /* the middle of the queue */
	assert_int_equal(b->state, VCPU_DEAD);
	assert_ptr_equal(run_schedule(), a);
	assert_turns(turns, ARRAY_SIZE(turns));
	/* Dead: a wake does not bring it back. */
	vcpu_wake(b);
	assert_int_equal(b->state, VCPU_DEAD);
	assert_turns(turns, ARRAY_SIZE(turns));
	for (unsigned int i = 0; i < nr_switches && i < MAX_LOG; i++)
		assert_ptr_not_equal(switches[i].next, b);
}

static void test_stop_head_and_tail(void **state)
{
	struct vcpu *const turns[] = { d, b, d, b };

	vcpu_wake(a);
	vcpu_wake(b);
	vcpu_wake(c);
	vcpu_stop(c, false);                          /* the tail */
	vcpu_stop(a, false);                          /* the head */
	assert_int_equal(a->state, VCPU_DOWN);
	assert_int_equal(c->state, VCPU_DOWN);
	vcpu_wake(d);                                 /* must queue after b */
	assert_ptr_equal(run_schedule(), b);
	assert_turns(turns, ARRAY_SIZE(turns));
	/* The only one queued, stopped: the queue is empty, then usable. */
	vcpu_yield(b);
	vcpu_stop(d, false);
	assert_ptr_equal(run_schedule(), b);
	assert_int_equal(nr_switches, 5);
	vcpu_wake(a);
	sched_block(b);
	assert_ptr_equal(run_schedule(), a);
	/* Down is not dead: c comes back when woken. */
	vcpu_wake(c);
	sched_block(a);
	assert_ptr_equal(run_schedule(), c);
}

static void test_stop_running_vcpu(void **state)
{
	vcpu_wake(a);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), a);
	vcpu_stop(a, true);                           /* itself, on this CPU */
	assert_int_equal(a->state, VCPU_DEAD);
	assert_int_equal(nr_ipis, 0);
	assert_ptr_equal(run_schedule(), b);
	assert_ptr_equal(switches[1].prev, a);
	vcpu_yield(b);
	assert_ptr_equal(run_schedule(), b);          /* a is not queued */
	vcpu_stop(b, true);
	assert_null(run_schedule());
}

static void test_stop_vcpu_running_elsewhere(void **state)
{
	b->processor = 1;
	on_cpu(1);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), b);
	on_cpu(0);
	vcpu_stop(b, true);
	assert_int_equal(nr_ipis, 1);
	assert_int_equal(ipis[0].apic_id, 0x12);
	assert_int_equal(ipis[0].vector, VECTOR_IPI_EVENT);
	assert_true(vcpu_is_running(b));              /* until CPU 1 switches */
	on_cpu(1);
	handlers[VECTOR_IPI_EVENT](NULL);
	assert_int_equal(nr_eois, 1);
	assert_null(run_schedule());
	assert_false(vcpu_is_running(b));
	/* Stopping a vCPU that is not running sends nothing. */
	on_cpu(0);
	vcpu_stop(b, true);
	vcpu_stop(c, false);
	assert_int_equal(nr_ipis, 1);
}

static void test_slice_preempts_only_with_waiter(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	/* Alone, a spinner keeps the CPU however long it runs. */
	for (unsigned int t = 0; t < 4 * SCHED_SLICE_TICKS; t++) {
		sched_tick();
		assert_ptr_equal(run_schedule(), a);
	}
	assert_int_equal(nr_timer_runs, 4 * SCHED_SLICE_TICKS);
	assert_int_equal(nr_switches, 1);
	sched_block(a);
	assert_null(run_schedule());
	/* With another waiting, it goes after SCHED_SLICE_TICKS ticks. */
	vcpu_wake(a);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), a);
	for (unsigned int t = 1; t < SCHED_SLICE_TICKS; t++) {
		sched_tick();
		assert_ptr_equal(run_schedule(), a);
	}
	sched_tick();
	assert_ptr_equal(run_schedule(), b);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	/* A full slice for b too, then a again. */
	for (unsigned int t = 1; t < SCHED_SLICE_TICKS; t++) {
		sched_tick();
		assert_ptr_equal(run_schedule(), b);
	}
	sched_tick();
	assert_ptr_equal(run_schedule(), a);
}

static void test_tick_while_idle(void **state)
{
	for (unsigned int t = 0; t < 2 * SCHED_SLICE_TICKS; t++) {
		sched_tick();
		assert_null(run_schedule());
	}
	assert_int_equal(nr_timer_runs, 2 * SCHED_SLICE_TICKS);
	assert_int_equal(nr_switches, 0);
	/* Idle ticks do not count against the next vCPU's slice. */
	vcpu_wake(a);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), a);
	sched_tick();
	assert_ptr_equal(run_schedule(), a);
}

/* A vCPU made runnable asks for a reschedule of its CPU: a spinner there
 * gives way at once, not at the end of its slice. */
static void test_wake_preempts_spinner(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	for (unsigned int t = 0; t < 2 * SCHED_SLICE_TICKS; t++)
		sched_tick();
	assert_ptr_equal(run_schedule(), a);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), b);
	assert_int_equal(a->state, VCPU_RUNNABLE);
}

static void test_wake_on_other_cpu_sends_ipi(void **state)
{
	b->processor = 1;
	vcpu_wake(b);
	assert_int_equal(b->state, VCPU_RUNNABLE);
	assert_int_equal(nr_ipis, 1);
	assert_int_equal(ipis[0].apic_id, 0x12);     /* CPU 1's APIC, not CPU 0's */
	assert_int_equal(ipis[0].vector, VECTOR_IPI_EVENT);
	vcpu_wake(b);                                 /* already queued: no second IPI */
	assert_int_equal(nr_ipis, 1);
	/* CPU 0 has nothing of its own to do. */
	assert_null(run_schedule());
	assert_false(vcpu_is_running(b));
	/* CPU 1 takes the IPI and runs b. */
	on_cpu(1);
	handlers[VECTOR_IPI_EVENT](NULL);
	assert_int_equal(nr_eois, 1);
	assert_ptr_equal(run_schedule(), b);
	assert_true(vcpu_is_running(b));
	assert_int_equal(switches[0].cpu, 1);
	/* A wake from CPU 1 of its own vCPU needs no IPI. */
	c->processor = 1;
	vcpu_wake(c);
	assert_int_equal(nr_ipis, 1);
	assert_ptr_equal(run_schedule(), c);
}

static void test_ipi_to_running_cpu_with_waiter(void **state)
{
	b->processor = 1;
	c->processor = 1;
	on_cpu(1);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), b);
	/* From CPU 0: c queued on CPU 1, which is told to look. */
	on_cpu(0);
	vcpu_wake(c);
	assert_int_equal(nr_ipis, 1);
	on_cpu(1);
	assert_ptr_equal(run_schedule(), b);          /* before the IPI: no reason yet */
	handlers[VECTOR_IPI_EVENT](NULL);
	assert_ptr_equal(run_schedule(), c);
}

static void test_yield_alone_keeps_vcpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	for (unsigned int i = 0; i < 3; i++) {
		vcpu_yield(a);
		assert_ptr_equal(run_schedule(), a);
		assert_int_equal(a->state, VCPU_RUNNING);
	}
	assert_int_equal(nr_switches, 1);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), b);
	vcpu_yield(b);
	assert_ptr_equal(run_schedule(), a);
}

static void test_kick(void **state)
{
	/* Blocked: woken and queued. */
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);
	assert_null(run_schedule());
	vcpu_kick(a);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	assert_ptr_equal(run_schedule(), a);
	/* Running here: nothing to send, the upcall goes on the way out. */
	vcpu_kick(a);
	assert_int_equal(nr_ipis, 0);
	assert_int_equal(a->state, VCPU_RUNNING);
	/* Runnable, queued: nothing either. */
	vcpu_wake(b);
	vcpu_kick(b);
	assert_int_equal(nr_ipis, 0);
	/* Running on another CPU: an IPI to that CPU. */
	c->processor = 1;
	on_cpu(1);
	vcpu_wake(c);
	assert_ptr_equal(run_schedule(), c);
	on_cpu(0);
	vcpu_kick(c);
	assert_int_equal(nr_ipis, 1);
	assert_int_equal(ipis[0].apic_id, 0x12);
	assert_int_equal(ipis[0].vector, VECTOR_IPI_EVENT);
	/* Down: not woken by a kick. */
	vcpu_kick(d);
	assert_int_equal(d->state, VCPU_DOWN);
}

static void test_block_only_when_running(void **state)
{
	vcpu_wake(a);
	sched_block(a);                               /* queued, not running */
	assert_int_equal(a->state, VCPU_RUNNABLE);
	sched_block(d);                               /* down */
	assert_int_equal(d->state, VCPU_DOWN);
	assert_ptr_equal(run_schedule(), a);
}

static void test_idle_loop_runs_queued_vcpu(void **state)
{
	vcpu_wake(a);
	if (setjmp(idle_exit) == 0)
		sched_idle_loop();
	assert_ptr_equal(host_cpu_info->current, a);
	assert_int_equal(nr_reaps, 1);
	assert_int_equal(nr_switches, 1);
	assert_int_equal(nr_idle_reports, 0);
}

static void test_idle_loop_with_nothing_to_do(void **state)
{
	leave_idle_on_report = true;
	if (setjmp(idle_exit) == 0)
		sched_idle_loop();
	assert_null(host_cpu_info->current);
	assert_int_equal(nr_reaps, 1);
	assert_int_equal(nr_idle_reports, 1);         /* CPU 0 reports idle time */
	assert_int_equal(nr_switches, 0);
}

/* A paused domain's queued vCPU is skipped and dropped from the queue;
 * the unpause queues it again. */
static void test_pause_skips_queued_vcpu(void **state)
{
	vcpu_wake(a);
	vcpu_wake(c);
	dom_ab.pause_count = 1;
	assert_ptr_equal(run_schedule(), c);
	assert_false(a->on_runq);
	assert_int_equal(a->state, VCPU_RUNNABLE);   /* parked, not blocked */
	dom_ab.pause_count = 0;
	sched_unpark(a);
	assert_true(a->on_runq);
	vcpu_yield(c);
	assert_ptr_equal(run_schedule(), a);
}

/* Parking the running vCPU makes it leave the CPU at the next schedule. */
static void test_park_running_vcpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	dom_ab.pause_count = 1;
	sched_park(a);
	assert_null(run_schedule());
	assert_false(vcpu_is_running(a));
	assert_false(a->on_runq);
	/* A wake while paused (an event, a timer) does not queue it. */
	a->state = VCPU_BLOCKED;
	vcpu_unblock(a);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	assert_false(a->on_runq);
	assert_null(run_schedule());
	dom_ab.pause_count = 0;
	sched_unpark(a);
	assert_ptr_equal(run_schedule(), a);
}

/* Unparking a vCPU that is down or blocked leaves it alone. */
static void test_unpark_leaves_down_and_blocked(void **state)
{
	dom_ab.pause_count = 0;
	sched_unpark(a);
	assert_false(a->on_runq);
	assert_int_equal(a->state, VCPU_DOWN);
	b->state = VCPU_BLOCKED;
	sched_unpark(b);
	assert_false(b->on_runq);
	b->state = VCPU_DOWN;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_registers_ipi_handlers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_vcpu_spreads_over_cpus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_enqueues_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_ignores_running_and_dead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_robin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_leaves_cpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_of_running_blocked_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_of_running_blocked_vcpu_with_waiter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_removes_from_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_head_and_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_running_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_vcpu_running_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slice_preempts_only_with_waiter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tick_while_idle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_preempts_spinner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_on_other_cpu_sends_ipi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipi_to_running_cpu_with_waiter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_yield_alone_keeps_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unblock_leaves_down_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_only_when_running, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_loop_runs_queued_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_loop_with_nothing_to_do, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause_skips_queued_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_park_running_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unpark_leaves_down_and_blocked, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
