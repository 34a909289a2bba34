/* SPDX-License-Identifier: GPL-2.0 */
/* The scheduler's side of the toolstack's controls on two fake CPUs:
 * vCPUs moved between CPUs (xl vcpu-pin: off every CPU, queued, running,
 * blocked on its way out, to the CPU it is on), slices scaled by the
 * credit2 weight, and the credit2 cap throttling a domain until its
 * period ends (sched-cap.c). Context switches are recorded, not made. */
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

/* vcpu-pin: a vCPU off every CPU moves at once and is woken there. */
static void test_move_down_vcpu(void **state)
{
	sched_move_vcpu(a, 1);
	assert_int_equal(a->processor, 1);
	assert_false(a->moving);
	vcpu_wake(a);                                 /* from CPU 0 */
	assert_int_equal(nr_ipis, 1);
	assert_int_equal(ipis[0].apic_id, 0x12);
	assert_null(run_schedule());
	on_cpu(1);
	assert_ptr_equal(run_schedule(), a);
}

/* A queued vCPU leaves its old queue for the new CPU's. */
static void test_move_queued_vcpu(void **state)
{
	vcpu_wake(a);
	vcpu_wake(b);
	assert_ptr_equal(run_schedule(), a);
	sched_move_vcpu(b, 1);
	assert_int_equal(b->processor, 1);
	assert_true(b->on_runq);
	assert_int_equal(ipis[nr_ipis - 1].apic_id, 0x12);
	vcpu_yield(a);
	assert_ptr_equal(run_schedule(), a);          /* nobody waits on CPU 0 now */
	on_cpu(1);
	assert_ptr_equal(run_schedule(), b);
}

/* A running vCPU goes at its CPU's next schedule(), to the new queue
 * only: never queued on the old one. */
static void test_move_running_vcpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_move_vcpu(a, 1);
	assert_int_equal(a->processor, 0);            /* until it is switched out */
	assert_true(vcpu_is_running(a));
	assert_null(run_schedule());
	assert_int_equal(a->processor, 1);
	assert_false(a->moving);
	assert_true(a->on_runq);
	assert_null(run_schedule());                  /* not on CPU 0's queue */
	on_cpu(1);
	assert_ptr_equal(run_schedule(), a);
	assert_int_equal(a->state, VCPU_RUNNING);
}

/* A vCPU that blocked on its way out arrives blocked, and an event
 * wakes it on the new CPU. */
static void test_move_blocked_vcpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_block(a);
	sched_move_vcpu(a, 1);
	assert_null(run_schedule());
	assert_int_equal(a->processor, 1);
	assert_int_equal(a->state, VCPU_BLOCKED);
	assert_false(a->on_runq);
	vcpu_unblock(a);
	assert_true(a->on_runq);
	on_cpu(1);
	assert_ptr_equal(run_schedule(), a);
}

/* Moving to the CPU it is on changes nothing. */
static void test_move_to_same_cpu(void **state)
{
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_move_vcpu(a, 0);
	assert_false(a->move_wanted);
	assert_ptr_equal(run_schedule(), a);
	assert_int_equal(nr_switches, 1);
}

/* credit2 weights: twice the weight, twice the slice; the slice stays
 * within one tick and SCHED_MAX_SLICE_TICKS. */
static unsigned int ticks_before_switch(struct vcpu *v)
{
	unsigned int t = 0;

	assert_ptr_equal(host_cpu_info->current, v);
	do {
		sched_tick();
		t++;
	} while (run_schedule() == v && t < 100);
	return t;
}

static void test_weight_scales_slice(void **state)
{
	dom_ab.sched_weight = 512;                       /* a */
	dom_cd.sched_weight = 0;                         /* c: the default */
	vcpu_wake(a);
	vcpu_wake(c);
	assert_ptr_equal(run_schedule(), a);
	assert_int_equal(ticks_before_switch(a), 2 * SCHED_SLICE_TICKS);
	assert_int_equal(ticks_before_switch(c), SCHED_SLICE_TICKS);
	dom_ab.sched_weight = 1;
	assert_int_equal(ticks_before_switch(a), 1);
	dom_ab.sched_weight = 65535;
	assert_int_equal(ticks_before_switch(c), SCHED_SLICE_TICKS);
	assert_int_equal(ticks_before_switch(a), SCHED_MAX_SLICE_TICKS);
}

/* credit2's cap: 20% is 2 ticks a period; the tick that uses them up
 * takes the domain off its CPUs, wakes do not queue it, and CPU 0's tick
 * at the period's end queues it again. Without a cap nothing stops. */
static void test_cap_throttles_until_period_end(void **state)
{
	unsigned int t = 0;

	dom_ab.sched_cap = 20;
	a->processor = 1;
	c->processor = 1;
	on_cpu(1);
	vcpu_wake(a);
	assert_ptr_equal(run_schedule(), a);
	sched_tick();
	assert_ptr_equal(run_schedule(), a);
	sched_tick();
	assert_true(sched_cap_throttled(&dom_ab));
	assert_null(run_schedule());
	assert_false(a->on_runq);
	assert_int_equal(a->state, VCPU_RUNNABLE);
	vcpu_wake(b);                                     /* its sibling stays off too */
	assert_false(b->on_runq);
	on_cpu(0);
	while (!a->on_runq && t++ < SCHED_CAP_PERIOD_TICKS)
		sched_tick();
	assert_true(t <= SCHED_CAP_PERIOD_TICKS);
	assert_false(sched_cap_throttled(&dom_ab));
	assert_true(b->on_runq);
	on_cpu(1);
	assert_ptr_equal(run_schedule(), a);
	vcpu_stop(a, false);
	vcpu_stop(b, false);
	assert_null(run_schedule());

	vcpu_wake(c);                                     /* dom_cd: no cap */
	assert_ptr_equal(run_schedule(), c);
	for (t = 0; t < 3 * SCHED_CAP_PERIOD_TICKS; t++) {
		sched_tick();
		assert_ptr_equal(run_schedule(), c);
	}
	assert_false(sched_cap_throttled(&dom_cd));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_move_down_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_queued_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_running_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_blocked_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_to_same_cpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weight_scales_slice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap_throttles_until_period_end, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
