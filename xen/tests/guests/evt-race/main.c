/* SPDX-License-Identifier: MIT */
/*
 * evt-race: two vCPUs of one domain issue the same vCPU operation at the
 * same moment.
 *
 * Booted with dom_vcpus=N:8. vCPU 0 brings vCPU 1 up; then, for each of
 * vCPUs 2-7, both release each other through a shared word and call
 * VCPUOP_initialise on it with the same (valid) context (review #9).
 * Exactly one must succeed and the other get -EEXIST, as on Xen (the
 * check and the load are one step under the domain's lock). A broken
 * hypervisor lets both load the context: the second overwrites the
 * first's page-table references without releasing them. Then, for the
 * same vCPUs (initialised, down), both register a vcpu_info page at once
 * (review #24): one succeeds, the other gets -EINVAL (one registered
 * already), or a broken hypervisor takes two writable references and
 * keeps one forever.
 */
#include "evt.h"

#define FIRST_TARGET 2
#define LAST_TARGET  7
#define OP_INIT      0x100
#define OP_INFO      0x200

static volatile uint32_t go, answered;
static volatile long rc1;
static char info_pages[2][LAST_TARGET + 1][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static long initialise(uint32_t vcpu)
{
	return HYPERVISOR_vcpu_op(VCPUOP_initialise, vcpu, gva(&evt_ctx));
}

static long register_info(unsigned int who, uint32_t vcpu)
{
	struct vcpu_register_vcpu_info r = {
		.mfn = virt_to_mfn(info_pages[who][vcpu]), .offset = 0,
	};

	return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, gva(&r));
}

static long do_op(unsigned int who, uint32_t op)
{
	uint32_t vcpu = op & 0xff;

	return (op & OP_INFO) ? register_info(who, vcpu) : initialise(vcpu);
}

/* vCPU 1: each new value of go is an operation to race vCPU 0 on. */
static void racer(void)
{
	uint32_t seen = 0;

	while (seen != (OP_INFO | LAST_TARGET)) {
		while (go == seen)
			;
		seen = go;
		rc1 = do_op(1, seen);
		answered = seen;
	}
}

static void race(const char *what, uint32_t op, long loser_rc)
{
	char name[48];
	long rc0;

	go = op;
	rc0 = do_op(0, op);
	while (answered != op)
		;
	snprintf(name, sizeof(name), "%s-race/vcpu%u-once", what, op & 0xff);
	expect_true(name, (rc0 == 0 && rc1 == loser_rc) || (rc1 == 0 && rc0 == loser_rc),
		    "vCPU 0 got %ld, vCPU 1 got %ld (want one 0, one %ld)", rc0, rc1, loser_rc);
}

void test_main(void)
{
	const char *why = evt_setup();

	if (why) {
		fail("setup", "%s", why);
		return;
	}
	if (!expect_ok("race/vcpu1-start", evt_start_vcpu1(racer)))
		return;
	for (uint32_t t = FIRST_TARGET; t <= LAST_TARGET; t++)
		race("initialise", OP_INIT | t, -XEN_EEXIST);
	for (uint32_t t = FIRST_TARGET; t <= LAST_TARGET; t++)
		race("vcpu_info", OP_INFO | t, -XEN_EINVAL);
}
