/* SPDX-License-Identifier: MIT */
/*
 * evt-spin: a 2-vCPU domain that spins on both physical CPUs without a
 * single hypercall while the other guests of its boot run their tests.
 *
 * Module line: "evt-spin role=domU self=N first=F workers=K", booted as
 * the first domain with dom_vcpus=N:2 so each physical CPU has one of our
 * vCPUs. We offer one port to each worker domain F..F+K-1 (alloc_unbound),
 * mask them, start vCPU 1, and then both vCPUs spin until every worker
 * has bound its port and sent on it when it finished (see
 * evt_tell_spinner), reading the pending bits from shared_info with
 * upcalls masked. A hypervisor that never preempts a spinning vCPU leaves
 * the workers starved: nobody finishes, and after 100 s we give up with
 * a FAIL (the runner's QEMU timeout comes first).
 *
 * Checks: the ports are offered; vCPU 1 comes up; every worker finished
 * while we spun; both vCPUs made progress; both were preempted (runnable
 * time in their runstate), i.e. they shared their CPUs.
 */
#include "evt.h"

#define MAX_WORKERS 8

static volatile uint32_t stop;
static volatile uint64_t progress1;

static void spin_vcpu1(void)
{
	while (!stop)
		progress1++;
}

static bool all_pending(const uint32_t *ports, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (!evt_pending(ports[i]))
			return false;
	return true;
}

void test_main(void)
{
	const char *why = evt_setup();
	unsigned long first = evt_param("first", 0), nr = evt_param("workers", 0);
	uint32_t ports[MAX_WORKERS];
	struct vcpu_runstate_info r0, r1;
	uint64_t start, end, progress0 = 0;
	bool done;

	if (why) {
		fail("spin/setup", "setup: %s", why);
		return;
	}
	if (!first || !nr || nr > MAX_WORKERS) {
		fail("spin/setup", "setup: the module line lacks first=F workers=K (K <= 8)");
		return;
	}
	for (unsigned int i = 0; i < nr; i++) {
		if (evt_alloc_unbound(DOMID_SELF, (domid_t)(first + i), &ports[i])) {
			fail("spin/offer", "setup: alloc_unbound for domain %lu failed", first + i);
			return;
		}
		evt_mask(ports[i]);
	}
	pass("spin/offer");
	if (!expect_ok("spin/vcpu1-start", evt_start_vcpu1(spin_vcpu1)))
		return;

	/* No hypercall from here until every worker has said it is done. */
	start = evt_now();
	end = start + 100000 * MS;
	while (!(done = all_pending(ports, (unsigned int)nr)) && evt_now() < end)
		progress0++;
	stop = 1;

	expect_true("spin/workers-finished", done, "after %lu s some workers never reported",
		    (unsigned long)((evt_now() - start) / 1000000000ULL));
	printf("spin: workers done after %lu ms\n", (unsigned long)((evt_now() - start) / MS));
	expect_true("spin/vcpu1-ran", evt_vcpu1_started == 1, "vCPU 1 started %u times",
		    evt_vcpu1_started);
	expect_true("spin/both-progress", progress0 > 0 && progress1 > 0, "loops: %lu and %lu",
		    (unsigned long)progress0, (unsigned long)progress1);
	if (!HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, gva(&r0)) &&
	    !HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 1, gva(&r1)))
		expect_true("spin/both-preempted", r0.time[RUNSTATE_runnable] > 0 &&
			    r1.time[RUNSTATE_runnable] > 0,
			    "runnable time: vcpu0 %lu us, vcpu1 %lu us",
			    (unsigned long)(r0.time[RUNSTATE_runnable] / 1000),
			    (unsigned long)(r1.time[RUNSTATE_runnable] / 1000));
	else
		fail("spin/both-preempted", "get_runstate_info failed");
	expect_true("spin/vcpu1-stops", evt_wait_flag(&evt_vcpu1_done, 2000 * MS),
		    "vCPU 1 did not leave its loop");
}
