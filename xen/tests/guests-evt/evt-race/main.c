/* SPDX-License-Identifier: MIT */
/*
 * evt-race: two vCPUs of one domain issue the same vCPU operation at the
 * same moment (review #9).
 *
 * Booted with dom_vcpus=N:8. vCPU 0 brings vCPU 1 up; then, for each of
 * vCPUs 2-7, both release each other through a shared flag and call
 * VCPUOP_initialise on it with the same (valid) context. Exactly one must
 * succeed and the other get -EEXIST, as on Xen (the check and the load
 * are one step under the domain's lock). A broken hypervisor lets both
 * load the context: the second overwrites the first's page-table
 * references without releasing them.
 */
#include "evt.h"

#define FIRST_TARGET 2
#define LAST_TARGET  7

static volatile uint32_t go, answered;
static volatile long rc1;

static long initialise(uint32_t vcpu)
{
	return HYPERVISOR_vcpu_op(VCPUOP_initialise, vcpu, gva(&evt_ctx));
}

static void racer(void)
{
	uint32_t seen = 0;

	while (seen < LAST_TARGET) {
		while (go == seen)
			;
		seen = go;
		rc1 = initialise(seen);
		answered = seen;
	}
}

void test_main(void)
{
	const char *why = evt_setup();
	char name[48];

	if (why) {
		fail("setup", "%s", why);
		return;
	}
	if (!expect_ok("race/vcpu1-start", evt_start_vcpu1(racer)))
		return;
	for (uint32_t t = FIRST_TARGET; t <= LAST_TARGET; t++) {
		long rc0;

		go = t;
		rc0 = initialise(t);
		while (answered != t)
			;
		snprintf(name, sizeof(name), "initialise-race/vcpu%u-once", t);
		expect_true(name, (rc0 == 0 && rc1 == -XEN_EEXIST) || (rc1 == 0 && rc0 == -XEN_EEXIST),
			    "vCPU 0 got %ld, vCPU 1 got %ld (want one 0, one -EEXIST)", rc0, rc1);
	}
}
