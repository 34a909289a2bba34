/* SPDX-License-Identifier: GPL-2.0 */
/* VCPUOP_* and set_timer_op (common/vcpu-op.c): the checks made before
 * the argument is read (vcpuid, op, self-only) in Xen's order; each op's
 * validator with its boundaries and Xen 4.17's codes, on our copy of the
 * argument; and do_vcpu_op's single copy in, copy out on success only,
 * -EFAULT with nothing done for a bad pointer. A rejection leaves the
 * vCPU and every recorded effect as it was. */
#include "guest-fixture.h"
#include <asm/page.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/vcpu-op.h>

/* What the hooks vcpu-op.c calls saw. */
static unsigned int nr_kicks, nr_wakes, nr_stops, nr_shutdowns, nr_time_updates;
static unsigned int nr_inits, nr_periodic, nr_singleshot, nr_stop_periodic, nr_stop_singleshot;
static unsigned int shutdown_reason;
static struct vcpu *last_v;
static uint64_t last_ns, fake_now;
static long init_rc;
static uint64_t init_rip;

#define NR_FAKE_FRAMES 4
static uint8_t frames[NR_FAKE_FRAMES][PAGE_SIZE] __attribute__((aligned(4096)));

void *arch_map_guest_page(struct domain *d, uint64_t mfn)
{
	return mfn < NR_FAKE_FRAMES ? frames[mfn] : NULL;
}

long arch_vcpu_initialise(struct vcpu *v, const struct vcpu_guest_context *c)
{
	nr_inits++;
	last_v = v;
	init_rip = c->user_regs.rip;
	return init_rc;
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
	nr_shutdowns++;
	shutdown_reason = reason;
}

/* A recognisable answer: state is the vCPU's id plus 10. */
void guest_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *ri)
{
	memset(ri, 0, sizeof(*ri));
	ri->state = (int)v->vcpu_id + 10;
	ri->time[0] = 0x1234;
}

void guest_time_update(struct vcpu *v) { nr_time_updates++; last_v = v; }
uint64_t system_time_ns(void) { return fake_now; }
void vcpu_kick(struct vcpu *v) { nr_kicks++; last_v = v; }
void vcpu_wake(struct vcpu *v) { nr_wakes++; last_v = v; }

void vcpu_stop(struct vcpu *v, bool dead)
{
	nr_stops++;
	v->state = dead ? VCPU_DEAD : VCPU_DOWN;
}

void vcpu_set_periodic(struct vcpu *v, uint64_t ns) { nr_periodic++; last_ns = ns; }
void vcpu_stop_periodic(struct vcpu *v) { nr_stop_periodic++; }
void vcpu_set_singleshot(struct vcpu *v, uint64_t ns) { nr_singleshot++; last_ns = ns; }
void vcpu_stop_singleshot(struct vcpu *v) { nr_stop_singleshot++; }

static unsigned int effects(void)
{
	return nr_kicks + nr_wakes + nr_stops + nr_shutdowns + nr_time_updates + nr_inits +
	       nr_periodic + nr_singleshot + nr_stop_periodic + nr_stop_singleshot;
}

/* The vCPUs and the domain as a rejection must leave them. */
static struct vcpu vcpus_before[NR_V];
static struct shared_info shinfo_before;
static unsigned int effects_before;

static void take_snap(void)
{
	memcpy(vcpus_before, vcpus, sizeof(vcpus));
	shinfo_before = shinfo;
	effects_before = effects();
}

static void assert_unchanged(void)
{
	assert_memory_equal(vcpus_before, vcpus, sizeof(vcpus));
	assert_memory_equal(&shinfo_before, &shinfo, sizeof(shinfo));
	assert_int_equal(effects(), effects_before);
}

static int setup(void **state)
{
	guest_fixture_reset();
	memset(frames, 0, sizeof(frames));
	nr_kicks = nr_wakes = nr_stops = nr_shutdowns = nr_time_updates = 0;
	nr_inits = nr_periodic = nr_singleshot = nr_stop_periodic = nr_stop_singleshot = 0;
	shutdown_reason = ~0u;
	last_v = NULL;
	last_ns = 0;
	fake_now = 5000000000ULL;
	init_rc = 0;
	init_rip = 0;
	return 0;
}

/* The core on v, called by vCPU 0, as do_vcpu_op would after its copy. */
static long run(unsigned int vcpuid, uint64_t cmd, void *arg)
{
	return vcpu_op_run(&vcpus[0], &vcpus[vcpuid], cmd, arg);
}

/* The whole hypercall; the argument is read from the guest once at most. */
static long hc(uint64_t cmd, uint64_t vcpuid, uint64_t gva)
{
	long rc;

	nr_copy_in = nr_copy_out = 0;
	rc = do_vcpu_op(cmd, vcpuid, gva);
	assert_in_range(nr_copy_in, 0, 1);
	return rc;
}

static void test_target_vcpuid(void **state)
{
	static const uint64_t bad[] = { NR_V, NR_V + 1, MAX_VCPUS_PER_DOM, 0xffffffffULL,
					0x100000000ULL, ~0ULL };
	struct vcpu *v = NULL;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(vcpu_op_target(&vcpus[0], VCPUOP_is_up, bad[i], &v), -ENOENT);
	/* A slot below max_vcpus with no vCPU in it. */
	dom.vcpu[2] = NULL;
	assert_int_equal(vcpu_op_target(&vcpus[0], VCPUOP_is_up, 2, &v), -ENOENT);
	/* The vcpuid is judged before the op, as in Xen. */
	assert_int_equal(vcpu_op_target(&vcpus[0], 99, NR_V, &v), -ENOENT);
	assert_int_equal(vcpu_op_target(&vcpus[0], VCPUOP_is_up, 1, &v), 0);
	assert_ptr_equal(v, &vcpus[1]);
	/* The hypercall takes an int cmd and an unsigned int vcpuid, as Xen:
	 * the registers' upper halves are dropped. */
	assert_int_equal(hc(VCPUOP_is_up, 0x100000000ULL, GVA_NULL), 1);
	assert_int_equal(hc(VCPUOP_is_up | 0xabcd00000000ULL, ~0ULL << 32, GVA_NULL), 1);
	assert_int_equal(hc(VCPUOP_is_up, 0xffffffffULL | (7ULL << 32), GVA_NULL), -ENOENT);
	assert_int_equal(hc(0x80000000ULL | VCPUOP_is_up, 0, GVA_NULL), -ENOSYS);
}

static void test_target_op(void **state)
{
	/* send_nmi is not implemented here; 14 is past Xen's last op. */
	static const uint64_t bad[] = { VCPUOP_send_nmi, VCPUOP_register_vcpu_time_memory_area + 1,
					64, 0x80000000ULL, ~0ULL };
	struct vcpu *v;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(vcpu_op_target(&vcpus[0], bad[i], 0, &v), -ENOSYS);
	for (uint64_t cmd = VCPUOP_initialise; cmd <= VCPUOP_register_vcpu_time_memory_area; cmd++)
		if (cmd != VCPUOP_send_nmi)
			assert_int_equal(vcpu_op_target(&vcpus[0], cmd, 0, &v), 0);
}

/* The single-shot timer is the caller's own (Xen: -EINVAL otherwise),
 * and that is judged before the argument is read. */
static void test_target_self_only(void **state)
{
	struct vcpu *v;

	assert_int_equal(vcpu_op_target(&vcpus[0], VCPUOP_set_singleshot_timer, 1, &v), -EINVAL);
	assert_int_equal(vcpu_op_target(&vcpus[0], VCPUOP_stop_singleshot_timer, 2, &v), -EINVAL);
	as(&vcpus[1]);
	assert_int_equal(vcpu_op_target(&vcpus[1], VCPUOP_set_singleshot_timer, 1, &v), 0);
	assert_int_equal(vcpu_op_target(&vcpus[1], VCPUOP_stop_singleshot_timer, 1, &v), 0);
	/* Through the hypercall: -EINVAL, not the bad pointer's -EFAULT. */
	as(&vcpus[0]);
	take_snap();
	assert_int_equal(hc(VCPUOP_set_singleshot_timer, 1, GVA_NULL), -EINVAL);
	assert_int_equal(nr_copy_in, 0);
	assert_unchanged();
}

static void test_register_vcpu_info_rejects(void **state)
{
	static const uint32_t bad_offsets[] = {
		PAGE_SIZE - sizeof(struct vcpu_info) + 8,   /* runs off the page */
		PAGE_SIZE - 8, PAGE_SIZE, 0xffffffffu,
		4, 1, PAGE_SIZE - sizeof(struct vcpu_info) - 4,   /* not 8-byte aligned */
	};
	struct vcpu_register_vcpu_info info = { .mfn = 1 };

	take_snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_offsets); i++) {
		info.offset = bad_offsets[i];
		assert_int_equal(run(0, VCPUOP_register_vcpu_info, &info), -ENXIO);
	}
	info.offset = 0;
	/* Another vCPU only while it is down. */
	assert_int_equal(run(1, VCPUOP_register_vcpu_info, &info), -EINVAL);
	/* A frame the domain cannot map: the claim is undone. */
	info.mfn = NR_FAKE_FRAMES;
	assert_int_equal(run(0, VCPUOP_register_vcpu_info, &info), -EINVAL);
	info.mfn = ~0ULL;
	assert_int_equal(run(0, VCPUOP_register_vcpu_info, &info), -EINVAL);
	assert_unchanged();
	/* Xen 4.17 ignores rsvd. */
	info.mfn = 1;
	info.rsvd = 0xdeadbeef;
	assert_int_equal(run(0, VCPUOP_register_vcpu_info, &info), 0);
}

static void test_register_vcpu_info_moves(void **state)
{
	const uint32_t last = PAGE_SIZE - sizeof(struct vcpu_info);
	struct vcpu_register_vcpu_info info = { .mfn = 2, .offset = last };
	struct vcpu_info *moved = (struct vcpu_info *)(frames[2] + last);

	shinfo.vcpu_info[0].evtchn_upcall_mask = 1;
	shinfo.vcpu_info[0].arch.cr2 = 0xc2;
	assert_int_equal(run(0, VCPUOP_register_vcpu_info, &info), 0);
	assert_ptr_equal(vcpus[0].vcpu_info, moved);
	assert_int_equal(vcpus[0].vcpu_info_mfn, 2);
	assert_int_equal(moved->evtchn_upcall_mask, 1);
	assert_int_equal(moved->arch.cr2, 0xc2);
	/* Everything pending once at the new place, and the vCPU told. */
	assert_int_equal(moved->evtchn_pending_sel, ~0UL);
	assert_int_equal(moved->evtchn_upcall_pending, 1);
	assert_int_equal(nr_kicks, 1);
	assert_int_equal(nr_time_updates, 1);
	/* Once only (Xen: -EINVAL), even at another place. */
	take_snap();
	info.mfn = 3;
	info.offset = 0;
	assert_int_equal(run(0, VCPUOP_register_vcpu_info, &info), -EINVAL);
	assert_unchanged();
	/* A vCPU that is down may be given one by another. */
	vcpus[1].state = VCPU_DOWN;
	assert_int_equal(run(1, VCPUOP_register_vcpu_info, &info), 0);
	assert_ptr_equal(vcpus[1].vcpu_info, (struct vcpu_info *)frames[3]);
}

static void test_initialise(void **state)
{
	struct vcpu_guest_context *ctx = calloc(1, sizeof(*ctx));

	ctx->user_regs.rip = 0xffffffff81000000ULL;
	/* The architecture's verdict is the answer, whatever it is. */
	init_rc = -EEXIST;
	assert_int_equal(hc(VCPUOP_initialise, 1, GVA(ctx)), -EEXIST);
	assert_int_equal(nr_inits, 1);
	assert_ptr_equal(last_v, &vcpus[1]);
	assert_int_equal(init_rip, 0xffffffff81000000ULL);
	init_rc = 0;
	assert_int_equal(hc(VCPUOP_initialise, 2, GVA(ctx)), 0);
	assert_int_equal(nr_copy_in, 1);
	/* A bad pointer or no memory: the architecture never sees it. */
	take_snap();
	assert_int_equal(hc(VCPUOP_initialise, 1, GVA_NULL), -EFAULT);
	assert_int_equal(hc(VCPUOP_initialise, 1, GVA_HYP), -EFAULT);
	assert_int_equal(hc(VCPUOP_initialise, 1, GVA_NONCANON - sizeof(*ctx) + 1), -EFAULT);
	fail_alloc = true;
	assert_int_equal(hc(VCPUOP_initialise, 1, GVA(ctx)), -ENOMEM);
	assert_int_equal(nr_copy_in, 0);
	assert_unchanged();
	free(ctx);
}

static void test_up_down(void **state)
{
	vcpus[1].initialised = false;
	vcpus[1].state = VCPU_DOWN;
	take_snap();
	assert_int_equal(hc(VCPUOP_up, 1, GVA_NULL), -EINVAL);
	assert_unchanged();
	vcpus[1].initialised = true;
	assert_int_equal(hc(VCPUOP_up, 1, GVA_NULL), 0);
	assert_int_equal(nr_wakes, 1);
	assert_ptr_equal(last_v, &vcpus[1]);
	assert_int_equal(hc(VCPUOP_is_up, 2, 0), 1);
	assert_int_equal(hc(VCPUOP_down, 2, 0), 0);
	assert_int_equal(hc(VCPUOP_is_up, 2, 0), 0);
	assert_int_equal(hc(VCPUOP_down, 1, 0), 0);
	assert_int_equal(nr_shutdowns, 0);
	/* The last vCPU going down ends the domain, as in Xen. */
	assert_int_equal(hc(VCPUOP_down, 0, 0), 0);
	assert_int_equal(nr_shutdowns, 1);
	assert_int_equal(shutdown_reason, SHUTDOWN_poweroff);
	vcpus[1].state = VCPU_DEAD;
	assert_int_equal(run(1, VCPUOP_is_up, NULL), 0);
}

static void test_get_runstate_info(void **state)
{
	struct vcpu_runstate_info ri;

	memset(&ri, 0xa5, sizeof(ri));
	assert_int_equal(hc(VCPUOP_get_runstate_info, 2, GVA(&ri)), 0);
	assert_int_equal(ri.state, 12);
	assert_int_equal(ri.time[0], 0x1234);
	assert_int_equal(nr_copy_in, 0);
	assert_int_equal(nr_copy_out, 1);
	assert_int_equal(hc(VCPUOP_get_runstate_info, 0, GVA(read_only_arg)), -EFAULT);
	assert_int_equal(hc(VCPUOP_get_runstate_info, 0, GVA_NULL), -EFAULT);
	assert_int_equal(hc(VCPUOP_get_runstate_info, 0, GVA_HYP_LAST), -EFAULT);
	assert_int_equal(hc(VCPUOP_get_runstate_info, 0, GVA_ALL_ONES), -EFAULT);
}

/* Both memory areas: the address is checked once, when registered. */
static void check_register_area(uint64_t cmd, uint64_t *slot_of_1)
{
	static const uint64_t bad[] = {
		GVA_HYP, GVA_HYP_LAST, GVA_NONCANON, GVA_NONCANON - 8, GVA_ALL_ONES,
		GVA_ALL_ONES - 8,   /* wraps */
	};
	const uint64_t good = 0x7fffffffe000ULL;
	uint64_t gva;

	take_snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		gva = bad[i];
		assert_int_equal(run(1, cmd, &gva), -EFAULT);
	}
	assert_int_equal(hc(cmd, 1, GVA_NULL), -EFAULT);   /* the argument itself */
	assert_unchanged();
	gva = good;
	assert_int_equal(run(1, cmd, &gva), 0);
	assert_int_equal(*slot_of_1, good);
	/* Another vCPU's clock is refreshed when it next runs, not now. */
	assert_int_equal(nr_time_updates, 0);
	assert_int_equal(hc(cmd, 0, GVA(&gva)), 0);
	assert_int_equal(nr_time_updates, 1);
	/* 0 stops the updates. */
	gva = 0;
	assert_int_equal(run(1, cmd, &gva), 0);
	assert_int_equal(*slot_of_1, 0);
}

static void test_register_runstate_area(void **state)
{
	check_register_area(VCPUOP_register_runstate_memory_area, &vcpus[1].runstate_gva);
}

static void test_register_time_area(void **state)
{
	check_register_area(VCPUOP_register_vcpu_time_memory_area, &vcpus[1].time_gva);
}

static void test_periodic_timer(void **state)
{
	static const uint64_t bad[] = { 0, 1, 999999, 1ULL << 62, (1ULL << 62) + 1, ~0ULL };
	static const uint64_t good[] = { 1000000, 10000000, (1ULL << 62) - 1 };
	struct vcpu_set_periodic_timer pt;

	take_snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		pt.period_ns = bad[i];
		assert_int_equal(run(1, VCPUOP_set_periodic_timer, &pt), -EINVAL);
	}
	assert_int_equal(hc(VCPUOP_set_periodic_timer, 1, GVA_HYP), -EFAULT);
	assert_unchanged();
	for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
		pt.period_ns = good[i];
		assert_int_equal(run(1, VCPUOP_set_periodic_timer, &pt), 0);
		assert_int_equal(last_ns, good[i]);
	}
	assert_int_equal(hc(VCPUOP_stop_periodic_timer, 1, 0), 0);
	assert_int_equal(nr_stop_periodic, 1);
}

static void test_singleshot_timer(void **state)
{
	struct vcpu_set_singleshot_timer ss = { .timeout_abs_ns = fake_now - 1,
						.flags = VCPU_SSHOTTMR_future };

	/* Xen 4.17.0: a deadline already past with the "future" flag. */
	take_snap();
	assert_int_equal(run(0, VCPUOP_set_singleshot_timer, &ss), -ETIME);
	assert_int_equal(hc(VCPUOP_set_singleshot_timer, 0, GVA_NULL), -EFAULT);
	assert_unchanged();
	ss.timeout_abs_ns = fake_now;
	assert_int_equal(hc(VCPUOP_set_singleshot_timer, 0, GVA(&ss)), 0);
	assert_int_equal(last_ns, fake_now);
	/* Without the flag a past deadline simply fires. */
	ss.flags = 0;
	ss.timeout_abs_ns = 1;
	assert_int_equal(run(0, VCPUOP_set_singleshot_timer, &ss), 0);
	assert_int_equal(last_ns, 1);
	assert_int_equal(hc(VCPUOP_stop_singleshot_timer, 0, 0), 0);
	assert_int_equal(nr_stop_singleshot, 1);
}

static void test_get_physid(void **state)
{
	take_snap();
	assert_int_equal(hc(VCPUOP_get_physid, 0, GVA(read_only_arg)), -EINVAL);
	assert_int_equal(nr_copy_out, 0);
	assert_unchanged();
}

/* do_vcpu_op reads each argument once and acts on nothing it did not
 * copy: a bad pointer is -EFAULT with no effect, for every op that has
 * an argument. */
static void test_bad_pointers(void **state)
{
	static const uint64_t ops[] = {
		VCPUOP_initialise, VCPUOP_register_runstate_memory_area,
		VCPUOP_set_periodic_timer, VCPUOP_set_singleshot_timer,
		VCPUOP_register_vcpu_info, VCPUOP_register_vcpu_time_memory_area,
	};
	static const uint64_t gvas[] = { GVA_NULL, GVA_HYP, GVA_HYP_LAST, GVA_NONCANON,
					 GVA_ALL_ONES };

	take_snap();
	for (unsigned int i = 0; i < ARRAY_SIZE(ops); i++)
		for (unsigned int k = 0; k < ARRAY_SIZE(gvas); k++) {
			assert_int_equal(hc(ops[i], 0, gvas[k]), -EFAULT);
			assert_int_equal(nr_copy_in, 1);
		}
	assert_unchanged();
}

static void test_set_timer_op(void **state)
{
	assert_int_equal(do_set_timer_op(fake_now + 1000), 0);
	assert_int_equal(last_ns, fake_now + 1000);
	assert_int_equal(do_set_timer_op(0), 0);
	assert_int_equal(nr_stop_singleshot, 1);
	/* Negative, or past 2^50 ns ahead: in 100 ms instead, as Xen. */
	assert_int_equal(do_set_timer_op(1ULL << 63), 0);
	assert_int_equal(last_ns, fake_now + 100000000ULL);
	assert_int_equal(do_set_timer_op(fake_now + (1ULL << 50) + 1), 0);
	assert_int_equal(last_ns, fake_now + 100000000ULL);
	assert_int_equal(do_set_timer_op(fake_now + (1ULL << 50)), 0);
	assert_int_equal(last_ns, fake_now + (1ULL << 50));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_target_vcpuid, setup),
		cmocka_unit_test_setup(test_target_op, setup),
		cmocka_unit_test_setup(test_target_self_only, setup),
		cmocka_unit_test_setup(test_register_vcpu_info_rejects, setup),
		cmocka_unit_test_setup(test_register_vcpu_info_moves, setup),
		cmocka_unit_test_setup(test_initialise, setup),
		cmocka_unit_test_setup(test_up_down, setup),
		cmocka_unit_test_setup(test_get_runstate_info, setup),
		cmocka_unit_test_setup(test_register_runstate_area, setup),
		cmocka_unit_test_setup(test_register_time_area, setup),
		cmocka_unit_test_setup(test_periodic_timer, setup),
		cmocka_unit_test_setup(test_singleshot_timer, setup),
		cmocka_unit_test_setup(test_get_physid, setup),
		cmocka_unit_test_setup(test_bad_pointers, setup),
		cmocka_unit_test_setup(test_set_timer_op, setup),
	};

	return RUN(tests);
}
